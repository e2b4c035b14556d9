package uk.nhs.phm.jobs.io;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.config.CsvTable;
import uk.nhs.phm.pipeline.synth.GeneratorReference;

/**
 * Loads what {@code phm generate} draws one ICB from: practices and LSOAs from {@code conf/reference},
 * registered population, LSOA population and QOF registers from {@code conf/reference/synthetic}, and the
 * condition code lists from {@code conf/codelists}. Only aggregate public data: no person-level values.
 */
public final class GeneratorReferenceLoader {
    private GeneratorReferenceLoader() {
    }

    public static GeneratorReference load(Path referenceDir, Path codelistDir, String icb) {
        Path synthetic = referenceDir.resolve("synthetic");
        List<Map<String, String>> practiceRows = read(referenceDir.resolve("practices.csv"),
                "practice_code", "pcn_code", "sub_icb_code", "icb_code");
        Set<String> knownIcbs = new TreeSet<>();
        List<Map<String, String>> icbPractices = new ArrayList<>();
        for (Map<String, String> r : practiceRows) {
            knownIcbs.add(r.get("icb_code"));
            if (r.get("icb_code").equalsIgnoreCase(icb)) {
                icbPractices.add(r);
            }
        }
        if (icbPractices.isEmpty()) {
            throw new PhmUserException("unknown ICB '" + icb + "': use the ODS code of an England ICB as in "
                    + referenceDir.resolve("practices.csv") + " (one of " + String.join(", ", knownIcbs) + ")");
        }
        String code = icbPractices.get(0).get("icb_code");

        double[][] ageSex = new double[2][GeneratorReference.MAX_AGE_BAND + 1];
        for (Map<String, String> r : read(synthetic.resolve("icb_age_sex_2026-08.csv"), "icb_code", "sex", "age",
                "patients")) {
            if (r.get("icb_code").equals(code)) {
                int age = Math.min(GeneratorReference.MAX_AGE_BAND, Integer.parseInt(r.get("age")));
                ageSex[r.get("sex").equals("F") ? 0 : 1][age] += Double.parseDouble(r.get("patients"));
            }
        }

        List<GeneratorReference.Practice> practices = practices(synthetic, icbPractices);
        List<GeneratorReference.Lsoa> lsoas = lsoas(referenceDir, synthetic, code, icbPractices);
        return new GeneratorReference(code, practices, lsoas, ageSex, codes(codelistDir), providers(synthetic, code));
    }

    private static List<GeneratorReference.Practice> practices(Path synthetic, List<Map<String, String>> icbPractices) {
        Map<String, String> listColumn = new HashMap<>();
        for (Map<String, String> r : read(synthetic.resolve("qof_condition_groups.csv"), "condition", "list_type")) {
            listColumn.put(r.get("condition"), r.get("list_type"));
        }
        Set<String> wanted = new HashSet<>();
        icbPractices.forEach(r -> wanted.add(r.get("practice_code")));
        Map<String, Map<String, String>> qof = new HashMap<>();
        for (Map<String, String> r : read(synthetic.resolve("qof_registers_2020_21.csv"), "practice_code",
                "list_total")) {
            if (wanted.contains(r.get("practice_code"))) {
                qof.put(r.get("practice_code"), r);
            }
        }
        List<String> conditions = GeneratorReference.QOF_CONDITIONS;
        List<GeneratorReference.Practice> out = new ArrayList<>();
        for (Map<String, String> r : icbPractices) {
            Map<String, String> q = qof.get(r.get("practice_code"));
            double[] prev = new double[conditions.size()];
            Arrays.fill(prev, Double.NaN);
            double list = 0;
            if (q != null) {
                list = number(q.get("list_total"));
                for (int i = 0; i < conditions.size(); i++) {
                    double register = number(q.get(conditions.get(i)));
                    double eligible = number(q.get(listColumn.getOrDefault(conditions.get(i), "list_total")));
                    if (register >= 0 && eligible > 0) {
                        prev[i] = register / eligible;
                    }
                }
            }
            out.add(new GeneratorReference.Practice(r.get("practice_code"), r.get("pcn_code"), r.get("sub_icb_code"),
                    list > 0 ? list : 0, prev));
        }
        return out;
    }

