package uk.nhs.phm.pipeline.synth;

import static uk.nhs.phm.pipeline.synth.Draws.poisson;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Outpatients: appointments at a rate rising with age and conditions, with did-not-attend (more in
 * deprived areas and young adults), cancellations, first attendances, and the specialty of one of the
 * person's conditions where there is one.
 */
final class OutpatientAppointments {
    /** Keys {@code outpatient.*} of the rates file. */
    static final class Rates {
        final double base;
        final double perYearOfAge;
        final double perLtc;
        final double dnaShare;
        final double dnaDeprivationSlope;
        final double dna16To29Extra;
        final double cancelledShare;
        final double firstAttendanceShare;
        final double conditionSpecialtyShare;

        Rates(RatesReader r) {
            base = r.rate("outpatient.rate_base");
            perYearOfAge = r.rate("outpatient.rate_per_year_of_age");
            perLtc = r.rate("outpatient.per_ltc");
            dnaShare = r.share("outpatient.dna_share");
            dnaDeprivationSlope = r.rate("outpatient.dna_deprivation_slope");
            dna16To29Extra = r.share("outpatient.dna_16_to_29_extra");
            cancelledShare = r.share("outpatient.cancelled_share");
            firstAttendanceShare = r.share("outpatient.first_attendance_share");
            conditionSpecialtyShare = r.share("outpatient.condition_specialty_share");
        }
    }

    private final GeneratorContext ctx;
    private final Rates rates;

    OutpatientAppointments(GeneratorContext ctx) {
        this.ctx = ctx;
        this.rates = ctx.rates.outpatients;
    }

    void drawYear(Person p, HospitalActivity.Year y, String acute) {
        SplittableRandom r = p.rng;
        double op = (rates.base + rates.perYearOfAge * y.age()) * (1 + rates.perLtc * y.ltc())
                * Math.sqrt(p.propensity);
        int no = poisson(r, op * y.frac());
        for (int i = 0; i < no; i++) {
            appointment(p, y.from() + r.nextInt(y.to() - y.from() + 1), acute, y.age(), y.mid());
        }
    }

    private void appointment(Person p, int day, String acute, int age, int mid) {
        SplittableRandom r = p.rng;
        double dna = rates.dnaShare + rates.dnaDeprivationSlope * Math.max(0, p.dep)
                + (age >= 16 && age < 30 ? rates.dna16To29Extra : 0);
        double roll = r.nextDouble();
        String status = roll < dna ? ContractCodes.DID_NOT_ATTEND
                : roll < dna + rates.cancelledShare ? ContractCodes.CANCELLED : ContractCodes.ATTENDED;
        boolean first = r.nextDouble() < rates.firstAttendanceShare;
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
        } else if (!specialties.isEmpty() && r.nextDouble() < rates.conditionSpecialtyShare) {
            tfc = specialties.get(r.nextInt(specialties.size()));
        } else {
            tfc = ClinicalCatalogue.TREATMENT_FUNCTIONS_GENERAL[r.nextInt(ClinicalCatalogue.TREATMENT_FUNCTIONS_GENERAL.length)];
        }
        String cost = status.equals(ContractCodes.ATTENDED) ? Days.decimal2((first ? 190 : 115) + 40 * r.nextDouble()) : null;
        ctx.out.outpatient(p, acute, day, status, first, tfc, cost);
    }
}
