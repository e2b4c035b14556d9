package uk.nhs.phm.jobs.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import uk.nhs.phm.jobs.cli.VersionProvider;
import uk.nhs.phm.jobs.io.Fs;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.config.Setting;
import uk.nhs.phm.pipeline.config.Settings;
import uk.nhs.phm.pipeline.validate.TableOrigin;
import uk.nhs.phm.pipeline.validate.ValidatedTable;
import uk.nhs.phm.pipeline.validate.ValidationSummary;

/**
 * ops/runs/&lt;run_id&gt;/manifest.json: everything needed to reproduce a published figure (outputs.md):
 * as-of date, configuration (secrets redacted), code-list versions (checksums), input files with sizes and
 * checksums, row counts per stage, the tables the run wrote and where, and the software version. No
 * person-level values.
 */
public final class RunManifest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunManifest() {
    }

    /**
     * @param tables  output table path → its partition in the run's snapshot, relative to the output folder
     * @param display a path relative to the output folder → where people read it
     */
    public static String json(RunResult r, Settings settings, List<ValidatedTable> inputs, Configuration hadoop,
                              Instant start, Instant end, long population, Map<String, String> tables,
                              java.util.function.UnaryOperator<String> display) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", r.runId);
        m.put("status", "published");
        m.put("as_of_date", r.asOf.date.toString());
        m.put("as_of_source", r.asOf.source);
        m.put("started_at", start.toString());
        m.put("finished_at", end.toString());
        m.put("software_version", VersionProvider.version());
        m.put("spark_version", org.apache.spark.package$.MODULE$.SPARK_VERSION());
        m.put("config", settings.redacted());
        Map<String, Object> lists = new LinkedHashMap<>();
        for (Setting<String> s : List.of(PhmSettings.CONDITIONS, PhmSettings.CONDITION_CODES, PhmSettings.EFI_DEFICITS,
                PhmSettings.EFI_DEFICIT_CODES, PhmSettings.CHARLSON_MAP,
                PhmSettings.CHARLSON_WEIGHTS, PhmSettings.CMMS_CONDITIONS, PhmSettings.CMMS_CODES, PhmSettings.SEGMENT_RULES,
                PhmSettings.COHORT_RULES)) {
            String loc = settings.get(s);
            lists.put(s.key, Map.of("path", Fs.display(loc), "sha256", checksum(loc, hadoop)));
        }
        m.put("code_lists", lists);
        List<Map<String, Object>> files = new ArrayList<>();
        for (ValidatedTable v : inputs) {
            if (!v.present()) {
                continue;
            }
            for (TableOrigin.SourceFile f : v.origin.files) {
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("table", v.table.tableName);
                i.put("path", Fs.display(f.path));
                i.put("format", v.origin.format.name().toLowerCase(java.util.Locale.ROOT));
                i.put("bytes", f.bytes);
                i.put("sha256", checksum(f.path, hadoop));
                files.add(i);
            }
        }
        m.put("inputs", files);
        m.put("absent_tables", r.absentTables);
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Map.Entry<String, ValidationSummary> e : r.validation.entrySet()) {
            ValidationSummary s = e.getValue();
            counts.put(e.getKey(), Map.of("rows_read", s.rowsRead, "rows_accepted", s.rowsAccepted,
                    "rows_quarantined", s.rowsQuarantined));
        }
        m.put("row_counts", Map.of("inputs", counts, "population_at_as_of", population));
        // Every gate the run passed and what it measured (a run that breached one is not published).
        m.put("data_quality_gates", r.gates.stream().map(g -> Map.of("gate", g.gate(), "passed", g.passed(),
                "measured", g.message())).toList());
        List<Map<String, Object>> stages = new ArrayList<>();
        for (StageMetrics.Stage s : r.stages) {
            stages.add(Map.of("stage", s.name, "wall_ms", s.wallMillis, "rows", s.rows, "peak_heap_bytes", s.peakHeapBytes));
        }
        m.put("stages", stages);
        m.put("tables", tables);
        // The run's own files: a reader following the manifest never reads a folder another run has replaced.
        Map<String, String> outputs = new LinkedHashMap<>();
        tables.forEach((t, rel) -> outputs.put(t, display.apply(rel)));
        m.put("outputs", outputs);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the run manifest", e);
        }
    }

    private static String checksum(String location, Configuration hadoop) {
        Path p = new Path(location);
        FileSystem fs = Fs.fileSystem(p, hadoop);
        return Fs.sha256(fs, p);
    }
}
