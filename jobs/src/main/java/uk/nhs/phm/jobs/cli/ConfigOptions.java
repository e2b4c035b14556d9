package uk.nhs.phm.jobs.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import uk.nhs.phm.jobs.run.ConfigLoader;
import uk.nhs.phm.pipeline.config.Settings;
import uk.nhs.phm.pipeline.PhmUserException;

/** Options shared by the subcommands that run the pipeline: configuration file, overrides, Spark master. */
public final class ConfigOptions {
    @Option(names = "--conf", paramLabel = "FILE",
            description = "Properties file read after conf/phm-defaults.properties and conf/phm.properties.")
    Path confFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one configuration key (highest precedence); repeatable. The keys are listed "
                    + "below and in conf/phm-defaults.properties; any spark.* key goes to Spark.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: local[*], embedded). E.g. spark://host:7077, yarn.")
    String master;

    public Settings load(Map<String, String> commandOptions) {
        Map<String, String> cl = new LinkedHashMap<>(overrides);
        commandOptions.forEach((k, v) -> {
            if (v != null) {
                cl.put(k, v);
            }
        });
        if (master != null) {
            cl.put("spark.master", master);
        }
        for (String k : cl.keySet()) {
            if (k.isBlank()) {
                throw new PhmUserException("--set needs KEY=VALUE, e.g. --set disclosure.threshold=10.");
            }
        }
        return ConfigLoader.load(confFile, cl);
    }
}
