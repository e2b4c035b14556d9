package uk.nhs.phm.pipeline.synth;

import static uk.nhs.phm.pipeline.synth.Draws.clamp;
import static uk.nhs.phm.pipeline.synth.Draws.gaussian;
import static uk.nhs.phm.pipeline.synth.Draws.poisson;

import java.time.LocalDate;
import java.util.SplittableRandom;
import uk.nhs.phm.pipeline.synth.ClinicalCatalogue.Drug;

/**
 * General practice, year by year: consultations (with the acute prescriptions some of them lead to),
 * annual reviews of long-term conditions, blood pressure, BMI and weight, smoking status, HbA1c and flu
 * vaccination. Writes {@code gp_events} rows (and the acute {@code medications}).
 */
final class PrimaryCareActivity {
    /** Keys {@code gp.*} of the rates file. */
    static final class Rates {
        final double consultationsUnder5;
        final double consultationsBase;
        final double consultationsPerYearOfAge;
        final double consultationsPerLtc;
        final double consultationsFemale16Plus;
        final double consultationsFixedPart;
        final double consultationsPropensityPart;
        final double secondCodeShare;
        final double acutePrescriptionShare;
        final double antibioticShare;
        final double ltcReviewShare;
        final double bpReadingsWithCondition;
        final double bpReadingsBase;
        final double bpReadingsPerYearOfAge;
        final double bmiShareWithLtc;
        final double bmiShareWithoutLtc;
        final double smokingShareWithLtc;
        final double smokingShareWithoutLtc;
        final double currentSmokerShare;
        final double currentSmokerDeprivationSlope;
        final double exSmokerShare;
        final double hba1cTestsWithDiabetes;
        final double hba1cTestShare40Plus;
        final double fluVaccinationShare;

        Rates(RatesReader r) {
            consultationsUnder5 = r.rate("gp.consultations_under_5");
            consultationsBase = r.rate("gp.consultations_base");
            consultationsPerYearOfAge = r.rate("gp.consultations_per_year_of_age");
            consultationsPerLtc = r.rate("gp.consultations_per_ltc");
            consultationsFemale16Plus = r.rate("gp.consultations_female_16_plus_extra");
            consultationsFixedPart = r.rate("gp.consultations_fixed_part");
            consultationsPropensityPart = r.rate("gp.consultations_propensity_part");
            secondCodeShare = r.share("gp.second_code_share");
            acutePrescriptionShare = r.share("gp.acute_prescription_share");
            antibioticShare = r.share("gp.antibiotic_share_of_acute_prescriptions");
            ltcReviewShare = r.share("gp.ltc_review_share");
            bpReadingsWithCondition = r.rate("gp.bp_readings_with_cardiovascular_condition");
            bpReadingsBase = r.rate("gp.bp_readings_base");
            bpReadingsPerYearOfAge = r.rate("gp.bp_readings_per_year_of_age");
            bmiShareWithLtc = r.share("gp.bmi_recorded_share_with_ltc");
            bmiShareWithoutLtc = r.share("gp.bmi_recorded_share_without_ltc");
            smokingShareWithLtc = r.share("gp.smoking_recorded_share_with_ltc");
            smokingShareWithoutLtc = r.share("gp.smoking_recorded_share_without_ltc");
            currentSmokerShare = r.share("gp.current_smoker_share");
            currentSmokerDeprivationSlope = r.rate("gp.current_smoker_deprivation_slope");
            exSmokerShare = r.share("gp.ex_smoker_share");
            hba1cTestsWithDiabetes = r.rate("gp.hba1c_tests_with_diabetes");
            hba1cTestShare40Plus = r.share("gp.hba1c_test_share_40_plus");
            fluVaccinationShare = r.share("gp.flu_vaccination_share");
        }
    }

    private final GeneratorContext ctx;
    private final Rates rates;

    PrimaryCareActivity(GeneratorContext ctx) {
        this.ctx = ctx;
        this.rates = ctx.rates.primaryCare;
    }

