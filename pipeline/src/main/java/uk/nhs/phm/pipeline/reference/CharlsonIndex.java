package uk.nhs.phm.pipeline.reference;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.config.CsvTable;

/**
 * The Charlson comorbidity index (methods.md "Scores"): the Quan 2005 ICD-10 prefix map of the categories and
 * their weights (conf/codelists/charlson_icd10_quan2005.csv, charlson_weights.csv), with the weighting a site
 * chose. Small, held on the driver; {@link #score} is the one place a set of categories becomes a score.
 */
public final class CharlsonIndex implements Serializable {
    public static final List<String> MAP_COLUMNS = List.of("category", "icd10_prefix");
    public static final List<String> WEIGHT_COLUMNS = List.of("category", "category_name", "charlson1987", "quan2011");

    /**
     * The hierarchy (R package comorbidity, {@code assign0 = TRUE}): when a person has the key's category, the
     * value's milder category scores nothing, so a person is not counted twice for one disease.
     */
    public static final Map<String, String> OVERRIDES = Map.of("msld", "mld", "diabwc", "diab", "metacanc", "canc");

    /** One ICD-10 prefix of a category: dots and spaces removed, upper case, as diagnoses are normalised. */
    public static final class Prefix implements Serializable {
        public final String category;
        public final String icd10Prefix;

        Prefix(String category, String icd10Prefix) {
            this.category = category;
            this.icd10Prefix = icd10Prefix;
        }
    }

    public final List<Prefix> prefixes;
    /** Category → weight, per weighting (charlson1987, quan2011), in the weights file's order. */
    public final Map<String, Map<String, Integer>> weightsByWeighting;
    public final String weighting;

    public CharlsonIndex(List<Prefix> prefixes, Map<String, Map<String, Integer>> weightsByWeighting, String weighting) {
        if (!weightsByWeighting.containsKey(weighting)) {
            throw new IllegalArgumentException("Unknown Charlson weighting " + weighting);
        }
        this.prefixes = List.copyOf(prefixes);
        this.weightsByWeighting = Map.copyOf(weightsByWeighting);
        this.weighting = weighting;
    }

    /** The score of a person's categories under the chosen weighting, with the hierarchy. */
    public int score(Collection<String> categories) {
        return score(categories, weightsByWeighting.get(weighting), true);
    }

    /**
     * Sum of the weights of the distinct categories; with {@code hierarchy}, a milder category is dropped when its
     * severe form is present ({@link #OVERRIDES}). Without it the score is the R package's {@code assign0 = FALSE}.
     */
    public static int score(Collection<String> categories, Map<String, Integer> weights, boolean hierarchy) {
        Set<String> present = new HashSet<>(categories);
        if (hierarchy) {
            OVERRIDES.forEach((severe, mild) -> {
                if (present.contains(severe)) {
                    present.remove(mild);
                }
            });
        }
        int sum = 0;
        for (String c : present) {
            Integer w = weights.get(c);
            if (w == null) {
                throw new IllegalArgumentException("No weight for Charlson category " + c);
            }
            sum += w;
        }
        return sum;
    }

    /** An ICD-10 code or prefix as matched: dots and spaces removed, upper case. */
    public static String normalise(String icd10) {
        return icd10.replaceAll("[.\\s]", "").toUpperCase(Locale.ROOT);
    }

    /**
     * The map and weights, checked, with the weighting chosen by {@code scores.charlson_weights}. Every category
     * of the map must have both weights; the hierarchy's categories must be in the weights file. Errors name the
     * file, the line and the fix.
     */
    public static CharlsonIndex parse(CsvTable map, CsvTable weights, String weighting) {
        weights.requireColumns(WEIGHT_COLUMNS);
        Map<String, Map<String, Integer>> byWeighting = new LinkedHashMap<>();
        for (String w : WEIGHT_COLUMNS.subList(2, WEIGHT_COLUMNS.size())) {
            byWeighting.put(w, new LinkedHashMap<>());
        }
        for (CsvTable.Record r : weights.records) {
            String category = r.get("category");
            if (category.isEmpty()) {
                throw new PhmUserException(weights.at(r) + ": column 'category' is empty; name the Charlson category "
                        + "(e.g. mi, chf) or delete the line.");
            }
            if (byWeighting.get("charlson1987").containsKey(category)) {
                throw new PhmUserException(weights.at(r) + ": category '" + category + "' is listed twice; keep one line.");
            }
            for (Map.Entry<String, Map<String, Integer>> w : byWeighting.entrySet()) {
                String v = r.get(w.getKey());
                if (v.isEmpty()) {
                    throw new PhmUserException(weights.at(r) + ": category '" + category + "' has no weight in column '"
                            + w.getKey() + "'; give a whole number (0 if the weighting does not score it).");
                }
                try {
                    w.getValue().put(category, Integer.parseInt(v));
                } catch (NumberFormatException e) {
                    throw new PhmUserException(weights.at(r) + ": column '" + w.getKey() + "' is '" + v
                            + "'; a weight must be a whole number.");
                }
            }
        }
        Set<String> known = byWeighting.get("charlson1987").keySet();
        List<String> hierarchy = new ArrayList<>();
        OVERRIDES.forEach((severe, mild) -> {
            hierarchy.add(severe);
            hierarchy.add(mild);
        });
        for (String c : hierarchy.stream().sorted().toList()) {
            if (!known.contains(c)) {
                throw new PhmUserException(weights.source + ": category '" + c + "' is missing; the hierarchy (msld over "
                        + "mld, diabwc over diab, metacanc over canc) needs a weight line for it.");
            }
        }

        map.requireColumns(MAP_COLUMNS);
        List<Prefix> prefixes = new ArrayList<>();
        for (CsvTable.Record r : map.records) {
            String category = r.get("category");
            String prefix = normalise(r.get("icd10_prefix"));
            if (!known.contains(category)) {
                throw new PhmUserException(map.at(r) + ": category '" + category + "' is not in " + weights.source
                        + "; use one of " + known + " or add its weights there.");
            }
            if (prefix.isEmpty()) {
                throw new PhmUserException(map.at(r) + ": column 'icd10_prefix' is empty; an empty prefix would match "
                        + "every diagnosis. Give an ICD-10 code or prefix (e.g. I21) or delete the line.");
            }
            if (!prefix.matches("[A-Z][0-9A-Z]*")) {
                throw new PhmUserException(map.at(r) + ": icd10_prefix '" + r.get("icd10_prefix") + "' is not an ICD-10 "
                        + "code or prefix; write a letter then digits, e.g. I21 or I25.2.");
            }
            prefixes.add(new Prefix(category, prefix));
        }
        return new CharlsonIndex(prefixes, byWeighting, weighting);
    }
}
