package uk.nhs.phm.pipeline.synth;

import static uk.nhs.phm.pipeline.synth.Draws.poisson;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import uk.nhs.phm.pipeline.synth.ClinicalCatalogue.Drug;

/**
 * Repeat prescribing: the drugs of each condition's therapeutic slots, contraception, levothyroxine and
 * PPIs, issued every 28 or 56 days with the odd missed issue and some stopping; rescue packs in COPD and
 * asthma. (Acute prescriptions come with consultations, in {@link PrimaryCareActivity}.)
 */
final class MedicationActivity {
    private final GeneratorContext ctx;

    MedicationActivity(GeneratorContext ctx) {
        this.ctx = ctx;
    }

    void write(Person p) {
        SplittableRandom r = p.rng;
        Map<String, int[]> repeats = new LinkedHashMap<>();
        Map<String, Drug> drugs = new HashMap<>();
        for (Map.Entry<String, Integer> e : p.onset.entrySet()) {
            List<List<Drug>> slots = ClinicalCatalogue.REPEATS.get(e.getKey());
            if (slots == null) {
                continue;
            }
            for (int s = 0; s < slots.size(); s++) {
                if (r.nextDouble() < (s == 0 ? 0.85 : 0.55)) {
                    List<Drug> options = slots.get(s);
                    Drug d = options.get(r.nextInt(options.size()));
                    int start = e.getValue() + 7 + r.nextInt(60);
                    addRepeat(repeats, drugs, d, start);
                }
            }
        }
        int age = (int) p.ageAt(p.activeEnd);
        if (p.female && age >= 16 && age <= 45 && r.nextDouble() < 0.15) {
            addRepeat(repeats, drugs, ClinicalCatalogue.DESOGESTREL, p.activeEnd - r.nextInt(6 * 365));
        }
        if (age >= 30 && r.nextDouble() < (p.female ? 0.05 : 0.015)) {
            addRepeat(repeats, drugs, ClinicalCatalogue.LEVOTHYROXINE, p.activeEnd - r.nextInt(10 * 365));
        }
        if (age >= 50 && r.nextDouble() < 0.12) {
            addRepeat(repeats, drugs, r.nextBoolean() ? ClinicalCatalogue.OMEPRAZOLE : ClinicalCatalogue.LANSOPRAZOLE,
                    p.activeEnd - r.nextInt(8 * 365));
        }
        for (Map.Entry<String, int[]> e : repeats.entrySet()) {
            Drug d = drugs.get(e.getKey());
            int interval = r.nextDouble() < 0.35 ? 28 : 56;
            if (d == ClinicalCatalogue.DESOGESTREL) {
                interval = 84;
            }
            int day = Math.max(e.getValue()[0], p.activeStart + r.nextInt(interval));
            // Some repeats stop (side effects, switched, deprescribed).
            int stop = r.nextDouble() < 0.1 ? day + r.nextInt(3 * 365) : Integer.MAX_VALUE;
            while (day <= p.activeEnd && day <= stop) {
                ctx.out.medication(p, day, d);
                day += interval + r.nextInt(9) - 3;
                if (r.nextDouble() < 0.03) {
                    day += interval;
                }
            }
        }
        if (p.has("copd") || p.has("asthma")) {
            int n = poisson(r, (p.has("copd") ? 0.9 : 0.3) * (p.activeEnd - p.activeStart + 1) / 365.0);
            for (int i = 0; i < n; i++) {
                int day = p.activeStart + r.nextInt(p.activeEnd - p.activeStart + 1);
                ctx.out.medication(p, day, ClinicalCatalogue.PREDNISOLONE);
                ctx.out.medication(p, day, ClinicalCatalogue.AMOXICILLIN);
            }
        }
    }

    /** The earliest start wins where two slots or conditions prescribe the same drug. */
    private static void addRepeat(Map<String, int[]> repeats, Map<String, Drug> drugs, Drug d, int start) {
        repeats.merge(d.bnf, new int[] {start}, (a, b) -> a[0] <= b[0] ? a : b);
        drugs.put(d.bnf, d);
    }
}
