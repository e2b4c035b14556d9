package uk.nhs.phm.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import uk.nhs.phm.jobs.run.StopSignals;
import uk.nhs.phm.pipeline.Errors;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.quality.DataQualityGateException;

/**
 * The {@code phm} command line. Only {@link #main} calls {@code System.exit}; every subcommand is a
 * {@code Callable<Integer>} so tests can run it in-process through {@link #execute}.
 */
@Command(name = "phm",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Population health risk stratification for an Integrated Care System.",
        subcommands = {RunCommand.class, ValidateCommand.class, GenerateCommand.class, BenchmarkCommand.class,
                CompareCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./phm run                               # sample data into ./output",
                "  ./phm run --input /data/extract --output /data/phm --as-of 2026-03-31",
                "  ./phm validate --input /data/extract    # data-quality report only",
                "  ./phm generate --icb QVV --patients 20000 --seed 42 --output /tmp/extract",
                "",
                "Exit codes: 0 ok, 2 user error (bad input, configuration or option), 3 internal error,",
                "4 data-quality gate breached, 130/143 stopped by SIGINT/SIGTERM. Only 0 publishes."})
public final class PhmCli {
    private static final Logger LOG = LogManager.getLogger(PhmCli.class);

    private PhmCli() {
    }

    public static void main(String[] args) {
        StopSignals.install();
        System.exit(execute(args));
    }

    /** Width of --help; examples are kept to {@link #EXAMPLE_WIDTH} so that one copied line is one command. */
    public static final int HELP_WIDTH = 120;
    /** Examples fit an 80-column terminal, which would otherwise break them where a copy picks up the break. */
    public static final int EXAMPLE_WIDTH = 80;

    /** The command line with its help as users see it (width, configuration keys), before any handlers. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(PhmCli.class).setUsageHelpWidth(HELP_WIDTH);
        for (String name : List.of("run", "validate", "benchmark")) {
            addSettingsToHelp(cli.getSubcommands().get(name).getCommandSpec().usageMessage());
        }
        return cli;
    }

    /** Runs the CLI in-process and returns the exit code (used by main and by the integration tests). */
    public static int execute(String... args) {
        CommandLine cli = commandLine();
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex));
        cli.setParameterExceptionHandler((ex, args1) -> {
            commandLine(ex).getErr().println("phm: " + ex.getMessage());
            commandLine(ex).getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for the options and examples.");
            return ExitCodes.USER_ERROR;
        });
        return cli.execute(args);
    }

    /** The configuration keys, from their declarations, at the end of a command's --help. */
    private static void addSettingsToHelp(CommandLine.Model.UsageMessageSpec usage) {
        List<String> footer = new ArrayList<>(List.of(usage.footer()));
        footer.add("");
        footer.add("Configuration keys (conf/phm.properties, --conf FILE or --set KEY=VALUE) and their defaults:");
        PhmSettings.helpLines(HELP_WIDTH).forEach(l -> footer.add(l.replace("%", "%%")));
        usage.footer(footer.toArray(new String[0]));
    }

    private static CommandLine commandLine(CommandLine.ParameterException ex) {
        return ex.getCommandLine();
    }

    static int handle(Throwable ex) {
        String signal = StopSignals.received();
        if (signal != null && !StopSignals.publishedAnyway()) {
            // Whatever the stopped stage threw (Spark reports a cancelled job as a failure) is not an error.
            LOG.debug("Run stopped by SIG{} in: {}", signal, Errors.firstLine(ex));
            System.err.println("phm: stopped by SIG" + signal + "; nothing was published (the previous publication "
                    + "is unchanged); run the same command again to redo the run");
            return StopSignals.exitCode(signal);
        }
        PhmUserException user = Errors.userError(ex);
        if (user instanceof DataQualityGateException) {
            System.err.println("phm: data-quality gate: " + user.getMessage());
            return ExitCodes.GATE;
        }
        if (user != null) {
            System.err.println("phm: error: " + user.getMessage());
            return ExitCodes.USER_ERROR;
        }
        LOG.error("Internal error (a bug or an environment failure); please report it with this log", ex);
        System.err.println("phm: internal error: " + ex + " (see the log above; exit code 3)");
        return ExitCodes.INTERNAL_ERROR;
    }
}
