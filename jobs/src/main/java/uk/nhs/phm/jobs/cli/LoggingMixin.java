package uk.nhs.phm.jobs.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Option;

/** Shared {@code -v} option: -v shows our debug lines, -vv also Spark's INFO lines. */
public final class LoggingMixin {
    @Option(names = {"-v", "--verbose"}, description = "More log output (-v: phm debug, -vv: also Spark info).")
    boolean[] verbosity = new boolean[0];

    /**
     * Sets the levels both ways, so that a command run in the same JVM as an earlier one (the tests run the CLI in
     * process) logs as its own options say.
     */
    public void apply() {
        Configurator.setLevel("uk.nhs.phm", verbosity.length >= 1 ? Level.DEBUG : Level.INFO);
        Configurator.setLevel("org.apache.spark", verbosity.length >= 2 ? Level.INFO : Level.WARN);
    }
}
