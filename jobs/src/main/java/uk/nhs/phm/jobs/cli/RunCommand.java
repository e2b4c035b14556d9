package uk.nhs.phm.jobs.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import uk.nhs.phm.jobs.io.Fs;
import uk.nhs.phm.jobs.run.PipelineRun;
import uk.nhs.phm.jobs.run.RunResult;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.config.Settings;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.stages.StandardLines;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline: validate the extract, compute features and segments at the as-of "
                + "date, aggregate with disclosure control and publish all outputs for that date (or none).",
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./phm run                                # shipped sample data into ./output",
                "  ./phm run --input /data/extract --output /data/phm",
                "  ./phm run --input /data/extract --output /data/phm --as-of 2026-03-31",
                "  ./phm run --conf /etc/phm/site.properties --set disclosure.threshold=10",
                "  ./phm run --input file:///data/extract --output hdfs://nn:8020/phm",
                "",
                "Outputs: <output>/published (aggregate, disclosure-controlled), <output>/restricted",
                "(patient-level, pseudonymised) and <output>/ops (data quality, quarantine, run manifests).",
                "Exit codes: 0 ok, 2 user error (message names the file, column and fix), 3 internal",
                "error, 4 data-quality gate breached (message names the table and the setting), 130/143",
                "stopped by SIGINT/SIGTERM. Only 0 publishes; otherwise the previous publication stands."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    LoggingMixin logging;

    @Mixin
    ConfigOptions config;

    @Option(names = "--input", paramLabel = "DIR",
            description = "Extract folder: a path or a URI such as hdfs://…, s3a://… (default: sample-data/extract).")
    String input;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Output folder: a path or a URI (default: ./output).")
    String output;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "As-of date T (default: the latest activity date in the extract).")
    String asOf;

    @Override
    public Integer call() {
        logging.apply();
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put(PhmSettings.INPUT.key, input);
        opts.put(PhmSettings.OUTPUT.key, output);
        opts.put(PhmSettings.AS_OF.key, asOf);
        Settings settings = config.load(opts);
        RunResult r = new PipelineRun(settings, LocalDate.now(ZoneOffset.UTC), StandardLines.nightly(),
                OutputTables.REGISTRY).publish();
        System.out.print(RunReport.runSummary(r, Fs.display(settings.get(PhmSettings.OUTPUT))));
        return ExitCodes.OK;
    }
}
