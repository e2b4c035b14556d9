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
    private final GeneratorContext ctx;

    CommunityContacts(GeneratorContext ctx) {
        this.ctx = ctx;
    }

    void write(Person p) {
        SplittableRandom r = p.rng;
        int from = p.activeStart;
        int to = p.activeEnd;
        double years = (to - from + 1) / 365.0;
        int age = (int) p.ageAt(to);
        if (age < 5) {
            int visits = poisson(r, (age < 1 ? 5 : 1.2) * years);
            for (int i = 0; i < visits; i++) {
                contact(p, from + r.nextInt(to - from + 1), "health_visiting", 55);
            }
        } else if (age < 17) {
            if (r.nextDouble() < 0.2 * years) {
                contact(p, from + r.nextInt(to - from + 1), "school_nursing", 45);
            }
        }
        boolean frail = p.frailDeficits >= 3 || p.has("palliative_care") || p.careHomeDay <= to;
        double dnEpisodes = (frail ? 0.7 : age >= 75 ? 0.15 : age >= 18 ? 0.01 : 0) * years;
        int episodes = poisson(r, dnEpisodes);
        for (int e = 0; e < episodes; e++) {
            course(p, from, to, 4 + r.nextInt(14), 7, day -> contact(p, day, "district_nursing", 62));
        }
        if (p.has("diabetes") && age >= 18) {
            int n = poisson(r, 0.8 * years);
            for (int i = 0; i < n; i++) {
                contact(p, from + r.nextInt(to - from + 1), "podiatry", 48);
            }
        }
        double physio = (age >= 18 ? 0.04 : 0) * (p.has("osteoporosis") || p.has("rheumatoid_arthritis")
                || p.has("stroke_tia") ? 4 : 1) * years;
        for (int e = poisson(r, physio); e > 0; e--) {
            course(p, from, to, 3 + r.nextInt(4), 10, day -> contact(p, day, "community_physiotherapy", 58));
        }
        if (p.ltcCountAt(to) >= 4 && age >= 50) {
            int n = poisson(r, 3 * years);
            for (int i = 0; i < n; i++) {
                contact(p, from + r.nextInt(to - from + 1), "community_matron", 75);
            }
        }
        if ((p.has("stroke_tia") && age >= 50 && r.nextDouble() < 0.1) || (age >= 2 && age < 11 && r.nextDouble() < 0.02)) {
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
