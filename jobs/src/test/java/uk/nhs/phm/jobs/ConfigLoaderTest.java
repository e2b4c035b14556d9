package uk.nhs.phm.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.phm.jobs.run.ConfigLoader;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.config.Settings;

/**
 * Precedence: declared defaults &lt; conf/phm.properties &lt; --conf FILE &lt; command line; unknown keys and bad values
 * are user errors naming where they came from (GeneratedDocsTest checks the documentation of the keys).
 */
class ConfigLoaderTest {
    @TempDir
    Path home;

    @AfterEach
    void restoreHome() {
        System.setProperty("phm.home", CliRun.HOME.toString());
    }

    private void write(String relative, String text) throws Exception {
        Path p = home.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void laterLayersOverrideEarlierOnesAndPathsResolveByOrigin() throws Exception {
        write("conf/phm.properties", "disclosure.threshold=9\ndisclosure.rounding=3\nimd.version=2019\ninput=extract\n");
        write("site.properties", "disclosure.rounding=4\nimd.version=2019\n");
        System.setProperty("phm.home", home.toString());
        Settings s = ConfigLoader.load(home.resolve("site.properties"),
                Map.of("imd.version", "2025", "output", "rel/out", "reference.dir", "hdfs://nn:8020/ref"));
        assertEquals(365, s.get(PhmSettings.UTILISATION_DAYS), "declared default");
        assertEquals(9, s.get(PhmSettings.DISCLOSURE_THRESHOLD), "site file");
        assertEquals(4, s.get(PhmSettings.DISCLOSURE_ROUNDING), "--conf file");
        assertEquals(2025, s.get(PhmSettings.IMD_VERSION), "command line");
        // A relative path from a file (or a default) resolves against the project home; from the command line
        // against the current folder; a URI is kept as it is.
        assertEquals(home.resolve("extract").toString(), s.get(PhmSettings.INPUT));
        assertEquals(Path.of("rel/out").toAbsolutePath().normalize().toString(), s.get(PhmSettings.OUTPUT));
        assertEquals(home.resolve("conf/segment_rules.csv").toString(), s.get(PhmSettings.SEGMENT_RULES));
        assertEquals("hdfs://nn:8020/ref", s.get(PhmSettings.REFERENCE_DIR));
        assertEquals(home.resolve("site.properties").toString(), s.where("disclosure.rounding"));
        assertEquals("default", s.where("lookback.recent_days"));
    }

    @Test
    void anUnknownKeyIsRefusedWithTheNearestValidOne() throws Exception {
        System.setProperty("phm.home", home.toString());
        PhmUserException e = assertThrows(PhmUserException.class,
                () -> ConfigLoader.load(null, Map.of("disclosure.treshold", "10")));
        assertEquals("--set disclosure.treshold: unknown configuration key 'disclosure.treshold'; did you mean "
                + "'disclosure.threshold'? (the keys are listed in conf/phm-defaults.properties).", e.getMessage());
        write("conf/phm.properties", "lookback.utilisation=200\n");
        e = assertThrows(PhmUserException.class, () -> ConfigLoader.load(null, Map.of()));
        assertTrue(e.getMessage().startsWith(home.resolve("conf/phm.properties") + ": unknown configuration key "
                + "'lookback.utilisation'; did you mean 'lookback.utilisation_days'?"), e.getMessage());
        Files.delete(home.resolve("conf/phm.properties"));
        // Spark's own settings pass through (Spark checks them when it starts).
        assertEquals("64", ConfigLoader.load(null, Map.of("spark.sql.shuffle.partitions", "64"))
                .spark().get("spark.sql.shuffle.partitions"));
    }

    @Test
    void badValuesAreUserErrorsNamingTheFileAndKeyBeforeAnythingRuns() throws Exception {
        write("conf/phm.properties", "disclosure.threshold=eight\n");
        System.setProperty("phm.home", home.toString());
        PhmUserException e = assertThrows(PhmUserException.class, () -> ConfigLoader.load(null, Map.of()));
        assertEquals(home.resolve("conf/phm.properties") + ": 'disclosure.threshold' is 'eight'; it must be a whole "
                + "number, 1 to 1000.", e.getMessage());
        Files.delete(home.resolve("conf/phm.properties"));
        e = assertThrows(PhmUserException.class, () -> ConfigLoader.load(null, Map.of("as_of", "2026/01/01")));
        assertTrue(e.getMessage().contains("YYYY-MM-DD"), e.getMessage());
        e = assertThrows(PhmUserException.class, () -> ConfigLoader.load(null, Map.of("imd.version", "2021")));
        assertEquals("command line: 'imd.version' is '2021'; it must be 2019 or 2025.", e.getMessage());
        assertThrows(PhmUserException.class, () -> ConfigLoader.load(home.resolve("missing.properties"), Map.of()));
        assertEquals("***", ConfigLoader.load(null, Map.of("spark.hadoop.fs.s3a.secret.key", "x")).redacted()
                .get("spark.hadoop.fs.s3a.secret.key"));
    }
}
