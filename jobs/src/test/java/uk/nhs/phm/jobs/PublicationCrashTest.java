package uk.nhs.phm.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.phm.jobs.cli.PhmCli;
import uk.nhs.phm.jobs.io.CrashPoints;
import uk.nhs.phm.jobs.io.OutputStore;
import uk.nhs.phm.pipeline.output.OutputTable;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.testing.SparkTestSession;

/**
 * phm run killed dead (a separate JVM halted as {@code kill -9} would: no finally blocks, no shutdown hooks) at
 * each point of publication. Whatever the point, a reader following the pointer sees the previous run or the new
 * one, whole, with its manifest; every table's partition folder holds exactly one run's files; and the next run
 * takes over the dead run's lock, repairs the folders and publishes.
 *
 * <p>The previous run used the tiny extract (4 people at T); the killed run an extract with one more person,
 * so the rows tell the runs apart.
 */
class PublicationCrashTest {
    private static final Path TINY = CliRun.HOME.resolve("jobs/src/test/resources/extracts/tiny");
    private static final LocalDate T = LocalDate.of(2026, 2, 1);
    @TempDir
    static Path tmp;
    static Path previous;
    static Path bigger;
    static String previousRun;

    @BeforeAll
    static void publishThePreviousRun() throws Exception {
        previous = tmp.resolve("previous");
        CliRun.copyOfTinyPublication(previous);
        previousRun = new OutputStore(previous.toString(), new Configuration(), OutputTables.REGISTRY).latest()
                .orElseThrow().runId;
        bigger = tmp.resolve("bigger");
        CliRun.copyTree(TINY, bigger);
        Files.writeString(bigger.resolve("patients.csv"), Files.readString(bigger.resolve("patients.csv"))
                + "PA0000000007,1980,6,F,A,\n");
        Files.writeString(bigger.resolve("registrations.csv"), Files.readString(bigger.resolve("registrations.csv"))
                + "PA0000000007,A81001,2015-01-01,,E01000001\n");
    }

