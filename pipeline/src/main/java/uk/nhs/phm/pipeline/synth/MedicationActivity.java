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
    /** Keys {@code medications.*} of the rates file. */
    static final class Rates {
        final double firstSlotShare;
        final double otherSlotShare;
        final double contraceptionShare;
        final double levothyroxineShareWomen;
        final double levothyroxineShareMen;
        final double ppiShare;
        final double interval28DaysShare;
        final double stopShare;
        final double missedIssueShare;
        final double rescuePacksCopd;
        final double rescuePacksAsthma;

        Rates(RatesReader r) {
            firstSlotShare = r.share("medications.first_slot_share");
            otherSlotShare = r.share("medications.other_slot_share");
            contraceptionShare = r.share("medications.contraception_share_women_16_to_45");
            levothyroxineShareWomen = r.share("medications.levothyroxine_share_women_30_plus");
            levothyroxineShareMen = r.share("medications.levothyroxine_share_men_30_plus");
            ppiShare = r.share("medications.ppi_share_50_plus");
            interval28DaysShare = r.share("medications.interval_28_days_share");
            stopShare = r.share("medications.repeat_stop_share");
            missedIssueShare = r.share("medications.missed_issue_share");
            rescuePacksCopd = r.rate("medications.rescue_packs_copd");
            rescuePacksAsthma = r.rate("medications.rescue_packs_asthma");
        }
    }

    private final GeneratorContext ctx;
    private final Rates rates;

    MedicationActivity(GeneratorContext ctx) {
        this.ctx = ctx;
        this.rates = ctx.rates.medications;
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
                if (r.nextDouble() < (s == 0 ? rates.firstSlotShare : rates.otherSlotShare)) {
                    List<Drug> options = slots.get(s);
                    Drug d = options.get(r.nextInt(options.size()));
                    int start = e.getValue() + 7 + r.nextInt(60);
                    addRepeat(repeats, drugs, d, start);
                }
            }
        }
        int age = (int) p.ageAt(p.activeEnd);
        if (p.female && age >= 16 && age <= 45 && r.nextDouble() < rates.contraceptionShare) {
            addRepeat(repeats, drugs, ClinicalCatalogue.DESOGESTREL, p.activeEnd - r.nextInt(6 * 365));
        }
        if (age >= 30 && r.nextDouble() < (p.female ? rates.levothyroxineShareWomen : rates.levothyroxineShareMen)) {
            addRepeat(repeats, drugs, ClinicalCatalogue.LEVOTHYROXINE, p.activeEnd - r.nextInt(10 * 365));
        }
        if (age >= 50 && r.nextDouble() < rates.ppiShare) {
            addRepeat(repeats, drugs, r.nextBoolean() ? ClinicalCatalogue.OMEPRAZOLE : ClinicalCatalogue.LANSOPRAZOLE,
                    p.activeEnd - r.nextInt(8 * 365));
        }
        for (Map.Entry<String, int[]> e : repeats.entrySet()) {
            Drug d = drugs.get(e.getKey());
            int interval = r.nextDouble() < rates.interval28DaysShare ? 28 : 56;
            if (d == ClinicalCatalogue.DESOGESTREL) {
                interval = 84;
            }
            int day = Math.max(e.getValue()[0], p.activeStart + r.nextInt(interval));
            // Some repeats stop (side effects, switched, deprescribed).
            int stop = r.nextDouble() < rates.stopShare ? day + r.nextInt(3 * 365) : Integer.MAX_VALUE;
            while (day <= p.activeEnd && day <= stop) {
                ctx.out.medication(p, day, d);
                day += interval + r.nextInt(9) - 3;
                if (r.nextDouble() < rates.missedIssueShare) {
                    day += interval;
                }
            }
        }
        if (p.has("copd") || p.has("asthma")) {
            int n = poisson(r, (p.has("copd") ? rates.rescuePacksCopd : rates.rescuePacksAsthma)
                    * (p.activeEnd - p.activeStart + 1) / 365.0);
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
