package uk.nhs.phm.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.testing.SparkTestSession;

/**
 * Files damaged the way real feeds are (cut short in transfer, misnamed, unreadable, an empty drop folder): each
 * stops the run with exit code 2 and one line naming the file and the fix, never a stack trace (on stderr or in
 * the log), and publishes nothing. Each case damages a copy of the tiny extract.
 */
class DamagedInputTest {
    private static final Path TINY = CliRun.HOME.resolve("jobs/src/test/resources/extracts/tiny");

    private static Path copyTiny(Path tmp) throws Exception {
        Path in = tmp.resolve("extract");
        CliRun.copyTree(TINY, in);
        return in;
    }

    /** Runs phm on {@code in} and checks the one-line user error; returns it. */
    private static String stopsWithOneLine(Path in, Path out, String... mustMention) {
        CliRun r;
        List<String> stackTraces;
        try (LogCapture log = LogCapture.capture()) {
            r = CliRun.phmNoGates("run", "--input", in.toString(), "--output", out.toString());
            stackTraces = log.withStackTraces();
        }
        assertEquals(2, r.exitCode, r.err);
        List<String> lines = r.errorLines();
        assertEquals(1, lines.size(), "one message line: " + lines);
        assertTrue(lines.get(0).startsWith("phm: error: "), lines.get(0));
        for (String m : mustMention) {
            assertTrue(lines.get(0).contains(m), "message should mention " + m + ": " + lines.get(0));
        }
        assertFalse(r.err.contains("\tat "), "no stack trace for a user mistake");
        assertEquals(List.of(), stackTraces, "no stack trace in the log either");
        return lines.get(0);
    }

    private static void assertNothingPublished(Path out) {
        assertFalse(Files.exists(out.resolve("ops/runs/latest.json")), "nothing published");
        assertFalse(Files.exists(out.resolve("published/segment_summary")), "nothing published");
        assertFalse(Files.exists(out.resolve("restricted/patient_segments")), "nothing published");
    }

    /**
     * The CSV as gzip, with enough distinct rows (unknown people: they would only be quarantined) that the
     * compressed file is a few KB, then cut to half its bytes: the header still decodes, the stream ends early.
     */
    private static void gzipAndTruncate(Path csv, Random random) throws Exception {
        gzipAndDamage(csv, random, whole -> Arrays.copyOf(whole, whole.length / 2));
    }

