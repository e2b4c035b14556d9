package uk.nhs.phm.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.phm.jobs.cli.PhmCli;
import uk.nhs.phm.pipeline.schema.InputTable;

class GenerateCommandTest {
    /** Tests run in jobs/; the shipped reference data is in the project's conf/. */
    private static final Path CONF = Paths.get("..", "conf").toAbsolutePath().normalize();

    private static int generate(Path out, String icb, String seed) {
        return PhmCli.execute("generate", "--icb", icb, "--patients", "300", "--seed", seed,
                "--output", out.toString(),
                "--reference-dir", CONF.resolve("reference").toString(),
                "--codelists-dir", CONF.resolve("codelists").toString());
    }

    @Test
    void writesEveryTableWithTheContractHeaderDeterministically(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, generate(a, "QVV", "42"));
        assertEquals(0, generate(b, "qvv", "42"));
        for (InputTable t : InputTable.values()) {
            Path file = a.resolve(t.tableName + ".csv");
            assertTrue(Files.isRegularFile(file), file + " missing");
            try (BufferedReader in = Files.newBufferedReader(file)) {
                assertEquals(String.join(",", t.columnNames()), in.readLine(), t.tableName + " header");
            }
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(b.resolve(t.tableName + ".csv")),
                    t.tableName + " differs between identical runs");
        }
        long patients = Files.lines(a.resolve("patients.csv")).count() - 1;
        assertTrue(patients >= 300 && patients < 310, "patients rows " + patients);
        assertTrue(Files.lines(a.resolve("gp_events.csv")).count() > 300 * 20, "too few GP events");
    }

    @Test
    void unknownIcbAndBadOptionsAreUserErrors(@TempDir Path tmp) {
        assertEquals(2, generate(tmp.resolve("x"), "ZZZ", "1"));
        assertEquals(2, PhmCli.execute("generate", "--icb", "QVV", "--output", tmp.toString(), "--format", "xlsx",
                "--reference-dir", CONF.resolve("reference").toString()));
        assertEquals(2, PhmCli.execute("generate", "--icb", "QVV", "--output", tmp.toString(),
                "--end-date", "31/12/2026", "--reference-dir", CONF.resolve("reference").toString()));
        assertEquals(2, PhmCli.execute("generate", "--output", tmp.toString()));
    }
}
