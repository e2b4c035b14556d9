package uk.nhs.phm.jobs.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Option;

/** Shared {@code -v} option: -v shows our debug lines, -vv also Spark's INFO lines. */
public final class LoggingMixin {
    @Option(names = {"-v", "--verbose"}, description = "More log output (-v: phm debug, -vv: also Spark info).")
    boolean[] verbosity = new boolean[0];

    public void apply() {
        if (verbosity.length >= 1) {
            Configurator.setLevel("uk.nhs.phm", Level.DEBUG);
        }
        if (verbosity.length >= 2) {
            Configurator.setLevel("org.apache.spark", Level.INFO);
        }
    }
}
