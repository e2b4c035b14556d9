package uk.nhs.phm.pipeline.synth;

import static uk.nhs.phm.pipeline.synth.Draws.poisson;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Community health services: health visiting and school nursing for children, district-nursing episodes
 * for the frail, palliative and care-home residents, podiatry in diabetes, physiotherapy, community
 * matrons for complex multimorbidity, speech and language therapy. Writes {@code community_contacts}.
 */
final class CommunityContacts {
    /** Keys {@code community.*} of the rates file. */
    static final class Rates {
        final double healthVisitsUnder1;
        final double healthVisits1To4;
        final double schoolNursingShare;
        final double districtNursingFrail;
        final double districtNursing75Plus;
        final double districtNursingAdult;
        final double podiatryDiabetes;
        final double physiotherapyAdult;
        final double physiotherapyMskOrStrokeMultiplier;
        final double matronContacts;
        final double speechTherapyStrokeShare;
        final double speechTherapyChildShare;

        Rates(RatesReader r) {
            healthVisitsUnder1 = r.rate("community.health_visits_under_1");
            healthVisits1To4 = r.rate("community.health_visits_1_to_4");
            schoolNursingShare = r.share("community.school_nursing_share_5_to_16");
            districtNursingFrail = r.rate("community.district_nursing_episodes_frail");
            districtNursing75Plus = r.rate("community.district_nursing_episodes_75_plus");
            districtNursingAdult = r.rate("community.district_nursing_episodes_18_to_74");
            podiatryDiabetes = r.rate("community.podiatry_contacts_diabetes");
            physiotherapyAdult = r.rate("community.physiotherapy_episodes_adult");
            physiotherapyMskOrStrokeMultiplier = r.rate("community.physiotherapy_msk_or_stroke_multiplier");
            matronContacts = r.rate("community.matron_contacts_4_plus_ltc");
            speechTherapyStrokeShare = r.share("community.speech_therapy_share_stroke_50_plus");
            speechTherapyChildShare = r.share("community.speech_therapy_share_2_to_10");
        }
    }

    private final GeneratorContext ctx;
    private final Rates rates;

    CommunityContacts(GeneratorContext ctx) {
        this.ctx = ctx;
        this.rates = ctx.rates.community;
    }

    void write(Person p) {
        SplittableRandom r = p.rng;
        int from = p.activeStart;
        int to = p.activeEnd;
        double years = (to - from + 1) / 365.0;
        int age = (int) p.ageAt(to);
        if (age < 5) {
            int visits = poisson(r, (age < 1 ? rates.healthVisitsUnder1 : rates.healthVisits1To4) * years);
            for (int i = 0; i < visits; i++) {
                contact(p, from + r.nextInt(to - from + 1), "health_visiting", 55);
            }
        } else if (age < 17) {
            if (r.nextDouble() < rates.schoolNursingShare * years) {
                contact(p, from + r.nextInt(to - from + 1), "school_nursing", 45);
            }
        }
        boolean frail = p.frailDeficits >= 3 || p.has("palliative_care") || p.careHomeDay <= to;
        double dnEpisodes = (frail ? rates.districtNursingFrail : age >= 75 ? rates.districtNursing75Plus
                : age >= 18 ? rates.districtNursingAdult : 0) * years;
        int episodes = poisson(r, dnEpisodes);
        for (int e = 0; e < episodes; e++) {
            course(p, from, to, 4 + r.nextInt(14), 7, day -> contact(p, day, "district_nursing", 62));
        }
        if (p.has("diabetes") && age >= 18) {
            int n = poisson(r, rates.podiatryDiabetes * years);
            for (int i = 0; i < n; i++) {
                contact(p, from + r.nextInt(to - from + 1), "podiatry", 48);
            }
        }
        double physio = (age >= 18 ? rates.physiotherapyAdult : 0) * (p.has("osteoporosis")
                || p.has("rheumatoid_arthritis") || p.has("stroke_tia") ? rates.physiotherapyMskOrStrokeMultiplier : 1)
                * years;
        for (int e = poisson(r, physio); e > 0; e--) {
            course(p, from, to, 3 + r.nextInt(4), 10, day -> contact(p, day, "community_physiotherapy", 58));
        }
        if (p.ltcCountAt(to) >= 4 && age >= 50) {
            int n = poisson(r, rates.matronContacts * years);
            for (int i = 0; i < n; i++) {
                contact(p, from + r.nextInt(to - from + 1), "community_matron", 75);
            }
        }
        if ((p.has("stroke_tia") && age >= 50 && r.nextDouble() < rates.speechTherapyStrokeShare)
                || (age >= 2 && age < 11 && r.nextDouble() < rates.speechTherapyChildShare)) {
            course(p, from, to, 3 + r.nextInt(6), 14, day -> contact(p, day, "speech_and_language_therapy", 70));
        }
    }

    /** One contact; the cost varies ±20% around the service's unit cost. */
    private void contact(Person p, int day, String service, double cost) {
        ctx.out.community(p, day, service, cost * (0.8 + 0.4 * p.rng.nextDouble()));
    }

    /**
     * A course of up to {@code n} contacts from a random day, roughly {@code spacing} days apart, stopping at
     * {@code to}. Shared with {@link MentalHealthContacts}.
     */
    static void course(Person p, int from, int to, int n, int spacing, IntConsumer contact) {
        SplittableRandom r = p.rng;
        int day = from + r.nextInt(to - from + 1);
        for (int i = 0; i < n && day <= to; i++) {
            contact.accept(day);
            day += Math.max(1, spacing + r.nextInt(Math.max(1, spacing / 2 + 1)) - spacing / 4);
        }
    }
}
