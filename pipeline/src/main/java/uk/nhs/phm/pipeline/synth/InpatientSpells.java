package uk.nhs.phm.pipeline.synth;

import static uk.nhs.phm.pipeline.synth.Draws.geometric;
import static uk.nhs.phm.pipeline.synth.Draws.pickWeighted;
import static uk.nhs.phm.pipeline.synth.Draws.poisson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Admitted patient care: emergency admissions (the rate a risk model should find: age, long-term
 * conditions, deprivation, frailty, personal propensity and condition factors), early readmissions,
 * elective and maternity admissions, a terminal spell for deaths in hospital; then each spell's length of
 * stay, admission method, diagnoses, procedure, discharge destination and cost.
 */
final class InpatientSpells {
    static final int EMERGENCY = 0;
    static final int ELECTIVE = 1;
    static final int MATERNITY = 2;
    static final int TERMINAL = 3;

    private static final String[] EMERGENCY_METHODS = {"21", "22", "23", "24", "25", "2A", "2B", "2C", "2D", "28"};
    private static final double[] EMERGENCY_METHOD_WEIGHTS = {72, 8, 2, 4, 1, 3, 2, 0.5, 4, 3.5};
    private static final String[] ELECTIVE_METHODS = {"11", "12", "13"};
    private static final double[] ELECTIVE_METHOD_WEIGHTS = {62, 30, 8};

    private final GeneratorContext ctx;
    private final AeAttendances ae;
    private final SpellDiagnoses diagnoses;

    InpatientSpells(GeneratorContext ctx, AeAttendances ae) {
        this.ctx = ctx;
        this.ae = ae;
        this.diagnoses = new SpellDiagnoses(ctx.codes);
    }

    /** Adds one year's admissions as {day, type}; they are sorted and written by {@link #writeSpells}. */
    void drawAdmissions(Person p, HospitalActivity.Year y, List<int[]> admissions) {
        SplittableRandom r = p.rng;
        int from = y.from();
        int to = y.to();
        int age = y.age();
        int ltc = y.ltc();
        double em = emergencyRate(p, age, ltc, y.mid());
        int n = poisson(r, em * y.frac());
        for (int i = 0; i < n; i++) {
            int day = from + r.nextInt(to - from + 1);
            admissions.add(new int[] {day, EMERGENCY});
            // Early readmission: the strongest short-term predictor of another admission.
            if (r.nextDouble() < 0.08 * (1 + 0.1 * ltc)) {
                admissions.add(new int[] {day + 5 + r.nextInt(26), EMERGENCY});
            }
        }
        double el = (age < 18 ? 0.02 : 0.03 + 0.0022 * age) * (1 + 0.25 * ltc) * (p.hasBy("cancer", y.mid()) ? 2.5 : 1);
        int ne = poisson(r, el * y.frac());
        for (int i = 0; i < ne; i++) {
            admissions.add(new int[] {from + r.nextInt(to - from + 1), ELECTIVE});
        }
        if (p.female && age >= 16 && age <= 45) {
            int births = poisson(r, fertility(age) * y.frac());
            for (int i = 0; i < births; i++) {
                int day = from + r.nextInt(to - from + 1);
                if (r.nextDouble() < 0.2) {
                    admissions.add(new int[] {day - 30 - r.nextInt(90), MATERNITY});
                }
                admissions.add(new int[] {day, MATERNITY});
            }
        }
    }

    /** Emergency admissions per person-year. */
    private static double emergencyRate(Person p, int age, int ltc, int day) {
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

    /**
     * Adds the terminal spell of a death in hospital, then writes the admissions in date order, one at a
     * time (a spell starts after the previous discharge). Returns the emergency discharges.
     */
    List<HospitalActivity.Discharge> writeSpells(Person p, List<int[]> admissions, String acute) {
        SplittableRandom r = p.rng;
        boolean hospitalDeath = "hospital".equals(p.placeOfDeath);
        if (hospitalDeath) {
            int los = 1 + geometric(p.rng, 0.12);
            admissions.add(new int[] {p.deathDay - los, TERMINAL});
        }
        admissions.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));

        List<HospitalActivity.Discharge> discharges = new ArrayList<>();
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
            } else if (p.deathDay <= ctx.endDay && discharge >= p.deathDay) {
                discharge = p.deathDay - 1;
                if (discharge < admit) {
                    continue;
                }
            }
            String dischargeOut = discharge > ctx.endDay ? null : Days.iso(discharge);
            spell(p, type, admit, dischargeOut, discharge, age, acute, dotted);
            if (type == EMERGENCY && discharge <= ctx.endDay) {
                discharges.add(new HospitalActivity.Discharge(discharge, age));
            }
            previousDischarge = discharge;
        }
        return discharges;
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

    private void spell(Person p, int type, int admit, String dischargeOut, int discharge, int age, String acute,
                       boolean dotted) {
        SplittableRandom r = p.rng;
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
                primary = diagnoses.elective(p, procedure, admit);
                cost = los == 0 ? 750 + 500 * r.nextDouble() : 3000 + 400 * los + 2500 * r.nextDouble();
            }
            case MATERNITY -> {
                method = r.nextDouble() < 0.9 ? "31" : "32";
                List<String> codes = ctx.codes.icd10("maternity");
                if (codes == null) {
                    codes = List.of("O80.0");
                }
                primary = codes.get(r.nextInt(codes.size()));
                procedure = ClinicalCatalogue.MATERNITY_PROCEDURES[r.nextInt(ClinicalCatalogue.MATERNITY_PROCEDURES.length)];
                cost = 1800 + 420 * los + 600 * r.nextDouble();
            }
            default -> {
                method = EMERGENCY_METHODS[pickWeighted(r, EMERGENCY_METHOD_WEIGHTS)];
                primary = diagnoses.emergency(p, admit, age);
                if (primary.startsWith("S72") && r.nextDouble() < 0.7) {
                    procedure = "W461";
                } else if (primary.startsWith("I21") && r.nextDouble() < 0.5) {
                    procedure = "K751";
                } else if (primary.startsWith("K35") && r.nextDouble() < 0.8) {
                    procedure = "H011";
                }
                cost = 1400 + 380 * los + 700 * r.nextDouble() + (age >= 75 ? 400 : 0);
                if (method.equals(ContractCodes.ADMITTED_VIA_AE)) {
                    ae.attendance(p, admit, acute, true, age);
                }
            }
        }
        List<String> secondary = new ArrayList<>();
        for (Map.Entry<String, Integer> e : p.onset.entrySet()) {
            if (e.getValue() <= admit && secondary.size() < 12 && !e.getKey().equals("care_home")) {
                List<String> codes = ctx.codes.icd10(e.getKey());
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
            sec.append(SpellDiagnoses.format(s, dotted, r));
        }
        // The primary diagnosis is formatted after the secondary ones: that is the order of the draws.
        String primaryOut = SpellDiagnoses.format(primary, dotted, r);
        ctx.out.spell(p, acute, admit, dischargeOut, method, primaryOut, sec.length() == 0 ? null : sec.toString(),
                procedure, dischargeOut == null ? null : destination, cost);
    }
}
