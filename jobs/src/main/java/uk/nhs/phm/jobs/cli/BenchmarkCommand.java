package uk.nhs.phm.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import uk.nhs.phm.jobs.run.PipelineRun;
import uk.nhs.phm.jobs.run.RunResult;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.config.Settings;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.stages.StandardLines;
import uk.nhs.phm.jobs.run.StageMetrics;
import uk.nhs.phm.pipeline.PhmUserException;

@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Generate a synthetic ICS of N people, run the whole pipeline on it and print wall time, "
                + "rows/s and peak heap per stage (a Markdown table for docs/benchmarks.md).",
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./phm benchmark --patients 100000 --work /tmp/phm-bench",
                "  ./phm benchmark --patients 100000 --format parquet --work /tmp/phm-bench",
                "  PHM_HEAP=8g ./phm benchmark --patients 1000000 --work /tmp/phm-bench"})
public final class BenchmarkCommand implements Callable<Integer> {
    @Mixin
    LoggingMixin logging;

    @Mixin
    ConfigOptions config;

    @Option(names = "--patients", defaultValue = "100000", description = "People to generate (default ${DEFAULT-VALUE}).")
    int patients;

    @Option(names = "--icb", defaultValue = "QVV", description = "ICB whose practices and LSOAs to use (default ${DEFAULT-VALUE}).")
    String icb;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", defaultValue = "csv", description = "Extract format: csv or parquet (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--work", required = true, paramLabel = "DIR",
            description = "Scratch folder for the extract and the outputs (emptied first).")
    Path work;

    @Option(names = "--reuse-extract", description = "Keep an extract already in DIR/extract instead of generating.")
    boolean reuse;

    @Override
    public Integer call() throws Exception {
        logging.apply();
        Path extract = work.resolve("extract");
        Path output = work.resolve("output");
        long genMillis = 0;
        if (!reuse || !Files.isDirectory(extract)) {
            deleteTree(work);
            Files.createDirectories(work);
            Files.writeString(work.resolve(MARKER), "made by phm benchmark; deleted and rewritten on each run\n");
            long t0 = System.nanoTime();
            int rc = PhmCli.execute("generate", "--icb", icb, "--patients", String.valueOf(patients), "--seed",
                    String.valueOf(seed), "--output", extract.toString(), "--format", format);
            if (rc != ExitCodes.OK) {
                throw new PhmUserException("benchmark: generating the extract failed (exit " + rc + ").");
            }
            genMillis = (System.nanoTime() - t0) / 1_000_000;
        } else {
            deleteTree(output);
        }
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put(PhmSettings.INPUT.key, extract.toAbsolutePath().toString());
        opts.put(PhmSettings.OUTPUT.key, output.toAbsolutePath().toString());
        Settings settings = config.load(opts);
        RunResult r = new PipelineRun(settings, LocalDate.now(ZoneOffset.UTC), StandardLines.nightly(),
                OutputTables.REGISTRY).publish();
        long inputRows = r.validation.values().stream().mapToLong(s -> s.rowsRead).sum();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.UK, "%nBenchmark: %,d people (ICB %s, seed %d, %s), %,d input rows, %d cores, max heap %.1f GiB%n",
                patients, icb, seed, format, inputRows, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024.0 * 1024 * 1024)));
        if (genMillis > 0) {
            b.append(String.format(Locale.UK, "Generation (not part of the run): %.1f s%n", genMillis / 1000.0));
        }
        b.append(String.format("%n| stage | wall s | rows | rows/s | peak heap MiB |%n|---|---:|---:|---:|---:|%n"));
        for (StageMetrics.Stage s : r.stages) {
            b.append(String.format(Locale.UK, "| %s | %.1f | %,d | %,.0f | %,d |%n", s.name, s.wallMillis / 1000.0,
                    s.rows, s.rowsPerSecond(), s.peakHeapBytes / (1024 * 1024)));
        }
        long peak = r.stages.stream().mapToLong(s -> s.peakHeapBytes).max().orElse(0);
        b.append(String.format(Locale.UK, "| **whole run** | **%.1f** | %,d | %,.0f | %,d |%n", r.wallMillis / 1000.0,
                inputRows, inputRows * 1000.0 / Math.max(1, r.wallMillis), peak / (1024 * 1024)));
        System.out.print(b);
        return ExitCodes.OK;
    }

    private static final String MARKER = ".phm-benchmark";

    /** Empties a benchmark folder; refuses a non-empty folder the benchmark did not create. */
    private static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) {
            return;
        }
        Path root = p.getFileName().toString().equals("output") ? p.getParent() : p;
        boolean empty;
        try (var s = Files.list(root)) {
            empty = s.findAny().isEmpty();
        }
        if (!empty && !Files.exists(root.resolve(MARKER))) {
            throw new PhmUserException("--work " + root + ": the folder is not empty and was not made by phm benchmark; "
                    + "give a new or empty folder (its contents are deleted).");
        }
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
    }
}
