package uk.nhs.phm.pipeline.synth;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How the conditions show in the GP record: a diagnosis code at onset (SNOMED CT, or Read v2 for records
 * migrated from older systems), sometimes coded again later; resolved histories (an old diagnosis then its
 * resolved code) for some people without the condition; eFI frailty findings.
 */
final class ConditionRecords {
    /** Keys {@code condition_codes.*} of the rates file. */
    static final class Rates {
        final int snomedFrom;
        final double read2ShareBeforeSnomed;
        final double repeatCodeShare;
        final double resolvedAsthma;
        final double resolvedDepression;
        final double resolvedDiabetes;
        final double resolvedHypertension;

        Rates(RatesReader r) {
            snomedFrom = r.date("condition_codes.snomed_from");
            read2ShareBeforeSnomed = r.share("condition_codes.read2_share_before_snomed");
            repeatCodeShare = r.share("condition_codes.repeat_code_share");
            resolvedAsthma = r.share("condition_codes.resolved_asthma_share_10_plus");
            resolvedDepression = r.share("condition_codes.resolved_depression_share_20_plus");
            resolvedDiabetes = r.share("condition_codes.resolved_diabetes_share_40_plus");
            resolvedHypertension = r.share("condition_codes.resolved_hypertension_share_40_plus");
        }
    }

    private final GeneratorContext ctx;
    private final Rates rates;

    ConditionRecords(GeneratorContext ctx) {
        this.ctx = ctx;
        this.rates = ctx.rates.conditionRecords;
    }

    void write(Person p) {
        SplittableRandom r = p.rng;
        int lastDay = p.activeEnd;
        // Diagnoses and status codes, wherever their onset falls (the record travels with the patient).
        for (Map.Entry<String, Integer> e : p.onset.entrySet()) {
            String condition = e.getKey();
            int day = e.getValue();
            if (condition.equals("ckd_3_5") && p.has("ckd_4_5")) {
                diagnosisCode(p, "ckd_3_5", day);
                continue;
            }
            diagnosisCode(p, condition, day);
            if (r.nextDouble() < rates.repeatCodeShare) {
                int again = day + r.nextInt(Math.max(1, lastDay - day + 1));
                diagnosisCode(p, condition, again);
            }
        }
        writeResolvedHistory(p, lastDay);

        // Frailty deficits recorded over the last few years.
        String[] frailtyCodes = ctx.codes.frailtyCodes;
        for (int i = 0; i < p.frailDeficits; i++) {
            String code = frailtyCodes[r.nextInt(frailtyCodes.length)];
            int day = lastDay - r.nextInt(5 * 365);
            if (day >= p.birthDay + 60 * 365) {
                ctx.out.gpEvent(p, day, ContractCodes.SNOMED, code, null, null);
            }
        }
    }

    private void diagnosisCode(Person p, String condition, int day) {
        SplittableRandom r = p.rng;
        List<String> snomed = ctx.codes.snomed(condition);
        List<String> read2 = ctx.codes.read2(condition);
        // Records migrated from older systems keep their Read v2 codes.
        boolean useRead2 = !read2.isEmpty()
                && (snomed.isEmpty() || (day < rates.snomedFrom && r.nextDouble() < rates.read2ShareBeforeSnomed));
        if (useRead2) {
            ctx.out.gpEvent(p, day, ContractCodes.READ2, read2.get(r.nextInt(read2.size())), null, null);
        } else if (!snomed.isEmpty()) {
            ctx.out.gpEvent(p, day, ContractCodes.SNOMED, snomed.get(r.nextInt(snomed.size())), null, null);
        }
    }

    /** A few people carry a resolved diagnosis: the code, then the matching resolved code. */
    private void writeResolvedHistory(Person p, int lastDay) {
        int age = (int) p.ageAt(lastDay);
        resolved(p, "asthma", "asthma_resolved", age >= 10 ? rates.resolvedAsthma : 0, lastDay);
        resolved(p, "depression", "depression_resolved", age >= 20 ? rates.resolvedDepression : 0, lastDay);
        resolved(p, "diabetes", "diabetes_resolved", age >= 40 ? rates.resolvedDiabetes : 0, lastDay);
        resolved(p, "hypertension", "hypertension_resolved", age >= 40 ? rates.resolvedHypertension : 0, lastDay);
    }

    private void resolved(Person p, String condition, String resolvedCondition, double prob, int lastDay) {
        SplittableRandom r = p.rng;
        if (prob <= 0 || p.has(condition) || r.nextDouble() >= prob) {
            return;
        }
        List<String> codes = ctx.codes.snomed(resolvedCondition);
        if (codes.isEmpty()) {
            return;
        }
        int diag = lastDay - 365 * (2 + r.nextInt(15));
        if (diag < p.birthDay + 5 * 365) {
            return;
        }
        int res = diag + 180 + r.nextInt(Math.max(1, lastDay - diag - 180));
        diagnosisCode(p, condition, diag);
        ctx.out.gpEvent(p, Math.min(res, lastDay), ContractCodes.SNOMED, codes.get(r.nextInt(codes.size())), null, null);
    }
}
