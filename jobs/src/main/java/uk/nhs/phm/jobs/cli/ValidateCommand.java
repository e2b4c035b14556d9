package uk.nhs.phm.jobs.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import uk.nhs.phm.jobs.run.PipelineRun;
import uk.nhs.phm.jobs.run.RunResult;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.config.Settings;
import uk.nhs.phm.pipeline.quality.DataQualityGates;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.stages.StandardLines;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check an extract against the input contract and print the data-quality report "
                + "(rows read, accepted and quarantined per table, with reasons). Writes no outputs.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./phm validate                           # the shipped sample data",
                "  ./phm validate --input /data/extract",
                "",
                "Exit codes: 0 the extract can be run (rows may be quarantined), 2 a file-level",
                "problem (message names the file, column and fix), 3 internal error, 4 a data-quality",
                "gate is breached (phm run would stop before publishing)."})
public final class ValidateCommand implements Callable<Integer> {
    @Mixin
    LoggingMixin logging;

    @Mixin
    ConfigOptions config;

    @Option(names = "--input", paramLabel = "DIR",
            description = "Extract folder: a path or a URI (default: sample-data/extract).")
    String input;

    @Override
    public Integer call() {
        logging.apply();
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put(PhmSettings.INPUT.key, input);
        Settings settings = config.load(opts);
        RunResult r = new PipelineRun(settings, LocalDate.now(ZoneOffset.UTC), StandardLines.validateOnly(),
                OutputTables.REGISTRY).dryRun();
        System.out.print(RunReport.dataQuality(r));
        for (DataQualityGates.Verdict v : r.gates) {
            if (!v.passed()) {
                System.err.println("phm: data-quality gate: " + v.message());
                return ExitCodes.GATE;
            }
        }
        return ExitCodes.OK;
    }
}
