package uk.nhs.phm.pipeline.synth;

import static uk.nhs.phm.pipeline.synth.Draws.exponential;
import static uk.nhs.phm.pipeline.synth.Draws.poisson;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Who has which condition, since when: the 19 QOF conditions at each practice's QOF prevalence, shaped by
 * age, sex and deprivation and correlated through the latent health factor; the rarer conditions the
 * pipeline also looks for; eFI frailty deficits and care-home residence. Decides only; the codes are
 * written by {@link ConditionRecords}.
 */
final class ConditionModel {
    private final GeneratorContext ctx;
    private final double[] prevalenceNorm;

    ConditionModel(GeneratorContext ctx) {
        this.ctx = ctx;
        this.prevalenceNorm = prevalenceNormalisers(ctx.ref);
    }

    /** Mean relative prevalence over the ICB's eligible population, so practice prevalence is met on average. */
    private static double[] prevalenceNormalisers(GeneratorReference ref) {
        List<ClinicalCatalogue.ConditionShape> shapes = ClinicalCatalogue.SHAPES;
        double[] norm = new double[shapes.size()];
        for (int c = 0; c < shapes.size(); c++) {
            ClinicalCatalogue.ConditionShape shape = shapes.get(c);
            double num = 0;
            double den = 0;
            for (int s = 0; s < 2; s++) {
                for (int a = shape.minAge; a <= GeneratorReference.MAX_AGE_BAND; a++) {
                    double w = ref.ageSex[s][a];
                    num += w * shape.relative(a, s == 0);
                    den += w;
                }
            }
            norm[c] = num > 0 && den > 0 ? num / den : 1;
        }
        return norm;
    }

    void assign(Person p) {
        SplittableRandom r = p.rng;
        int refDay = Math.min(ctx.endDay, p.leaveDay);
        int age = (int) p.ageAt(refDay);
        double health = Math.exp(0.55 * p.z - 0.15);
        List<ClinicalCatalogue.ConditionShape> shapes = ClinicalCatalogue.SHAPES;
        double[] norm = prevalenceNorm;
        for (int c = 0; c < shapes.size(); c++) {
            ClinicalCatalogue.ConditionShape shape = shapes.get(c);
            double rel = shape.relative(age, p.female);
            if (rel <= 0) {
                continue;
            }
            double prob = p.practice.prevalence[c] * rel / norm[c] * health * Math.max(0.2, 1 + shape.deprivation * p.dep);
            if (r.nextDouble() < Math.min(0.92, prob)) {
                addCondition(p, shape.condition, Math.max(shape.minAge, onsetFloor(shape.condition)), refDay);
            }
        }
        boolean adult = age >= 18;
        if (p.has("cancer") && r.nextDouble() < 0.10) {
            addCondition(p, "metastatic_cancer", 18, refDay);
        }
        if (p.has("metastatic_cancer") && !p.has("palliative_care") && r.nextDouble() < 0.6) {
            p.onset.put("palliative_care", Math.max(p.onset.get("metastatic_cancer"), refDay - r.nextInt(200)));
        }
        if (p.has("ckd_3_5") && r.nextDouble() < 0.08) {
            p.onset.put("ckd_4_5", Math.min(refDay, p.onset.get("ckd_3_5") + r.nextInt(5 * 365)));
        }
        double depMult = 1 + p.dep;
        if (adult && age < 75 && r.nextDouble() < 0.015 * Math.max(0.3, 1 + 1.2 * p.dep) * health) {
            addCondition(p, "substance_misuse", 16, refDay);
        }
        double liver = 0.003 * depMult * (p.has("substance_misuse") ? 8 : 1);
        if (adult && r.nextDouble() < liver) {
            addCondition(p, "liver_failure", 30, refDay);
        }
        if (adult && age < 70 && r.nextDouble() < 0.003 * Math.max(0.2, 1 + 2 * p.dep)
                * (p.has("substance_misuse") || p.has("serious_mental_illness") ? 6 : 1)) {
            addCondition(p, "homelessness", 18, refDay);
        }
        if (r.nextDouble() < 0.0005) {
            addCondition(p, "paraplegia", 5, refDay);
        }
        if (r.nextDouble() < 0.002) {
            addCondition(p, "cerebral_palsy", 0, refDay);
        }
        if (age >= 45 && r.nextDouble() < 0.0002) {
            addCondition(p, "motor_neurone_disease", 45, refDay);
        }

        // eFI deficits beyond the LTCs: falls, mobility, continence, hearing and so on.
        if (age >= 60) {
            double mean = 0.2 + 0.06 * (age - 60) + 0.5 * p.ltcCountAt(refDay) + 0.8 * Math.max(0, p.z);
            p.frailDeficits = Math.min(ctx.codes.frailtyCodes.length, poisson(r, mean * 0.6));
        }
        double careHome = age < 65 ? 0 : age < 75 ? 0.004 : age < 85 ? 0.02 : 0.12;
        if (p.has("dementia")) {
            careHome *= 4;
        }
        careHome *= 1 + 0.1 * p.frailDeficits;
        if (careHome > 0 && r.nextDouble() < Math.min(0.8, careHome)) {
            p.careHomeDay = refDay - r.nextInt(4 * 365);
            p.onset.put("care_home", p.careHomeDay);
        }
    }

    private static int onsetFloor(String condition) {
        return switch (condition) {
            case "learning_disability" -> 2;
            case "asthma" -> 3;
            default -> 0;
        };
    }

    /** Onset some years before the reference day, never before the condition's youngest age. */
    private void addCondition(Person p, String condition, int minAge, int refDay) {
        SplittableRandom r = p.rng;
        int earliest = p.birthDay + (int) (minAge * 365.25);
        int yearsAgo = (int) (exponential(r) * 9 * 365);
        int day = refDay - yearsAgo;
        if (day < earliest) {
            day = earliest + r.nextInt(Math.max(1, refDay - earliest + 1));
        }
        if (day > refDay) {
            return;
        }
        p.onset.put(condition, day);
    }
}
