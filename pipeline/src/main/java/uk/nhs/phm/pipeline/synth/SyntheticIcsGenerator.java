package uk.nhs.phm.pipeline.synth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.synth.ClinicalCatalogue.Drug;

/**
 * Generates a synthetic but realistic linked care record for one ICB, one person at a time, straight into
 * a {@link TableSink}. Every person draws from their own random stream (seed and index), so the output
 * depends only on the reference data and the settings.
 *
 * <p>The model: age and sex from the ICB's registered population; residence by LSOA population; practice by
 * list size within the LSOA's sub-ICB; long-term conditions at each practice's QOF prevalence, shaped by
 * age, sex and deprivation and correlated through a latent health factor (so multimorbidity clusters);
 * deaths from life-table hazards raised by conditions; and activity whose rates rise with age, conditions,
 * frailty, deprivation and a persistent personal propensity (so past use predicts future use).
 * See {@code docs/synthetic-data.md}.
 */
public final class SyntheticIcsGenerator {
    private static final int LSOA21_FROM = Days.of(LocalDate.of(2022, 1, 1));
    private static final int SNOMED_FROM = Days.of(LocalDate.of(2019, 4, 1));
    private static final String[] EMERGENCY_METHODS = {"21", "22", "23", "24", "25", "2A", "2B", "2C", "2D", "28"};
    private static final double[] EMERGENCY_METHOD_WEIGHTS = {72, 8, 2, 4, 1, 3, 2, 0.5, 4, 3.5};
    private static final String[] ELECTIVE_METHODS = {"11", "12", "13"};
    private static final double[] ELECTIVE_METHOD_WEIGHTS = {62, 30, 8};

    private final GeneratorReference ref;
    private final GeneratorSettings settings;
    private final int endDay;
    private final int startDay;
    private final PersonTokens tokens;
    private final RowEmitter out;

    private final double[] ageSexCum;
    private final double[] lsoaCum;
    private final Map<String, List<Integer>> practicesBySubIcb = new HashMap<>();
    private final Map<String, double[]> practiceCumBySubIcb = new HashMap<>();
    private final double[] allPracticeCum;
    private final double[] prevalenceNorm;
    private final double meanDeprivation;
    private final Map<String, List<String>> icd10 = new HashMap<>();
    private final Map<String, List<String>> snomedCodes = new HashMap<>();
    private final Map<String, List<String>> read2Codes = new HashMap<>();
    private final String[] consultationCodes;
    private final String[] frailtyCodes;
    private final List<String> acuteProviders;
    private final List<String> communityProviders;
    private final List<String> mentalHealthProviders;
    private final Set<Long> nhsNumberPeople = new HashSet<>();

    private long spellSeq;
    private long aeSeq;
    private long opSeq;
    private long communitySeq;
    private long mentalHealthSeq;
    private long socialCareSeq;

