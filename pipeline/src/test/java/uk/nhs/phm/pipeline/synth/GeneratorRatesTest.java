package uk.nhs.phm.pipeline.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.schema.AdmissionMethods;
import uk.nhs.phm.pipeline.schema.InputTable;

class GeneratorRatesTest {
    private static final String SOURCE = "conf/test/generator.properties";

    private static PhmUserException refused(Map<String, String> values) {
        return assertThrows(PhmUserException.class, () -> GeneratorRates.fromProperties(values, SOURCE));
    }

    @Test
    void shippedFileLoadsWithTheValuesItStates() throws IOException {
        GeneratorRates rates = TestRates.shipped();
        long keyLines = Files.readAllLines(TestRates.SHIPPED).stream()
                .filter(l -> l.matches("^[a-z0-9_.]+=.*")).count();
        assertEquals(193, rates.keyCount());
        assertEquals(keyLines, rates.keyCount(), "every key line of the file is a key the generator reads");

        assertEquals(Days.of(LocalDate.of(2022, 1, 1)), rates.population.lsoa21From);
        assertEquals(Days.of(LocalDate.of(2019, 4, 1)), rates.conditionRecords.snomedFrom);
        assertEquals(1.4, rates.inpatient.emergencyCareHome);
        assertEquals(1.32, rates.inpatient.emergencyRateRatioPerLtc);
        assertEquals(0.17, rates.inpatient.emergencyBaseByAge.at(84));
        assertEquals(0.32, rates.inpatient.emergencyBaseByAge.at(104));
        assertEquals(0.22, rates.inpatient.emergencyBaseByAge.at(0));
        assertEquals(0.0, rates.conditions.careHomeByAge.at(64));
        assertEquals(0.004, rates.conditions.careHomeByAge.at(65));
        assertEquals(AdmissionMethods.EMERGENCY, rates.inpatient.emergencyMethods.codes());
        assertEquals(0.5, rates.inpatient.emergencyMethods.weight("2C"));
        assertEquals(72.0, rates.inpatient.emergencyMethods.weight("21"));
        assertEquals(735.0, rates.population.ethnicCategories.weight("A"));
        assertEquals(3.0, rates.inpatient.diagnoses.conditionWeights.weight("heart_failure"));
        assertEquals(2, rates.badRows.kindWeights.get(RowEmitter.Kind.ORPHAN));
        assertEquals(200_000, rates.badRows.peoplePerExtraNhsNumber);
        // Band edges are the exact decimal sums of the shares: 0.70 | 0.72 | 0.96 | 0.97 | 1.
        assertEquals("01", rates.ae.departmentTypes.pick(0.6999));
        assertEquals("02", rates.ae.departmentTypes.pick(0.70));
        assertEquals("03", rates.ae.departmentTypes.pick(0.72));
        assertEquals("05", rates.ae.departmentTypes.pick(0.97));
        assertEquals("care_home", rates.deaths.placeOther.pick(0.86));
        assertEquals("other", rates.deaths.placeOther.pick(0.93));
        // An incomplete list picks nothing past its last band: 0.0002 + 0.0001 is exactly 0.0003 here.
        assertEquals("I", rates.population.sexCodes.pick(0.00029999));
        assertNull(rates.population.sexCodes.pick(0.0003));
        assertEquals("moved_practice", rates.population.stories.pick(0.2));
        assertNull(rates.population.stories.pick(0.21));
    }

