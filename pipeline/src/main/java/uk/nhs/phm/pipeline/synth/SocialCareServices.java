package uk.nhs.phm.pipeline.synth;

import java.util.SplittableRandom;

/**
 * Adult social care: residential or nursing care for care-home residents, home care or day care for frail
 * older people (more with dementia and deprivation), day care and direct payments for people with a learning
 * disability or a disabling condition, reablement after emergency discharges. Writes
 * {@code social_care_services}.
 */
final class SocialCareServices {
    /** Keys {@code social_care.*} of the rates file. */
    static final class Rates {
        final double nursingShareWithDementia;
        final double nursingShareWithoutDementia;
        final double homeCare65Plus;
        final double homeCarePerFrailtyDeficit;
        final double homeCareDementiaMultiplier;
        final double homeCareDeprivationSlope;
        final double openUntilDeathShare;
        final double homeCareShare;
        final double learningDisabilityShare;
        final double disabilityDirectPaymentShare;
        final double reablementShare;
        final double otherServiceShare;

        Rates(RatesReader r) {
            nursingShareWithDementia = r.share("social_care.nursing_share_with_dementia");
            nursingShareWithoutDementia = r.share("social_care.nursing_share_without_dementia");
            homeCare65Plus = r.share("social_care.home_care_probability_65_plus");
            homeCarePerFrailtyDeficit = r.rate("social_care.home_care_per_frailty_deficit");
            homeCareDementiaMultiplier = r.rate("social_care.home_care_dementia_multiplier");
            homeCareDeprivationSlope = r.rate("social_care.home_care_deprivation_slope");
            openUntilDeathShare = r.share("social_care.home_care_open_until_death_share");
            homeCareShare = r.share("social_care.home_care_share_not_day_care");
            learningDisabilityShare = r.share("social_care.learning_disability_share_18_to_64");
            disabilityDirectPaymentShare = r.share("social_care.disability_direct_payment_share");
            reablementShare = r.share("social_care.reablement_share_75_plus");
            otherServiceShare = r.share("social_care.other_service_share_50_plus");
        }
    }

    private final GeneratorContext ctx;
    private final Rates rates;

    SocialCareServices(GeneratorContext ctx) {
        this.ctx = ctx;
        this.rates = ctx.rates.socialCare;
    }

    /** Long-term services: care home, home or day care, learning disability and disability support. */
    void writeServices(Person p) {
        SplittableRandom r = p.rng;
        int from = p.activeStart;
        int to = p.activeEnd;
        int age = (int) p.ageAt(to);
        String endIfDied = endIfDied(p);
        if (p.careHomeDay <= to) {
            boolean nursing = p.has("dementia") ? r.nextDouble() < rates.nursingShareWithDementia
                    : r.nextDouble() < rates.nursingShareWithoutDementia;
            service(p, nursing ? ContractCodes.NURSING : ContractCodes.RESIDENTIAL, p.careHomeDay, endIfDied,
                    nursing ? 1150 : 850);
        } else if (age >= 65) {
            double prob = rates.homeCare65Plus * (1 + rates.homeCarePerFrailtyDeficit * p.frailDeficits)
                    * (p.has("dementia") ? rates.homeCareDementiaMultiplier : 1)
                    * Math.max(0.5, 1 + rates.homeCareDeprivationSlope * p.dep);
            if (r.nextDouble() < Math.min(0.7, prob)) {
                int start = from - r.nextInt(365) + r.nextInt(to - from + 1);
                String end = r.nextDouble() < rates.openUntilDeathShare ? endIfDied
                        : Days.iso(Math.min(to, start + 14 + r.nextInt(300)));
                if (end != null && end.compareTo(Days.iso(start)) < 0) {
                    end = Days.iso(start);
                }
                service(p, r.nextDouble() < rates.homeCareShare ? ContractCodes.HOME_CARE : ContractCodes.DAY_CARE,
                        start, end, 280 + 180 * r.nextDouble());
            }
        }
        if (p.has("learning_disability") && age >= 18 && age < 65 && r.nextDouble() < rates.learningDisabilityShare) {
            service(p, r.nextBoolean() ? ContractCodes.DAY_CARE : ContractCodes.DIRECT_PAYMENT,
                    from - r.nextInt(5 * 365), endIfDied, 350 + 300 * r.nextDouble());
        }
        if ((p.has("paraplegia") || p.has("motor_neurone_disease") || p.has("cerebral_palsy")) && age >= 18
                && r.nextDouble() < rates.disabilityDirectPaymentShare) {
            service(p, ContractCodes.DIRECT_PAYMENT, from - r.nextInt(5 * 365), endIfDied, 450 + 400 * r.nextDouble());
        }
    }

    /** Reablement after an emergency discharge of an older person. */
    void reablementAfter(Person p, HospitalActivity.Discharge d) {
        SplittableRandom r = p.rng;
        if (d.age() >= 75 && r.nextDouble() < rates.reablementShare && d.day() + 2 <= p.activeEnd) {
            int start = d.day() + r.nextInt(3);
            service(p, ContractCodes.REABLEMENT, start, Days.iso(Math.min(ctx.endDay, start + 42)), 380);
        }
    }

    /** The rare service that fits no other type. */
    void writeOther(Person p) {
        SplittableRandom r = p.rng;
        int from = p.activeStart;
        int to = p.activeEnd;
        if ((int) p.ageAt(to) >= 50 && r.nextDouble() < rates.otherServiceShare) {
            service(p, ContractCodes.OTHER_SERVICE, from + r.nextInt(to - from + 1), null, 40 + 60 * r.nextDouble());
        }
    }

    /** Services that last until death end on the death date; for the living they are still open. */
    private String endIfDied(Person p) {
        return p.deathDay <= ctx.endDay ? Days.iso(p.deathDay) : null;
    }

    private void service(Person p, String type, int start, String end, double weekly) {
        ctx.out.socialCare(p, type, start, end, weekly);
    }
}
