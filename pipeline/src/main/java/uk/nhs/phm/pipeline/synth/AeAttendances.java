package uk.nhs.phm.pipeline.synth;

import static uk.nhs.phm.pipeline.synth.Draws.poisson;

import java.util.List;
import java.util.SplittableRandom;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * A&E: non-admitted attendances at a U-shaped age rate raised by conditions, deprivation and personal
 * propensity, plus the type 01 attendance that precedes an emergency admission via A&E. Department type,
 * acuity, discharge status and cost per attendance.
 */
final class AeAttendances {
    /** The acuity scale 1 (most urgent) to 5, as ECDS records it. */
    private static final List<String> ACUITY = List.of("1", "2", "3", "4", "5");

    /** Keys {@code ae.*} of the rates file. */
    static final class Rates {
        final AgeBands baseByAge;
        final double rateRatioPerLtc;
        final double deprivationSlope;
        final double propensityExponent;
        final double substanceMisuseOrHomeless;
        final double seriousMentalIllness;
        final Shares departmentTypes;
        final Weights acuityAdmitted;
        final Weights acuityNotAdmitted;
        final Shares dischargeStatuses;

        Rates(RatesReader r) {
            baseByAge = r.ageBands("ae.base_rate_by_age");
            rateRatioPerLtc = r.rate("ae.rate_ratio_per_ltc");
            deprivationSlope = r.rate("ae.deprivation_slope");
            propensityExponent = r.rate("ae.propensity_exponent");
            substanceMisuseOrHomeless = r.rate("ae.substance_misuse_or_homeless_multiplier");
            seriousMentalIllness = r.rate("ae.serious_mental_illness_multiplier");
            departmentTypes = r.shares("ae.department_type_shares",
                    ContractCodes.allowedValues(InputTable.AE_ATTENDANCES, "department_type"), true);
            acuityAdmitted = r.weights("ae.acuity_weights_admitted", ACUITY);
            acuityNotAdmitted = r.weights("ae.acuity_weights_not_admitted", ACUITY);
            dischargeStatuses = r.shares("ae.discharge_status_shares", null, true);
        }
    }

    private final GeneratorContext ctx;
    private final Rates rates;

    AeAttendances(GeneratorContext ctx) {
        this.ctx = ctx;
        this.rates = ctx.rates.ae;
    }

    /** One year's non-admitted attendances. */
    void drawYear(Person p, HospitalActivity.Year y, String acute) {
        SplittableRandom r = p.rng;
        int age = y.age();
        int mid = y.mid();
        // LTC count capped at 6, deprivation factor floored at 0.3.
        double ae = rates.baseByAge.at(age) * Math.pow(rates.rateRatioPerLtc, Math.min(y.ltc(), 6))
                * Math.max(0.3, 1 + rates.deprivationSlope * p.dep) * Math.pow(p.propensity, rates.propensityExponent);
        if (p.hasBy("substance_misuse", mid) || p.hasBy("homelessness", mid)) {
            ae *= rates.substanceMisuseOrHomeless;
        }
        if (p.hasBy("serious_mental_illness", mid)) {
            ae *= rates.seriousMentalIllness;
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
            type = rates.departmentTypes.pick(r.nextDouble());
        }
        int acuity = Integer.parseInt(admitted ? rates.acuityAdmitted.draw(r) : rates.acuityNotAdmitted.draw(r));
        String status;
        if (admitted) {
            status = "admitted";
        } else {
            status = rates.dischargeStatuses.pick(r.nextDouble());
        }
        double cost = type.equals(ContractCodes.AE_TYPE_1) ? 140 + 65 * (5 - acuity) + 40 * r.nextDouble() : 60 + 30 * r.nextDouble();
        ctx.out.aeAttendance(p, acute, day, type, acuity, status, cost);
    }
}
