package uk.nhs.phm.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.phm.pipeline.output.TableComparison;
import uk.nhs.phm.pipeline.testing.RowAssert;
import uk.nhs.phm.pipeline.testing.SparkTestSession;

/**
 * The hand-made extract damaged the way real NHS feeds are (issue 6): SQL Server's NULL text and datetimes, the
 * NHS Data Dictionary's numeric codes, quoted line breaks, Windows-1252 bytes, a feed that lost most of a table or
 * most of the population; and the lock-down of patient-level folders. Each asserts the exit code, the one line
 * phm prints and what is (or is not) published.
 */
class FeedsAndFaultsTest {
    private static final Path TINY = CliRun.HOME.resolve("jobs/src/test/resources/extracts/tiny");

    private static Path copy(Path tmp, String name) throws Exception {
        Path in = tmp.resolve(name);
        CliRun.copyTree(TINY, in);
        return in;
    }

    private static void edit(Path file, String from, String to) throws Exception {
        String s = Files.readString(file);
        assertTrue(s.contains(from), file + " holds " + from);
        Files.writeString(file, s.replace(from, to));
    }

    /** phm with every gate open except the ones given (the fixture is a third bad rows on purpose). */
    private static CliRun phm(Map<String, String> gates, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        CliRun.noGates().forEach((k, v) -> all.addAll(List.of("--set", k + "=" + gates.getOrDefault(k, v))));
        return CliRun.phm(all.toArray(new String[0]));
    }

    private static Dataset<Row> read(Path out, String table) {
        return SparkTestSession.get().read().parquet(out.resolve(table).toString());
    }

    private static String latest(Path out) throws Exception {
        return Files.readString(out.resolve("ops/runs/latest.json"));
    }

