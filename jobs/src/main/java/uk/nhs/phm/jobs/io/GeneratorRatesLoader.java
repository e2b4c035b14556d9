package uk.nhs.phm.jobs.io;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.synth.GeneratorRates;

/**
 * Reads the generator's rates file ({@value GeneratorRates#SHIPPED_FILE}, a Java .properties file) and hands
 * its key/value pairs to {@link GeneratorRates#fromProperties}, which refuses unknown, missing and malformed
 * keys. Here: a missing or unreadable file, and a key set twice (plain Properties would keep the last silently).
 */
public final class GeneratorRatesLoader {
    private GeneratorRatesLoader() {
    }

    public static GeneratorRates load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new PhmUserException("generator rates file " + file + " is missing: phm generate reads "
                    + GeneratorRates.SHIPPED_FILE + " under the phm home");
        }
        Set<String> twice = new TreeSet<>();
        Properties props = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                Object old = super.put(key, value);
                if (old != null) {
                    twice.add(String.valueOf(key));
                }
                return old;
            }
        };
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new PhmUserException("cannot read generator rates file " + file + " (" + e.getMessage()
                    + "); it must be a Java .properties file of key=value lines", e);
        }
        if (!twice.isEmpty()) {
            throw new PhmUserException(file + ": key" + (twice.size() > 1 ? "s " : " ") + "'"
                    + String.join("', '", twice) + "' set more than once");
        }
        Map<String, String> values = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> values.put(k, props.getProperty(k)));
        return GeneratorRates.fromProperties(values, file.toString());
    }
}
