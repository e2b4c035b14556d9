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
    /** Keys {@code conditions.*} of the rates file. */
    static final class Rates {
        final double latentHealthWeight;
        final double latentHealthOffset;
        final double onsetMeanYears;
        final double metastaticShareOfCancer;
        final double palliativeShareOfMetastatic;
        final double ckd45ShareOfCkd;
        final double substanceMisuse;
        final double substanceMisuseDeprivationSlope;
        final double liverFailure;
        final double liverFailureSubstanceMisuseMultiplier;
        final double homelessness;
        final double homelessnessDeprivationSlope;
        final double homelessnessSubstanceMisuseOrSmiMultiplier;
        final double paraplegia;
        final double cerebralPalsy;
        final double motorNeuroneDisease45Plus;
        final double frailtyBase;
        final double frailtyPerYearOver60;
        final double frailtyPerLtc;
        final double frailtyPerLatentHealth;
        final double frailtyScale;
        final AgeBands careHomeByAge;
        final double careHomeDementiaMultiplier;
        final double careHomePerFrailtyDeficit;

        Rates(RatesReader r) {
            latentHealthWeight = r.rate("conditions.latent_health_weight");
            latentHealthOffset = r.rate("conditions.latent_health_offset");
            onsetMeanYears = r.rate("conditions.onset_mean_years_before_end");
            metastaticShareOfCancer = r.share("conditions.metastatic_share_of_cancer");
            palliativeShareOfMetastatic = r.share("conditions.palliative_share_of_metastatic");
            ckd45ShareOfCkd = r.share("conditions.ckd_4_5_share_of_ckd_3_5");
            substanceMisuse = r.share("conditions.substance_misuse_probability_18_to_74");
            substanceMisuseDeprivationSlope = r.rate("conditions.substance_misuse_deprivation_slope");
            liverFailure = r.share("conditions.liver_failure_probability_adult");
            liverFailureSubstanceMisuseMultiplier = r.rate("conditions.liver_failure_substance_misuse_multiplier");
            homelessness = r.share("conditions.homelessness_probability_18_to_69");
            homelessnessDeprivationSlope = r.rate("conditions.homelessness_deprivation_slope");
            homelessnessSubstanceMisuseOrSmiMultiplier =
                    r.rate("conditions.homelessness_substance_misuse_or_smi_multiplier");
            paraplegia = r.share("conditions.paraplegia_probability");
            cerebralPalsy = r.share("conditions.cerebral_palsy_probability");
            motorNeuroneDisease45Plus = r.share("conditions.motor_neurone_disease_probability_45_plus");
            frailtyBase = r.rate("conditions.frailty_deficits_base_60_plus");
            frailtyPerYearOver60 = r.rate("conditions.frailty_deficits_per_year_over_60");
            frailtyPerLtc = r.rate("conditions.frailty_deficits_per_ltc");
            frailtyPerLatentHealth = r.rate("conditions.frailty_deficits_per_latent_health");
            frailtyScale = r.rate("conditions.frailty_deficits_scale");
            careHomeByAge = r.ageBands("conditions.care_home_probability_by_age");
            careHomeDementiaMultiplier = r.rate("conditions.care_home_dementia_multiplier");
            careHomePerFrailtyDeficit = r.rate("conditions.care_home_per_frailty_deficit");
        }
    }

    private final GeneratorContext ctx;
    private final Rates rates;
    private final double[] prevalenceNorm;

    ConditionModel(GeneratorContext ctx) {
        this.ctx = ctx;
        this.rates = ctx.rates.conditions;
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
        double health = Math.exp(rates.latentHealthWeight * p.z - rates.latentHealthOffset);
        List<ClinicalCatalogue.ConditionShape> shapes = ClinicalCatalogue.SHAPES;
        double[] norm = prevalenceNorm;
        for (int c = 0; c < shapes.size(); c++) {
            ClinicalCatalogue.ConditionShape shape = shapes.get(c);
            double rel = shape.relative(age, p.female);
            if (rel <= 0) {
                continue;
            }
            double prob = p.practice.prevalence[c] * rel / norm[c] * health
                    * Math.max(0.2, 1 + shape.deprivation * p.dep);
            if (r.nextDouble() < Math.min(0.92, prob)) {
                addCondition(p, shape.condition, Math.max(shape.minAge, onsetFloor(shape.condition)), refDay);
            }
        }
        boolean adult = age >= 18;
        if (p.has("cancer") && r.nextDouble() < rates.metastaticShareOfCancer) {
            addCondition(p, "metastatic_cancer", 18, refDay);
        }
        if (p.has("metastatic_cancer") && !p.has("palliative_care")
                && r.nextDouble() < rates.palliativeShareOfMetastatic) {
            p.onset.put("palliative_care", Math.max(p.onset.get("metastatic_cancer"), refDay - r.nextInt(200)));
        }
        if (p.has("ckd_3_5") && r.nextDouble() < rates.ckd45ShareOfCkd) {
            p.onset.put("ckd_4_5", Math.min(refDay, p.onset.get("ckd_3_5") + r.nextInt(5 * 365)));
        }
        double depMult = 1 + p.dep;
        if (adult && age < 75 && r.nextDouble() < rates.substanceMisuse
                * Math.max(0.3, 1 + rates.substanceMisuseDeprivationSlope * p.dep) * health) {
            addCondition(p, "substance_misuse", 16, refDay);
        }
        double liver = rates.liverFailure * depMult
                * (p.has("substance_misuse") ? rates.liverFailureSubstanceMisuseMultiplier : 1);
        if (adult && r.nextDouble() < liver) {
            addCondition(p, "liver_failure", 30, refDay);
        }
        if (adult && age < 70 && r.nextDouble() < rates.homelessness
                * Math.max(0.2, 1 + rates.homelessnessDeprivationSlope * p.dep)
                * (p.has("substance_misuse") || p.has("serious_mental_illness")
                        ? rates.homelessnessSubstanceMisuseOrSmiMultiplier : 1)) {
            addCondition(p, "homelessness", 18, refDay);
        }
        if (r.nextDouble() < rates.paraplegia) {
            addCondition(p, "paraplegia", 5, refDay);
        }
        if (r.nextDouble() < rates.cerebralPalsy) {
            addCondition(p, "cerebral_palsy", 0, refDay);
        }
        if (age >= 45 && r.nextDouble() < rates.motorNeuroneDisease45Plus) {
            addCondition(p, "motor_neurone_disease", 45, refDay);
        }

        // eFI deficits beyond the LTCs: falls, mobility, continence, hearing and so on.
        if (age >= 60) {
            double mean = rates.frailtyBase + rates.frailtyPerYearOver60 * (age - 60)
                    + rates.frailtyPerLtc * p.ltcCountAt(refDay) + rates.frailtyPerLatentHealth * Math.max(0, p.z);
            p.frailDeficits = Math.min(ctx.codes.frailtyCodes.length, poisson(r, mean * rates.frailtyScale));
        }
        double careHome = rates.careHomeByAge.at(age);
        if (p.has("dementia")) {
            careHome *= rates.careHomeDementiaMultiplier;
        }
        careHome *= 1 + rates.careHomePerFrailtyDeficit * p.frailDeficits;
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
        int yearsAgo = (int) (exponential(r) * rates.onsetMeanYears * 365);
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
