package uk.nhs.phm.jobs.run;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import uk.nhs.phm.pipeline.PhmUserException;

/**
 * Layered configuration: {@code conf/phm-defaults.properties} &lt; {@code conf/phm.properties} (site) &lt;
 * {@code --conf FILE} &lt; command-line options. Remembers which layer each value came from, so an error
 * names the file (or option) to fix.
 */
public final class PhmConfig {
    public static final String DEFAULTS_FILE = "conf/phm-defaults.properties";
    public static final String SITE_FILE = "conf/phm.properties";

    private final Path home;
    private final Map<String, String> values = new TreeMap<>();
    private final Map<String, String> origin = new LinkedHashMap<>();

    private PhmConfig(Path home) {
        this.home = home;
    }

    /** The project home: -Dphm.home (set by the launcher), else the current directory. */
    public static Path home() {
        return Path.of(System.getProperty("phm.home", ".")).toAbsolutePath().normalize();
    }

    public static PhmConfig load(Path confFile, Map<String, String> commandLine) {
        PhmConfig c = new PhmConfig(home());
        Path defaults = c.home.resolve(DEFAULTS_FILE);
        if (!Files.isRegularFile(defaults)) {
            throw new PhmUserException("Configuration defaults not found at " + defaults
                    + ": run phm from the project folder or set PHM_HOME to it.");
        }
        c.layer(defaults);
        Path site = c.home.resolve(SITE_FILE);
        if (Files.isRegularFile(site)) {
            c.layer(site);
        }
        if (confFile != null) {
            if (!Files.isRegularFile(confFile)) {
                throw new PhmUserException("--conf " + confFile + ": file not found; give the path of a "
                        + ".properties file (see conf/phm-defaults.properties for the keys).");
            }
            c.layer(confFile);
        }
        commandLine.forEach((k, v) -> {
            if (v != null) {
                c.values.put(k, v);
                c.origin.put(k, "command line");
            }
        });
        return c;
    }

    private void layer(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new PhmUserException(file + ": cannot read configuration (" + e.getMessage()
                    + "); it must be a Java .properties file of key=value lines.");
        }
        for (String k : p.stringPropertyNames()) {
            values.put(k, p.getProperty(k).trim());
            origin.put(k, file.toString());
        }
    }

    public String get(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? null : v;
    }

    public String require(String key) {
        String v = get(key);
        if (v == null) {
            throw new PhmUserException("Configuration key '" + key + "' is not set; set it in "
                    + SITE_FILE + " or with --set " + key + "=VALUE.");
        }
        return v;
    }

    /** A path from configuration: relative paths in files resolve against the project home. */
    public Path path(String key) {
        String v = require(key);
        Path p = Path.of(v);
        if (p.isAbsolute()) {
            return p;
        }
        String from = origin.getOrDefault(key, "");
        return from.equals("command line") ? p.toAbsolutePath().normalize() : home.resolve(p).normalize();
    }

    public int integer(String key, int min, int max) {
        String v = require(key);
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new PhmUserException(where(key) + ": '" + key + "' is '" + v + "'; it must be a whole number from "
                    + min + " to " + max + ".");
        }
    }

    public boolean bool(String key) {
        String v = require(key).toLowerCase();
        if (!v.equals("true") && !v.equals("false")) {
            throw new PhmUserException(where(key) + ": '" + key + "' is '" + v + "'; it must be true or false.");
        }
        return v.equals("true");
    }

    public LocalDate date(String key) {
        String v = get(key);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new PhmUserException(where(key) + ": '" + key + "' is '" + v + "'; give a date as YYYY-MM-DD.");
        }
    }

    public String where(String key) {
        return origin.getOrDefault(key, "configuration");
    }

    /** spark.* settings, for the session factory. */
    public Map<String, String> sparkSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith("spark.")) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** Every value, for the run manifest (keys that look secret are redacted). */
    public Map<String, String> redacted() {
        Map<String, String> m = new TreeMap<>();
        values.forEach((k, v) -> m.put(k, k.matches("(?i).*(password|secret|token|key\\b|credential).*")
                ? "***" : v));
        return m;
    }
}
