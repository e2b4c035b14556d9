package uk.nhs.phm.pipeline.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.nhs.phm.pipeline.PhmUserException;

/**
 * The real-world facts one ICB's synthetic population is drawn from: its practices (with QOF register
 * prevalence), its LSOAs (with population and deprivation), its registered age/sex profile and the
 * condition code lists. Pure data, no file access: the jobs module loads it, tests build it in memory.
 */
public final class GeneratorReference {
    /** The QOF registers the generator calibrates prevalence to, in the order of {@link Practice#prevalence}. */
    public static final List<String> QOF_CONDITIONS = List.of(
            "atrial_fibrillation", "asthma", "cancer", "coronary_heart_disease", "ckd_3_5", "copd", "dementia",
            "depression", "diabetes", "epilepsy", "heart_failure", "hypertension", "learning_disability",
            "serious_mental_illness", "osteoporosis", "peripheral_arterial_disease", "palliative_care",
            "rheumatoid_arthritis", "stroke_tia");

    /** Oldest single year in the registered-population profile; the source's top band is "95+". */
    public static final int MAX_AGE_BAND = 95;

    /** A GP practice of the ICB. */
    public static final class Practice {
        public final String code;
        public final String pcnCode;
        public final String subIcbCode;
        /** Registered list size; weights where people register. */
        public final double listSize;
        /** Register / eligible list for each of {@link #QOF_CONDITIONS}; NaN where QOF has no figure. */
        public final double[] prevalence;

        public Practice(String code, String pcnCode, String subIcbCode, double listSize, double[] prevalence) {
            if (prevalence.length != QOF_CONDITIONS.size()) {
                throw new IllegalArgumentException("prevalence needs one value per QOF condition");
            }
            this.code = code;
            this.pcnCode = pcnCode;
            this.subIcbCode = subIcbCode;
            this.listSize = listSize;
            this.prevalence = prevalence.clone();
        }
    }

    /** An LSOA of residence: 2021 code, the 2011 code it came from, population and IMD decile. */
    public static final class Lsoa {
        public final String lsoa21;
        public final String lsoa11;
        public final String subIcbCode;
        public final double population;
        /** 1 = most deprived 10% of England. */
        public final int imdDecile;

        public Lsoa(String lsoa21, String lsoa11, String subIcbCode, double population, int imdDecile) {
            this.lsoa21 = lsoa21;
            this.lsoa11 = lsoa11 == null ? lsoa21 : lsoa11;
            this.subIcbCode = subIcbCode;
            this.population = population;
            this.imdDecile = Math.max(1, Math.min(10, imdDecile));
        }
    }

    /** One entry of a condition code list: exact code, or an ICD-10 prefix. */
    public static final class Code {
        public final String system;
        public final String code;
        public final boolean prefix;

        public Code(String system, String code, boolean prefix) {
            this.system = system;
            this.code = code;
            this.prefix = prefix;
        }
    }

    public final String icbCode;
    public final List<Practice> practices;
    public final List<Lsoa> lsoas;
    /** Registered patients by [sex 0=F, 1=M][age 0..95], the last band being 95 and over. */
    public final double[][] ageSex;
    /** Condition name to its codes. */
    public final Map<String, List<Code>> conditionCodes;
    /** Providers by kind ({@code acute}, {@code community}, {@code mental_health}); may be empty. */
    public final Map<String, List<String>> providers;

    public GeneratorReference(String icbCode, List<Practice> practices, List<Lsoa> lsoas, double[][] ageSex,
                              Map<String, List<Code>> conditionCodes, Map<String, List<String>> providers) {
        if (practices.isEmpty()) {
            throw new PhmUserException("ICB " + icbCode + " has no practices in the reference data");
        }
        if (lsoas.isEmpty()) {
            throw new PhmUserException("ICB " + icbCode + " has no LSOAs in the reference data");
        }
        if (ageSex.length != 2 || ageSex[0].length != MAX_AGE_BAND + 1 || ageSex[1].length != MAX_AGE_BAND + 1) {
            throw new IllegalArgumentException("ageSex must be [2][" + (MAX_AGE_BAND + 1) + "]");
        }
        double total = 0;
        for (double[] s : ageSex) {
            for (double v : s) {
                total += v;
            }
        }
        if (total <= 0) {
            throw new PhmUserException("ICB " + icbCode + " has no registered-population figures by age and sex");
        }
        this.icbCode = icbCode;
        this.practices = Collections.unmodifiableList(fillMissing(practices));
        this.lsoas = List.copyOf(lsoas);
        this.ageSex = new double[][] {ageSex[0].clone(), ageSex[1].clone()};
        Map<String, List<Code>> codes = new LinkedHashMap<>();
        conditionCodes.forEach((k, v) -> codes.put(k, List.copyOf(v)));
        this.conditionCodes = Collections.unmodifiableMap(codes);
        Map<String, List<String>> prov = new LinkedHashMap<>();
        providers.forEach((k, v) -> prov.put(k, List.copyOf(v)));
        this.providers = Collections.unmodifiableMap(prov);
    }

    /** Every code in every list, for keeping "background" codes out of the code lists. */
    public Set<String> allListedCodes() {
        Set<String> all = new HashSet<>();
        conditionCodes.values().forEach(l -> l.forEach(c -> all.add(c.code)));
        return all;
    }

    /**
     * Practices missing from QOF 2020/21 (opened or merged since) get the ICB's list-weighted average
     * prevalence, and an unknown list size the ICB's average, so every practice can be drawn.
     */
    private static List<Practice> fillMissing(List<Practice> in) {
        int n = QOF_CONDITIONS.size();
        double[] sum = new double[n];
        double[] weight = new double[n];
        double listSum = 0;
        int listCount = 0;
        for (Practice p : in) {
            double w = p.listSize > 0 ? p.listSize : 1;
            if (p.listSize > 0) {
                listSum += p.listSize;
                listCount++;
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(p.prevalence[i])) {
                    sum[i] += p.prevalence[i] * w;
                    weight[i] += w;
                }
            }
        }
        double avgList = listCount == 0 ? 1 : listSum / listCount;
        List<Practice> out = new ArrayList<>();
        for (Practice p : in) {
            double[] prev = p.prevalence.clone();
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(prev[i])) {
                    prev[i] = weight[i] > 0 ? sum[i] / weight[i] : 0;
                }
            }
            out.add(new Practice(p.code, p.pcnCode, p.subIcbCode, p.listSize > 0 ? p.listSize : avgList, prev));
        }
        return out;
    }
}
