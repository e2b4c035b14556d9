package uk.nhs.phm.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.phm.jobs.cli.PhmCli;
import uk.nhs.phm.jobs.io.GeneratorRatesLoader;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.synth.GeneratorRates;
import uk.nhs.phm.pipeline.testing.SparkTestSession;

class GenerateCommandTest {
    /** Tests run in jobs/; the shipped reference data is in the project's conf/. */
    private static final Path HOME = Paths.get("..").toAbsolutePath().normalize();
    private static final Path CONF = HOME.resolve("conf");
    private static final Path RATES = HOME.resolve(GeneratorRates.SHIPPED_FILE);

    /** generate reads its rates from conf/synthetic under the phm home, as the launcher sets it. */
    @BeforeEach
    void phmHome() {
        System.setProperty("phm.home", HOME.toString());
    }

    private static int generate(Path out, String icb, String seed, String... more) {
        List<String> args = new ArrayList<>(List.of("generate", "--icb", icb, "--patients", "300",
                "--seed", seed, "--output", out.toString(),
                "--reference-dir", CONF.resolve("reference").toString(),
                "--codelists-dir", CONF.resolve("codelists").toString()));
        args.addAll(List.of(more));
        return PhmCli.execute(args.toArray(new String[0]));
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

    @Test
    void shippedRatesFileLoads() {
        GeneratorRates rates = GeneratorRatesLoader.load(RATES);
        assertEquals(193, rates.keyCount());
    }

    @Test
    void ratesFileWithAMisspeltMissingOrRepeatedKeyIsRefused(@TempDir Path tmp) throws Exception {
        String shipped = Files.readString(RATES);
        Path file = tmp.resolve("generator.properties");

        Files.writeString(file, shipped.replace("\ninpatient.emergency_care_home_multiplier=",
                "\ninpatient.emergency_carehome_multiplier="));
        PhmUserException e = assertThrows(PhmUserException.class, () -> GeneratorRatesLoader.load(file));
        assertTrue(e.getMessage().startsWith(file + ": unknown key 'inpatient.emergency_carehome_multiplier' (did you"
                + " mean 'inpatient.emergency_care_home_multiplier'?)"), e.getMessage());

        Files.writeString(file, shipped.replace("\ndeaths.copd_multiplier=1.5\n", "\n"));
        e = assertThrows(PhmUserException.class, () -> GeneratorRatesLoader.load(file));
        assertEquals(file + ": missing key 'deaths.copd_multiplier': every key of conf/synthetic/generator.properties"
                + " is required (copy it from there)", e.getMessage());

        Files.writeString(file, shipped + "deaths.copd_multiplier=1.6\n");
        e = assertThrows(PhmUserException.class, () -> GeneratorRatesLoader.load(file));
        assertEquals(file + ": key 'deaths.copd_multiplier' set more than once", e.getMessage());

        e = assertThrows(PhmUserException.class, () -> GeneratorRatesLoader.load(tmp.resolve("none.properties")));
        assertTrue(e.getMessage().contains("none.properties is missing"), e.getMessage());
    }

    /**
     * Parquet is typed with the contract's types by the parsing validation uses: a row is left out only where a
     * value does not parse. In registrations that is exactly a start or end date that is not a real YYYY-MM-DD
     * date; every other bad row (orphans, end before start, missing values) is kept.
     */
    @Test
    void parquetIsTypedAsTheContractAndDropsOnlyUnparseableRows(@TempDir Path tmp) throws Exception {
        SparkTestSession.get();
        assertEquals(0, generate(tmp.resolve("csv"), "QVV", "5", "--bad-row-share", "0.2"));
        assertEquals(0, generate(tmp.resolve("pq"), "QVV", "5", "--bad-row-share", "0.2", "--format", "parquet"));
        for (InputTable t : InputTable.values()) {
            Dataset<Row> df = SparkTestSession.get().read().parquet(tmp.resolve("pq").resolve(t.tableName + ".parquet")
                    .toString());
            assertEquals(t.schema(), df.schema(), t.tableName);
        }
        List<String> csv = Files.readAllLines(tmp.resolve("csv").resolve("registrations.csv"));
        long parseable = csv.stream().skip(1).filter(l -> {
            String[] v = l.split(",", -1);
            return (v[2].isEmpty() || isDate(v[2])) && (v[3].isEmpty() || isDate(v[3]));
        }).count();
        assertTrue(parseable < csv.size() - 1, "the 20% bad rows include unparseable registration dates");
        long rows = SparkTestSession.get().read().parquet(tmp.resolve("pq").resolve("registrations.parquet")
                .toString()).count();
        assertEquals(parseable, rows);
    }

    private static boolean isDate(String s) {
        if (!s.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            return false;
        }
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
