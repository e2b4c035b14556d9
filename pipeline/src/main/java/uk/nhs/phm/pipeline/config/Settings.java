package uk.nhs.phm.pipeline.config;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run's configuration after layering: one raw value per declared key (with where it came from) plus the
 * {@code spark.*} pass-through keys. Values are parsed by their {@link Setting}, so every stage reads the same
 * checked value. Built by the loader at the edge; stages only read it.
 */
public final class Settings implements Serializable {
    private final Map<String, String> values;
    private final Map<String, String> origins;

    public Settings(Map<String, String> values, Map<String, String> origins) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
    }

    /** Every declared key at its default, nothing else: for tests of stages. */
    public static Settings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The parsed value (null where the key is empty and may be). */
    public <T> T get(Setting<T> s) {
        return s.parse(values.getOrDefault(s.key, s.defaultText), where(s.key));
    }

    /** The raw text of a key, as layered (default included). */
    public String raw(String key) {
        return values.get(key);
    }

    /** Where a key's value came from: a file, "command line", or "default". */
    public String where(String key) {
        return origins.getOrDefault(key, "default");
    }

    /** {@code spark.*} keys, for the session factory. */
    public Map<String, String> spark() {
        Map<String, String> m = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(PhmSettings.SPARK_PREFIX)) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** Every value, for the run manifest; keys that look secret are redacted. */
    public Map<String, String> redacted() {
        Map<String, String> m = new TreeMap<>();
        values.forEach((k, v) -> m.put(k, looksSecret(k) ? "***" : v));
        return m;
    }

    /** Keys whose values are never written down (manifest, logs): passwords, secrets, tokens, credentials. */
    public static boolean looksSecret(String key) {
        return key.matches("(?i).*(password|secret|token|key\\b|credential).*");
    }

    /** Layers values over the declared defaults; the loader checks keys before calling it. */
    public static final class Builder {
        private final Map<String, String> values = new TreeMap<>();
        private final Map<String, String> origins = new LinkedHashMap<>();

        Builder() {
            for (Setting<?> s : PhmSettings.ALL) {
                values.put(s.key, s.defaultText);
            }
        }

        public Builder set(String key, String value, String origin) {
            values.put(key, value == null ? "" : value.trim());
            origins.put(key, origin);
            return this;
        }

        public Settings build() {
            return new Settings(values, origins);
        }
    }
}
