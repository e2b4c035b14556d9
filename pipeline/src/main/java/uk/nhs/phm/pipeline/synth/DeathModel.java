package uk.nhs.phm.pipeline.synth;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Who dies, when, where and of what: a yearly hazard from the life table raised by the person's conditions,
 * latent health, deprivation and care-home residence; place of death by care-home and end-of-life status;
 * underlying cause from the person's conditions. Writes the {@code deaths} rows.
 */
final class DeathModel {
    /** Conditions that can be the underlying cause of death, in the order they are tried. */
    private static final String[] CAUSAL = {"metastatic_cancer", "cancer", "copd", "dementia",
        "coronary_heart_disease", "heart_failure", "stroke_tia", "liver_failure", "ckd_4_5", "motor_neurone_disease",
        "diabetes", "atrial_fibrillation"};

    private final GeneratorContext ctx;

    DeathModel(GeneratorContext ctx) {
        this.ctx = ctx;
    }

    /** Draws the death day (if any) and removes conditions that would start after it. */
    void assign(Person p) {
        SplittableRandom r = p.rng;
        double mult = Math.pow(1.12, p.ltcCountAt(ctx.endDay)) * Math.exp(0.3 * p.z - 0.045) * (1 + 0.15 * p.dep);
        if (p.has("heart_failure")) {
            mult *= 2.0;
        }
        if (p.has("dementia")) {
            mult *= 2.2;
        }
        if (p.has("copd")) {
            mult *= 1.5;
        }
        if (p.has("ckd_4_5") || p.has("liver_failure") || p.has("motor_neurone_disease")) {
            mult *= 3;
        }
        if (p.careHomeDay != Integer.MAX_VALUE) {
            mult *= 1.8;
        }
        double floor = 0;
        if (p.has("metastatic_cancer")) {
            floor = 0.45;
        } else if (p.has("palliative_care")) {
            floor = 0.35;
        }
        for (int y = 0; y < GeneratorSettings.HISTORY_YEARS; y++) {
            int from = Math.max(ctx.yearStart(y), Math.max(p.firstStart, p.birthDay));
            int to = Math.min(ctx.yearEnd(y), Math.min(ctx.endDay, p.leaveDay));
            if (to < from) {
                continue;
            }
            double hazard = Math.max(floor, Math.min(0.6, ClinicalCatalogue.mortality((int) p.ageAt(from)) * mult));
            if (r.nextDouble() < hazard * (to - from + 1) / 365.0) {
                p.deathDay = from + r.nextInt(to - from + 1);
                break;
            }
        }
        if (p.deathDay != Integer.MAX_VALUE) {
            p.onset.values().removeIf(d -> d > p.deathDay);
            if (p.deathDay <= ctx.endDay) {
                p.placeOfDeath = placeOfDeath(p);
            }
        }
    }

    private String placeOfDeath(Person p) {
        SplittableRandom r = p.rng;
        double x = r.nextDouble();
        if (p.careHomeDay <= p.deathDay) {
            return x < 0.7 ? "care_home" : x < 0.97 ? "hospital" : "hospice";
        }
        if (p.has("palliative_care") || p.has("metastatic_cancer")) {
            return x < 0.38 ? "home" : x < 0.6 ? "hospice" : x < 0.95 ? "hospital" : "other";
        }
        return x < 0.5 ? "hospital" : x < 0.82 ? "home" : x < 0.86 ? "hospice" : x < 0.93 ? "care_home" : "other";
    }

    void writeDeath(Person p) {
        SplittableRandom r = p.rng;
        String cause = null;
        for (String c : CAUSAL) {
            if (p.has(c) && r.nextDouble() < 0.65) {
                String key = c.equals("metastatic_cancer") ? "cancer" : c.equals("heart_failure")
                        ? "coronary_heart_disease" : c;
                List<String> codes = ctx.codes.icd10(key);
                if (codes != null) {
                    cause = codes.get(r.nextInt(codes.size()));
                    break;
                }
            }
        }
        if (cause == null) {
            cause = ClinicalCatalogue.OTHER_DEATH_CAUSES[r.nextInt(ClinicalCatalogue.OTHER_DEATH_CAUSES.length)];
        }
        ctx.out.death(p, p.placeOfDeath, cause.replace(".", ""));
    }
}
