package uk.nhs.phm.jobs;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.phm.pipeline.output.OutputTable;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.testing.RowAssert;
import uk.nhs.phm.pipeline.testing.SparkTestSession;

/** The README's run command on the shipped sample data, twice, checking the outputs a BI team relies on. */
class SampleDataIntegrationTest {
    private static final Path SAMPLE = CliRun.HOME.resolve("sample-data/extract");
    @TempDir
    static Path tmp;
    static Path out;
    static CliRun first;

    @BeforeAll
    static void runOnSampleData() {
        out = tmp.resolve("output");
        first = CliRun.phm("run", "--input", SAMPLE.toString(), "--output", out.toString());
    }

    private static Dataset<Row> read(String table) {
        return SparkTestSession.get().read().parquet(out.resolve(table).toString());
    }

    @Test
    void runSucceedsAndPrintsTheSummary() {
        assertEquals(0, first.exitCode, first.err);
        assertTrue(first.out.contains("As-of date T: 2026-09-30 (latest activity date in the extract)"), first.out);
        assertTrue(first.out.contains("Segment mix:"), first.out);
        assertTrue(first.out.contains("quarantined"), first.out);
        assertTrue(first.out.contains(out.resolve("published/segment_summary").toString()), first.out);
    }

    @Test
    void everyTableReconcilesWithItsFileAndItsQuarantine() throws Exception {
        Map<String, Row> dq = RowAssert.byKey(read("ops/data_quality"), "table_name");
        assertEquals(InputTable.values().length, dq.size());
        for (InputTable t : InputTable.values()) {
            Row r = dq.get(t.tableName);
            long readRows = r.getLong(r.fieldIndex("rows_read"));
            long accepted = r.getLong(r.fieldIndex("rows_accepted"));
            long quarantined = r.getLong(r.fieldIndex("rows_quarantined"));
            assertEquals("loaded", r.getString(r.fieldIndex("status")), t.tableName);
            assertEquals(readRows, accepted + quarantined, t.tableName + ": read = accepted + quarantined");
            assertEquals(dataLines(SAMPLE.resolve(t.tableName + ".csv.gz")), readRows, t.tableName + ": rows in the file");
            assertEquals(quarantined, read("ops/quarantine/" + t.tableName).count(), t.tableName + ": quarantine rows");
            assertTrue(quarantined > 0 || t == InputTable.INTERVENTIONS, t.tableName + ": the sample carries bad rows");
        }
        long byReason = read("ops/quarantine_reasons").groupBy().sum("rows").first().getLong(0);
        assertEquals(dq.values().stream().mapToLong(r -> r.getLong(r.fieldIndex("rows_quarantined"))).sum(), byReason);
    }

