package uk.nhs.phm.pipeline.synth;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import uk.nhs.phm.pipeline.schema.InputTable;

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

    /** Keys {@code deaths.*} of the rates file. */
    static final class Rates {
        final double mortalityUnder1;
        final double mortality1To14;
        final double mortalityAt15;
        final double mortalityRisePerYear15To44;
        final double mortalityAt50;
        final double mortalityGompertzSlope;
        final double hazardRatioPerLtc;
        final double latentHealthWeight;
        final double latentHealthOffset;
        final double deprivationSlope;
        final double heartFailureMultiplier;
        final double dementiaMultiplier;
        final double copdMultiplier;
        final double organFailureMultiplier;
        final double careHomeMultiplier;
        final double metastaticCancerMinHazard;
        final double palliativeMinHazard;
        final Shares placeCareHome;
        final Shares placeEndOfLife;
        final Shares placeOther;
        final double conditionCauseShare;

        Rates(RatesReader r) {
            mortalityUnder1 = r.share("deaths.mortality_under_1");
            mortality1To14 = r.share("deaths.mortality_1_to_14");
            mortalityAt15 = r.share("deaths.mortality_at_15");
            mortalityRisePerYear15To44 = r.share("deaths.mortality_rise_per_year_15_to_44");
            mortalityAt50 = r.share("deaths.mortality_at_50");
            mortalityGompertzSlope = r.rate("deaths.mortality_gompertz_slope");
            hazardRatioPerLtc = r.rate("deaths.hazard_ratio_per_ltc");
            latentHealthWeight = r.rate("deaths.latent_health_weight");
            latentHealthOffset = r.rate("deaths.latent_health_offset");
            deprivationSlope = r.rate("deaths.deprivation_slope");
            heartFailureMultiplier = r.rate("deaths.heart_failure_multiplier");
            dementiaMultiplier = r.rate("deaths.dementia_multiplier");
            copdMultiplier = r.rate("deaths.copd_multiplier");
            organFailureMultiplier = r.rate("deaths.organ_failure_multiplier");
            careHomeMultiplier = r.rate("deaths.care_home_multiplier");
            metastaticCancerMinHazard = r.share("deaths.metastatic_cancer_min_hazard");
            palliativeMinHazard = r.share("deaths.palliative_min_hazard");
            Set<String> places = ContractCodes.allowedValues(InputTable.DEATHS, "place_of_death");
            placeCareHome = r.shares("deaths.place_shares_care_home_resident", places, true);
            placeEndOfLife = r.shares("deaths.place_shares_end_of_life", places, true);
            placeOther = r.shares("deaths.place_shares_other", places, true);
            conditionCauseShare = r.share("deaths.condition_cause_share");
        }
    }

    private final GeneratorContext ctx;
    private final Rates rates;

    DeathModel(GeneratorContext ctx) {
        this.ctx = ctx;
        this.rates = ctx.rates.deaths;
    }

    /**
     * Annual probability of death by age with no conditions: flat in infancy and childhood, rising linearly
     * from 15, then Gompertz (doubling roughly every 8 years) from 45, capped at 0.45.
     */
    private double mortality(int age) {
        if (age < 1) {
            return rates.mortalityUnder1;
        }
        if (age < 15) {
            return rates.mortality1To14;
        }
        if (age < 45) {
            return rates.mortalityAt15 + rates.mortalityRisePerYear15To44 * (age - 15);
        }
        return Math.min(0.45, rates.mortalityAt50 * Math.exp(rates.mortalityGompertzSlope * (age - 50)));
    }

    /** Draws the death day (if any) and removes conditions that would start after it. */
    void assign(Person p) {
        SplittableRandom r = p.rng;
        double mult = Math.pow(rates.hazardRatioPerLtc, p.ltcCountAt(ctx.endDay))
                * Math.exp(rates.latentHealthWeight * p.z - rates.latentHealthOffset)
                * (1 + rates.deprivationSlope * p.dep);
        if (p.has("heart_failure")) {
            mult *= rates.heartFailureMultiplier;
        }
        if (p.has("dementia")) {
            mult *= rates.dementiaMultiplier;
        }
        if (p.has("copd")) {
            mult *= rates.copdMultiplier;
        }
        if (p.has("ckd_4_5") || p.has("liver_failure") || p.has("motor_neurone_disease")) {
            mult *= rates.organFailureMultiplier;
        }
        if (p.careHomeDay != Integer.MAX_VALUE) {
            mult *= rates.careHomeMultiplier;
        }
        double floor = 0;
        if (p.has("metastatic_cancer")) {
            floor = rates.metastaticCancerMinHazard;
        } else if (p.has("palliative_care")) {
            floor = rates.palliativeMinHazard;
        }
        for (int y = 0; y < GeneratorSettings.HISTORY_YEARS; y++) {
            int from = Math.max(ctx.yearStart(y), Math.max(p.firstStart, p.birthDay));
            int to = Math.min(ctx.yearEnd(y), Math.min(ctx.endDay, p.leaveDay));
            if (to < from) {
                continue;
            }
            double hazard = Math.max(floor, Math.min(0.6, mortality((int) p.ageAt(from)) * mult));
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
            return rates.placeCareHome.pick(x);
        }
        if (p.has("palliative_care") || p.has("metastatic_cancer")) {
            return rates.placeEndOfLife.pick(x);
        }
        return rates.placeOther.pick(x);
    }

    void writeDeath(Person p) {
        SplittableRandom r = p.rng;
        String cause = null;
        for (String c : CAUSAL) {
            if (p.has(c) && r.nextDouble() < rates.conditionCauseShare) {
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
