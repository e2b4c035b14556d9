package uk.nhs.phm.jobs.run;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import uk.nhs.phm.jobs.io.Fs;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.config.Setting;
import uk.nhs.phm.pipeline.config.Settings;

/**
 * Layers the configuration: the declared defaults ({@link PhmSettings}) &lt; {@code conf/phm.properties} (site) &lt;
 * {@code --conf FILE} &lt; command-line options. Every key must be declared (or start with {@code spark.}); every
 * value is checked here, before Spark starts, and remembers where it came from so an error names the file or
 * option to fix. A relative path resolves against the project home when it comes from a file or the defaults,
 * and against the current folder when given on the command line.
 */
public final class ConfigLoader {
    public static final String SITE_FILE = "conf/phm.properties";
    public static final String COMMAND_LINE = "command line";
    private static final Logger LOG = LogManager.getLogger(ConfigLoader.class);

    private ConfigLoader() {
    }

    /** The project home: -Dphm.home (set by the launcher), else the current directory. */
    public static Path home() {
        return Path.of(System.getProperty("phm.home", ".")).toAbsolutePath().normalize();
    }

    public static Settings load(Path confFile, Map<String, String> commandLine) {
        Path home = home();
        Settings.Builder b = Settings.builder();
        for (Setting<?> s : PhmSettings.ALL) {
            if (s.kind == Setting.Kind.PATH) {
                b.set(s.key, Fs.resolve(s.defaultText, home), "default");
            }
        }
        Path site = home.resolve(SITE_FILE);
        if (Files.isRegularFile(site)) {
            layer(b, site, home);
        }
        if (confFile != null) {
            if (!Files.isRegularFile(confFile)) {
                throw new PhmUserException("--conf " + confFile + ": file not found; give the path of a .properties "
                        + "file (conf/phm-defaults.properties lists the keys).");
            }
            layer(b, confFile, home);
        }
        Path cwd = Path.of("").toAbsolutePath();
        new TreeMap<>(commandLine).forEach((k, v) -> {
            if (v != null) {
                PhmSettings.checkKnown(k, "--set " + k);
                b.set(k, resolved(k, v, cwd), COMMAND_LINE);
            }
        });
        Settings settings = b.build();
        for (Setting<?> s : PhmSettings.ALL) {
            settings.get(s);
        }
        // Settings hold paths, numbers and switches, never person-level data; secrets are redacted.
        settings.redacted().forEach((k, v) -> LOG.debug("Setting {} = {} ({})", k, v, settings.where(k)));
        return settings;
    }

    private static void layer(Settings.Builder b, Path file, Path home) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new PhmUserException(file + ": cannot read configuration (" + e.getMessage()
                    + "); it must be a Java .properties file of key=value lines.");
        }
        for (String k : new java.util.TreeSet<>(p.stringPropertyNames())) {
            PhmSettings.checkKnown(k, file.toString());
            b.set(k, resolved(k, p.getProperty(k), home), file.toString());
        }
    }

    private static String resolved(String key, String value, Path base) {
        Setting<?> s = PhmSettings.byKey(key);
        if (s != null && s.kind == Setting.Kind.PATH && value != null && !value.isBlank()) {
            return Fs.resolve(value, base);
        }
        return value;
    }
}