    private static long dataLines(Path gz) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            return in.lines().count() - 1;
        }
    }

    @Test
    void everyOutputTableHasTheDocumentedSchema() {
        for (OutputTable t : OutputTables.REGISTRY.tables()) {
            List<String> want = new ArrayList<>();
            for (StructField f : t.schemaWithPartition().fields()) {
                want.add(f.name() + ":" + f.dataType().simpleString());
            }
            List<String> got = new ArrayList<>();
            for (StructField f : read(t.path()).schema().fields()) {
                got.add(f.name() + ":" + f.dataType().simpleString());
            }
            assertEquals(want, got, t.path());
        }
    }

    @Test
    void publishedCountsAreDisclosureControlled() {
        Dataset<Row> s = read("published/segment_summary");
        for (String c : List.of("patients", "nel_admissions_12m", "ae_attendances_12m", "bed_days_12m")) {
            assertEquals(0, s.filter(col(c).between(1, 7)).count(), c + " has a published count of 1-7");
            assertEquals(0, s.filter(col(c).isNotNull().and(col(c).mod(5).notEqual(0))).count(), c + " not rounded to 5");
        }
        assertEquals(0, s.filter(col("suppressed").and(col("patients").isNotNull().or(col("share_of_population").isNotNull())
                .or(col("cost_12m").isNotNull()))).count(), "a suppressed cell shows a figure");
        assertTrue(s.filter(col("suppressed")).count() > 0, "the sample has small cells to suppress");
        assertEquals(0, s.filter(col("activity_suppressed").unary_$bang().and(col("nel_admissions_12m").isNull()
                .or(col("ae_attendances_12m").isNull()).or(col("bed_days_12m").isNull()))).count(),
                "every withheld activity figure is flagged");
        assertEquals(List.of("icb", "lsoa", "pcn", "place"), s.select("geography_level").distinct().orderBy("geography_level")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    }

    /** The run audited what it published: one row per measure of each table, every one a pass, as the manifest says. */
    @Test
    void theDisclosureAuditPassesForEveryMeasureAndTheManifestRecordsIt() throws Exception {
        Dataset<Row> audit = read("ops/disclosure_audit");
        Map<String, Row> byMeasure = RowAssert.byKey(audit.filter("table_name = 'segment_summary'"), "measure");
        assertEquals(java.util.Set.of("patients", "nel_admissions_12m", "ae_attendances_12m", "bed_days_12m",
                "cost_12m"), byMeasure.keySet());
        long cells = read("published/segment_summary").count();
        Dataset<Row> summary = read("published/segment_summary");
        for (Row r : byMeasure.values()) {
            String measure = r.getString(r.fieldIndex("measure"));
            assertEquals("pass", r.getString(r.fieldIndex("verdict")), measure);
            assertEquals(0L, r.getLong(r.fieldIndex("determined_cells")), measure);
            assertEquals(cells, r.getLong(r.fieldIndex("cells")), measure);
            long withheld = summary.filter(col(measure).isNull()).count();
            assertEquals(withheld, r.getLong(r.fieldIndex("primary_suppressed")) + r.getLong(r.fieldIndex("secondary_suppressed"))
                    + r.getLong(r.fieldIndex("derived_suppressed")), measure + ": the reasons add up to the nulls");
        }
        assertTrue(byMeasure.get("patients").getLong(byMeasure.get("patients").fieldIndex("primary_suppressed")) > 0);
        // The indicators are audited in the same system, one cell per area and indicator (its first method's row,
        // which prints the same counts as its other rows); none is determined.
        Map<String, Row> indicators = RowAssert.byKey(audit.filter("table_name = 'indicators'"), "measure");
        assertEquals(java.util.Set.of("numerator", "denominator"), indicators.keySet());
        long indicatorCells = read("published/indicators").filter("method in ('crude_rate', 'proportion_wilson') "
                + "or (indicator_id = 'mortality_all_cause' and method = 'dsr_esp2013')").count();
        for (Row r : indicators.values()) {
            assertEquals("pass", r.getString(r.fieldIndex("verdict")));
            assertEquals(0L, r.getLong(r.fieldIndex("determined_cells")));
            assertEquals(indicatorCells, r.getLong(r.fieldIndex("cells")));
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode latest = json.readTree(out.resolve("ops/runs/latest.json").toFile());
        JsonNode manifest = json.readTree(out.resolve(latest.get("manifest").asText()).toFile());
        int disclosureGates = 0;
        for (JsonNode g : manifest.get("data_quality_gates")) {
            if (g.get("gate").asText().startsWith("disclosure_audit:")) {
                assertTrue(g.get("passed").asBoolean(), g.toString());
                disclosureGates++;
            }
        }
        assertEquals(7, disclosureGates, "5 measures of segment_summary, 2 of indicators");
    }

    @Test
    void indicatorsAreDisclosureControlledAtEveryLevel() {
        Dataset<Row> ind = read("published/indicators");
        assertEquals(List.of("icb", "lsoa", "pcn", "place"), ind.select("geography_level").distinct()
                .orderBy("geography_level").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        for (String c : List.of("numerator", "denominator")) {
            assertEquals(0, ind.filter(col(c).between(1, 7)).count(), c + " has a published count of 1-7");
            assertEquals(0, ind.filter(col(c).isNotNull().and(col(c).mod(5).notEqual(0))).count(), c + " not rounded to 5");
        }
        org.apache.spark.sql.Column anyFigure = col("numerator").isNotNull();
        for (String c : List.of("value", "lower_95", "upper_95", "lower_998", "upper_998")) {
            anyFigure = anyFigure.or(col(c).isNotNull());
        }
        assertEquals(0, ind.filter(col("suppressed").and(anyFigure)).count(), "a suppressed row shows a figure");
        assertTrue(ind.filter(col("suppressed")).count() > 0, "the sample has small LSOA counts to suppress");
        // Every method of the contract that this release computes occurs, and SII/RII only at Place and ICB.
        assertEquals(List.of("crude_rate", "dsr_esp2013", "proportion_wilson", "rii", "sii"), ind.select("method")
                .distinct().orderBy("method").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        assertEquals(0, ind.filter(col("method").isin("sii", "rii").and(col("geography_level").isin("lsoa", "pcn")))
                .count());
        Row icbAdmissions = ind.filter("geography_level = 'icb' AND indicator_id = 'emergency_admissions' "
                + "AND method = 'crude_rate' AND geography_code <> 'unknown'").first();
        assertEquals(icbAdmissions.<Long>getAs("numerator") * 100_000.0 / icbAdmissions.<Long>getAs("denominator"),
                icbAdmissions.<Double>getAs("value"), 1e-6, "crude rate from the published counts");
        assertTrue(ind.filter("geography_level = 'pcn' AND method = 'crude_rate' AND funnel_lower_95 IS NOT NULL")
                .count() > 0, "PCN funnels");
    }

    @Test
    void segmentsPartitionThePopulationAtT() {
        Dataset<Row> ps = read("restricted/patient_segments");
        long population = ps.count();
        assertEquals(population, ps.select("person_id").distinct().count(), "one row per person");
        assertEquals(0, ps.filter(col("segment").isNull()).count());
        long summed = ps.groupBy("segment").count().groupBy().sum("count").first().getLong(0);
        assertEquals(population, summed);
        assertEquals(8, ps.select("segment").distinct().count(), "all eight segments occur in 18,000 people");
        // The published ICB total is the same population, rounded to 5.
        Row icbAll = read("published/segment_summary").filter("geography_level = 'icb' AND segment = 'all'")
                .groupBy().sum("patients").first();
        assertEquals(Math.round(population / 5.0) * 5, icbAll.getLong(0));
        assertTrue(population > 17000 && population < 19500, "population at T " + population);
    }

    /**
     * The eFI (issue 7, item 1): the generator writes eFI deficit findings for people aged 60+, so frailty_dementia
     * holds people by their eFI as well as by dementia (14 at moderate in the sample; none reaches severe, 13
     * deficits), and the eFI is null exactly below 65.
     */
    @Test
    void frailtyDementiaHoldsPeopleByEfiAsWellAsByDementia() {
        Dataset<Row> ps = read("restricted/patient_segments");
        Map<String, Long> reasons = new java.util.HashMap<>();
        ps.filter(col("segment").equalTo("frailty_dementia")).groupBy("segment_reason").count().collectAsList()
                .forEach(r -> reasons.put(r.getString(0), r.getLong(1)));
        assertTrue(reasons.getOrDefault("frailty_dementia:efi_moderate", 0L) > 0, reasons.toString());
        assertTrue(reasons.getOrDefault("frailty_dementia:dementia", 0L) > 0, reasons.toString());
        assertTrue(java.util.Set.of("frailty_dementia:dementia", "frailty_dementia:efi_moderate",
                "frailty_dementia:efi_severe").containsAll(reasons.keySet()), reasons.toString());
        assertEquals(0, ps.filter(col("age").lt(65).and(col("efi").isNotNull().or(col("efi_category").isNotNull())))
                .count(), "no eFI below 65");
        assertEquals(0, ps.filter(col("age").geq(65).and(col("efi").isNull().or(col("efi_category").isNull())))
                .count(), "an eFI for everyone 65+");
        assertEquals(0, ps.filter(col("segment_reason").startsWith("frailty_dementia:efi_")
                .and(col("efi_category").isin("fit", "mild"))).count(), "only moderate or severe");
    }

    @Test
    void manifestAndLatestPointerDescribeTheRun() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode latest = json.readTree(out.resolve("ops/runs/latest.json").toFile());
        JsonNode manifest = json.readTree(out.resolve(latest.get("manifest").asText()).toFile());
        assertEquals("published", manifest.get("status").asText());
        assertEquals("2026-09-30", manifest.get("as_of_date").asText());
        assertEquals(InputTable.values().length, manifest.get("inputs").size());
        assertEquals(64, manifest.get("inputs").get(0).get("sha256").asText().length());
        assertTrue(manifest.get("row_counts").get("population_at_as_of").asLong() > 17000);
        assertTrue(manifest.get("stages").size() >= 4);
    }

    /** Every column but run_id, in a fixed order (a map column cannot be sorted in Spark): what two runs agree on. */
    private static List<String> rowsOf(String table) {
        return read(table).drop("run_id").collectAsList().stream().map(Row::toString).sorted().toList();
    }

    /**
     * The same date rerun on the sample as a SQL Server export writes it (the text NULL in every empty
     * registrations.end_date and patients.date_of_death, sex as the NHS Data Dictionary's 1/2/9/0): every output
     * is identical, row for row; the quarantine keeps what was sent, so only its text differs.
     */
    @Test
    void aRerunOfTheSameDateFromASqlServerStyleExportGivesIdenticalRows() throws Exception {
        List<String> tables = List.of("restricted/patient_segments", "published/segment_summary",
                "published/indicators", "ops/data_quality", "ops/quarantine_reasons", "ops/unmapped_codes",
                "ops/quarantine/gp_events");
        Map<String, List<String>> before = new java.util.LinkedHashMap<>();
        tables.forEach(t -> before.put(t, rowsOf(t)));
        long quarantinedPatients = read("ops/quarantine/patients").count();

        Path export = tmp.resolve("sql-server-export");
        CliRun.copyTree(SAMPLE, export);
        rewrite(export.resolve("registrations.csv.gz"), (header, f) -> {
            int end = header.indexOf("end_date");
            if (f[end].isEmpty()) {
                f[end] = "NULL";
            }
        });
        Map<String, String> sex = Map.of("M", "1", "F", "2", "I", "9", "U", "0");
        rewrite(export.resolve("patients.csv.gz"), (header, f) -> {
            f[header.indexOf("sex")] = sex.getOrDefault(f[header.indexOf("sex")], f[header.indexOf("sex")]);
            int death = header.indexOf("date_of_death");
            if (f[death].isEmpty()) {
                f[death] = "NULL";
            }
        });
        CliRun again = CliRun.phm("run", "--input", export.toString(), "--output", out.toString());
        assertEquals(0, again.exitCode, again.err);
        for (String t : tables) {
            assertEquals(before.get(t), rowsOf(t), t);
        }
        assertEquals(quarantinedPatients, read("ops/quarantine/patients").count());
    }

    /**
     * Rewrites a gzip CSV of the sample field by field. The sample's fields hold no commas or quotes (checked),
     * so splitting on commas is exact.
     */
    private static void rewrite(Path gz, java.util.function.BiConsumer<List<String>, String[]> edit) throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        List<String> header = List.of(lines.get(0).split(",", -1));
        StringBuilder b = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(!line.contains("\""), gz + " has a quoted field");
            String[] f = line.split(",", -1);
            if (f.length == header.size()) {
                edit.accept(header, f);
            }
            b.append(String.join(",", f)).append('\n');
        }
        try (var w = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            w.write(b.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
