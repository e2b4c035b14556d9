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

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check an extract against the input contract and print the data-quality report "
                + "(rows read, accepted and quarantined per table, with reasons). Writes no outputs.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./phm validate                                # the shipped sample data",
                "  ./phm validate --input /data/extract",
                "",
                "Exit codes: 0 the extract can be run (rows may be quarantined), 2 a file-level problem",
                "(message names the file, column and fix), 3 internal error."})
public final class ValidateCommand implements Callable<Integer> {
    @Mixin
    LoggingMixin logging;

    @Mixin
    ConfigOptions config;

    @Option(names = "--input", paramLabel = "DIR", description = "Extract folder (default: sample-data/extract).")
    Path input;

    @Override
    public Integer call() {
        logging.apply();
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("input", input == null ? null : input.toAbsolutePath().toString());
        PhmConfig cfg = config.load(opts);
        RunResult r = new PipelineRun(cfg, true, LocalDate.now(ZoneOffset.UTC)).execute();
        System.out.print(RunReport.dataQuality(r));
        return ExitCodes.OK;
    }
}
