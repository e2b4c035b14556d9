package uk.nhs.phm.pipeline.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.schema.AdmissionMethods;
import uk.nhs.phm.pipeline.schema.InputColumns;
import uk.nhs.phm.pipeline.schema.InputTable;

class SyntheticIcsGeneratorTest {
    private static final LocalDate END = LocalDate.of(2026, 9, 30);
    private static final GeneratorRates RATES = TestRates.shipped();

    /** A small ICB: two sub-ICBs, four practices, twelve LSOAs, a flat-ish age profile, a few code lists. */
    static GeneratorReference tinyReference() {
        int n = GeneratorReference.QOF_CONDITIONS.size();
        double[] prev = new double[n];
        Arrays.fill(prev, 0.02);
        prev[GeneratorReference.QOF_CONDITIONS.indexOf("hypertension")] = 0.15;
        prev[GeneratorReference.QOF_CONDITIONS.indexOf("diabetes")] = 0.07;
        double[] unknown = new double[n];
        Arrays.fill(unknown, Double.NaN);
        List<GeneratorReference.Practice> practices = List.of(
                new GeneratorReference.Practice("A00001", "U00001", "11A", 8000, prev),
                new GeneratorReference.Practice("A00002", "U00001", "11A", 4000, prev),
                new GeneratorReference.Practice("A00003", "U00002", "11B", 12000, prev),
                new GeneratorReference.Practice("A00004", "U00002", "11B", 0, unknown));
        List<GeneratorReference.Lsoa> lsoas = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            lsoas.add(new GeneratorReference.Lsoa(String.format("E0103%04d", i), String.format("E0100%04d", i),
                    i < 6 ? "11A" : "11B", 1200 + 100 * i, 1 + i % 10));
        }
        double[][] ageSex = new double[2][GeneratorReference.MAX_AGE_BAND + 1];
        for (int a = 0; a <= GeneratorReference.MAX_AGE_BAND; a++) {
            double w = a < 70 ? 1000 : 1000 * Math.exp(-(a - 70) / 8.0);
            ageSex[0][a] = w;
            ageSex[1][a] = w * 0.97;
        }
        Map<String, List<GeneratorReference.Code>> codes = new LinkedHashMap<>();
        codes.put("hypertension", List.of(snomed("38341003"), icd("I10")));
        codes.put("diabetes", List.of(snomed("44054006"), icd("E11")));
        codes.put("heart_failure", List.of(snomed("84114007"), icd("I50")));
        codes.put("copd", List.of(snomed("13645005"), icd("J44")));
        codes.put("asthma", List.of(snomed("195967001"), icd("J45")));
        codes.put("asthma_resolved", List.of(snomed("162660004")));
        codes.put("metastatic_cancer", List.of(icd("C77"), icd("C78"), icd("C79"), icd("C80")));
        codes.put("maternity", List.of(icd("O")));
        return new GeneratorReference("QXX", practices, lsoas, ageSex, codes, Map.of());
    }

    private static GeneratorReference.Code snomed(String code) {
        return new GeneratorReference.Code("snomed", code, false);
    }

    private static GeneratorReference.Code icd(String prefix) {
        return new GeneratorReference.Code("icd10", prefix, true);
    }

    /** Keeps every row; fine for a few thousand people. */
    static final class CollectingSink implements TableSink {
        final Map<InputTable, List<String[]>> rows = new EnumMap<>(InputTable.class);

        @Override
        public void row(InputTable table, String[] values) {
            assertEquals(table.columnNames().size(), values.length, table.tableName);
            rows.computeIfAbsent(table, t -> new ArrayList<>()).add(values.clone());
        }

        List<String[]> of(InputTable t) {
            return rows.getOrDefault(t, List.of());
        }
    }

    private static String digest(GeneratorReference ref, GeneratorSettings s) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        SyntheticIcsGenerator.generate(ref, s, (table, values) -> {
            md.update(table.tableName.getBytes());
            for (String v : values) {
                md.update((v == null ? "\u0000" : v + "\u0001").getBytes());
            }
        });
        return Arrays.toString(md.digest());
    }

    @Test
    void sameSeedGivesIdenticalRowsAndAnotherSeedDoesNot() throws Exception {
        GeneratorReference ref = tinyReference();
        String a = digest(ref, new GeneratorSettings(800, 42, END, 0.005, RATES));
        String b = digest(ref, new GeneratorSettings(800, 42, END, 0.005, RATES));
        String c = digest(ref, new GeneratorSettings(800, 43, END, 0.005, RATES));
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void badRowShareIsRoughlyAsAskedAndZeroMeansClean() {
        GeneratorReference ref = tinyReference();
        GenerationSummary some = SyntheticIcsGenerator.generate(ref, new GeneratorSettings(1500, 5, END, 0.03, RATES),
                (t, v) -> { });
        double share = (double) some.totalBadRows() / some.totalRows();
        assertTrue(share > 0.022 && share < 0.04, "bad-row share " + share);

        CollectingSink clean = new CollectingSink();
        GenerationSummary none = SyntheticIcsGenerator.generate(ref, new GeneratorSettings(1500, 5, END, 0, RATES),
                clean);
        assertEquals(0, none.totalBadRows());
        Set<String> people = new HashSet<>();
        clean.of(InputTable.PATIENTS).forEach(r -> assertTrue(people.add(r[0]), "duplicate person_id"));
        String end = END.toString();
        for (InputTable t : InputTable.values()) {
            for (String[] row : clean.of(t)) {
                for (int i = 0; i < row.length; i++) {
                    if (t.columns.get(i).kind == uk.nhs.phm.pipeline.schema.ColumnSpec.Kind.DATE && row[i] != null) {
                        assertTrue(row[i].matches("\\d{4}-\\d{2}-\\d{2}") && row[i].compareTo(end) <= 0,
                                t.tableName + " date " + row[i]);
                    }
                    if (t.columns.get(i).allowed != null && row[i] != null) {
                        assertTrue(t.columns.get(i).allowed.contains(row[i]), t.tableName + " code " + row[i]);
                    }
                }
                int pid = t.columnNames().indexOf(InputColumns.PERSON_ID);
                assertTrue(people.contains(row[pid]), "orphan in clean " + t.tableName);
            }
        }
    }

    @Test
    void personTokensAreUniqueAndNeverNhsNumberShaped() {
        PersonTokens tokens = new PersonTokens(99);
        Set<String> seen = new HashSet<>();
        for (long i = 0; i < 200_000; i++) {
            String t = tokens.token(i);
            assertTrue(t.matches("P[0-9A-Z]{11}"), t);
            assertTrue(seen.add(t), "collision at " + i);
        }
    }

    @Test
    void emergencyAdmissionsRiseWithAgeAndConditions() {
        CollectingSink sink = new CollectingSink();
        SyntheticIcsGenerator.generate(tinyReference(), new GeneratorSettings(6000, 11, END, 0, RATES), sink);
        Map<String, Integer> birthYear = new HashMap<>();
        sink.of(InputTable.PATIENTS).forEach(r -> birthYear.put(r[0], Integer.parseInt(r[1])));
        Map<String, Integer> admissions = new HashMap<>();
        for (String[] s : sink.of(InputTable.INPATIENT_SPELLS)) {
            if (AdmissionMethods.EMERGENCY.contains(s[5])) {
                admissions.merge(s[1], 1, Integer::sum);
            }
        }
        Map<String, Integer> ltcCodes = new HashMap<>();
        for (String[] e : sink.of(InputTable.GP_EVENTS)) {
            if (Set.of("38341003", "44054006", "84114007", "13645005").contains(e[3])) {
                ltcCodes.merge(e[0], 1, Integer::sum);
            }
        }
        double[] young = new double[2];
        double[] old = new double[2];
        double[] withLtc = new double[2];
        double[] without = new double[2];
        for (Map.Entry<String, Integer> p : birthYear.entrySet()) {
            int age = 2026 - p.getValue();
            int n = admissions.getOrDefault(p.getKey(), 0);
            if (age >= 20 && age < 40) {
                young[0] += n;
                young[1]++;
            } else if (age >= 75) {
                old[0] += n;
                old[1]++;
            }
            if (age >= 40 && age < 75) {
                double[] bucket = ltcCodes.containsKey(p.getKey()) ? withLtc : without;
                bucket[0] += n;
                bucket[1]++;
            }
        }
        double youngRate = young[0] / young[1];
        double oldRate = old[0] / old[1];
        assertTrue(oldRate > 2.5 * youngRate, "75+ " + oldRate + " vs 20-39 " + youngRate);
        assertTrue(withLtc[0] / withLtc[1] > 1.3 * (without[0] / without[1]),
                "with LTC " + withLtc[0] / withLtc[1] + " vs without " + without[0] / without[1]);
        assertFalse(sink.of(InputTable.DEATHS).isEmpty());
    }

    @Test
    void badSettingsAreUserErrors() {
        assertThrowsUser(() -> new GeneratorSettings(0, 1, END, 0.005, RATES));
        assertThrowsUser(() -> new GeneratorSettings(10, 1, END, 0.5, RATES));
    }

    private static void assertThrowsUser(Runnable r) {
        try {
            r.run();
        } catch (PhmUserException e) {
            return;
        }
        throw new AssertionError("expected PhmUserException");
    }
}