    /**
     * The ICB's LSOAs (2021): those of its sub-ICBs (2026 ICBs formed by mergers keep their sub-ICB codes), with
     * mid-2019 population carried from the 2011 LSOAs through the ONS best-fit lookup (a split LSOA's
     * population shared equally among its parts) and the 2011 code a registration before 2022 would carry.
     */
    private static List<GeneratorReference.Lsoa> lsoas(Path referenceDir, Path synthetic, String icb,
                                                       List<Map<String, String>> icbPractices) {
        Set<String> subIcbs = new HashSet<>();
        icbPractices.forEach(r -> subIcbs.add(r.get("sub_icb_code")));
        Map<String, String> subIcbOf = new TreeMap<>();
        for (Map<String, String> r : read(referenceDir.resolve("lsoa21.csv"), "lsoa21_code", "sub_icb_code",
                "icb_code")) {
            if (subIcbs.contains(r.get("sub_icb_code")) || r.get("icb_code").equals(icb)) {
                subIcbOf.put(r.get("lsoa21_code"), r.get("sub_icb_code"));
            }
        }
        Map<String, Integer> decile = new HashMap<>();
        for (Map<String, String> r : read(referenceDir.resolve("imd2025_lsoa21.csv"), "lsoa21_code", "imd_decile")) {
            if (subIcbOf.containsKey(r.get("lsoa21_code"))) {
                decile.put(r.get("lsoa21_code"), (int) number(r.get("imd_decile")));
            }
        }
        Map<String, Double> pop11 = new HashMap<>();
        for (Map<String, String> r : read(synthetic.resolve("lsoa11_population_mid2019.csv"), "lsoa11_code",
                "population")) {
            pop11.put(r.get("lsoa11_code"), number(r.get("population")));
        }
        Map<String, List<String>> parts = new HashMap<>();
        List<Map<String, String>> lookup = read(referenceDir.resolve("lsoa11_to_lsoa21.csv"), "lsoa11_code",
                "lsoa21_code");
        for (Map<String, String> r : lookup) {
            parts.computeIfAbsent(r.get("lsoa11_code"), k -> new ArrayList<>()).add(r.get("lsoa21_code"));
        }
        Map<String, Double> pop21 = new HashMap<>();
        Map<String, String> firstLsoa11 = new HashMap<>();
        for (Map<String, String> r : lookup) {
            String l21 = r.get("lsoa21_code");
            if (!subIcbOf.containsKey(l21)) {
                continue;
            }
            String l11 = r.get("lsoa11_code");
            double p = pop11.getOrDefault(l11, 0.0) / parts.get(l11).size();
            pop21.merge(l21, p, Double::sum);
            firstLsoa11.merge(l21, l11, (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        double mean = pop21.values().stream().mapToDouble(Double::doubleValue).average().orElse(1500);
        List<GeneratorReference.Lsoa> out = new ArrayList<>();
        for (Map.Entry<String, String> e : subIcbOf.entrySet()) {
            String l21 = e.getKey();
            out.add(new GeneratorReference.Lsoa(l21, firstLsoa11.get(l21), e.getValue(),
                    pop21.getOrDefault(l21, mean), decile.getOrDefault(l21, 5)));
        }
        return out;
    }

    private static Map<String, List<GeneratorReference.Code>> codes(Path codelistDir) {
        Map<String, List<GeneratorReference.Code>> out = new LinkedHashMap<>();
        for (Map<String, String> r : read(codelistDir.resolve("condition_codes.csv"), "condition", "code_system",
                "code", "match")) {
            out.computeIfAbsent(r.get("condition"), k -> new ArrayList<>()).add(new GeneratorReference.Code(
                    r.get("code_system").trim().toLowerCase(), r.get("code").trim(),
                    r.get("match").trim().equalsIgnoreCase("prefix")));
        }
        return out;
    }

    private static Map<String, List<String>> providers(Path synthetic, String icb) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Path file = synthetic.resolve("icb_providers.csv");
        if (!Files.exists(file)) {
            return out;
        }
        for (Map<String, String> r : read(file, "icb_code", "kind", "provider_code")) {
            if (r.get("icb_code").equals(icb)) {
                out.computeIfAbsent(r.get("kind"), k -> new ArrayList<>()).add(r.get("provider_code"));
            }
        }
        return out;
    }

    private static double number(String s) {
        if (s == null || s.isBlank()) {
            return -1;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Rows as column-name maps; a missing file or column is a user error naming both. */
    private static List<Map<String, String>> read(Path file, String... required) {
        if (!Files.isRegularFile(file)) {
            throw new PhmUserException("reference file " + file + " is missing: check --reference-dir and"
                    + " --codelists-dir (they default to conf/reference and conf/codelists under the phm home)");
        }
        CsvTable table;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            table = CsvTable.parse(file.toString(), in);
        } catch (IOException e) {
            throw new PhmUserException("cannot read reference file " + file + ": " + e.getMessage(), e);
        }
        for (String c : required) {
            if (!table.header.contains(c)) {
                throw new PhmUserException("reference file " + file + " has no column '" + c + "'");
            }
        }
        List<Map<String, String>> rows = new ArrayList<>(table.records.size());
        for (CsvTable.Record rec : table.records) {
            Map<String, String> m = new HashMap<>(table.header.size() * 2);
            for (String h : table.header) {
                m.put(h, rec.raw(h));
            }
            rows.add(m);
        }
        return rows;
    }
}