    /** Runs phm in a new JVM that halts at {@code point}; returns its exit code. */
    private static int runUntil(String point, Path output) throws Exception {
        Process p = start(point, output, tmp.resolve("crash-" + point.replaceAll("\\W", "_") + ".log"));
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "the killed run finished or halted");
        return p.exitValue();
    }

    /** Starts {@code phm run} of the bigger extract in a new JVM (halting at {@code point} when not null). */
    private static Process start(String point, Path output, Path log) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("-XX:") || a.startsWith("-Djdk.") || a.startsWith("-Dio.netty")) {
                cmd.add(a);
            }
        }
        // C1 only: a short run in a cold JVM starts faster; the code run is the same.
        cmd.addAll(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1"));
        if (point != null) {
            cmd.add("-D" + CrashPoints.PROPERTY + "=" + point);
        }
        cmd.addAll(List.of("-Dphm.home=" + CliRun.HOME,
                "-cp", System.getProperty("java.class.path"), PhmCli.class.getName(),
                "run", "--input", bigger.toString(), "--output", output.toString(), "--master", "local[1]",
                "--set", "spark.sql.shuffle.partitions=2", "--set", "spark.driver.host=127.0.0.1",
                "--set", "spark.ui.enabled=false"));
        cmd.addAll(CliRun.noGatesOptions());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static long people(Dataset<Row> patientSegments) {
        return patientSegments.count();
    }

    /**
     * What readers see after the crash: through latest.json and through the as-of pointer, one whole run each,
     * with its manifest; in every table folder, one run's files. Returns the runs the two pointers name.
     */
    private static List<String> checkWhole(Path out) throws Exception {
        OutputStore store = new OutputStore(out.toString(), new Configuration(), OutputTables.REGISTRY);
        List<String> seen = new ArrayList<>();
        for (OutputStore.Publication p : List.of(store.latest().orElseThrow(), store.published(T).orElseThrow())) {
            checkPointer(store, p);
            seen.add(p.runId);
        }
        checkFolders(out, store);
        return seen;
    }

    private static void checkPointer(OutputStore store, OutputStore.Publication p) {
        assertEquals(T, p.asOf);
        assertTrue(store.manifest(p.runId) != null, "the pointer's run has its manifest");
        long expectedPeople = p.runId.equals(previousRun) ? 4 : 5;
        assertEquals(expectedPeople, people(store.read(SparkTestSession.get(), OutputTables.PATIENT_SEGMENTS, p.runId, T)
                .orElseThrow()), "pointer readers see the whole of run " + p.runId);
        Dataset<Row> dq = store.read(SparkTestSession.get(), OutputTables.DATA_QUALITY, p.runId, T).orElseThrow();
        assertEquals(List.of(p.runId), dq.select("run_id").distinct().as(Encoders.STRING()).collectAsList());
    }

    private static void checkFolders(Path out, OutputStore store) throws Exception {
        // Every partition folder a file reader globs holds one run's files: the marker's snapshot, file for file.
        for (OutputTable t : OutputTables.REGISTRY.tables()) {
            Path view = out.resolve(t.path() + "/as_of_date=" + T);
            if (!Files.exists(view)) {
                continue;
            }
            String run = Files.readString(view.resolve(OutputStore.RUN_MARKER)).trim();
            assertTrue(store.manifest(run) != null, t.path() + ": a published run's files");
            Path snapshot = out.resolve(t.tier.folder + "/" + OutputStore.SNAPSHOTS + "/" + run + "/" + t.name
                    + "/as_of_date=" + T);
            assertEquals(dataFiles(snapshot), dataFiles(view), t.path() + " holds exactly run " + run + "'s files");
            if (t == OutputTables.PATIENT_SEGMENTS) {
                assertEquals(run.equals(previousRun) ? 4 : 5, SparkTestSession.get().read().parquet(view.toString()).count());
            }
        }
    }

    private static Set<String> dataFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return new TreeSet<>(s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".parquet")).toList());
        }
    }

    @Test
    void aCrashAtAnyPointOfPublicationLeavesOneWholeRunAndTheNextRunRecovers() throws Exception {
        // Before the switch; after it (latest.json not yet moved); with one folder view moved aside; at the end.
        String[] points = {"manifest-written", "pointer-switched",
            "view-aside:" + OutputTables.PATIENT_SEGMENTS.path(), "views-refreshed"};
        // Recovery by the next run is shown after the crashes that leave the most to repair.
        Set<String> recover = Set.of("pointer-switched", "view-aside:" + OutputTables.PATIENT_SEGMENTS.path());
        for (String point : points) {
            Path out = tmp.resolve("out-" + point.replaceAll("\\W", "_"));
            CliRun.copyTree(previous, out);
            assertEquals(137, runUntil(point, out), "halted at " + point);
            assertTrue(Files.exists(out.resolve("_phm.lock")), "a killed run leaves its lock behind");
            List<String> seen = checkWhole(out);
            boolean switched = !point.equals("manifest-written");
            boolean latestMoved = switched && !point.equals("pointer-switched");
            if (point.startsWith("view-aside:")) {
                assertFalse(Files.exists(out.resolve(OutputTables.PATIENT_SEGMENTS.path() + "/as_of_date=" + T)),
                        "halted between the two moves: the partition is absent, never partial");
            }
            assertEquals(latestMoved, !seen.get(0).equals(previousRun), point + ": latest.json");
            assertEquals(switched, !seen.get(1).equals(previousRun), point + ": the as-of pointer");
            if (!recover.contains(point)) {
                continue;
            }
            // The next run takes over the dead run's lock, repairs the folders and publishes.
            CliRun next = CliRun.phmNoGates("run", "--input", bigger.toString(), "--output", out.toString());
            assertEquals(0, next.exitCode, next.err);
            List<String> now = checkWhole(out);
            assertFalse(now.contains(previousRun));
            assertEquals(5, SparkTestSession.get().read().parquet(out.resolve(OutputTables.PATIENT_SEGMENTS.path())
                    .toString()).count(), "the folder view is the new run after recovery");
            try (Stream<Path> s = Files.list(out.resolve(OutputTables.PATIENT_SEGMENTS.tier.folder))) {
                assertEquals(Set.of("patient_segments", OutputStore.SNAPSHOTS),
                        new TreeSet<>(s.map(f -> f.getFileName().toString()).toList()), "no staging or trash left");
            }
            assertFalse(new File(out.toFile(), "_phm.lock").exists());
            if (point.startsWith("view-aside:")) {
                // phm compare tells the two publications apart: one more person, so patient_segments differs.
                CliRun diff = CliRun.phm("compare", "--left", previous.toString(), "--right", out.toString());
                assertEquals(1, diff.exitCode, diff.err);
                assertTrue(diff.out.matches("(?s).*restricted/patient_segments\\s+4 rows left\\s+5 right\\s+DIFFERENT.*"),
                        diff.out);
                assertEquals(0, CliRun.phm("compare", "--left", out.toString(), "--right", out.toString()).exitCode);
            }
        }
    }

    /**
     * SIGTERM, as cron, Airflow and Kubernetes stop a job, in the middle of validation: the run ends with 143 and
     * one line, no stack trace; nothing is published, the lock is released and the run's work is removed.
     */
    @Test
    void sigtermStopsTheRunCleanlyAndPublishesNothing() throws Exception {
        Path out = tmp.resolve("out-sigterm");
        CliRun.copyTree(previous, out);
        Path log = tmp.resolve("sigterm.log");
        Process p = start(null, out, log);
        long deadline = System.currentTimeMillis() + 120_000;
        while (!(Files.exists(log) && Files.readString(log).contains("patients: ")) && p.isAlive()
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(p.isAlive(), "the run is still validating when the signal comes");
        // Spark's local files (shuffle blocks: patient-level) are in the run's owner-only work folder, not in /tmp.
        List<Path> sparkDirs;
        try (Stream<Path> w = Files.list(out.resolve(OutputStore.WORK))) {
            sparkDirs = w.map(run -> run.resolve("spark")).filter(Files::isDirectory).toList();
        }
        assertEquals(1, sparkDirs.size(), "one run, one Spark folder");
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(sparkDirs.get(0))));
        try (Stream<Path> b = Files.list(sparkDirs.get(0))) {
            assertTrue(b.anyMatch(f -> f.getFileName().toString().startsWith("blockmgr-")), "Spark's block manager");
        }
        p.destroy();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run stops");
        String text = Files.readString(log);
        assertEquals(143, p.exitValue(), text);
        assertEquals(List.of("phm: stopped by SIGTERM; nothing was published (the previous publication is unchanged); "
                + "run the same command again to redo the run"), text.lines().filter(l -> l.startsWith("phm:")).toList());
        assertFalse(text.contains("\tat "), "no stack trace");
        OutputStore store = new OutputStore(out.toString(), new Configuration(), OutputTables.REGISTRY);
        assertEquals(previousRun, store.latest().orElseThrow().runId);
        assertFalse(Files.exists(out.resolve("_phm.lock")), "the lock is released");
        try (Stream<Path> w = Files.list(out.resolve(OutputStore.WORK));
             Stream<Path> snap = Files.list(out.resolve("restricted/" + OutputStore.SNAPSHOTS))) {
            assertEquals(0, w.count(), "the run's work folder, Spark's local files included, is removed");
            assertEquals(List.of(previousRun), snap.map(f -> f.getFileName().toString()).toList());
        }
    }
}