    private static List<String> runFolders(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out.resolve("restricted/_snapshots"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void sqlServerNullsDatetimesAndNhsCodesGiveTheSameOutputsAsTheCleanExtract(@TempDir Path tmp) throws Exception {
        Path in = copy(tmp, "feed");
        Path regs = in.resolve("registrations.csv");
        Files.writeString(regs, Files.readString(regs).replace(",,", ",NULL,").replace("2019-06-01,",
                "2019-06-01 00:00:00.000,"));
        edit(in.resolve("patients.csv"), "PA0000000001,1940,3,F,A,", "PA0000000001,1940,3,2,a,NULL");
        edit(in.resolve("patients.csv"), "PA0000000002,1985,,M,H,", "PA0000000002,1985,null,1,4,");
        Path clean = tmp.resolve("clean");
        Path feed = tmp.resolve("feed-out");
        CliRun.copyOfTinyPublication(clean);
        CliRun r = CliRun.phmNoGates("run", "--input", in.toString(), "--output", feed.toString());
        assertEquals(0, r.exitCode, r.err);
        for (String t : List.of("restricted/patient_segments", "published/segment_summary", "ops/data_quality",
                "ops/quarantine_reasons", "ops/unmapped_codes", "ops/quarantine/gp_events")) {
            TableComparison.Result c = TableComparison.compare(read(clean, t), read(feed, t), List.of("run_id"));
            assertTrue(c.identical(), t + ": " + c);
        }
        // PA...02's ethnic category 4 (1995-2001 HES code: Indian) is H, as in the clean extract.
        assertEquals("Asian", RowAssert.byKey(read(feed, "restricted/patient_segments"), "person_id")
                .get("PA0000000002").getAs("ethnic_group"));
    }

    @Test
    void aTableMostlyQuarantinedStopsTheRunWithExit4AndKeepsThePreviousPublication(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        CliRun.copyOfTinyPublication(out);
        String before = latest(out);
        List<String> runs = runFolders(out);
        Path in = copy(tmp, "dmy");
        edit(in.resolve("gp_events.csv"), "2015-05-01", "01/05/2015");
        edit(in.resolve("gp_events.csv"), "2020-02-01", "01/02/2020");
        Map<String, String> gate = Map.of("gate.max_quarantined.gp_events", "0.05");
        CliRun r = phm(gate, "run", "--input", in.toString(), "--output", out.toString());
        assertEquals(4, r.exitCode, r.err);
        // Two day-first dates and the month-13 date: 3 of 4 rows; the shape, never the date itself.
        assertEquals(List.of("phm: data-quality gate: " + in.resolve("gp_events.csv") + ": 75% of rows quarantined "
                + "(3 of 4), above the gate of 5%; top reason unparseable_date:event_date (3 rows, values shaped like "
                + "'99/99/9999'); run phm validate for the full report, fix the extract, or set "
                + "gate.max_quarantined.gp_events=0.76 to publish it"), r.errorLines());
        assertFalse(r.err.contains("\tat "), "no stack trace");
        assertEquals(before, latest(out), "latest.json still names the previous run");
        assertEquals(runs, runFolders(out), "no snapshot of the stopped run is left");
        assertFalse(Files.exists(out.resolve("_phm.lock")));
        try (Stream<Path> w = Files.list(out.resolve("_work"))) {
            assertEquals(0, w.count(), "the stopped run's work folder is removed");
        }

        CliRun v = phm(gate, "validate", "--input", in.toString());
        assertEquals(4, v.exitCode, v.err);
        assertTrue(v.out.contains("BREACHED  " + in.resolve("gp_events.csv") + ": 75% of rows quarantined"), v.out);
        assertTrue(v.out.contains("passed    " + in.resolve("patients.csv")), v.out);
        // With day-first dates declared, only the month-13 date is quarantined.
        CliRun dmy = phm(Map.of("gate.max_quarantined.gp_events", "0.25"), "validate", "--input", in.toString(),
                "--set", "input.dates.day_first=true");
        assertEquals(0, dmy.exitCode, dmy.err);
        assertTrue(dmy.out.contains("passed    " + in.resolve("gp_events.csv") + ": 25% of rows quarantined (1 of 4), "
                + "within the gate of 25%"), dmy.out);
    }

    @Test
    void aPopulationThatFallsByMoreThanTheGateIsNotPublished(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        CliRun.copyOfTinyPublication(out);
        String before = latest(out);
        Path in = copy(tmp, "lost");
        // The feed lost two of the four registered people at T.
        edit(in.resolve("registrations.csv"), "PA0000000001,A81001,2001-04-01,,E01000001\n", "");
        edit(in.resolve("registrations.csv"), "PA0000000002,A81002,2019-06-01,,E01000010\n", "");
        Map<String, String> gate = Map.of("gate.max_population_drop", "0.2");
        CliRun r = phm(gate, "run", "--input", in.toString(), "--output", out.toString());
        assertEquals(4, r.exitCode, r.err);
        assertEquals(1, r.errorLines().size(), r.err);
        assertTrue(r.errorLines().get(0).startsWith("phm: data-quality gate: population at T: 2 against 4 in the "
                + "run published for 2026-02-01, "), r.err);
        assertTrue(r.errorLines().get(0).endsWith(", a fall of 50%, above the gate of 20%; check patients and "
                + "registrations (phm validate shows what was quarantined), or set gate.max_population_drop=0.51 if "
                + "the fall is real"), r.err);
        assertEquals(before, latest(out));

        // A table that did not arrive tonight: its activity would silently vanish from every figure.
        Path noEvents = copy(tmp, "no-events");
        Files.delete(noEvents.resolve("gp_events.csv"));
        CliRun missing = phm(Map.of("gate.max_rows_drop", "0.5"), "run", "--input", noEvents.toString(),
                "--output", out.toString());
        assertEquals(4, missing.exitCode, missing.err);
        assertTrue(missing.errorLines().get(0).matches("phm: data-quality gate: gp_events: 0 rows read \\(absent\\) "
                + "against 4 in the run published for 2026-02-01, .*, a fall of 100%, above the gate of 50%; check the "
                + "extract is complete \\(every file and part arrived\\), or set gate.max_rows_drop=1.00 if the fall "
                + "is real"), missing.err);
        assertEquals(before, latest(out));

        // A real fall is published once the gate is moved.
        assertEquals(0, phm(Map.of("gate.max_population_drop", "0.51"), "run", "--input", in.toString(),
                "--output", out.toString()).exitCode);
        assertEquals(2, read(out, "restricted/patient_segments").count());
    }

    /**
     * A site's own code list with a fault (issue 7, item 6), given through --conf: the run stops before anything is
     * written, with exit 2 and one line naming the file, the line and the fix.
     */
    @Test
    void aBrokenCodeListGivenInASiteConfigStopsTheRunNamingFileAndLine(@TempDir Path tmp) throws Exception {
        Path codes = tmp.resolve("site_efi_deficit_codes.csv");
        Files.writeString(codes, "deficit,code_system,code,match,source\n"
                + "falls,snomed,1912002,exact,site\n"
                + "falls,emis,EMISNQFA1,exact,site\n");
        Path conf = tmp.resolve("site.properties");
        Files.writeString(conf, "codelists.efi_deficit_codes=" + codes + "\n");
        Path out = tmp.resolve("out");
        CliRun r = CliRun.phmNoGates("run", "--input", TINY.toString(), "--output", out.toString(),
                "--conf", conf.toString());
        assertEquals(2, r.exitCode, r.err);
        assertEquals(1, r.errorLines().size(), r.err);
        String line = r.errorLines().get(0);
        assertTrue(line.startsWith("phm: error: ") && line.contains("site_efi_deficit_codes.csv, line 3: code_system "
                + "'emis' is not one the input contract allows where this list is matched; use one of ctv3, icd10, "
                + "read2, snomed."), line);
        assertFalse(r.err.contains("\tat "), "no stack trace");
        assertFalse(Files.exists(out.resolve("ops/runs/latest.json")), "nothing published");
    }

    @Test
    void quotedLineBreaksAreDetectedAndReadWhenDeclared(@TempDir Path tmp) throws Exception {
        Path in = copy(tmp, "multiline");
        edit(in.resolve("gp_events.csv"), "PA0000000001,2015-05-01,snomed,52448006,,",
                "PA0000000001,2015-05-01,snomed,52448006,,\"mmol\nper litre\"");
        Path out = tmp.resolve("out");
        CliRun r = CliRun.phmNoGates("run", "--input", in.toString(), "--output", out.toString());
        assertEquals(2, r.exitCode, r.err);
        assertEquals(List.of("phm: error: " + in.resolve("gp_events.csv") + ": 1 line ends inside a quoted field (a "
                + "quoted value holds a line break), so records were cut in two; set input.csv.multiline=true and run "
                + "again."), r.errorLines());
        assertFalse(Files.exists(out.resolve("ops/runs/latest.json")), "nothing published");
        CliRun ok = CliRun.phmNoGates("run", "--input", in.toString(), "--output", out.toString(),
                "--set", "input.csv.multiline=true");
        assertEquals(0, ok.exitCode, ok.err);
        Row gp = RowAssert.byKey(read(out, "ops/data_quality"), "table_name").get("gp_events");
        assertEquals(4L, gp.<Long>getAs("rows_read"), "the record is read whole, once");
    }

    @Test
    void windows1252BytesAreCountedAndReadWithTheDeclaredEncoding(@TempDir Path tmp) throws Exception {
        Path in = copy(tmp, "cp1252");
        Path gp = in.resolve("gp_events.csv");
        byte[] micro = "PA0000000002,2020-02-01,snomed,195080001,5,\u00b5g".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        String text = Files.readString(gp).replace("PA0000000002,2020-02-01,snomed,195080001,,", "@@");
        byte[] before = text.substring(0, text.indexOf("@@")).getBytes(StandardCharsets.US_ASCII);
        byte[] after = text.substring(text.indexOf("@@") + 2).getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[before.length + micro.length + after.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(micro, 0, all, before.length, micro.length);
        System.arraycopy(after, 0, all, before.length + micro.length, after.length);
        Files.write(gp, all);
        Path out = tmp.resolve("utf8");
        assertEquals(0, CliRun.phmNoGates("run", "--input", in.toString(), "--output", out.toString()).exitCode);
        Row dq = RowAssert.byKey(read(out, "ops/data_quality"), "table_name").get("gp_events");
        assertEquals(1L, dq.<Long>getAs("rows_undecodable"), "one value held a byte that is not UTF-8");
        assertEquals(0L, RowAssert.byKey(read(out, "ops/data_quality"), "table_name").get("patients")
                .<Long>getAs("rows_undecodable"));
        Path out2 = tmp.resolve("cp1252-out");
        assertEquals(0, CliRun.phmNoGates("run", "--input", in.toString(), "--output", out2.toString(),
                "--set", "input.encoding=windows-1252").exitCode);
        assertEquals(0L, RowAssert.byKey(read(out2, "ops/data_quality"), "table_name").get("gp_events")
                .<Long>getAs("rows_undecodable"));
        CliRun bad = CliRun.phmNoGates("validate", "--input", in.toString(), "--set", "input.encoding=cp-nonsense");
        assertEquals(2, bad.exitCode);
        assertEquals(List.of("phm: error: command line: 'input.encoding' is 'cp-nonsense'; it is not a character set "
                + "name; use e.g. UTF-8 or windows-1252."), bad.errorLines());
    }

    @Test
    void patientLevelFoldersAreOwnerOnlyAndDeadRunsLeftoversGo(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        // What a killed run left: its work folder (validated input rows) and staging copies of the quarantine.
        Path deadWork = out.resolve("_work/20200101T000000Z-dead00/validated/patients");
        Files.createDirectories(deadWork);
        Files.writeString(deadWork.resolve("part-0.parquet"), "rows");
        Files.createDirectories(out.resolve("ops/_staging/20200101T000000Z-dead00/quarantine/patients"));
        assertEquals(0, CliRun.phmNoGates("run", "--input", TINY.toString(), "--output", out.toString()).exitCode);
        for (String f : List.of("restricted", "ops/quarantine", "ops/_snapshots", "ops/_staging", "_work")) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(f))), f);
        }
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("published"))),
                "published aggregates stay readable");
        try (Stream<Path> w = Files.list(out.resolve("_work")); Stream<Path> s = Files.list(out.resolve("ops/_staging"))) {
            assertEquals(0, w.count() + s.count(), "the dead run's leftovers and this run's work are removed");
        }
        assertEquals(0, CliRun.phmNoGates("run", "--input", TINY.toString(), "--output", out.toString(),
                "--set", "output.patient_level_mode=750").exitCode);
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("restricted"))));
    }

    @Test
    void anAsOfDateBeforeAlmostAllTheActivityStopsTheRun(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        CliRun r = CliRun.phmNoGates("run", "--input", TINY.toString(), "--output", out.toString(), "--as-of", "2000-01-01");
        assertEquals(2, r.exitCode, r.err);
        assertEquals(List.of("phm: error: command line: as-of date 2000-01-01 is before 100.0% of the activity in the "
                + "extract (0 of 5 records are dated on or before it); check the year of --as-of (as_of), or leave it "
                + "empty to use the latest activity date."), r.errorLines());
        assertFalse(Files.exists(out.resolve("ops/runs/latest.json")));
    }
}
