package uk.nhs.phm.jobs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import uk.nhs.phm.jobs.cli.PhmCli;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.testing.SparkTestSession;

/** Runs the CLI in-process (as the launcher would) and captures its exit code, stdout and stderr. */
final class CliRun {
    /** Tests run in jobs/; the project home (conf/, sample-data/) is its parent. */
    static final Path HOME = Paths.get("..").toAbsolutePath().normalize();

    final int exitCode;
    final String out;
    final String err;

    private CliRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    /**
     * Every data-quality gate open (all shares 1): for the hand-made fixtures, where a third of the rows are bad on
     * purpose to exercise the row rules.
     */
    static Map<String, String> noGates() {
        Map<String, String> m = new LinkedHashMap<>();
        PhmSettings.MAX_QUARANTINED.values().forEach(s -> m.put(s.key, "1"));
        m.put(PhmSettings.MAX_POPULATION_DROP.key, "1");
        m.put(PhmSettings.MAX_ROWS_DROP.key, "1");
        return m;
    }

    /** {@link #noGates} as command-line options. */
    static List<String> noGatesOptions() {
        List<String> o = new ArrayList<>();
        noGates().forEach((k, v) -> o.addAll(List.of("--set", k + "=" + v)));
        return o;
    }

    /** {@code phm <args>} with every gate open (see {@link #noGates}). */
    static CliRun phmNoGates(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(noGatesOptions());
        return phm(all.toArray(new String[0]));
    }

    /** Runs {@code phm <args>} with local[2], few partitions and no UI, as every test should. */
    static CliRun phm(String... args) {
        System.setProperty("phm.home", HOME.toString());
        // The test JVM's one session first: a run that started Spark itself would put its local files in (and
        // remove them with) its own work folder, under the feet of the tests after it.
        SparkTestSession.get();
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (!all.get(0).equals("generate")) {
            all.addAll(List.of("--master", "local[2]", "--set", "spark.sql.shuffle.partitions=4",
                    "--set", "spark.driver.host=127.0.0.1", "--set", "spark.ui.enabled=false"));
        }
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = PhmCli.execute(all.toArray(new String[0]));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        CliRun r = new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        oldOut.print(r.out);
        oldErr.print(r.err);
        return r;
    }

    /** The lines phm itself wrote to stderr (log lines from Spark or log4j are not part of the message). */
    List<String> errorLines() {
        return err.lines().filter(l -> l.startsWith("phm:")).toList();
    }

    /** The hand-made tiny extract most command-line tests run on. */
    static final Path TINY = HOME.resolve("jobs/src/test/resources/extracts/tiny");

    private static Path tinyPublication;

    /**
     * An output folder holding one publication of {@link #TINY} (gates open), copied into {@code to}. Tests that
     * only need an earlier publication to start from share this one, made by a real run once per test JVM, instead
     * of each running the whole pipeline again: a run is about half a minute on 2 cores.
     */
    static synchronized void copyOfTinyPublication(Path to) throws IOException {
        if (tinyPublication == null) {
            Path dir = Files.createTempDirectory("phm-tiny-publication");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            CliRun r = phmNoGates("run", "--input", TINY.toString(), "--output", dir.resolve("out").toString());
            if (r.exitCode != 0) {
                throw new IllegalStateException("the shared tiny publication failed: " + r.err);
            }
            tinyPublication = dir.resolve("out");
        }
        copyTree(tinyPublication, to);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder: left for the system to clear.
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
