package uk.nhs.phm.pipeline.synth;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The shipped generator rates, read the way the jobs loader reads them (tests run in pipeline/). */
final class TestRates {
    static final Path SHIPPED = Paths.get("..").resolve(GeneratorRates.SHIPPED_FILE).toAbsolutePath().normalize();

    private static GeneratorRates shipped;

    private TestRates() {
    }

    /** The shipped file's key/value pairs, in a map the caller may change. */
    static Map<String, String> shippedValues() {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(SHIPPED, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        return values;
    }

    static synchronized GeneratorRates shipped() {
        if (shipped == null) {
            shipped = GeneratorRates.fromProperties(shippedValues(), SHIPPED.toString());
        }
        return shipped;
    }
}
