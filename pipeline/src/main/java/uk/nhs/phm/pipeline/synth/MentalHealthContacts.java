package uk.nhs.phm.pipeline.synth;

import static uk.nhs.phm.pipeline.synth.CommunityContacts.course;
import static uk.nhs.phm.pipeline.synth.Draws.poisson;

import java.util.SplittableRandom;

/**
 * Mental health services: community mental health team or early intervention in psychosis and crisis
 * episodes in serious mental illness, talking-therapy courses (mostly in depression), memory assessment in
 * dementia, CAMHS courses for some children. Writes {@code mental_health_contacts}.
 */
final class MentalHealthContacts {
    /** Keys {@code mental_health.*} of the rates file. */
    static final class Rates {
        final double smiContacts;
        final double crisisEpisodesSmi;
        final double talkingTherapyDepression;
        final double talkingTherapyOthersShare;
        final double memoryAssessmentsDementia;
        final double camhsShare;

        Rates(RatesReader r) {
            smiContacts = r.rate("mental_health.smi_contacts");
            crisisEpisodesSmi = r.rate("mental_health.crisis_episodes_smi");
            talkingTherapyDepression = r.rate("mental_health.talking_therapy_courses_depression");
            talkingTherapyOthersShare = r.share("mental_health.talking_therapy_share_others_16_plus");
            memoryAssessmentsDementia = r.rate("mental_health.memory_assessments_dementia");
            camhsShare = r.share("mental_health.camhs_share_5_to_17");
        }
    }

    private final GeneratorContext ctx;
    private final Rates rates;

    MentalHealthContacts(GeneratorContext ctx) {
        this.ctx = ctx;
        this.rates = ctx.rates.mentalHealth;
    }

    void write(Person p) {
        SplittableRandom r = p.rng;
        int from = p.activeStart;
        int to = p.activeEnd;
        double years = (to - from + 1) / 365.0;
        int age = (int) p.ageAt(to);
        if (p.has("serious_mental_illness")) {
            String team = age >= 14 && age < 36 && r.nextBoolean() ? "early_intervention_in_psychosis"
                    : "community_mental_health_team";
            int n = poisson(r, rates.smiContacts * years * Math.sqrt(p.propensity));
            for (int i = 0; i < n; i++) {
                contact(p, from + r.nextInt(to - from + 1), team, 180);
            }
            for (int e = poisson(r, rates.crisisEpisodesSmi * years * (1 + Math.max(0, p.dep))); e > 0; e--) {
                course(p, from, to, 4 + r.nextInt(8), 1, day -> contact(p, day, "crisis_resolution_home_treatment", 260));
            }
        }
        if (p.has("depression") && age >= 16) {
            for (int e = poisson(r, rates.talkingTherapyDepression * years); e > 0; e--) {
                course(p, from, to, 5 + r.nextInt(4), 7, day -> contact(p, day, "talking_therapies", 120));
            }
        } else if (age >= 16 && r.nextDouble() < rates.talkingTherapyOthersShare * years) {
            course(p, from, to, 4 + r.nextInt(5), 7, day -> contact(p, day, "talking_therapies", 120));
        }
        if (p.has("dementia")) {
            int n = poisson(r, rates.memoryAssessmentsDementia * years);
            for (int i = 0; i < n; i++) {
                contact(p, from + r.nextInt(to - from + 1), "memory_assessment_service", 210);
            }
        }
        if (age >= 5 && age < 18 && r.nextDouble() < rates.camhsShare * years) {
            course(p, from, to, 4 + r.nextInt(7), 14, day -> contact(p, day, "camhs", 170));
        }
    }

    /** One contact; the cost varies ±20% around the service's unit cost. */
    private void contact(Person p, int day, String service, double cost) {
        ctx.out.mentalHealth(p, day, service, cost * (0.8 + 0.4 * p.rng.nextDouble()));
    }
}
