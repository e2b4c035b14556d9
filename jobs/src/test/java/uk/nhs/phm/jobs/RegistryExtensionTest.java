package uk.nhs.phm.jobs;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.phm.jobs.io.OutputStore;
import uk.nhs.phm.jobs.run.ConfigLoader;
import uk.nhs.phm.jobs.run.PipelineRun;
import uk.nhs.phm.pipeline.output.DataDictionary;
import uk.nhs.phm.pipeline.output.OutputColumn;
import uk.nhs.phm.pipeline.output.OutputRegistry;
import uk.nhs.phm.pipeline.output.OutputTable;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.run.Key;
import uk.nhs.phm.pipeline.run.Keys;
import uk.nhs.phm.pipeline.run.RunContext;
import uk.nhs.phm.pipeline.run.Stage;
import uk.nhs.phm.pipeline.run.StageLine;
import uk.nhs.phm.pipeline.run.StageResult;
import uk.nhs.phm.pipeline.schema.InputColumns;
import uk.nhs.phm.pipeline.stages.StandardLines;
import uk.nhs.phm.pipeline.testing.SparkTestSession;

/**
 * A new published table is one registry entry and one stage: with nothing else changed it is written with the
 * run, published and read back through the store, listed in the manifest and documented in the data dictionary.
 */
class RegistryExtensionTest {
    private static final Path TINY = CliRun.HOME.resolve("jobs/src/test/resources/extracts/tiny");

    /** A throwaway table: people per practice at T (unsuppressed, so restricted: it is only a test). */
    static final OutputTable PEOPLE_BY_PRACTICE = new OutputTable(OutputTable.Tier.RESTRICTED, "people_by_practice",
            "People per GP practice at T (a throwaway table of RegistryExtensionTest).",
            List.of(OutputColumn.of(InputColumns.PRACTICE_CODE, DataTypes.StringType, "GP practice (ODS)"),
                    OutputColumn.of("people", DataTypes.LongType, "People registered at T", "people")), true);

    /** The one stage that fills it, from the stored patient segments. */
    static final class CountPeopleByPractice implements Stage {
        public String name() {
            return "people by practice";
        }

        public Set<Key<?>> needs() {
            return Set.of(Keys.output(OutputTables.PATIENT_SEGMENTS));
        }

        public Set<Key<?>> produces() {
            return Set.of(Keys.output(PEOPLE_BY_PRACTICE));
        }

        public StageResult run(RunContext ctx) {
            return StageResult.of().output(PEOPLE_BY_PRACTICE, ctx.get(Keys.output(OutputTables.PATIENT_SEGMENTS))
                    .groupBy(InputColumns.PRACTICE_CODE).agg(count(lit(1)).alias("people")));
        }
    }

    @Test
    void aTableIsOneRegistryEntryAndOneStage(@TempDir Path tmp) {
        OutputRegistry registry = OutputTables.REGISTRY.with(PEOPLE_BY_PRACTICE);
        List<Stage> stages = new ArrayList<>(StandardLines.nightly().stages());
        stages.add(new CountPeopleByPractice());
        Path out = tmp.resolve("out");
        System.setProperty("phm.home", CliRun.HOME.toString());
        Map<String, String> options = new java.util.HashMap<>(Map.of("input", TINY.toString(), "output", out.toString(),
                "spark.master", "local[2]", "spark.sql.shuffle.partitions", "2", "spark.driver.host", "127.0.0.1"));
        options.putAll(CliRun.noGates());
        SparkTestSession.get();
        var settings = ConfigLoader.load(null, options);
        new PipelineRun(settings, LocalDate.now(ZoneOffset.UTC), new StageLine(stages), registry).publish();

        // Read back through the store (the published run for T) and through the folder readers glob.
        LocalDate t = LocalDate.of(2026, 2, 1);
        OutputStore store = new OutputStore(out.toString(), new Configuration(), registry);
        List<Row> rows = store.read(SparkTestSession.get(), PEOPLE_BY_PRACTICE, t).orElseThrow()
                .orderBy(InputColumns.PRACTICE_CODE).collectAsList();
        // Hand-worked on the tiny extract: A81001 has PA..01 and PA..03 at T; A81002 has PA..02 and PA..06.
        assertEquals("[[A81001,2], [A81002,2]]", rows.toString());
        assertEquals(2, SparkTestSession.get().read().parquet(out.resolve("restricted/people_by_practice").toString())
                .filter("as_of_date = '2026-02-01'").count());
        JsonNode manifest = store.manifest(store.latest().orElseThrow().runId);
        assertTrue(manifest.get("tables").has("restricted/people_by_practice"), manifest.get("tables").toString());
        // Documented: the data dictionary generated from the registry has its section and columns.
        String dictionary = DataDictionary.tables(registry);
        assertTrue(dictionary.contains("## `restricted/people_by_practice`\n\nPeople per GP practice at T"), dictionary);
        assertTrue(dictionary.contains("| people | bigint | People registered at T | people |"), dictionary);
    }
}