    void write(Person p) {
        SplittableRandom r = p.rng;
        int lastDay = p.activeEnd;
        String[] consultationCodes = ctx.codes.consultationCodes;
        for (int y = 0; y < GeneratorSettings.HISTORY_YEARS; y++) {
            int from = Math.max(p.activeStart, ctx.yearStart(y));
            int to = Math.min(lastDay, ctx.yearEnd(y));
            if (to < from) {
                continue;
            }
            double frac = (to - from + 1) / 365.0;
            int mid = from + (to - from) / 2;
            int age = (int) p.ageAt(mid);
            int ltc = p.ltcCountAt(mid);

            double consults = (age < 5 ? rates.consultationsUnder5 : rates.consultationsBase)
                    + rates.consultationsPerYearOfAge * age + rates.consultationsPerLtc * ltc
                    + (p.female && age >= 16 ? rates.consultationsFemale16Plus : 0);
            consults *= rates.consultationsFixedPart + rates.consultationsPropensityPart * p.propensity;
            int n = poisson(r, consults * frac);
            for (int i = 0; i < n; i++) {
                int day = from + r.nextInt(to - from + 1);
                gp(p, day, consultationCodes[r.nextInt(consultationCodes.length)]);
                if (r.nextDouble() < rates.secondCodeShare) {
                    gp(p, day, consultationCodes[r.nextInt(consultationCodes.length)]);
                }
                if (r.nextDouble() < rates.acutePrescriptionShare) {
                    Drug d = r.nextDouble() < rates.antibioticShare
                            ? ClinicalCatalogue.ANTIBIOTICS[r.nextInt(ClinicalCatalogue.ANTIBIOTICS.length)]
                            : ClinicalCatalogue.ANALGESICS[r.nextInt(ClinicalCatalogue.ANALGESICS.length)];
                    ctx.out.medication(p, day, d);
                }
            }
            // Annual reviews of each LTC and a medication review.
            boolean anyLtc = false;
            for (String c : GeneratorReference.QOF_CONDITIONS) {
                // A part year is less likely to hold the review.
                if (p.hasBy(c, mid) && r.nextDouble() < rates.ltcReviewShare * Math.min(1, frac + 0.2)) {
                    anyLtc = true;
                    String code = ClinicalCatalogue.REVIEW_CODES.getOrDefault(c, ClinicalCatalogue.MEDICATION_REVIEW);
                    gp(p, from + r.nextInt(to - from + 1), code);
                }
            }
            boolean bpCondition = p.hasBy("hypertension", mid) || p.hasBy("diabetes", mid)
                    || p.hasBy("coronary_heart_disease", mid) || p.hasBy("ckd_3_5", mid)
                    || p.hasBy("stroke_tia", mid);
            if (age >= 18) {
                int readings = poisson(r, (bpCondition ? rates.bpReadingsWithCondition
                        : rates.bpReadingsBase + rates.bpReadingsPerYearOfAge * age) * frac);
                for (int i = 0; i < readings; i++) {
                    bloodPressure(p, from + r.nextInt(to - from + 1), age, p.hasBy("hypertension", mid));
                }
                if (r.nextDouble() < (anyLtc ? rates.bmiShareWithLtc : rates.bmiShareWithoutLtc) * frac) {
                    int day = from + r.nextInt(to - from + 1);
                    double bmi = clamp(27.3 + 1.2 * p.dep + (p.hasBy("diabetes", mid) ? 4 : 0) + 5 * gaussian(r), 14, 65);
                    ctx.out.gpEvent(p, day, ContractCodes.SNOMED, ClinicalCatalogue.BMI, Days.decimal1(bmi), "kg/m2");
                    double height = p.female ? 1.62 + 0.07 * gaussian(r) : 1.76 + 0.07 * gaussian(r);
                    ctx.out.gpEvent(p, day, ContractCodes.SNOMED, ClinicalCatalogue.WEIGHT, Days.decimal1(bmi * height * height), "kg");
                }
                if (r.nextDouble() < (anyLtc ? rates.smokingShareWithLtc : rates.smokingShareWithoutLtc) * frac) {
                    double current = rates.currentSmokerShare
                            * Math.max(0.3, 1 + rates.currentSmokerDeprivationSlope * p.dep);
                    double roll = r.nextDouble();
                    String code = roll < current ? ClinicalCatalogue.SMOKING[2]
                            : roll < current + rates.exSmokerShare ? ClinicalCatalogue.SMOKING[1]
                            : ClinicalCatalogue.SMOKING[0];
                    gp(p, from + r.nextInt(to - from + 1), code);
                }
                int hba1c = p.hasBy("diabetes", mid) ? poisson(r, rates.hba1cTestsWithDiabetes * frac)
                        : (age >= 40 && r.nextDouble() < rates.hba1cTestShare40Plus * frac ? 1 : 0);
                for (int i = 0; i < hba1c; i++) {
                    double v = p.hasBy("diabetes", mid) ? clamp(58 + 14 * gaussian(r), 35, 140) : clamp(38 + 4 * gaussian(r), 25, 47);
                    ctx.out.gpEvent(p, from + r.nextInt(to - from + 1), ContractCodes.SNOMED, ClinicalCatalogue.HBA1C,
                            Long.toString(Math.round(v)), "mmol/mol");
                }
            }
            if ((age >= 65 || anyLtc || age < 4) && r.nextDouble() < rates.fluVaccinationShare) {
                int flu = fluSeasonDay(r, ctx.yearStart(y), from, to);
                if (flu >= 0) {
                    gp(p, flu, ClinicalCatalogue.FLU_VACCINATION);
                }
            }
        }
    }

    /** A coded GP event with no value. */
    private void gp(Person p, int day, String code) {
        ctx.out.gpEvent(p, day, ContractCodes.SNOMED, code, null, null);
    }

    private void bloodPressure(Person p, int day, int age, boolean hypertensive) {
        SplittableRandom r = p.rng;
        double sys = 118 + 0.45 * Math.max(0, age - 30) + (hypertensive ? 12 : 0) + 13 * gaussian(r);
        double dia = 75 + 0.08 * Math.max(0, age - 30) + (hypertensive ? 6 : 0) + 8 * gaussian(r);
        sys = clamp(sys, 85, 230);
        dia = clamp(Math.min(dia, sys - 20), 45, 130);
        ctx.out.gpEvent(p, day, ContractCodes.SNOMED, ClinicalCatalogue.SYSTOLIC_BP, Long.toString(Math.round(sys)), "mm[Hg]");
        ctx.out.gpEvent(p, day, ContractCodes.SNOMED, ClinicalCatalogue.DIASTOLIC_BP, Long.toString(Math.round(dia)), "mm[Hg]");
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
}
