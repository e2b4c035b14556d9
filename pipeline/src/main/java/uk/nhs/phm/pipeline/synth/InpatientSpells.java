package uk.nhs.phm.pipeline.synth;

import static uk.nhs.phm.pipeline.synth.Draws.geometric;
import static uk.nhs.phm.pipeline.synth.Draws.poisson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import uk.nhs.phm.pipeline.schema.AdmissionMethods;

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

    /** Keys {@code inpatient.*} of the rates file. */
    static final class Rates {
        final AgeBands emergencyBaseByAge;
        final double emergencyRateRatioPerLtc;
        final double emergencyDeprivationSlope;
        final double emergencyPerFrailtyDeficit;
        final double emergencyHeartFailureOrCopd;
        final double emergencyEndOfLifeOrLiverFailure;
        final double emergencySubstanceMisuseOrHomeless;
        final double emergencyCareHome;
        final double readmissionShare;
        final double readmissionPerLtc;
        final double electiveUnder18;
        final double electiveBase;
        final double electivePerYearOfAge;
        final double electivePerLtc;
        final double electiveCancerMultiplier;
        final AgeBands birthsByAge;
        final double antenatalAdmissionShare;
        final double electiveDayCaseShare;
        final double maternitySameDayShare;
        final double emergencySameDayShareUnder65;
        final double emergencySameDayShare65Plus;
        final Weights emergencyMethods;
        final Weights electiveMethods;
        final Shares maternityMethods;
        final double dottedIcd10Share;
        final double secondaryDiagnosisShare;
        final Shares dischargeDestinations;
        final Shares careHomeDischargeDestinations;
        final double hipFractureProcedureShare;
        final double myocardialInfarctionProcedureShare;
        final double appendicitisProcedureShare;
        final SpellDiagnoses.Rates diagnoses;

        Rates(RatesReader r) {
            emergencyBaseByAge = r.ageBands("inpatient.emergency_base_rate_by_age");
            emergencyRateRatioPerLtc = r.rate("inpatient.emergency_rate_ratio_per_ltc");
            emergencyDeprivationSlope = r.rate("inpatient.emergency_deprivation_slope");
            emergencyPerFrailtyDeficit = r.rate("inpatient.emergency_per_frailty_deficit");
            emergencyHeartFailureOrCopd = r.rate("inpatient.emergency_heart_failure_or_copd_multiplier");
            emergencyEndOfLifeOrLiverFailure = r.rate("inpatient.emergency_end_of_life_or_liver_failure_multiplier");
            emergencySubstanceMisuseOrHomeless = r.rate("inpatient.emergency_substance_misuse_or_homeless_multiplier");
            emergencyCareHome = r.rate("inpatient.emergency_care_home_multiplier");
            readmissionShare = r.share("inpatient.readmission_share");
            readmissionPerLtc = r.rate("inpatient.readmission_per_ltc");
            electiveUnder18 = r.rate("inpatient.elective_rate_under_18");
            electiveBase = r.rate("inpatient.elective_rate_base");
            electivePerYearOfAge = r.rate("inpatient.elective_rate_per_year_of_age");
            electivePerLtc = r.rate("inpatient.elective_per_ltc");
            electiveCancerMultiplier = r.rate("inpatient.elective_cancer_multiplier");
            birthsByAge = r.ageBands("inpatient.births_by_age");
            antenatalAdmissionShare = r.share("inpatient.antenatal_admission_share");
            electiveDayCaseShare = r.share("inpatient.elective_day_case_share");
            maternitySameDayShare = r.share("inpatient.maternity_same_day_share");
            emergencySameDayShareUnder65 = r.share("inpatient.emergency_same_day_share_under_65");
            emergencySameDayShare65Plus = r.share("inpatient.emergency_same_day_share_65_plus");
            emergencyMethods = r.weights("inpatient.emergency_method_weights", AdmissionMethods.EMERGENCY);
            electiveMethods = r.weights("inpatient.elective_method_weights", AdmissionMethods.ELECTIVE);
            maternityMethods = r.shares("inpatient.maternity_method_shares", AdmissionMethods.MATERNITY, true);
            dottedIcd10Share = r.share("inpatient.dotted_icd10_share");
            secondaryDiagnosisShare = r.share("inpatient.secondary_diagnosis_share");
            dischargeDestinations = r.shares("inpatient.discharge_destination_shares", null, true);
            careHomeDischargeDestinations = r.shares("inpatient.care_home_discharge_destination_shares", null, true);
            hipFractureProcedureShare = r.share("inpatient.hip_fracture_procedure_share");
            myocardialInfarctionProcedureShare = r.share("inpatient.myocardial_infarction_procedure_share");
            appendicitisProcedureShare = r.share("inpatient.appendicitis_procedure_share");
            diagnoses = new SpellDiagnoses.Rates(r);
        }
    }

    private final GeneratorContext ctx;
    private final Rates rates;
    private final AeAttendances ae;
    private final SpellDiagnoses diagnoses;

    InpatientSpells(GeneratorContext ctx, AeAttendances ae) {
        this.ctx = ctx;
        this.rates = ctx.rates.inpatient;
        this.ae = ae;
        this.diagnoses = new SpellDiagnoses(ctx.codes, rates.diagnoses);
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
            if (r.nextDouble() < rates.readmissionShare * (1 + rates.readmissionPerLtc * ltc)) {
                admissions.add(new int[] {day + 5 + r.nextInt(26), EMERGENCY});
            }
        }
        double el = (age < 18 ? rates.electiveUnder18 : rates.electiveBase + rates.electivePerYearOfAge * age)
                * (1 + rates.electivePerLtc * ltc) * (p.hasBy("cancer", y.mid()) ? rates.electiveCancerMultiplier : 1);
        int ne = poisson(r, el * y.frac());
        for (int i = 0; i < ne; i++) {
            admissions.add(new int[] {from + r.nextInt(to - from + 1), ELECTIVE});
        }
        if (p.female && age >= 16 && age <= 45) {
            int births = poisson(r, rates.birthsByAge.at(age) * y.frac());
            for (int i = 0; i < births; i++) {
                int day = from + r.nextInt(to - from + 1);
                if (r.nextDouble() < rates.antenatalAdmissionShare) {
                    admissions.add(new int[] {day - 30 - r.nextInt(90), MATERNITY});
                }
                admissions.add(new int[] {day, MATERNITY});
            }
        }
    }

    /**
     * Emergency admissions per person-year: the true drivers of emergency admission in the synthetic data
     * (LTC count capped at 7, deprivation factor floored at 0.3).
     */
    private double emergencyRate(Person p, int age, int ltc, int day) {
        double rate = rates.emergencyBaseByAge.at(age) * Math.pow(rates.emergencyRateRatioPerLtc, Math.min(ltc, 7))
                * Math.max(0.3, 1 + rates.emergencyDeprivationSlope * p.dep)
                * (1 + rates.emergencyPerFrailtyDeficit * p.frailDeficits) * p.propensity;
        if (p.hasBy("heart_failure", day) || p.hasBy("copd", day)) {
            rate *= rates.emergencyHeartFailureOrCopd;
        }
        if (p.hasBy("metastatic_cancer", day) || p.hasBy("palliative_care", day) || p.hasBy("liver_failure", day)) {
            rate *= rates.emergencyEndOfLifeOrLiverFailure;
        }
        if (p.hasBy("substance_misuse", day) || p.hasBy("homelessness", day)) {
            rate *= rates.emergencySubstanceMisuseOrHomeless;
        }
        if (p.careHomeDay <= day) {
            rate *= rates.emergencyCareHome;
        }
        return rate;
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
        // One coding habit per person's spells, as one trust's system sends them.
        boolean dotted = r.nextDouble() < rates.dottedIcd10Share;
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
            case ELECTIVE -> r.nextDouble() < rates.electiveDayCaseShare ? 0 : 1 + geometric(r, 0.3);
            case MATERNITY -> r.nextDouble() < rates.maternitySameDayShare ? 0 : 1 + geometric(r, 0.55);
            default -> {
                if (r.nextDouble() < (age < 65 ? rates.emergencySameDayShareUnder65
                        : rates.emergencySameDayShare65Plus)) {
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
                method = rates.electiveMethods.draw(r);
                String[] procs = age < 18 ? ClinicalCatalogue.ELECTIVE_PROCEDURES_CHILD
                        : age >= 60 ? ClinicalCatalogue.ELECTIVE_PROCEDURES_OLD : ClinicalCatalogue.ELECTIVE_PROCEDURES_ADULT;
                procedure = procs[r.nextInt(procs.length)];
                primary = diagnoses.elective(p, procedure, admit);
                cost = los == 0 ? 750 + 500 * r.nextDouble() : 3000 + 400 * los + 2500 * r.nextDouble();
            }
            case MATERNITY -> {
                method = rates.maternityMethods.pick(r.nextDouble());
                List<String> codes = ctx.codes.icd10("maternity");
                if (codes == null) {
                    codes = List.of("O80.0");
                }
                primary = codes.get(r.nextInt(codes.size()));
                procedure = ClinicalCatalogue.MATERNITY_PROCEDURES[r.nextInt(ClinicalCatalogue.MATERNITY_PROCEDURES.length)];
                cost = 1800 + 420 * los + 600 * r.nextDouble();
            }
            default -> {
                method = rates.emergencyMethods.draw(r);
                primary = diagnoses.emergency(p, admit, age);
                if (primary.startsWith("S72") && r.nextDouble() < rates.hipFractureProcedureShare) {
                    procedure = "W461";
                } else if (primary.startsWith("I21") && r.nextDouble() < rates.myocardialInfarctionProcedureShare) {
                    procedure = "K751";
                } else if (primary.startsWith("K35") && r.nextDouble() < rates.appendicitisProcedureShare) {
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
                if (codes != null && !e.getKey().equals("maternity")
                        && r.nextDouble() < rates.secondaryDiagnosisShare) {
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
            destination = rates.careHomeDischargeDestinations.pick(r.nextDouble());
        } else {
            destination = rates.dischargeDestinations.pick(r.nextDouble());
        }
        StringBuilder sec = new StringBuilder();
        for (String s : secondary) {
            if (sec.length() > 0) {
                sec.append('|');
            }
            sec.append(diagnoses.format(s, dotted, r));
        }
        // The primary diagnosis is formatted after the secondary ones: that is the order of the draws.
        String primaryOut = diagnoses.format(primary, dotted, r);
        ctx.out.spell(p, acute, admit, dischargeOut, method, primaryOut, sec.length() == 0 ? null : sec.toString(),
                procedure, dischargeOut == null ? null : destination, cost);
    }
}
