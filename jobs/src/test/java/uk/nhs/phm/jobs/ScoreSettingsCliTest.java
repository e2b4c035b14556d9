package uk.nhs.phm.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site's Charlson settings and files are checked on load: a mistake stops the run with exit 2 and one line. */
class ScoreSettingsCliTest {
    private static final Path TINY = CliRun.HOME.resolve("jobs/src/test/resources/extracts/tiny");

    @Test
    void anUnknownCharlsonWeightingIsRefusedBeforeAnythingIsWritten(@TempDir Path tmp) {
        CliRun r = CliRun.phmNoGates("run", "--input", TINY.toString(), "--output", tmp.resolve("o").toString(),
                "--set", "scores.charlson_weights=quan");
        assertEquals(2, r.exitCode, r.err);
        assertEquals(List.of("phm: error: command line: 'scores.charlson_weights' is 'quan'; it must "
                + "be one of charlson1987, quan2011."), r.errorLines());
        assertFalse(Files.exists(tmp.resolve("o")), "refused before anything is written");
    }

    @Test
    void aSiteMapWithAnUnknownCategoryStopsTheRunNamingFileAndLine(@TempDir Path tmp) throws Exception {
        Path map = Files.writeString(tmp.resolve("charlson_map.csv"), "category,icd10_prefix\nmi,I21\nheart,I25\n");
        CliRun r = CliRun.phmNoGates("run", "--input", TINY.toString(), "--output", tmp.resolve("o").toString(),
                "--set", "codelists.charlson_map=" + map);
        assertEquals(2, r.exitCode, r.err);
        List<String> lines = r.errorLines();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("charlson_map.csv, line 3: category 'heart' is not in "), lines.get(0));
        assertFalse(r.err.contains("\tat "), "no stack trace for a user mistake");
        assertFalse(Files.exists(tmp.resolve("o/restricted/patient_segments")), "nothing published");
    }
}
