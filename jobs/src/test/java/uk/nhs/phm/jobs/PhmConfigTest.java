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
import uk.nhs.phm.jobs.run.PhmConfig;
import uk.nhs.phm.pipeline.PhmUserException;

/** Precedence: defaults < conf/phm.properties < --conf FILE < command line; errors name where a value came from. */
class PhmConfigTest {
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
        write("conf/phm-defaults.properties", "a=defaults\nb=defaults\nc=defaults\nd=defaults\ninput=extract\n");
        write("conf/phm.properties", "b=site\nc=site\nd=site\n");
        write("site.properties", "c=file\nd=file\n");
        System.setProperty("phm.home", home.toString());
        PhmConfig cfg = PhmConfig.load(home.resolve("site.properties"), Map.of("d", "cli", "output", "rel/out"));
        assertEquals("defaults", cfg.get("a"));
        assertEquals("site", cfg.get("b"));
        assertEquals("file", cfg.get("c"));
        assertEquals("cli", cfg.get("d"));
        // A path from a file resolves against the project home; one from the command line against the cwd.
        assertEquals(home.resolve("extract"), cfg.path("input"));
        assertEquals(Path.of("rel/out").toAbsolutePath().normalize(), cfg.path("output"));
        assertEquals(home.resolve("site.properties").toString(), cfg.where("c"));
    }

    @Test
    void badValuesAreUserErrorsNamingTheFileAndKey() throws Exception {
        write("conf/phm-defaults.properties", "disclosure.threshold=eight\nas_of=2026/01/01\nspark.password=x\n");
        System.setProperty("phm.home", home.toString());
        PhmConfig cfg = PhmConfig.load(null, Map.of());
        PhmUserException e = assertThrows(PhmUserException.class, () -> cfg.integer("disclosure.threshold", 1, 100));
        assertTrue(e.getMessage().contains("phm-defaults.properties") && e.getMessage().contains("disclosure.threshold"),
                e.getMessage());
        e = assertThrows(PhmUserException.class, () -> cfg.date("as_of"));
        assertTrue(e.getMessage().contains("YYYY-MM-DD"), e.getMessage());
        assertEquals("***", cfg.redacted().get("spark.password"));
        assertThrows(PhmUserException.class, () -> PhmConfig.load(home.resolve("missing.properties"), Map.of()));
    }
}