    private SyntheticIcsGenerator(GeneratorReference ref, GeneratorSettings settings, TableSink sink) {
        this.ref = ref;
        this.settings = settings;
        this.endDay = Days.of(settings.endDate);
        this.startDay = Days.of(settings.startDate());
        this.tokens = new PersonTokens(settings.seed);
        this.out = new RowEmitter(sink, settings.seed, settings.badRowShare, endDay, tokens);

        int ages = GeneratorReference.MAX_AGE_BAND + 1;
        ageSexCum = new double[2 * ages];
        double acc = 0;
        for (int s = 0; s < 2; s++) {
            for (int a = 0; a < ages; a++) {
                acc += Math.max(0, ref.ageSex[s][a]);
                ageSexCum[s * ages + a] = acc;
            }
        }
        lsoaCum = new double[ref.lsoas.size()];
        acc = 0;
        double depSum = 0;
        for (int i = 0; i < ref.lsoas.size(); i++) {
            GeneratorReference.Lsoa l = ref.lsoas.get(i);
            double w = Math.max(1, l.population);
            acc += w;
            lsoaCum[i] = acc;
            depSum += w * deprivation(l.imdDecile);
        }
        meanDeprivation = depSum / acc;
        for (int i = 0; i < ref.practices.size(); i++) {
            practicesBySubIcb.computeIfAbsent(ref.practices.get(i).subIcbCode, k -> new ArrayList<>()).add(i);
        }
        practicesBySubIcb.forEach((k, idx) -> practiceCumBySubIcb.put(k, cumulative(idx)));
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < ref.practices.size(); i++) {
            all.add(i);
        }
        allPracticeCum = cumulative(all);
        prevalenceNorm = prevalenceNormalisers();
        prepareCodes();
        Set<String> listed = ref.allListedCodes();
        consultationCodes = Arrays.stream(ClinicalCatalogue.CONSULTATION_CODES)
                .filter(c -> !listed.contains(c)).toArray(String[]::new);
        frailtyCodes = ClinicalCatalogue.FRAILTY_FINDINGS;
        acuteProviders = providers("acute", "A");
        communityProviders = providers("community", "C");
        mentalHealthProviders = providers("mental_health", "M");
        // A couple of NHS numbers per extract, a few more in big ones: rare, as in real leaks.
        int nhs = settings.badRowShare > 0 ? 2 + settings.patients / 200_000 : 0;
        for (int i = 0; i < nhs; i++) {
            nhsNumberPeople.add((long) ((i + 0.5) * settings.patients / nhs));
        }
    }

    /** Generates the whole population into the sink and returns the counts. */
    public static GenerationSummary generate(GeneratorReference ref, GeneratorSettings settings, TableSink sink) {
        SyntheticIcsGenerator g = new SyntheticIcsGenerator(ref, settings, sink);
        for (long i = 0; i < settings.patients; i++) {
            g.person(i);
        }
        return new GenerationSummary(settings.patients, g.out.rows(), g.out.badRows());
    }

    // ------------------------------------------------------------------ set-up

    private double[] cumulative(List<Integer> practiceIdx) {
        double[] cum = new double[practiceIdx.size()];
        double acc = 0;
        for (int i = 0; i < practiceIdx.size(); i++) {
            acc += Math.max(1, ref.practices.get(practiceIdx.get(i)).listSize);
            cum[i] = acc;
        }
        return cum;
    }

    /** Mean relative prevalence over the ICB's eligible population, so practice prevalence is met on average. */
    private double[] prevalenceNormalisers() {
        List<ClinicalCatalogue.ConditionShape> shapes = ClinicalCatalogue.SHAPES;
        double[] norm = new double[shapes.size()];
        for (int c = 0; c < shapes.size(); c++) {
            ClinicalCatalogue.ConditionShape shape = shapes.get(c);
            double num = 0;
            double den = 0;
            for (int s = 0; s < 2; s++) {
                for (int a = shape.minAge; a <= GeneratorReference.MAX_AGE_BAND; a++) {
                    double w = ref.ageSex[s][a];
                    num += w * shape.relative(a, s == 0);
                    den += w;
                }
            }
            norm[c] = num > 0 && den > 0 ? num / den : 1;
        }
        return norm;
    }

    /** Codes per condition, taken from the code lists; catalogue ICD-10 codes only where the list allows them. */
    private void prepareCodes() {
        // A code on two lists (a depression code that is also an SMI code, a CKD G4 code that is also
        // CKD 4-5) would give the person both conditions: prefer codes unique to the condition.
        Map<String, Integer> listsPerCode = new HashMap<>();
        ref.conditionCodes.values().forEach(l -> l.forEach(c -> listsPerCode.merge(c.system + ":" + c.code, 1, Integer::sum)));
        for (Map.Entry<String, List<GeneratorReference.Code>> e : ref.conditionCodes.entrySet()) {
            snomedCodes.put(e.getKey(), exactCodes(e.getValue(), "snomed", listsPerCode));
            read2Codes.put(e.getKey(), exactCodes(e.getValue(), "read2", listsPerCode));
        }
        Set<String> conditions = new LinkedHashSet<>(ClinicalCatalogue.ICD10_BY_CONDITION.keySet());
        conditions.addAll(ref.conditionCodes.keySet());
        for (String condition : conditions) {
            List<String> prefixes = new ArrayList<>();
            for (GeneratorReference.Code c : ref.conditionCodes.getOrDefault(condition, List.of())) {
                if (c.system.equals("icd10")) {
                    prefixes.add(c.code.replace(".", "").toUpperCase());
                }
            }
            List<String> catalogue = ClinicalCatalogue.ICD10_BY_CONDITION.getOrDefault(condition, List.of());
            List<String> codes = new ArrayList<>();
            for (String code : catalogue) {
                String bare = code.replace(".", "");
                if (prefixes.isEmpty() || prefixes.stream().anyMatch(bare::startsWith)) {
                    codes.add(code);
                }
            }
            if (codes.isEmpty()) {
                for (String p : prefixes) {
                    if (p.length() >= 3) {
                        codes.add(p.length() == 3 ? p + ".9" : p.substring(0, 3) + "." + p.substring(3));
                    }
                }
            }
            if (!codes.isEmpty()) {
                icd10.put(condition, codes);
            }
        }
    }

    private static List<String> exactCodes(List<GeneratorReference.Code> codes, String system,
                                           Map<String, Integer> listsPerCode) {
        List<String> all = new ArrayList<>();
        List<String> unique = new ArrayList<>();
        for (GeneratorReference.Code c : codes) {
            if (c.system.equals(system) && !c.prefix) {
                all.add(c.code);
                if (listsPerCode.get(c.system + ":" + c.code) == 1) {
                    unique.add(c.code);
                }
            }
        }
        return unique.isEmpty() ? all : unique;
    }

    /** Providers from the reference; where an ICB has none listed, a clearly synthetic placeholder code. */
    private List<String> providers(String kind, String letter) {
        List<String> p = ref.providers.getOrDefault(kind, List.of());
        if (!p.isEmpty()) {
            return p;
        }
        return List.of("SYN" + letter + "1", "SYN" + letter + "2");
    }

    // ------------------------------------------------------------------ one person

    private static final class Person {
        String id;
        SplittableRandom rng;
        boolean female;
        String sexCode;
        int birthDay;
        double z;
        double propensity;
        double dep;
        int imdDecile;
        GeneratorReference.Practice practice;
        GeneratorReference.Practice firstPractice;
        /** Condition name to onset day; only conditions recorded by the end of the person's data. */
        final Map<String, Integer> onset = new LinkedHashMap<>();
        int frailDeficits;
        int careHomeDay = Integer.MAX_VALUE;
        int deathDay = Integer.MAX_VALUE;
        int leaveDay = Integer.MAX_VALUE;
        int firstStart;
        int activeStart;
        int activeEnd;
        boolean nhsLeak;
        String placeOfDeath;

        double ageAt(int day) {
            return (day - birthDay) / 365.25;
        }

        boolean has(String condition) {
            return onset.containsKey(condition);
        }

        boolean hasBy(String condition, int day) {
            Integer d = onset.get(condition);
            return d != null && d <= day;
        }

        int ltcCountAt(int day) {
            int n = 0;
            for (String c : GeneratorReference.QOF_CONDITIONS) {
                if (hasBy(c, day)) {
                    n++;
                }
            }
            return n;
        }

        String practiceAt(int day, int moveDay) {
            return day < moveDay ? firstPractice.code : practice.code;
        }
    }

    private void person(long index) {
        Person p = new Person();
        p.id = tokens.token(index);
        p.rng = new SplittableRandom(PersonTokens.SplitMix.mix(settings.seed * 0x9E3779B97F4A7C15L + index));
        p.nhsLeak = nhsNumberPeople.contains(index);
        SplittableRandom r = p.rng;

        // Age and sex at the end date, from the registered population.
        int ages = GeneratorReference.MAX_AGE_BAND + 1;
        int cell = pick(ageSexCum, r.nextDouble() * ageSexCum[ageSexCum.length - 1]);
        p.female = cell < ages;
        int age = cell % ages;
        if (age == GeneratorReference.MAX_AGE_BAND) {
            age += Math.min(9, geometric(r, 0.35));
        }
        p.birthDay = endDay - (int) Math.round(age * 365.25) - r.nextInt(365);
        double sexRoll = r.nextDouble();
        p.sexCode = sexRoll < 0.0002 ? "U" : sexRoll < 0.0003 ? "I" : p.female ? "F" : "M";

        // Residence and practice.
        GeneratorReference.Lsoa lsoa = ref.lsoas.get(pick(lsoaCum, r.nextDouble() * lsoaCum[lsoaCum.length - 1]));
        p.imdDecile = lsoa.imdDecile;
        p.dep = deprivation(lsoa.imdDecile) - meanDeprivation;
        p.practice = drawPractice(r, lsoa.subIcbCode);
        p.firstPractice = p.practice;

        p.z = gaussian(r);
        // Gamma(2, 0.5): mean 1, persistent over time, so prior use predicts later use.
        p.propensity = (exponential(r) + exponential(r)) / 2;

        // Registration story.
        double story = r.nextDouble();
        boolean bornInWindow = p.birthDay > startDay;
        if (bornInWindow) {
            p.firstStart = Math.min(endDay, p.birthDay + 3 + r.nextInt(40));
        } else if (story < 0.07) {
            p.firstStart = startDay + r.nextInt(Math.max(1, endDay - startDay - 30));
        } else {
            int yearsAgo = (int) (exponential(r) * 10 * 365);
            p.firstStart = Math.max(p.birthDay + 3 + r.nextInt(40), endDay - 60 - yearsAgo);
            p.firstStart = Math.min(p.firstStart, startDay - 1);
        }
        int moveDay = Integer.MAX_VALUE;
        if (story >= 0.07 && story < 0.12) {
            int from = Math.max(p.firstStart + 30, startDay + 30);
            if (from < endDay - 1) {
                p.leaveDay = from + r.nextInt(endDay - from);
            }
        } else if (story >= 0.12 && story < 0.21) {
            int from = Math.max(p.firstStart + 60, startDay - 2 * 365);
            if (from < endDay - 30) {
                moveDay = from + r.nextInt(endDay - 30 - from);
            }
        }
        GeneratorReference.Lsoa firstLsoa = lsoa;
        if (moveDay != Integer.MAX_VALUE) {
            if (r.nextDouble() < 0.6) {
                lsoa = ref.lsoas.get(pick(lsoaCum, r.nextDouble() * lsoaCum[lsoaCum.length - 1]));
                p.imdDecile = lsoa.imdDecile;
                p.dep = deprivation(lsoa.imdDecile) - meanDeprivation;
            }
            GeneratorReference.Practice next = drawPractice(r, lsoa.subIcbCode);
            if (next == p.firstPractice && ref.practices.size() > 1) {
                next = ref.practices.get(pick(allPracticeCum, r.nextDouble() * allPracticeCum[allPracticeCum.length - 1]));
            }
            p.practice = next;
        }

        assignConditions(p);
        assignDeath(p);
        if (p.deathDay <= endDay) {
            p.placeOfDeath = placeOfDeath(p);
        }
        p.activeStart = Math.max(startDay, Math.max(p.firstStart, p.birthDay));
        p.activeEnd = Math.min(endDay, Math.min(p.deathDay, p.leaveDay));

        writePatient(p);
        writeRegistrations(p, firstLsoa, lsoa, moveDay);
        if (p.activeEnd >= p.activeStart) {
            writePrimaryCare(p, moveDay);
            writeMedications(p);
            List<int[]> emergencyDischarges = writeHospital(p);
            writeCommunityAndMentalHealth(p);
            writeSocialCareAndInterventions(p, emergencyDischarges, moveDay);
        }
        if (p.deathDay <= endDay) {
            writeDeath(p);
        }
    }

    private GeneratorReference.Practice drawPractice(SplittableRandom r, String subIcb) {
        List<Integer> idx = practicesBySubIcb.get(subIcb);
        if (idx == null || r.nextDouble() < 0.03) {
            return ref.practices.get(pick(allPracticeCum, r.nextDouble() * allPracticeCum[allPracticeCum.length - 1]));
        }
        double[] cum = practiceCumBySubIcb.get(subIcb);
        return ref.practices.get(idx.get(pick(cum, r.nextDouble() * cum[cum.length - 1])));
    }

    // ------------------------------------------------------------------ conditions, frailty, death

    private void assignConditions(Person p) {
        SplittableRandom r = p.rng;
        int refDay = Math.min(endDay, p.leaveDay);
        int age = (int) p.ageAt(refDay);
        double health = Math.exp(0.55 * p.z - 0.15);
        List<ClinicalCatalogue.ConditionShape> shapes = ClinicalCatalogue.SHAPES;
        double[] norm = prevalenceNorm;
        for (int c = 0; c < shapes.size(); c++) {
            ClinicalCatalogue.ConditionShape shape = shapes.get(c);
            double rel = shape.relative(age, p.female);
            if (rel <= 0) {
                continue;
            }
            double prob = p.practice.prevalence[c] * rel / norm[c] * health * Math.max(0.2, 1 + shape.deprivation * p.dep);
            if (r.nextDouble() < Math.min(0.92, prob)) {
                addCondition(p, shape.condition, Math.max(shape.minAge, onsetFloor(shape.condition)), refDay);
            }
        }
        boolean adult = age >= 18;
        if (p.has("cancer") && r.nextDouble() < 0.10) {
            addCondition(p, "metastatic_cancer", 18, refDay);
        }
        if (p.has("metastatic_cancer") && !p.has("palliative_care") && r.nextDouble() < 0.6) {
            p.onset.put("palliative_care", Math.max(p.onset.get("metastatic_cancer"), refDay - r.nextInt(200)));
        }
        if (p.has("ckd_3_5") && r.nextDouble() < 0.08) {
            p.onset.put("ckd_4_5", Math.min(refDay, p.onset.get("ckd_3_5") + r.nextInt(5 * 365)));
        }
        double depMult = 1 + p.dep;
        if (adult && age < 75 && r.nextDouble() < 0.015 * Math.max(0.3, 1 + 1.2 * p.dep) * health) {
            addCondition(p, "substance_misuse", 16, refDay);
        }
        double liver = 0.003 * depMult * (p.has("substance_misuse") ? 8 : 1);
        if (adult && r.nextDouble() < liver) {
            addCondition(p, "liver_failure", 30, refDay);
        }
        if (adult && age < 70 && r.nextDouble() < 0.003 * Math.max(0.2, 1 + 2 * p.dep)
                * (p.has("substance_misuse") || p.has("serious_mental_illness") ? 6 : 1)) {
            addCondition(p, "homelessness", 18, refDay);
        }
        if (r.nextDouble() < 0.0005) {
            addCondition(p, "paraplegia", 5, refDay);
        }
        if (r.nextDouble() < 0.002) {
            addCondition(p, "cerebral_palsy", 0, refDay);
        }
        if (age >= 45 && r.nextDouble() < 0.0002) {
            addCondition(p, "motor_neurone_disease", 45, refDay);
        }

        // eFI deficits beyond the LTCs: falls, mobility, continence, hearing and so on.
        if (age >= 60) {
            double mean = 0.2 + 0.06 * (age - 60) + 0.5 * p.ltcCountAt(refDay) + 0.8 * Math.max(0, p.z);
            p.frailDeficits = Math.min(frailtyCodes.length, poisson(r, mean * 0.6));
        }
        double careHome = age < 65 ? 0 : age < 75 ? 0.004 : age < 85 ? 0.02 : 0.12;
        if (p.has("dementia")) {
            careHome *= 4;
        }
        careHome *= 1 + 0.1 * p.frailDeficits;
        if (careHome > 0 && r.nextDouble() < Math.min(0.8, careHome)) {
            p.careHomeDay = refDay - r.nextInt(4 * 365);
            p.onset.put("care_home", p.careHomeDay);
        }
    }

    private static int onsetFloor(String condition) {
        return switch (condition) {
            case "learning_disability" -> 2;
            case "asthma" -> 3;
            default -> 0;
        };
    }

    /** Onset some years before the reference day, never before the condition's youngest age. */
    private void addCondition(Person p, String condition, int minAge, int refDay) {
        SplittableRandom r = p.rng;
        int earliest = p.birthDay + (int) (minAge * 365.25);
        int yearsAgo = (int) (exponential(r) * 9 * 365);
        int day = refDay - yearsAgo;
        if (day < earliest) {
            day = earliest + r.nextInt(Math.max(1, refDay - earliest + 1));
        }
        if (day > refDay) {
            return;
        }
        p.onset.put(condition, day);
    }

    private void assignDeath(Person p) {
        SplittableRandom r = p.rng;
        double mult = Math.pow(1.12, p.ltcCountAt(endDay)) * Math.exp(0.3 * p.z - 0.045) * (1 + 0.15 * p.dep);
        if (p.has("heart_failure")) {
            mult *= 2.0;
        }
        if (p.has("dementia")) {
            mult *= 2.2;
        }
        if (p.has("copd")) {
            mult *= 1.5;
        }
        if (p.has("ckd_4_5") || p.has("liver_failure") || p.has("motor_neurone_disease")) {
            mult *= 3;
        }
        if (p.careHomeDay != Integer.MAX_VALUE) {
            mult *= 1.8;
        }
        double floor = 0;
        if (p.has("metastatic_cancer")) {
            floor = 0.45;
        } else if (p.has("palliative_care")) {
            floor = 0.35;
        }
        for (int y = 0; y < GeneratorSettings.HISTORY_YEARS; y++) {
            int from = Math.max(startDay + y * 365, Math.max(p.firstStart, p.birthDay));
            int to = Math.min(startDay + (y + 1) * 365 - 1, Math.min(endDay, p.leaveDay));
            if (to < from) {
                continue;
            }
            double hazard = Math.max(floor, Math.min(0.6, ClinicalCatalogue.mortality((int) p.ageAt(from)) * mult));
            if (r.nextDouble() < hazard * (to - from + 1) / 365.0) {
                p.deathDay = from + r.nextInt(to - from + 1);
                break;
            }
        }
        if (p.deathDay != Integer.MAX_VALUE) {
            p.onset.values().removeIf(d -> d > p.deathDay);
        }
    }

    // ------------------------------------------------------------------ patients and registrations

    private void writePatient(Person p) {
        SplittableRandom r = p.rng;
        LocalDate birth = Days.date(p.birthDay);
        String ethnic = r.nextDouble() < 0.03 ? null
                : ClinicalCatalogue.ETHNIC_CODES[pickWeighted(r, ClinicalCatalogue.ETHNIC_WEIGHTS)];
        String dod = p.deathDay <= endDay && r.nextDouble() < 0.85 ? Days.iso(p.deathDay) : null;
        String month = r.nextDouble() < 0.02 ? null : Integer.toString(birth.getMonthValue());
        out.emit(InputTable.PATIENTS, new String[] {
            p.id, Integer.toString(birth.getYear()), month, p.sexCode, ethnic, dod});
    }

    private void writeRegistrations(Person p, GeneratorReference.Lsoa firstLsoa, GeneratorReference.Lsoa lsoa,
                                    int moveDay) {
        SplittableRandom r = p.rng;
        int finalEnd = Integer.MAX_VALUE;
        if (p.deathDay <= endDay) {
            // Practices deregister the dead some days or weeks after the death.
            finalEnd = p.deathDay + r.nextInt(35);
        } else if (p.leaveDay <= endDay) {
            finalEnd = p.leaveDay;
        }
        if (moveDay != Integer.MAX_VALUE && moveDay < finalEnd) {
            int gap = r.nextInt(15);
            registration(p, p.firstPractice.code, p.firstStart, moveDay, firstLsoa);
            registration(p, p.practice.code, Math.min(moveDay + gap, endDay), finalEnd, lsoa);
        } else {
            registration(p, p.firstPractice.code, p.firstStart, finalEnd, firstLsoa);
        }
    }

    private void registration(Person p, String practice, int start, int end, GeneratorReference.Lsoa lsoa) {
        double roll = p.rng.nextDouble();
        String lsoaCode = roll < 0.01 ? null : start < LSOA21_FROM ? lsoa.lsoa11 : lsoa.lsoa21;
        out.emit(InputTable.REGISTRATIONS, new String[] {
            p.id, practice, Days.iso(start), end > endDay ? null : Days.iso(end), lsoaCode});
    }

    // ------------------------------------------------------------------ primary care

    private void gp(Person p, int day, String system, String code, String value, String unit) {
        String[] row = {p.id, Days.iso(day), system, code, value, unit};
        if (p.nhsLeak) {
            p.nhsLeak = false;
            out.emitWithNhsNumber(InputTable.GP_EVENTS, row);
        } else {
            out.emit(InputTable.GP_EVENTS, row);
        }
    }

    private void writePrimaryCare(Person p, int moveDay) {
        SplittableRandom r = p.rng;
        int lastDay = p.activeEnd;
        // Diagnoses and status codes, wherever their onset falls (the record travels with the patient).
        for (Map.Entry<String, Integer> e : p.onset.entrySet()) {
            String condition = e.getKey();
            int day = e.getValue();
            if (condition.equals("ckd_3_5") && p.has("ckd_4_5")) {
                diagnosisCode(p, "ckd_3_5", day);
                continue;
            }
            diagnosisCode(p, condition, day);
            if (r.nextDouble() < 0.15) {
                int again = day + r.nextInt(Math.max(1, lastDay - day + 1));
                diagnosisCode(p, condition, again);
            }
        }
        writeResolvedHistory(p, lastDay);

        // Frailty deficits recorded over the last few years.
        for (int i = 0; i < p.frailDeficits; i++) {
            String code = frailtyCodes[r.nextInt(frailtyCodes.length)];
            int day = lastDay - r.nextInt(5 * 365);
            if (day >= p.birthDay + 60 * 365) {
                gp(p, day, "snomed", code, null, null);
            }
        }

        for (int y = 0; y < GeneratorSettings.HISTORY_YEARS; y++) {
            int from = Math.max(p.activeStart, startDay + y * 365);
            int to = Math.min(lastDay, startDay + (y + 1) * 365 - 1);
            if (to < from) {
                continue;
            }
            double frac = (to - from + 1) / 365.0;
            int mid = from + (to - from) / 2;
            int age = (int) p.ageAt(mid);
            int ltc = p.ltcCountAt(mid);

            double consults = (age < 5 ? 5.0 : 3.2) + 0.05 * age + 1.3 * ltc + (p.female && age >= 16 ? 1.0 : 0);
            consults *= 0.6 + 0.4 * p.propensity;
            int n = poisson(r, consults * frac);
            for (int i = 0; i < n; i++) {
                int day = from + r.nextInt(to - from + 1);
                gp(p, day, "snomed", consultationCodes[r.nextInt(consultationCodes.length)], null, null);
                if (r.nextDouble() < 0.55) {
                    gp(p, day, "snomed", consultationCodes[r.nextInt(consultationCodes.length)], null, null);
                }
                if (r.nextDouble() < 0.16) {
                    Drug d = r.nextDouble() < 0.65 ? ClinicalCatalogue.ANTIBIOTICS[r.nextInt(ClinicalCatalogue.ANTIBIOTICS.length)]
                            : ClinicalCatalogue.ANALGESICS[r.nextInt(ClinicalCatalogue.ANALGESICS.length)];
                    medication(p, day, d);
                }
            }
            // Annual reviews of each LTC and a medication review.
            boolean anyLtc = false;
            for (String c : GeneratorReference.QOF_CONDITIONS) {
                if (p.hasBy(c, mid) && r.nextDouble() < 0.78 * Math.min(1, frac + 0.2)) {
                    anyLtc = true;
                    String code = ClinicalCatalogue.REVIEW_CODES.getOrDefault(c, ClinicalCatalogue.MEDICATION_REVIEW);
                    gp(p, from + r.nextInt(to - from + 1), "snomed", code, null, null);
                }
            }
            boolean bpCondition = p.hasBy("hypertension", mid) || p.hasBy("diabetes", mid)
                    || p.hasBy("coronary_heart_disease", mid) || p.hasBy("ckd_3_5", mid)
                    || p.hasBy("stroke_tia", mid);
            if (age >= 18) {
                int readings = poisson(r, (bpCondition ? 2.2 : 0.5 + 0.01 * age) * frac);
                for (int i = 0; i < readings; i++) {
                    bloodPressure(p, from + r.nextInt(to - from + 1), age, p.hasBy("hypertension", mid));
                }
                if (r.nextDouble() < (anyLtc ? 0.6 : 0.25) * frac) {
                    int day = from + r.nextInt(to - from + 1);
                    double bmi = clamp(27.3 + 1.2 * p.dep + (p.hasBy("diabetes", mid) ? 4 : 0) + 5 * gaussian(r), 14, 65);
                    gp(p, day, "snomed", ClinicalCatalogue.BMI, Days.decimal1(bmi), "kg/m2");
                    double height = p.female ? 1.62 + 0.07 * gaussian(r) : 1.76 + 0.07 * gaussian(r);
                    gp(p, day, "snomed", ClinicalCatalogue.WEIGHT, Days.decimal1(bmi * height * height), "kg");
                }
                if (r.nextDouble() < (anyLtc ? 0.7 : 0.3) * frac) {
                    double current = 0.13 * Math.max(0.3, 1 + 0.8 * p.dep);
                    double roll = r.nextDouble();
                    String code = roll < current ? ClinicalCatalogue.SMOKING[2]
                            : roll < current + 0.28 ? ClinicalCatalogue.SMOKING[1] : ClinicalCatalogue.SMOKING[0];
                    gp(p, from + r.nextInt(to - from + 1), "snomed", code, null, null);
                }
                int hba1c = p.hasBy("diabetes", mid) ? poisson(r, 2.0 * frac) : (age >= 40 && r.nextDouble() < 0.15 * frac ? 1 : 0);
                for (int i = 0; i < hba1c; i++) {
                    double v = p.hasBy("diabetes", mid) ? clamp(58 + 14 * gaussian(r), 35, 140) : clamp(38 + 4 * gaussian(r), 25, 47);
                    gp(p, from + r.nextInt(to - from + 1), "snomed", ClinicalCatalogue.HBA1C, Long.toString(Math.round(v)),
                            "mmol/mol");
                }
            }
            if ((age >= 65 || anyLtc || age < 4) && r.nextDouble() < 0.72) {
                int flu = fluSeasonDay(r, startDay + y * 365, from, to);
                if (flu >= 0) {
                    gp(p, flu, "snomed", ClinicalCatalogue.FLU_VACCINATION, null, null);
                }
            }
        }
    }

    private void diagnosisCode(Person p, String condition, int day) {
        SplittableRandom r = p.rng;
        List<String> snomed = snomedCodes.getOrDefault(condition, List.of());
        List<String> read2 = read2Codes.getOrDefault(condition, List.of());
        // Records migrated from older systems keep their Read v2 codes.
        boolean useRead2 = !read2.isEmpty() && (snomed.isEmpty() || (day < SNOMED_FROM && r.nextDouble() < 0.25));
        if (useRead2) {
            gp(p, day, "read2", read2.get(r.nextInt(read2.size())), null, null);
        } else if (!snomed.isEmpty()) {
            gp(p, day, "snomed", snomed.get(r.nextInt(snomed.size())), null, null);
        }
    }

    /** A few people carry a resolved diagnosis: the code, then the matching resolved code. */
    private void writeResolvedHistory(Person p, int lastDay) {
        int age = (int) p.ageAt(lastDay);
        resolved(p, "asthma", "asthma_resolved", age >= 10 ? 0.03 : 0, lastDay);
        resolved(p, "depression", "depression_resolved", age >= 20 ? 0.04 : 0, lastDay);
        resolved(p, "diabetes", "diabetes_resolved", age >= 40 ? 0.003 : 0, lastDay);
        resolved(p, "hypertension", "hypertension_resolved", age >= 40 ? 0.005 : 0, lastDay);
    }

    private void resolved(Person p, String condition, String resolvedCondition, double prob, int lastDay) {
        SplittableRandom r = p.rng;
        if (prob <= 0 || p.has(condition) || r.nextDouble() >= prob) {
            return;
        }
        List<String> codes = snomedCodes.getOrDefault(resolvedCondition, List.of());
        if (codes.isEmpty()) {
            return;
        }
        int diag = lastDay - 365 * (2 + r.nextInt(15));
        if (diag < p.birthDay + 5 * 365) {
            return;
        }
        int res = diag + 180 + r.nextInt(Math.max(1, lastDay - diag - 180));
        diagnosisCode(p, condition, diag);
        gp(p, Math.min(res, lastDay), "snomed", codes.get(r.nextInt(codes.size())), null, null);
    }

    private void bloodPressure(Person p, int day, int age, boolean hypertensive) {
        SplittableRandom r = p.rng;
        double sys = 118 + 0.45 * Math.max(0, age - 30) + (hypertensive ? 12 : 0) + 13 * gaussian(r);
        double dia = 75 + 0.08 * Math.max(0, age - 30) + (hypertensive ? 6 : 0) + 8 * gaussian(r);
        sys = clamp(sys, 85, 230);
        dia = clamp(Math.min(dia, sys - 20), 45, 130);
        gp(p, day, "snomed", ClinicalCatalogue.SYSTOLIC_BP, Long.toString(Math.round(sys)), "mm[Hg]");
        gp(p, day, "snomed", ClinicalCatalogue.DIASTOLIC_BP, Long.toString(Math.round(dia)), "mm[Hg]");
    }

    private static int fluSeasonDay(SplittableRandom r, int yearStart, int from, int to) {
        // Flu vaccinations fall in September to December: find that season inside this year's slice.
        LocalDate s = Days.date(yearStart);
        LocalDate season = LocalDate.of(s.getYear(), 9, 15);
        if (Days.of(season) < yearStart) {
            season = season.plusYears(1);
        }
        int day = Days.of(season) + r.nextInt(90);
        return day >= from && day <= to ? day : -1;
    }

    // ------------------------------------------------------------------ prescribing

    private void medication(Person p, int day, Drug d) {
        out.emit(InputTable.MEDICATIONS, new String[] {p.id, Days.iso(day), "bnf", d.bnf, d.name});
    }

    private void writeMedications(Person p) {
        SplittableRandom r = p.rng;
        Map<String, int[]> repeats = new LinkedHashMap<>();
        Map<String, Drug> drugs = new HashMap<>();
        for (Map.Entry<String, Integer> e : p.onset.entrySet()) {
            List<List<Drug>> slots = ClinicalCatalogue.REPEATS.get(e.getKey());
            if (slots == null) {
                continue;
            }
            for (int s = 0; s < slots.size(); s++) {
                if (r.nextDouble() < (s == 0 ? 0.85 : 0.55)) {
                    List<Drug> options = slots.get(s);
                    Drug d = options.get(r.nextInt(options.size()));
                    int start = e.getValue() + 7 + r.nextInt(60);
                    repeats.merge(d.bnf, new int[] {start}, (a, b) -> a[0] <= b[0] ? a : b);
                    drugs.put(d.bnf, d);
                }
            }
        }
        int age = (int) p.ageAt(p.activeEnd);
        if (p.female && age >= 16 && age <= 45 && r.nextDouble() < 0.15) {
            addRepeat(repeats, drugs, ClinicalCatalogue.DESOGESTREL, p.activeEnd - r.nextInt(6 * 365));
        }
        if (age >= 30 && r.nextDouble() < (p.female ? 0.05 : 0.015)) {
            addRepeat(repeats, drugs, ClinicalCatalogue.LEVOTHYROXINE, p.activeEnd - r.nextInt(10 * 365));
        }
        if (age >= 50 && r.nextDouble() < 0.12) {
            addRepeat(repeats, drugs, r.nextBoolean() ? ClinicalCatalogue.OMEPRAZOLE : ClinicalCatalogue.LANSOPRAZOLE,
                    p.activeEnd - r.nextInt(8 * 365));
        }
        for (Map.Entry<String, int[]> e : repeats.entrySet()) {
            Drug d = drugs.get(e.getKey());
            int interval = r.nextDouble() < 0.35 ? 28 : 56;
            if (d == ClinicalCatalogue.DESOGESTREL) {
                interval = 84;
            }
            int day = Math.max(e.getValue()[0], p.activeStart + r.nextInt(interval));
            // Some repeats stop (side effects, switched, deprescribed).
            int stop = r.nextDouble() < 0.1 ? day + r.nextInt(3 * 365) : Integer.MAX_VALUE;
            while (day <= p.activeEnd && day <= stop) {
                medication(p, day, d);
                day += interval + r.nextInt(9) - 3;
                if (r.nextDouble() < 0.03) {
                    day += interval;
                }
            }
        }
        if (p.has("copd") || p.has("asthma")) {
            int n = poisson(r, (p.has("copd") ? 0.9 : 0.3) * (p.activeEnd - p.activeStart + 1) / 365.0);
            for (int i = 0; i < n; i++) {
                int day = p.activeStart + r.nextInt(p.activeEnd - p.activeStart + 1);
                medication(p, day, ClinicalCatalogue.PREDNISOLONE);
                medication(p, day, ClinicalCatalogue.AMOXICILLIN);
            }
        }
    }

    private static void addRepeat(Map<String, int[]> repeats, Map<String, Drug> drugs, Drug d, int start) {
        repeats.merge(d.bnf, new int[] {start}, (a, b) -> a[0] <= b[0] ? a : b);
        drugs.put(d.bnf, d);
    }

    // ------------------------------------------------------------------ hospital

    private static final int EMERGENCY = 0;
    private static final int ELECTIVE = 1;
    private static final int MATERNITY = 2;
    private static final int TERMINAL = 3;

    /** Writes spells, A&E and outpatients; returns (discharge day, age) of emergency spells for follow-on care. */
    private List<int[]> writeHospital(Person p) {
        SplittableRandom r = p.rng;
        List<int[]> admissions = new ArrayList<>();
        String acute = acuteProviders.get((int) (Math.abs(PersonTokens.SplitMix.mix(p.practice.code.hashCode()))
                % acuteProviders.size()));
        boolean hospitalDeath = "hospital".equals(p.placeOfDeath);

        for (int y = 0; y < GeneratorSettings.HISTORY_YEARS; y++) {
            int from = Math.max(p.activeStart, startDay + y * 365);
            int to = Math.min(p.activeEnd, startDay + (y + 1) * 365 - 1);
            if (to < from) {
                continue;
            }
            double frac = (to - from + 1) / 365.0;
            int mid = from + (to - from) / 2;
            int age = Math.max(0, (int) p.ageAt(mid));
            int ltc = p.ltcCountAt(mid);

            double em = emergencyRate(p, age, ltc, mid);
            int n = poisson(r, em * frac);
            for (int i = 0; i < n; i++) {
                int day = from + r.nextInt(to - from + 1);
                admissions.add(new int[] {day, EMERGENCY});
                // Early readmission: the strongest short-term predictor of another admission.
                if (r.nextDouble() < 0.08 * (1 + 0.1 * ltc)) {
                    admissions.add(new int[] {day + 5 + r.nextInt(26), EMERGENCY});
                }
            }
            double el = (age < 18 ? 0.02 : 0.03 + 0.0022 * age) * (1 + 0.25 * ltc) * (p.hasBy("cancer", mid) ? 2.5 : 1);
            int ne = poisson(r, el * frac);
            for (int i = 0; i < ne; i++) {
                admissions.add(new int[] {from + r.nextInt(to - from + 1), ELECTIVE});
            }
            if (p.female && age >= 16 && age <= 45) {
                int births = poisson(r, fertility(age) * frac);
                for (int i = 0; i < births; i++) {
                    int day = from + r.nextInt(to - from + 1);
                    if (r.nextDouble() < 0.2) {
                        admissions.add(new int[] {day - 30 - r.nextInt(90), MATERNITY});
                    }
                    admissions.add(new int[] {day, MATERNITY});
                }
            }

            double ae = ClinicalCatalogue.aeBase(age) * Math.pow(1.12, Math.min(ltc, 6)) * Math.max(0.3, 1 + 0.35 * p.dep)
                    * Math.pow(p.propensity, 0.7);
            if (p.hasBy("substance_misuse", mid) || p.hasBy("homelessness", mid)) {
                ae *= 2.5;
            }
            if (p.hasBy("serious_mental_illness", mid)) {
                ae *= 1.6;
            }
            int na = poisson(r, ae * frac);
            for (int i = 0; i < na; i++) {
                aeAttendance(p, from + r.nextInt(to - from + 1), acute, false, age);
            }

            double op = (0.45 + 0.032 * age) * (1 + 0.45 * ltc) * Math.sqrt(p.propensity);
            int no = poisson(r, op * frac);
            for (int i = 0; i < no; i++) {
                outpatient(p, from + r.nextInt(to - from + 1), acute, age, mid);
            }
        }
        if (hospitalDeath) {
            int los = 1 + geometric(p.rng, 0.12);
            admissions.add(new int[] {p.deathDay - los, TERMINAL});
        }
        admissions.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));

        List<int[]> discharges = new ArrayList<>();
        int previousDischarge = Integer.MIN_VALUE;
        boolean dotted = r.nextDouble() < 0.55;
        for (int[] a : admissions) {
            int type = a[1];
            int admit = Math.max(a[0], previousDischarge + 1);
            admit = Math.max(admit, p.activeStart);
            if (type != TERMINAL && (admit > p.activeEnd || (hospitalDeath && admit >= p.deathDay - 1))) {
                continue;
            }
            if (type == TERMINAL) {
                admit = Math.min(Math.max(a[0], previousDischarge + 1), p.deathDay);
            }
            int age = Math.max(0, (int) p.ageAt(admit));
            int discharge = admit + lengthOfStay(p, type, age);
            if (type == TERMINAL) {
                discharge = p.deathDay;
            } else if (p.deathDay <= endDay && discharge >= p.deathDay) {
                discharge = p.deathDay - 1;
                if (discharge < admit) {
                    continue;
                }
            }
            String dischargeOut = discharge > endDay ? null : Days.iso(discharge);
            spell(p, a, admit, dischargeOut, discharge, age, acute, dotted);
            if (type == EMERGENCY && discharge <= endDay) {
                discharges.add(new int[] {discharge, age});
            }
            previousDischarge = discharge;
        }
        return discharges;
    }

    private double emergencyRate(Person p, int age, int ltc, int day) {
        double rate = ClinicalCatalogue.emergencyBase(age) * Math.pow(1.32, Math.min(ltc, 7))
                * Math.max(0.3, 1 + 0.35 * p.dep) * (1 + 0.12 * p.frailDeficits) * p.propensity;
        if (p.hasBy("heart_failure", day) || p.hasBy("copd", day)) {
            rate *= 1.5;
        }
        if (p.hasBy("metastatic_cancer", day) || p.hasBy("palliative_care", day) || p.hasBy("liver_failure", day)) {
            rate *= 2.5;
        }
        if (p.hasBy("substance_misuse", day) || p.hasBy("homelessness", day)) {
            rate *= 2.0;
        }
        if (p.careHomeDay <= day) {
            rate *= 1.4;
        }
        return rate;
    }

    private static double fertility(int age) {
        if (age < 20) {
            return 0.012;
        }
        if (age < 25) {
            return 0.045;
        }
        if (age < 30) {
            return 0.085;
        }
        if (age < 35) {
            return 0.10;
        }
        if (age < 40) {
            return 0.06;
        }
        return 0.015;
    }

    private int lengthOfStay(Person p, int type, int age) {
        SplittableRandom r = p.rng;
        return switch (type) {
            case ELECTIVE -> r.nextDouble() < 0.78 ? 0 : 1 + geometric(r, 0.3);
            case MATERNITY -> r.nextDouble() < 0.25 ? 0 : 1 + geometric(r, 0.55);
            default -> {
                if (r.nextDouble() < (age < 65 ? 0.35 : 0.2)) {
                    yield 0;
                }
                double mean = 2 + 0.09 * Math.max(0, age - 50) + 1.2 * p.frailDeficits;
                yield Math.min(120, 1 + geometric(r, 1 / mean));
            }
        };
    }

    private void spell(Person p, int[] a, int admit, String dischargeOut, int discharge, int age, String acute,
                       boolean dotted) {
        SplittableRandom r = p.rng;
        int type = a[1];
        String method;
        String primary;
        String procedure = null;
        double cost;
        int los = Math.max(0, discharge - admit);
        switch (type) {
            case ELECTIVE -> {
                method = ELECTIVE_METHODS[pickWeighted(r, ELECTIVE_METHOD_WEIGHTS)];
                String[] procs = age < 18 ? ClinicalCatalogue.ELECTIVE_PROCEDURES_CHILD
                        : age >= 60 ? ClinicalCatalogue.ELECTIVE_PROCEDURES_OLD : ClinicalCatalogue.ELECTIVE_PROCEDURES_ADULT;
                procedure = procs[r.nextInt(procs.length)];
                primary = electiveDiagnosis(p, procedure, admit);
                cost = los == 0 ? 750 + 500 * r.nextDouble() : 3000 + 400 * los + 2500 * r.nextDouble();
            }
            case MATERNITY -> {
                method = r.nextDouble() < 0.9 ? "31" : "32";
                List<String> codes = icd10.getOrDefault("maternity", List.of("O80.0"));
                primary = codes.get(r.nextInt(codes.size()));
                procedure = ClinicalCatalogue.MATERNITY_PROCEDURES[r.nextInt(ClinicalCatalogue.MATERNITY_PROCEDURES.length)];
                cost = 1800 + 420 * los + 600 * r.nextDouble();
            }
            default -> {
                method = EMERGENCY_METHODS[pickWeighted(r, EMERGENCY_METHOD_WEIGHTS)];
                primary = emergencyDiagnosis(p, admit, age);
                if (primary.startsWith("S72") && r.nextDouble() < 0.7) {
                    procedure = "W461";
                } else if (primary.startsWith("I21") && r.nextDouble() < 0.5) {
                    procedure = "K751";
                } else if (primary.startsWith("K35") && r.nextDouble() < 0.8) {
                    procedure = "H011";
                }
                cost = 1400 + 380 * los + 700 * r.nextDouble() + (age >= 75 ? 400 : 0);
                if (method.equals("21")) {
                    aeAttendance(p, admit, acute, true, age);
                }
            }
        }
        List<String> secondary = new ArrayList<>();
        for (Map.Entry<String, Integer> e : p.onset.entrySet()) {
            if (e.getValue() <= admit && secondary.size() < 12 && !e.getKey().equals("care_home")) {
                List<String> codes = icd10.get(e.getKey());
                if (codes != null && !e.getKey().equals("maternity") && r.nextDouble() < 0.85) {
                    String code = codes.get(r.nextInt(codes.size()));
                    if (!code.equals(primary) && !secondary.contains(code)) {
                        secondary.add(code);
                    }
                }
            }
        }
        String destination;
        if (type == TERMINAL) {
            destination = "79";
        } else if (p.careHomeDay <= admit) {
            destination = r.nextDouble() < 0.5 ? "54" : "85";
        } else {
            double d = r.nextDouble();
            destination = d < 0.93 ? "19" : d < 0.96 ? "51" : d < 0.98 ? "29" : "65";
        }
        StringBuilder sec = new StringBuilder();
        for (String s : secondary) {
            if (sec.length() > 0) {
                sec.append('|');
            }
            sec.append(format(s, dotted, r));
        }
        out.emit(InputTable.INPATIENT_SPELLS, new String[] {
            id("APC", ++spellSeq), p.id, acute, Days.iso(admit), dischargeOut, method,
            format(primary, dotted, r), sec.length() == 0 ? null : sec.toString(), procedure, dischargeOut == null ? null : destination,
            Days.decimal2(cost)});
    }

    private String emergencyDiagnosis(Person p, int day, int age) {
        SplittableRandom r = p.rng;
        if (age >= 16 && r.nextDouble() < 0.55) {
            double total = 0;
            List<String> drivers = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            for (Map.Entry<String, Double> e : ClinicalCatalogue.ADMISSION_DRIVER_WEIGHT.entrySet()) {
                if (p.hasBy(e.getKey(), day) && icd10.containsKey(e.getKey())) {
                    drivers.add(e.getKey());
                    weights.add(e.getValue());
                    total += e.getValue();
                }
            }
            if (!drivers.isEmpty()) {
                drivers.sort(String::compareTo);
                double roll = r.nextDouble() * total;
                for (String d : drivers) {
                    roll -= ClinicalCatalogue.ADMISSION_DRIVER_WEIGHT.get(d);
                    if (roll <= 0) {
                        List<String> codes = icd10.get(d);
                        return codes.get(r.nextInt(codes.size()));
                    }
                }
            }
        }
        String[] acute = age < 16 ? ClinicalCatalogue.ACUTE_CHILD : age >= 70 ? ClinicalCatalogue.ACUTE_OLD
                : ClinicalCatalogue.ACUTE_ADULT;
        String code = acute[r.nextInt(acute.length)];
        // An external cause (W19) is never a primary diagnosis: the injury is.
        return code.startsWith("W") ? "S72.0" : code;
    }

    private String electiveDiagnosis(Person p, String procedure, int day) {
        SplittableRandom r = p.rng;
        if (p.hasBy("cancer", day) && r.nextDouble() < 0.5) {
            List<String> codes = icd10.get("cancer");
            if (codes != null) {
                return codes.get(r.nextInt(codes.size()));
            }
        }
        return switch (procedure) {
            case "C712" -> "H25.9";
            case "W371" -> "M16.9";
            case "W401" -> "M17.9";
            case "H229" -> r.nextBoolean() ? "K57.3" : "K63.5";
            case "G451" -> "K21.9";
            case "M459" -> "R31";
            case "T201" -> "K40.9";
            case "J183" -> "K80.2";
            case "Q074" -> "N92.0";
            case "W822" -> "M23.2";
            case "E031" -> "J34.2";
            case "F344" -> "J35.0";
            case "E201" -> "H65.3";
            case "D151" -> "H66.3";
            case "T191" -> "K40.9";
            case "S062" -> "L82";
            default -> "Z51.8";
        };
    }

    /** ICD-10 as providers send it: dotted {@code I50.0} or not {@code I500}; 3-character codes padded with X. */
    private static String format(String code, boolean dotted, SplittableRandom r) {
        if (dotted) {
            return code;
        }
        String bare = code.replace(".", "");
        return bare.length() == 3 && r.nextDouble() < 0.7 ? bare + "X" : bare;
    }

    private void aeAttendance(Person p, int day, String acute, boolean admitted, int age) {
        SplittableRandom r = p.rng;
        String type;
        if (admitted) {
            type = "01";
        } else {
            double t = r.nextDouble();
            type = t < 0.70 ? "01" : t < 0.72 ? "02" : t < 0.96 ? "03" : t < 0.97 ? "04" : "05";
        }
        int acuity = admitted ? 1 + pickWeighted(r, new double[] {8, 40, 45, 6, 1})
                : 1 + pickWeighted(r, new double[] {1, 12, 42, 35, 10});
        String status;
        if (admitted) {
            status = "admitted";
        } else {
            double s = r.nextDouble();
            status = s < 0.66 ? "discharged" : s < 0.88 ? "referred" : s < 0.95 ? "left_before_treatment" : "transferred";
        }
        double cost = type.equals("01") ? 140 + 65 * (5 - acuity) + 40 * r.nextDouble() : 60 + 30 * r.nextDouble();
        out.emit(InputTable.AE_ATTENDANCES, new String[] {
            id("AE", ++aeSeq), p.id, acute,
            Days.iso(day), type, Integer.toString(acuity), status, Days.decimal2(cost)});
    }

    private void outpatient(Person p, int day, String acute, int age, int mid) {
        SplittableRandom r = p.rng;
        double dna = 0.05 + 0.03 * Math.max(0, p.dep) + (age >= 16 && age < 30 ? 0.03 : 0);
        double roll = r.nextDouble();
        String status = roll < dna ? "dna" : roll < dna + 0.06 ? "cancelled" : "attended";
        boolean first = r.nextDouble() < 0.3;
        String tfc;
        List<String> specialties = new ArrayList<>();
        for (String c : p.onset.keySet()) {
            String t = ClinicalCatalogue.TREATMENT_FUNCTION_BY_CONDITION.get(c);
            if (t != null && p.hasBy(c, mid)) {
                specialties.add(t);
            }
        }
        if (age < 16) {
            tfc = "420";
        } else if (!specialties.isEmpty() && r.nextDouble() < 0.6) {
            tfc = specialties.get(r.nextInt(specialties.size()));
        } else {
            tfc = ClinicalCatalogue.TREATMENT_FUNCTIONS_GENERAL[r.nextInt(ClinicalCatalogue.TREATMENT_FUNCTIONS_GENERAL.length)];
        }
        String cost = status.equals("attended") ? Days.decimal2((first ? 190 : 115) + 40 * r.nextDouble()) : null;
        out.emit(InputTable.OUTPATIENT_APPOINTMENTS, new String[] {
            id("OP", ++opSeq), p.id, acute, Days.iso(day), status, first ? "true" : "false", tfc, cost});
    }

    // ------------------------------------------------------------------ community and mental health

    private void writeCommunityAndMentalHealth(Person p) {
        SplittableRandom r = p.rng;
        int from = p.activeStart;
        int to = p.activeEnd;
        double years = (to - from + 1) / 365.0;
        int age = (int) p.ageAt(to);
        if (age < 5) {
            int visits = poisson(r, (age < 1 ? 5 : 1.2) * years);
            for (int i = 0; i < visits; i++) {
                community(p, from + r.nextInt(to - from + 1), "health_visiting", 55);
            }
        } else if (age < 17) {
            if (r.nextDouble() < 0.2 * years) {
                community(p, from + r.nextInt(to - from + 1), "school_nursing", 45);
            }
        }
        boolean frail = p.frailDeficits >= 3 || p.has("palliative_care") || p.careHomeDay <= to;
        double dnEpisodes = (frail ? 0.7 : age >= 75 ? 0.15 : age >= 18 ? 0.01 : 0) * years;
        int episodes = poisson(r, dnEpisodes);
        for (int e = 0; e < episodes; e++) {
            courseOfContacts(p, from, to, "district_nursing", 4 + r.nextInt(14), 7, 62, false);
        }
        if (p.has("diabetes") && age >= 18) {
            int n = poisson(r, 0.8 * years);
            for (int i = 0; i < n; i++) {
                community(p, from + r.nextInt(to - from + 1), "podiatry", 48);
            }
        }
        double physio = (age >= 18 ? 0.04 : 0) * (p.has("osteoporosis") || p.has("rheumatoid_arthritis")
                || p.has("stroke_tia") ? 4 : 1) * years;
        for (int e = poisson(r, physio); e > 0; e--) {
            courseOfContacts(p, from, to, "community_physiotherapy", 3 + r.nextInt(4), 10, 58, false);
        }
        if (p.ltcCountAt(to) >= 4 && age >= 50) {
            int n = poisson(r, 3 * years);
            for (int i = 0; i < n; i++) {
                community(p, from + r.nextInt(to - from + 1), "community_matron", 75);
            }
        }
        if ((p.has("stroke_tia") && age >= 50 && r.nextDouble() < 0.1) || (age >= 2 && age < 11 && r.nextDouble() < 0.02)) {
            courseOfContacts(p, from, to, "speech_and_language_therapy", 3 + r.nextInt(6), 14, 70, false);
        }

        if (p.has("serious_mental_illness")) {
            String team = age >= 14 && age < 36 && r.nextBoolean() ? "early_intervention_in_psychosis"
                    : "community_mental_health_team";
            int n = poisson(r, 9 * years * Math.sqrt(p.propensity));
            for (int i = 0; i < n; i++) {
                mentalHealth(p, from + r.nextInt(to - from + 1), team, 180);
            }
            for (int e = poisson(r, 0.12 * years * (1 + Math.max(0, p.dep))); e > 0; e--) {
                courseOfContacts(p, from, to, "crisis_resolution_home_treatment", 4 + r.nextInt(8), 1, 260, true);
            }
        }
        if (p.has("depression") && age >= 16) {
            for (int e = poisson(r, 0.22 * years); e > 0; e--) {
                courseOfContacts(p, from, to, "talking_therapies", 5 + r.nextInt(4), 7, 120, true);
            }
        } else if (age >= 16 && r.nextDouble() < 0.02 * years) {
            courseOfContacts(p, from, to, "talking_therapies", 4 + r.nextInt(5), 7, 120, true);
        }
        if (p.has("dementia")) {
            int n = poisson(r, 1.3 * years);
            for (int i = 0; i < n; i++) {
                mentalHealth(p, from + r.nextInt(to - from + 1), "memory_assessment_service", 210);
            }
        }
        if (age >= 5 && age < 18 && r.nextDouble() < 0.03 * years) {
            courseOfContacts(p, from, to, "camhs", 4 + r.nextInt(7), 14, 170, true);
        }
    }

    private void courseOfContacts(Person p, int from, int to, String service, int n, int spacing, double cost,
                                  boolean mental) {
        SplittableRandom r = p.rng;
        int day = from + r.nextInt(to - from + 1);
        for (int i = 0; i < n && day <= to; i++) {
            if (mental) {
                mentalHealth(p, day, service, cost);
            } else {
                community(p, day, service, cost);
            }
            day += Math.max(1, spacing + r.nextInt(Math.max(1, spacing / 2 + 1)) - spacing / 4);
        }
    }

    private void community(Person p, int day, String service, double cost) {
        out.emit(InputTable.COMMUNITY_CONTACTS, new String[] {
            id("CC", ++communitySeq), p.id, Days.iso(day), service,
            Days.decimal2(cost * (0.8 + 0.4 * p.rng.nextDouble()))});
    }

    private void mentalHealth(Person p, int day, String service, double cost) {
        out.emit(InputTable.MENTAL_HEALTH_CONTACTS, new String[] {
            id("MH", ++mentalHealthSeq), p.id, Days.iso(day), service,
            Days.decimal2(cost * (0.8 + 0.4 * p.rng.nextDouble()))});
    }

    // ------------------------------------------------------------------ social care, interventions, deaths

    private void writeSocialCareAndInterventions(Person p, List<int[]> emergencyDischarges, int moveDay) {
        SplittableRandom r = p.rng;
        int from = p.activeStart;
        int to = p.activeEnd;
        int age = (int) p.ageAt(to);
        String endIfDied = p.deathDay <= endDay ? Days.iso(p.deathDay) : null;
        if (p.careHomeDay <= to) {
            boolean nursing = p.has("dementia") ? r.nextDouble() < 0.5 : r.nextDouble() < 0.3;
            socialCare(p, nursing ? "nursing" : "residential", p.careHomeDay, endIfDied,
                    nursing ? 1150 : 850);
        } else if (age >= 65) {
            double prob = 0.03 * (1 + 0.6 * p.frailDeficits) * (p.has("dementia") ? 2.5 : 1) * Math.max(0.5, 1 + 0.2 * p.dep);
            if (r.nextDouble() < Math.min(0.7, prob)) {
                int start = from - r.nextInt(365) + r.nextInt(to - from + 1);
                String end = r.nextDouble() < 0.45 ? endIfDied : Days.iso(Math.min(to, start + 14 + r.nextInt(300)));
                if (end != null && end.compareTo(Days.iso(start)) < 0) {
                    end = Days.iso(start);
                }
                socialCare(p, r.nextDouble() < 0.85 ? "home_care" : "day_care", start, end, 280 + 180 * r.nextDouble());
            }
        }
        if (p.has("learning_disability") && age >= 18 && age < 65 && r.nextDouble() < 0.4) {
            socialCare(p, r.nextBoolean() ? "day_care" : "direct_payment", from - r.nextInt(5 * 365), endIfDied,
                    350 + 300 * r.nextDouble());
        }
        if ((p.has("paraplegia") || p.has("motor_neurone_disease") || p.has("cerebral_palsy")) && age >= 18
                && r.nextDouble() < 0.5) {
            socialCare(p, "direct_payment", from - r.nextInt(5 * 365), endIfDied, 450 + 400 * r.nextDouble());
        }
        for (int[] d : emergencyDischarges) {
            int dischargeAge = d[1];
            if (dischargeAge >= 75 && r.nextDouble() < 0.12 && d[0] + 2 <= to) {
                int start = d[0] + r.nextInt(3);
                socialCare(p, "reablement", start, Days.iso(Math.min(endDay, start + 42)), 380);
            }
            boolean wardCandidate = dischargeAge >= 65 || p.has("heart_failure") || p.has("copd");
            if (wardCandidate && r.nextDouble() < 0.12 && d[0] <= to) {
                int end = d[0] + 5 + r.nextInt(10);
                intervention(p, "virtual_ward", d[0], end > endDay ? null : Days.iso(end),
                        acuteProviders.get(0));
            }
        }
        if (age >= 50 && r.nextDouble() < 0.005) {
            socialCare(p, "other", from + r.nextInt(to - from + 1), null, 40 + 60 * r.nextDouble());
        }

        int ltc = p.ltcCountAt(to);
        boolean highRisk = (age >= 65 && (p.frailDeficits >= 3 || ltc >= 3)) || ltc >= 4 || p.careHomeDay <= to;
        for (int y = 0; y < GeneratorSettings.HISTORY_YEARS; y++) {
            int yf = Math.max(from, startDay + y * 365);
            int yt = Math.min(to, startDay + (y + 1) * 365 - 1);
            if (yt < yf) {
                continue;
            }
            if (highRisk && r.nextDouble() < 0.4) {
                int day = yf + r.nextInt(yt - yf + 1);
                intervention(p, "proactive_care_review", day, Days.iso(day), p.practiceAt(day, moveDay));
            }
            double sp = age >= 18 ? 0.01 * (1 + (p.has("depression") ? 2 : 0) + Math.max(0, 2 * p.dep)
                    + (p.frailDeficits > 0 ? 1 : 0)) : 0;
            if (r.nextDouble() < sp) {
                int day = yf + r.nextInt(yt - yf + 1);
                int end = day + 56 + r.nextInt(60);
                intervention(p, "social_prescribing", day, end > endDay ? null : Days.iso(end), p.practice.pcnCode);
            }
        }
        boolean endOfLife = p.has("palliative_care") || p.has("metastatic_cancer");
        if ((endOfLife || p.has("dementia") || p.frailDeficits >= 5) && r.nextDouble() < 0.3) {
            int day = from + r.nextInt(to - from + 1);
            String end = endIfDied != null ? endIfDied : r.nextBoolean() ? null : Days.iso(Math.min(endDay, day + 90 + r.nextInt(275)));
            intervention(p, "care_coordination", day, end, communityProviders.get(0));
        }
    }

    private void socialCare(Person p, String type, int start, String end, double weekly) {
        out.emit(InputTable.SOCIAL_CARE_SERVICES, new String[] {
            id("SC", ++socialCareSeq), p.id, type, Days.iso(start), end, Days.decimal2(weekly)});
    }

    private void intervention(Person p, String kind, int start, String end, String provider) {
        out.emit(InputTable.INTERVENTIONS, new String[] {p.id, kind, Days.iso(start), end, provider});
    }

    private String placeOfDeath(Person p) {
        SplittableRandom r = p.rng;
        double x = r.nextDouble();
        if (p.careHomeDay <= p.deathDay) {
            return x < 0.7 ? "care_home" : x < 0.97 ? "hospital" : "hospice";
        }
        if (p.has("palliative_care") || p.has("metastatic_cancer")) {
            return x < 0.38 ? "home" : x < 0.6 ? "hospice" : x < 0.95 ? "hospital" : "other";
        }
        return x < 0.5 ? "hospital" : x < 0.82 ? "home" : x < 0.86 ? "hospice" : x < 0.93 ? "care_home" : "other";
    }

    private void writeDeath(Person p) {
        SplittableRandom r = p.rng;
        String place = p.placeOfDeath;
        String cause = null;
        String[] causal = {"metastatic_cancer", "cancer", "copd", "dementia", "coronary_heart_disease",
            "heart_failure", "stroke_tia", "liver_failure", "ckd_4_5", "motor_neurone_disease", "diabetes",
            "atrial_fibrillation"};
        for (String c : causal) {
            if (p.has(c) && r.nextDouble() < 0.65) {
                String key = c.equals("metastatic_cancer") ? "cancer" : c.equals("heart_failure")
                        ? "coronary_heart_disease" : c;
                List<String> codes = icd10.get(key);
                if (codes != null) {
                    cause = codes.get(r.nextInt(codes.size()));
                    break;
                }
            }
        }
        if (cause == null) {
            cause = ClinicalCatalogue.OTHER_DEATH_CAUSES[r.nextInt(ClinicalCatalogue.OTHER_DEATH_CAUSES.length)];
        }
        out.emit(InputTable.DEATHS, new String[] {p.id, Days.iso(p.deathDay), place, cause.replace(".", "")});
    }

    // ------------------------------------------------------------------ random helpers

    /** Record keys as source systems issue them: a prefix and a zero-padded sequence number. */
    private static String id(String prefix, long seq) {
        String digits = Long.toString(seq);
        StringBuilder sb = new StringBuilder(prefix.length() + 10).append(prefix);
        for (int i = digits.length(); i < 10; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    /** Deprivation on [-1, +1]: +1 the most deprived decile. */
    private static double deprivation(int decile) {
        return (5.5 - decile) / 4.5;
    }

    private static int pick(double[] cumulative, double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (cumulative[m] > u) {
                hi = m;
            } else {
                lo = m + 1;
            }
        }
        return lo;
    }

    private static int pickWeighted(SplittableRandom r, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = r.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static int poisson(SplittableRandom r, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 40) {
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * gaussian(r)));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double prod = r.nextDouble();
        while (prod > l) {
            k++;
            prod *= r.nextDouble();
        }
        return k;
    }

    private static int geometric(SplittableRandom r, double p) {
        double u = r.nextDouble();
        return (int) Math.floor(Math.log(1 - u) / Math.log(1 - Math.min(0.999, Math.max(0.001, p))));
    }

    private static double exponential(SplittableRandom r) {
        return -Math.log(1 - r.nextDouble());
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
