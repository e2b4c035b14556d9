package uk.nhs.phm.pipeline.synth;

import static uk.nhs.phm.pipeline.synth.Draws.pickWeighted;
import static uk.nhs.phm.pipeline.synth.Draws.poisson;

import java.util.SplittableRandom;

/**
 * A&E: non-admitted attendances at a U-shaped age rate raised by conditions, deprivation and personal
 * propensity, plus the type 01 attendance that precedes an emergency admission via A&E. Department type,
 * acuity, discharge status and cost per attendance.
 */
final class AeAttendances {
    private final GeneratorContext ctx;

    AeAttendances(GeneratorContext ctx) {
        this.ctx = ctx;
    }

    /** One year's non-admitted attendances. */
    void drawYear(Person p, HospitalActivity.Year y, String acute) {
        SplittableRandom r = p.rng;
        int age = y.age();
        int mid = y.mid();
        double ae = ClinicalCatalogue.aeBase(age) * Math.pow(1.12, Math.min(y.ltc(), 6)) * Math.max(0.3, 1 + 0.35 * p.dep)
                * Math.pow(p.propensity, 0.7);
        if (p.hasBy("substance_misuse", mid) || p.hasBy("homelessness", mid)) {
            ae *= 2.5;
        }
        if (p.hasBy("serious_mental_illness", mid)) {
            ae *= 1.6;
        }
        int na = poisson(r, ae * y.frac());
        for (int i = 0; i < na; i++) {
            attendance(p, y.from() + r.nextInt(y.to() - y.from() + 1), acute, false, age);
        }
    }

    void attendance(Person p, int day, String acute, boolean admitted, int age) {
        SplittableRandom r = p.rng;
        String type;
        if (admitted) {
            type = ContractCodes.AE_TYPE_1;
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
        double cost = type.equals(ContractCodes.AE_TYPE_1) ? 140 + 65 * (5 - acuity) + 40 * r.nextDouble() : 60 + 30 * r.nextDouble();
        ctx.out.aeAttendance(p, acute, day, type, acuity, status, cost);
    }
}
