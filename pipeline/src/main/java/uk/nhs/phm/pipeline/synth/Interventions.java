package uk.nhs.phm.pipeline.synth;

import java.util.SplittableRandom;

/**
 * The interventions an evaluation would study: virtual wards after emergency discharges, proactive care
 * reviews for people at high risk, social prescribing, care coordination at the end of life and in
 * dementia or severe frailty. Writes {@code interventions}.
 */
final class Interventions {
    /** Keys {@code interventions.*} of the rates file. */
    static final class Rates {
        final double virtualWardShare;
        final double proactiveCareReviewShare;
        final double socialPrescribing;
        final double socialPrescribingDepressionExtra;
        final double socialPrescribingDeprivationSlope;
        final double socialPrescribingFrailtyExtra;
        final double careCoordinationShare;

        Rates(RatesReader r) {
            virtualWardShare = r.share("interventions.virtual_ward_share");
            proactiveCareReviewShare = r.share("interventions.proactive_care_review_share");
            socialPrescribing = r.share("interventions.social_prescribing_probability_18_plus");
            socialPrescribingDepressionExtra = r.rate("interventions.social_prescribing_depression_extra");
            socialPrescribingDeprivationSlope = r.rate("interventions.social_prescribing_deprivation_slope");
            socialPrescribingFrailtyExtra = r.rate("interventions.social_prescribing_frailty_extra");
            careCoordinationShare = r.share("interventions.care_coordination_share");
        }
    }

    private final GeneratorContext ctx;
    private final Rates rates;

    Interventions(GeneratorContext ctx) {
        this.ctx = ctx;
        this.rates = ctx.rates.interventions;
    }

    /** A virtual-ward stay after an emergency discharge of an older or HF/COPD patient. */
    void virtualWardAfter(Person p, HospitalActivity.Discharge d) {
        SplittableRandom r = p.rng;
        boolean wardCandidate = d.age() >= 65 || p.has("heart_failure") || p.has("copd");
        if (wardCandidate && r.nextDouble() < rates.virtualWardShare && d.day() <= p.activeEnd) {
            int end = d.day() + 5 + r.nextInt(10);
            intervention(p, "virtual_ward", d.day(), end > ctx.endDay ? null : Days.iso(end),
                    ctx.acuteProviders.get(0));
        }
    }

    /** Proactive care reviews and social prescribing year by year, then care coordination. */
    void write(Person p) {
        SplittableRandom r = p.rng;
        int from = p.activeStart;
        int to = p.activeEnd;
        int age = (int) p.ageAt(to);
        int ltc = p.ltcCountAt(to);
        boolean highRisk = (age >= 65 && (p.frailDeficits >= 3 || ltc >= 3)) || ltc >= 4 || p.careHomeDay <= to;
        for (int y = 0; y < GeneratorSettings.HISTORY_YEARS; y++) {
            int yf = Math.max(from, ctx.yearStart(y));
            int yt = Math.min(to, ctx.yearEnd(y));
            if (yt < yf) {
                continue;
            }
            if (highRisk && r.nextDouble() < rates.proactiveCareReviewShare) {
                int day = yf + r.nextInt(yt - yf + 1);
                intervention(p, "proactive_care_review", day, Days.iso(day), p.practiceAt(day));
            }
            double sp = age >= 18 ? rates.socialPrescribing
                    * (1 + (p.has("depression") ? rates.socialPrescribingDepressionExtra : 0)
                    + Math.max(0, rates.socialPrescribingDeprivationSlope * p.dep)
                    + (p.frailDeficits > 0 ? rates.socialPrescribingFrailtyExtra : 0)) : 0;
            if (r.nextDouble() < sp) {
                int day = yf + r.nextInt(yt - yf + 1);
                int end = day + 56 + r.nextInt(60);
                intervention(p, "social_prescribing", day, end > ctx.endDay ? null : Days.iso(end), p.practice.pcnCode);
            }
        }
        boolean endOfLife = p.has("palliative_care") || p.has("metastatic_cancer");
        if ((endOfLife || p.has("dementia") || p.frailDeficits >= 5) && r.nextDouble() < rates.careCoordinationShare) {
            int day = from + r.nextInt(to - from + 1);
            String endIfDied = p.deathDay <= ctx.endDay ? Days.iso(p.deathDay) : null;
            String end = endIfDied != null ? endIfDied
                    : r.nextBoolean() ? null : Days.iso(Math.min(ctx.endDay, day + 90 + r.nextInt(275)));
            intervention(p, "care_coordination", day, end, ctx.communityProviders.get(0));
        }
    }

    private void intervention(Person p, String kind, int start, String end, String provider) {
        ctx.out.intervention(p, kind, start, end, provider);
    }
}
