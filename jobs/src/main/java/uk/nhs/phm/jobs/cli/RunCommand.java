package uk.nhs.phm.jobs.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import uk.nhs.phm.jobs.run.PhmConfig;
import uk.nhs.phm.jobs.run.PipelineRun;
import uk.nhs.phm.jobs.run.RunResult;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline: validate the extract, compute features and segments at the as-of "
                + "date, aggregate with disclosure control and publish all outputs for that date (or none).",
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./phm run                                     # shipped sample data into ./output",
                "  ./phm run --input /data/extract --output /data/phm",
                "  ./phm run --input /data/extract --output /data/phm --as-of 2026-03-31   # backfill",
                "  ./phm run --conf /etc/phm/site.properties --set disclosure.threshold=10",
                "",
                "Outputs: <output>/published (aggregate, disclosure-controlled), <output>/restricted",
                "(patient-level, pseudonymised) and <output>/ops (data quality, quarantine, run manifests).",
                "Exit codes: 0 ok, 2 user error (message names the file, column and fix), 3 internal error."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    LoggingMixin logging;

    @Mixin
    ConfigOptions config;

    @Option(names = "--input", paramLabel = "DIR", description = "Extract folder (default: sample-data/extract).")
    Path input;

    @Option(names = "--output", paramLabel = "DIR", description = "Output folder (default: ./output).")
    Path output;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "As-of date T (default: the latest activity date in the extract).")
    String asOf;

    @Override
    public Integer call() {
        logging.apply();
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("input", input == null ? null : input.toAbsolutePath().toString());
        opts.put("output", output == null ? null : output.toAbsolutePath().toString());
        opts.put("as_of", asOf);
        PhmConfig cfg = config.load(opts);
        RunResult r = new PipelineRun(cfg, false, LocalDate.now(ZoneOffset.UTC)).execute();
        System.out.print(RunReport.runSummary(r, cfg.path("output")));
        return ExitCodes.OK;
    }
}
