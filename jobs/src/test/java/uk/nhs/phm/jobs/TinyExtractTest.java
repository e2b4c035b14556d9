package uk.nhs.phm.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.testing.RowAssert;
import uk.nhs.phm.pipeline.testing.SparkTestSession;

/**
 * The CLI on a hand-made six-person extract (src/test/resources/extracts/tiny), where every expected value
 * is worked out by hand, and the file-level errors that must stop a run with exit code 2 and publish nothing.
 */
class TinyExtractTest {
    private static final Path TINY = CliRun.HOME.resolve("jobs/src/test/resources/extracts/tiny");

    private static Path copyTiny(Path tmp) throws Exception {
        Path in = tmp.resolve("extract");
        CliRun.copyTree(TINY, in);
        return in;
    }

    private static Dataset<Row> read(Path output, String table) {
        return SparkTestSession.get().read().parquet(output.resolve(table).toString());
    }

    @Test
    void handWorkedExtractEndToEnd(@TempDir Path tmp) throws Exception {
        SparkSession spark = SparkTestSession.get();
        Path out = tmp.resolve("out");
        // Input and output as file:/// URIs: every path goes through Hadoop's FileSystem.
        CliRun r = CliRun.phmNoGates("run", "--input", TINY.toUri().toString(), "--output", out.toUri().toString());
        assertEquals(0, r.exitCode, r.err);
        // T defaults to the latest activity date: the 2026-02-01 admission (the 2024-13-40 event is quarantined).
        assertTrue(r.out.contains("As-of date T: 2026-02-01"), r.out);

        // Population at T: PA...04 died on T; PA...05 has sex Q, no code at all (quarantined, so its registration is an orphan);
        // PA...99 is not in patients. PA...03 was born in January 2026, registered on 15 January: age 0.
        Dataset<Row> ps = read(out, "restricted/patient_segments");
        assertEquals(4, ps.count());
        Map<String, Map<String, Object>> e = new HashMap<>();
        e.put("PA0000000001", RowAssert.cols("segment", "frailty_dementia", "segment_reason", "frailty_dementia:dementia",
                "age", 85, "age_band", "85-89", "lsoa_code", "E01000001", "place_code", "E09000001",
                "pcn_code", "U89141", "icb_code", "QHM", "imd_decile", 8, "core20", false, "ltc_list", "dementia",
                // Dementia SNOMED 52448006 is also the eFI's cognitive-problems deficit: 1 of 36, fit.
                "efi", 1.0 / 36, "efi_category", "fit",
                // No spell: Charlson 0. Cambridge: the QOF dementia register, weight 2.46.
                "charlson", 0, "cmms", 2.46));
        // Heart failure (I50.0) outranks the LTCs; AF from SNOMED, diabetes E11.9 and hypertension I10 from the spell.
        e.put("PA0000000002", RowAssert.cols("segment", "organ_failure", "segment_reason", "organ_failure:heart_failure",
                "ltc_count", 4, "ltc_list", "atrial_fibrillation|diabetes|heart_failure|hypertension",
                "lsoa_code", "E01034473", "imd_decile", 1, "core20", true, "nel_admissions_12m", 1L,
                "bed_days_12m", 2L, "cost_12m", 3500.0, "age", 40,
                // Charlson 1987: I50.0 heart failure 1 + E11.9 diabetes 1 (I10 is not a Charlson category). Cambridge:
                // the AF 1.3, heart failure 1.12, hypertension 0.09 and diabetes 0.71 registers (the diabetes flag, from
                // the spell's E11.9, stands in for the source's Read-only diabetes searches).
                "charlson", 2, "cmms", 3.22));
        e.put("PA0000000003", Map.of("segment", "maternal_infant", "segment_reason", "maternal_infant:infant",
                "age", 0, "cohorts", "children_families"));
        // R07.4 (chest pain) is in no Charlson category; nothing Cambridge counts: both 0, not null.
        e.put("PA0000000006", Map.of("segment", "acute_episodic", "nel_admissions_12m", 1L, "bed_days_12m", 0L,
                "ethnic_group", "Black", "cost_12m", 600.0, "charlson", 0, "cmms", 0.0));
        RowAssert.assertRows(ps, "person_id", e);
        Row unknownLsoa = RowAssert.byKey(ps, "person_id").get("PA0000000006");
        assertTrue(unknownLsoa.isNullAt(unknownLsoa.fieldIndex("lsoa_code")));
        assertTrue(unknownLsoa.isNullAt(unknownLsoa.fieldIndex("risk_score")), "no risk model yet: null, not a guess");
        assertTrue(unknownLsoa.isNullAt(unknownLsoa.fieldIndex("efi")), "63 at T: no eFI below 65");

        Map<String, Row> dq = RowAssert.byKey(read(out, "ops/data_quality"), "table_name");
        assertCounts(dq.get("patients"), 6, 5, 1);
        assertCounts(dq.get("registrations"), 7, 5, 2);
        assertCounts(dq.get("gp_events"), 4, 3, 1);
        assertCounts(dq.get("inpatient_spells"), 2, 2, 0);
        assertEquals("absent", dq.get("deaths").getString(dq.get("deaths").fieldIndex("status")));
        Map<String, Long> reasons = new HashMap<>();
        for (Row q : read(out, "ops/quarantine_reasons").collectAsList()) {
            reasons.put(q.getString(1) + "/" + q.getString(2), q.getLong(3));
        }
        assertEquals(Map.of("patients/invalid_code:sex", 1L, "registrations/orphan_person_id", 2L,
                "gp_events/unparseable_date:event_date", 1L), reasons);
        assertEquals(1, read(out, "ops/quarantine/gp_events").filter("event_date = '2024-13-40'").count());
        assertEquals(1, read(out, "ops/unmapped_codes").filter("code = '999999999' AND rows = 1").count());

        // Four people: every published count is 1-7, so every cell is suppressed.
        Dataset<Row> summary = read(out, "published/segment_summary");
        assertEquals(summary.count(), summary.filter("suppressed AND patients IS NULL").count());
        assertTrue(Files.isRegularFile(out.resolve("ops/runs/latest.json")));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of("_work", "ops", "published", "restricted"), s.map(p -> p.getFileName().toString())
                    .sorted().toList(), "no staging or lock files left behind");
        }
        try (Stream<Path> w = Files.list(out.resolve("_work"))) {
            assertEquals(0, w.count(), "the owner-only work folder stays, empty");
        }
        spark.catalog().clearCache();
    }

    private static void assertCounts(Row r, long read, long accepted, long quarantined) {
        String t = r.getString(r.fieldIndex("table_name"));
        assertEquals(read, r.getLong(r.fieldIndex("rows_read")), t + " rows_read");
        assertEquals(accepted, r.getLong(r.fieldIndex("rows_accepted")), t + " rows_accepted");
        assertEquals(quarantined, r.getLong(r.fieldIndex("rows_quarantined")), t + " rows_quarantined");
    }

    private static void assertStopsWithOneLine(Path in, Path out, String... mustMention) {
        CliRun r = CliRun.phmNoGates("run", "--input", in.toString(), "--output", out.toString());
        assertEquals(2, r.exitCode, r.err);
        List<String> lines = r.errorLines();
        assertEquals(1, lines.size(), "one message line: " + lines);
        for (String m : mustMention) {
            assertTrue(lines.get(0).contains(m), "message should mention " + m + ": " + lines.get(0));
        }
        assertFalse(r.err.contains("\tat "), "no stack trace for a user mistake");
        assertFalse(Files.exists(out.resolve("ops/runs/latest.json")), "nothing published");
        assertFalse(Files.exists(out.resolve("published/segment_summary")), "nothing published");
        assertFalse(Files.exists(out.resolve("restricted/patient_segments")), "nothing published");
    }

    @Test
    void missingRequiredColumnStopsTheRun(@TempDir Path tmp) throws Exception {
        Path in = copyTiny(tmp);
        Path f = in.resolve("patients.csv");
        List<String> lines = Files.readAllLines(f);
        Files.write(f, lines.stream().map(l -> {
            String[] c = l.split(",", -1);
            return String.join(",", c[0], c[1], c[2], c[4], c[5]);
        }).toList());
        assertStopsWithOneLine(in, tmp.resolve("out"), "patients.csv", "'sex'");
    }

    @Test
    void dateFormatUnreadableThroughoutStopsTheRun(@TempDir Path tmp) throws Exception {
        Path in = copyTiny(tmp);
        Path f = in.resolve("registrations.csv");
        String text = Files.readString(f).replaceAll("(\\d{4})-(\\d{2})-(\\d{2})", "$3/$2/$1");
        Files.writeString(f, text);
        assertStopsWithOneLine(in, tmp.resolve("out"), "registrations.csv", "'start_date'", "YYYY-MM-DD",
                "set input.dates.day_first=true");
    }

    @Test
    void emptyFileStopsTheRun(@TempDir Path tmp) throws Exception {
        Path in = copyTiny(tmp);
        Files.write(in.resolve("inpatient_spells.csv"), new byte[0]);
        assertStopsWithOneLine(in, tmp.resolve("out"), "inpatient_spells.csv", "empty");
    }

    @Test
    void directIdentifierColumnIsRefused(@TempDir Path tmp) throws Exception {
        Path in = copyTiny(tmp);
        Path f = in.resolve("patients.csv");
        List<String> lines = Files.readAllLines(f);
        Files.write(f, Stream.concat(Stream.of(lines.get(0) + ",nhs_number"),
                lines.stream().skip(1).map(l -> l + ",")).toList());
        assertStopsWithOneLine(in, tmp.resolve("out"), "patients.csv", "'nhs_number'", "direct identifier");
    }

    @Test
    void duplicateHeaderNamesAreRefused(@TempDir Path tmp) throws Exception {
        Path in = copyTiny(tmp);
        Path f = in.resolve("patients.csv");
        List<String> lines = Files.readAllLines(f);
        Files.write(f, Stream.concat(Stream.of(lines.get(0) + ",SEX"), lines.stream().skip(1).map(l -> l + ",F")).toList());
        assertStopsWithOneLine(in, tmp.resolve("out"), "patients.csv", "'SEX'", "more than once");
    }

    @Test
    void missingRequiredTableAndBadOptionsAreUserErrors(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        assertEquals(2, CliRun.phmNoGates("run", "--input", TINY.toString(), "--output", file.toString()).exitCode);
        Path in = copyTiny(tmp);
        Files.delete(in.resolve("registrations.csv"));
        assertStopsWithOneLine(in, tmp.resolve("out"), "registrations");
        assertEquals(2, CliRun.phmNoGates("run", "--input", TINY.toString(), "--output", tmp.resolve("o").toString(),
                "--as-of", "31/01/2026").exitCode);
        assertEquals(2, CliRun.phmNoGates("run", "--input", tmp.resolve("nowhere").toString()).exitCode);
        assertEquals(2, CliRun.phmNoGates("run", "--no-such-option").exitCode);
        CliRun misspelt = CliRun.phmNoGates("run", "--input", TINY.toString(), "--output", tmp.resolve("o2").toString(),
                "--set", "disclosure.treshold=10");
        assertEquals(2, misspelt.exitCode);
        assertEquals(List.of("phm: error: --set disclosure.treshold: unknown configuration key 'disclosure.treshold'; "
                + "did you mean 'disclosure.threshold'? (the keys are listed in conf/phm-defaults.properties)."),
                misspelt.errorLines());
        assertFalse(Files.exists(tmp.resolve("o2")), "refused before anything is written");
    }

    @Test
    void gzipPartFoldersAndParquetReadLikeCsv(@TempDir Path tmp) throws Exception {
        Path in = copyTiny(tmp);
        // patients as gzip, gp_events as a folder of two parts, inpatient_spells as typed Parquet.
        byte[] patients = Files.readAllBytes(in.resolve("patients.csv"));
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(in.resolve("patients.csv.gz")))) {
            gz.write(patients);
        }
        Files.delete(in.resolve("patients.csv"));
        List<String> events = Files.readAllLines(in.resolve("gp_events.csv"));
        Path parts = Files.createDirectories(in.resolve("gp_events"));
        Files.write(parts.resolve("part-0.csv"), List.of(events.get(0), events.get(1), events.get(2)));
        Files.write(parts.resolve("part-1.csv"), List.of(events.get(0), events.get(3), events.get(4)));
        Files.delete(in.resolve("gp_events.csv"));
        SparkTestSession.get().read().option("header", "true").schema(InputTable.INPATIENT_SPELLS.schema())
                .csv(in.resolve("inpatient_spells.csv").toString())
                .write().mode(SaveMode.Overwrite).parquet(in.resolve("inpatient_spells.parquet").toString());
        Files.delete(in.resolve("inpatient_spells.csv"));
        // An optional table with a header and no rows is loaded, with nothing in it.
        Files.writeString(in.resolve("deaths.csv"), "person_id,date_of_death,place_of_death,underlying_cause\n");

        CliRun r = CliRun.phmNoGates("validate", "--input", in.toString());
        assertEquals(0, r.exitCode, r.err);
        String report = r.out;
        assertTrue(report.matches("(?s).*patients\\s+6\\s+5\\s+1.*"), report);
        assertTrue(report.matches("(?s).*gp_events\\s+4\\s+3\\s+1.*"), report);
        assertTrue(report.matches("(?s).*inpatient_spells\\s+2\\s+2\\s+0.*"), report);
        assertTrue(report.contains("unparseable_date:event_date"), report);
        assertTrue(report.matches("(?s).*deaths\\s+0\\s+0\\s+0.*"), report);
    }

    @Test
    void failedRunLeavesThePreviousPublicationAndARerunReplacesIt(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, CliRun.phmNoGates("run", "--input", TINY.toString(), "--output", out.toString()).exitCode);
        List<Row> first = read(out, "restricted/patient_segments").orderBy("person_id").collectAsList();
        String latest = Files.readString(out.resolve("ops/runs/latest.json"), StandardCharsets.UTF_8);

        Path badRules = tmp.resolve("rules.csv");
        Files.writeString(badRules, "priority,segment,rule_id,condition,sub_segment\n1,healthy_well,none,no_such_column > 1,\n");
        CliRun bad = CliRun.phmNoGates("run", "--input", TINY.toString(), "--output", out.toString(),
                "--set", "segments.rules=" + badRules);
        assertEquals(2, bad.exitCode);
        assertTrue(bad.errorLines().get(0).contains("rules.csv"), bad.err);
        assertEquals(latest, Files.readString(out.resolve("ops/runs/latest.json"), StandardCharsets.UTF_8));
        assertEquals(first, read(out, "restricted/patient_segments").orderBy("person_id").collectAsList());

        assertEquals(0, CliRun.phmNoGates("run", "--input", TINY.toString(), "--output", out.toString()).exitCode);
        assertEquals(first, read(out, "restricted/patient_segments").orderBy("person_id").collectAsList());
        try (Stream<Path> s = Files.list(out.resolve("restricted/patient_segments"))) {
            assertEquals(1, s.count(), "one as_of_date partition after a rerun");
        }
    }
}
