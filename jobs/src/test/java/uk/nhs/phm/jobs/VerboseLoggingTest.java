package uk.nhs.phm.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -v} tells what the run did that the summary does not: the settings in effect and where each came from,
 * the input files found, each stage's time, rows and heap, and where each output was stored; never a person-level
 * value or a secret.
 */
class VerboseLoggingTest {
    private static final Path TINY = CliRun.HOME.resolve("jobs/src/test/resources/extracts/tiny");

    private static boolean any(List<String> events, String... parts) {
        return events.stream().anyMatch(e -> {
            for (String p : parts) {
                if (!e.contains(p)) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void verboseRunLogsSettingsInputsStagesAndOutputs(@TempDir Path tmp) {
        List<String> events;
        try (LogCapture log = LogCapture.capture()) {
            CliRun r = CliRun.phmNoGates("run", "-v", "--input", TINY.toString(), "--output", tmp.resolve("out").toString(),
                    "--set", "spark.hadoop.fs.s3a.secret.key=not-to-be-logged");
            assertEquals(0, r.exitCode, r.err);
            // Four people: the published population is suppressed, not 0.
            assertTrue(r.out.contains("Population at T: suppressed ("), r.out);
            events = log.events;
        }
        assertTrue(any(events, "DEBUG", "Setting disclosure.threshold = 8 (default)"), String.join("\n", events));
        assertTrue(any(events, "DEBUG", "Setting output = " + tmp.resolve("out"), "(command line)"));
        assertTrue(any(events, "DEBUG", "Input patients: " + TINY.resolve("patients.csv"), "232 bytes"));
        assertTrue(any(events, "DEBUG", "Input deaths: none of"));
        assertTrue(any(events, "DEBUG", "Stage 'validate patients' starting"));
        assertTrue(any(events, "DEBUG", "Stage 'validate patients' done in ", " s: 6 rows, peak heap "));
        assertTrue(any(events, "DEBUG", "restricted/patient_segments stored in ", "/restricted/_snapshots/"));

        assertFalse(any(events, "not-to-be-logged"), "secrets are redacted");
        assertTrue(any(events, "spark.hadoop.fs.s3a.secret.key = ***"));
        // The tiny extract's person ids are PA0000000001 to PA0000000006 (and PA0000000099).
        assertFalse(any(events, "PA00000000"), "no person-level value in the log");
    }

    @Test
    void withoutVerboseThereAreNoDebugLinesEvenAfterAVerboseCommand(@TempDir Path tmp) {
        // Fails on the date, before Spark starts, after the log levels are set.
        CliRun.phm("validate", "-v", "--input", TINY.toString(), "--set", "as_of=2026-02-30");
        assertTrue(LogManager.getLogger("uk.nhs.phm.jobs").isDebugEnabled());
        CliRun.phm("validate", "--input", TINY.toString(), "--set", "as_of=2026-02-30");
        assertFalse(LogManager.getLogger("uk.nhs.phm.jobs").isDebugEnabled(), "each command logs as its options say");
    }
}