    /** As {@link #gzipAndTruncate}, the gzip bytes then changed by {@code damage}. */
    private static void gzipAndDamage(Path csv, Random random, java.util.function.UnaryOperator<byte[]> damage)
            throws Exception {
        List<String> lines = Files.readAllLines(csv);
        List<String> rows = new ArrayList<>(lines);
        for (int i = 0; i < 2000; i++) {
            String row = lines.get(1 + i % (lines.size() - 1));
            rows.add(String.format("PX%010d", random.nextInt(1_000_000_000)) + row.substring(row.indexOf(',')));
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write((String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = gz.toByteArray();
        assertTrue(whole.length > 4000, "big enough to cut mid-stream: " + whole.length);
        Files.write(csv.resolveSibling(csv.getFileName() + ".gz"), damage.apply(whole));
        Files.delete(csv);
    }

    /** Whole length, but bytes in the middle changed (a bad disk or transfer): Hadoop reports no end of file. */
    @Test
    void gzipWithDamagedBytesStopsTheRun(@TempDir Path tmp) throws Exception {
        Path in = copyTiny(tmp);
        gzipAndDamage(in.resolve("gp_events.csv"), new Random(7), whole -> {
            byte[] b = whole.clone();
            for (int i = b.length * 3 / 5; i < b.length * 3 / 5 + 64; i++) {
                b[i] = (byte) ~b[i];
            }
            return b;
        });
        Path out = tmp.resolve("out");
        stopsWithOneLine(in, out, in.resolve("gp_events.csv.gz") + ": the file is truncated or not gzip; re-export "
                + "it.");
        assertNothingPublished(out);
    }

    @Test
    void truncatedGzipStopsTheRunAndLeavesTheEarlierPublication(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        CliRun.copyOfTinyPublication(out);
        String latest = Files.readString(out.resolve("ops/runs/latest.json"));
        long people = SparkTestSession.get().read().parquet(out.resolve("restricted/patient_segments").toString())
                .count();

        Path in = copyTiny(tmp);
        Random random = new Random(6);
        gzipAndTruncate(in.resolve("registrations.csv"), random);
        gzipAndTruncate(in.resolve("gp_events.csv"), random);
        // Registrations are validated first. Spark fails reading it (the header check alone does not notice):
        // the truncation must stop the run, not pass as fewer rows.
        stopsWithOneLine(in, out, in.resolve("registrations.csv.gz") + ": the file is truncated or not gzip; "
                + "re-export it.");

        assertEquals(latest, Files.readString(out.resolve("ops/runs/latest.json")), "earlier publication stands");
        assertEquals(people, SparkTestSession.get().read()
                .parquet(out.resolve("restricted/patient_segments").toString()).count());
    }

    @Test
    void fileNamedGzipThatIsNotGzipStopsTheRun(@TempDir Path tmp) throws Exception {
        Path in = copyTiny(tmp);
        Files.move(in.resolve("gp_events.csv"), in.resolve("gp_events.csv.gz"));
        Path out = tmp.resolve("out");
        stopsWithOneLine(in, out, in.resolve("gp_events.csv.gz") + ": the file is truncated or not gzip; re-export "
                + "it.");
        assertNothingPublished(out);
    }

    /** registrations as a folder of two Parquet parts: part-0 whole, part-1 damaged by {@code damage}. */
    private static Path parquetParts(Path tmp, java.util.function.UnaryOperator<byte[]> damage) throws Exception {
        Path in = copyTiny(tmp);
        Path written = tmp.resolve("written");
        SparkTestSession.get().read().option("header", "true").schema(InputTable.REGISTRATIONS.schema())
                .csv(in.resolve("registrations.csv").toString()).coalesce(1)
                .write().mode(SaveMode.Overwrite).parquet(written.toString());
        Path part;
        try (Stream<Path> s = Files.list(written)) {
            part = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Path folder = Files.createDirectories(in.resolve("registrations"));
        Files.copy(part, folder.resolve("part-0.parquet"));
        Files.write(folder.resolve("part-1.parquet"), damage.apply(Files.readAllBytes(part)));
        Files.delete(in.resolve("registrations.csv"));
        return in;
    }

    @Test
    void truncatedParquetPartIsNamed(@TempDir Path tmp) throws Exception {
        Path in = parquetParts(tmp, b -> Arrays.copyOf(b, b.length / 2));
        Path out = tmp.resolve("out");
        stopsWithOneLine(in, out, in.resolve("registrations/part-1.parquet") + ": not a complete Parquet file",
                "re-export it");
        assertNothingPublished(out);
    }

    @Test
    void parquetPartWithAWholeFooterButDamagedPagesIsNamed(@TempDir Path tmp) throws Exception {
        // Every byte between the leading magic number and the footer overwritten: the footer check passes, and
        // Spark fails on the pages, inside the validation pass.
        Path in = parquetParts(tmp, b -> {
            byte[] d = b.clone();
            int footer = java.nio.ByteBuffer.wrap(d, d.length - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
            Arrays.fill(d, 4, d.length - 8 - footer, (byte) 0x5A);
            return d;
        });
        Path out = tmp.resolve("out");
        stopsWithOneLine(in, out, in.resolve("registrations/part-1.parquet").toString(), "re-export it");
        assertNothingPublished(out);
    }

    @Test
    void unreadableFileIsNamedWithThePermissionFix(@TempDir Path tmp) throws Exception {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root reads any file");
        Path in = copyTiny(tmp);
        Path events = in.resolve("gp_events.csv");
        Files.setPosixFilePermissions(events, Set.of());
        try {
            Path out = tmp.resolve("out");
            stopsWithOneLine(in, out, events + ": ", "permission denied", "check its permissions");
            assertNothingPublished(out);
        } finally {
            Files.setPosixFilePermissions(events, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void partFolderWithoutDataFilesIsNamed(@TempDir Path tmp) throws Exception {
        Path in = copyTiny(tmp);
        Files.delete(in.resolve("gp_events.csv"));
        Path folder = Files.createDirectories(in.resolve("gp_events"));
        // What an export that wrote nothing leaves: a success marker and hidden checksum files.
        Files.writeString(folder.resolve("_SUCCESS"), "");
        Files.writeString(folder.resolve(".part-0.csv.crc"), "x");
        Path out = tmp.resolve("out");
        stopsWithOneLine(in, out, folder + ": the folder for table 'gp_events' has no data files");
        assertNothingPublished(out);

        Files.delete(folder.resolve("_SUCCESS"));
        Files.delete(folder.resolve(".part-0.csv.crc"));
        stopsWithOneLine(in, out, folder + ": the folder for table 'gp_events' has no data files");
    }

    @Test
    void asOfDateThatIsNoDayIsNamedAsSuch(@TempDir Path tmp) {
        CliRun r = CliRun.phmNoGates("run", "--input", TINY.toString(), "--output", tmp.resolve("out").toString(),
                "--as-of", "2026-02-30");
        assertEquals(2, r.exitCode, r.err);
        assertEquals(1, r.errorLines().size(), r.err);
        assertTrue(r.errorLines().get(0).contains("2026-02-30 is not a calendar date"), r.errorLines().get(0));
        assertFalse(r.errorLines().get(0).contains("give a date as YYYY-MM-DD"), "it is in that form");
        assertFalse(Files.exists(tmp.resolve("out")), "refused before anything is written");
    }
}