    @Test
    void everyKeyOfTheShippedFileHasAComment() throws IOException {
        List<String> lines = Files.readAllLines(TestRates.SHIPPED);
        List<String> undocumented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("^[a-z0-9_.]+=.*") && (i == 0 || !lines.get(i - 1).startsWith("#"))) {
                undocumented.add(lines.get(i).substring(0, lines.get(i).indexOf('=')));
            }
        }
        assertEquals(List.of(), undocumented);
    }

    @Test
    void misspeltKeyIsRefusedNamingTheFileAndTheNearestValidKey() {
        Map<String, String> values = TestRates.shippedValues();
        values.put("inpatient.emergency_care_home_multiplyer",
                values.remove("inpatient.emergency_care_home_multiplier"));
        PhmUserException e = refused(values);
        assertTrue(e.getMessage().startsWith(SOURCE + ": unknown key 'inpatient.emergency_care_home_multiplyer'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'inpatient.emergency_care_home_multiplier'?"), e.getMessage());
    }

    @Test
    void unrelatedUnknownKeyIsRefusedWithoutAGuess() {
        Map<String, String> values = TestRates.shippedValues();
        values.put("colour", "blue");
        PhmUserException e = refused(values);
        assertTrue(e.getMessage().startsWith(SOURCE + ": unknown key 'colour';"), e.getMessage());
        assertFalse(e.getMessage().contains("did you mean"), e.getMessage());
    }

    @Test
    void missingKeyIsRefusedNamingTheFileAndTheKey() {
        Map<String, String> values = TestRates.shippedValues();
        values.remove("deaths.copd_multiplier");
        values.remove("gp.flu_vaccination_share");
        PhmUserException e = refused(values);
        assertEquals(SOURCE + ": missing keys 'deaths.copd_multiplier', 'gp.flu_vaccination_share': every key of "
                + GeneratorRates.SHIPPED_FILE + " is required (copy it from there)", e.getMessage());
    }

    @Test
    void valuesOfTheWrongFormOrOutsideTheContractAreRefused() {
        Map<String, String> values = TestRates.shippedValues();
        values.put("inpatient.emergency_method_weights", "21:72,99:8");
        PhmUserException e = refused(values);
        assertTrue(e.getMessage().startsWith(SOURCE + ": inpatient.emergency_method_weights has code '99', which is"
                + " not one of [21, 22, 23, 24, 25, 28, 2A, 2B, 2C, 2D]"), e.getMessage());

        values = TestRates.shippedValues();
        values.put("deaths.place_shares_other", "hospital:0.5,home:0.32,street:0.18");
        assertTrue(refused(values).getMessage().contains("has code 'street'"));

        values = TestRates.shippedValues();
        values.put("ae.department_type_shares", "01:0.70,03:0.24");
        assertEquals(SOURCE + ": ae.department_type_shares must be a list code:share,... whose shares add up to"
                + " exactly 1 (got '01:0.70,03:0.24')", refused(values).getMessage());

        values = TestRates.shippedValues();
        values.put("gp.flu_vaccination_share", "72%");
        assertEquals(SOURCE + ": gp.flu_vaccination_share must be a share between 0 and 1 (got '72%')",
                refused(values).getMessage());

        values = TestRates.shippedValues();
        values.put("registration.lsoa21_from", "01/01/2022");
        assertEquals(SOURCE + ": registration.lsoa21_from must be a date YYYY-MM-DD (got '01/01/2022')",
                refused(values).getMessage());

        values = TestRates.shippedValues();
        values.put("inpatient.births_by_age", "16:0.012,20:0.045");
        assertTrue(refused(values).getMessage().contains("starting at age 0"));

        values = TestRates.shippedValues();
        values.put("bad_rows.kind_weights", "orphan:1,unknown_code:1");
        assertTrue(refused(values).getMessage().contains("bad_date, future_date or missing_required"));
    }

    @Test
    void theRatesDriveTheGenerator() {
        Map<String, String> values = TestRates.shippedValues();
        // Every record sex unknown, and no practice moves, joins or leavers.
        values.put("population.sex_code_shares", "U:1");
        values.put("registration.story_shares", "joined:0");
        GeneratorRates rates = GeneratorRates.fromProperties(values, SOURCE);
        SyntheticIcsGeneratorTest.CollectingSink sink = new SyntheticIcsGeneratorTest.CollectingSink();
        SyntheticIcsGenerator.generate(SyntheticIcsGeneratorTest.tinyReference(),
                new GeneratorSettings(400, 3, LocalDate.of(2026, 9, 30), 0, rates), sink);
        assertEquals(400, sink.of(InputTable.PATIENTS).size());
        sink.of(InputTable.PATIENTS).forEach(r -> assertEquals("U", r[3]));
        // One registration per person (no moves), and only the dead are deregistered (nobody leaves).
        assertEquals(400, sink.of(InputTable.REGISTRATIONS).size());
        Set<String> dead = new HashSet<>();
        sink.of(InputTable.DEATHS).forEach(r -> dead.add(r[0]));
        List<String[]> ended = sink.of(InputTable.REGISTRATIONS).stream().filter(r -> r[3] != null).toList();
        assertFalse(ended.isEmpty());
        ended.forEach(r -> assertTrue(dead.contains(r[0]), "registration ended without a death"));
    }

    @Test
    void weightsDrawInProportion() {
        Weights w = new Weights(new String[] {"a", "b"}, new double[] {1, 3});
        SplittableRandom r = new SplittableRandom(1);
        int b = 0;
        for (int i = 0; i < 40_000; i++) {
            if (w.draw(r).equals("b")) {
                b++;
            }
        }
        assertEquals(0.75, b / 40_000.0, 0.01);
    }
}
