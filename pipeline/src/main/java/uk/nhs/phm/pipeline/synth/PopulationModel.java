package uk.nhs.phm.pipeline.synth;

import static uk.nhs.phm.pipeline.synth.Draws.exponential;
import static uk.nhs.phm.pipeline.synth.Draws.gaussian;
import static uk.nhs.phm.pipeline.synth.Draws.geometric;
import static uk.nhs.phm.pipeline.synth.Draws.pick;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * Who the people are and where they are registered: age and sex from the ICB's registered population,
 * residence by LSOA population, practice by list size within the LSOA's sub-ICB, the latent health and
 * service-use factors, the registration story (joined, left, moved practice) and ethnicity. Writes the
 * {@code patients} and {@code registrations} rows.
 */
final class PopulationModel {
    /** The registration stories other than staying registered throughout. */
    static final String JOINED = "joined";
    static final String LEFT = "left";
    static final String MOVED_PRACTICE = "moved_practice";

    /** Keys {@code population.*}, {@code registration.*} and {@code patients.*} of the rates file. */
    static final class Rates {
        final double age95PlusGeometricP;
        final Shares sexCodes;
        final double practiceAnywhereShare;
        final Shares stories;
        final double meanYearsRegistered;
        final double moveNewLsoaShare;
        final double lsoaMissingShare;
        final int lsoa21From;
        final double ethnicMissingShare;
        final Weights ethnicCategories;
        final double dateOfDeathRecordedShare;
        final double monthOfBirthMissingShare;

        Rates(RatesReader r) {
            age95PlusGeometricP = r.share("population.age_95_plus_geometric_p");
            sexCodes = r.shares("population.sex_code_shares",
                    ContractCodes.allowedValues(InputTable.PATIENTS, "sex"), false);
            practiceAnywhereShare = r.share("registration.practice_anywhere_in_icb_share");
            stories = r.shares("registration.story_shares", Set.of(JOINED, LEFT, MOVED_PRACTICE), false);
            meanYearsRegistered = r.rate("registration.mean_years_registered");
            moveNewLsoaShare = r.share("registration.move_new_lsoa_share");
            lsoaMissingShare = r.share("registration.lsoa_missing_share");
            lsoa21From = r.date("registration.lsoa21_from");
            ethnicMissingShare = r.share("patients.ethnic_category_missing_share");
            ethnicCategories = r.weights("patients.ethnic_category_weights",
                    ContractCodes.allowedValues(InputTable.PATIENTS, "ethnic_category"));
            dateOfDeathRecordedShare = r.share("patients.date_of_death_recorded_share");
            monthOfBirthMissingShare = r.share("patients.month_of_birth_missing_share");
        }
    }

    private final GeneratorContext ctx;
    private final Rates rates;
    private final GeneratorReference ref;
    private final double[] ageSexCum;
    private final double[] lsoaCum;
    private final Map<String, List<Integer>> practicesBySubIcb = new HashMap<>();
    private final Map<String, double[]> practiceCumBySubIcb = new HashMap<>();
    private final double[] allPracticeCum;
    private final double meanDeprivation;

    PopulationModel(GeneratorContext ctx) {
        this.ctx = ctx;
        this.ref = ctx.ref;
        this.rates = ctx.rates.population;
        int ages = GeneratorReference.MAX_AGE_BAND + 1;
        ageSexCum = new double[2 * ages];
        double acc = 0;
        for (int s = 0; s < 2; s++) {
            for (int a = 0; a < ages; a++) {
                acc += Math.max(0, ref.ageSex[s][a]);
                ageSexCum[s * ages + a] = acc;
            }
        }
        lsoaCum = new double[ref.lsoas.size()];
        acc = 0;
        double depSum = 0;
        for (int i = 0; i < ref.lsoas.size(); i++) {
            GeneratorReference.Lsoa l = ref.lsoas.get(i);
            double w = Math.max(1, l.population);
            acc += w;
            lsoaCum[i] = acc;
            depSum += w * deprivation(l.imdDecile);
        }
        meanDeprivation = depSum / acc;
        for (int i = 0; i < ref.practices.size(); i++) {
            practicesBySubIcb.computeIfAbsent(ref.practices.get(i).subIcbCode, k -> new ArrayList<>()).add(i);
        }
        practicesBySubIcb.forEach((k, idx) -> practiceCumBySubIcb.put(k, cumulative(idx)));
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < ref.practices.size(); i++) {
            all.add(i);
        }
        allPracticeCum = cumulative(all);
    }

    private double[] cumulative(List<Integer> practiceIdx) {
        double[] cum = new double[practiceIdx.size()];
        double acc = 0;
        for (int i = 0; i < practiceIdx.size(); i++) {
            acc += Math.max(1, ref.practices.get(practiceIdx.get(i)).listSize);
            cum[i] = acc;
        }
        return cum;
    }

    /** Deprivation on [-1, +1]: +1 the most deprived decile. */
    static double deprivation(int decile) {
        return (5.5 - decile) / 4.5;
    }

    /** Age, sex, residence, practice, latent factors and the registration story. */
    void draw(Person p) {
        SplittableRandom r = p.rng;
        int endDay = ctx.endDay;
        int startDay = ctx.startDay;

        // Age and sex at the end date, from the registered population.
        int ages = GeneratorReference.MAX_AGE_BAND + 1;
        int cell = pick(ageSexCum, r.nextDouble() * ageSexCum[ageSexCum.length - 1]);
        p.female = cell < ages;
        int age = cell % ages;
        if (age == GeneratorReference.MAX_AGE_BAND) {
            age += Math.min(9, geometric(r, rates.age95PlusGeometricP));
        }
        p.birthDay = endDay - (int) Math.round(age * 365.25) - r.nextInt(365);
        // A few records have sex unknown or indeterminate; the rest their registered sex.
        String recorded = rates.sexCodes.pick(r.nextDouble());
        p.sexCode = recorded != null ? recorded : p.female ? ContractCodes.SEX_FEMALE : ContractCodes.SEX_MALE;

        // Residence and practice.
        GeneratorReference.Lsoa lsoa = drawLsoa(r);
        p.imdDecile = lsoa.imdDecile;
        p.dep = deprivation(lsoa.imdDecile) - meanDeprivation;
        p.practice = drawPractice(r, lsoa.subIcbCode);
        p.firstPractice = p.practice;

        p.z = gaussian(r);
        // Gamma(2, 0.5): mean 1, persistent over time, so prior use predicts later use.
        p.propensity = (exponential(r) + exponential(r)) / 2;

        // Registration story.
        String story = rates.stories.pick(r.nextDouble());
        boolean bornInWindow = p.birthDay > startDay;
        if (bornInWindow) {
            p.firstStart = Math.min(endDay, p.birthDay + 3 + r.nextInt(40));
        } else if (JOINED.equals(story)) {
            p.firstStart = startDay + r.nextInt(Math.max(1, endDay - startDay - 30));
        } else {
            int yearsAgo = (int) (exponential(r) * rates.meanYearsRegistered * 365);
            p.firstStart = Math.max(p.birthDay + 3 + r.nextInt(40), endDay - 60 - yearsAgo);
            p.firstStart = Math.min(p.firstStart, startDay - 1);
        }
        int moveDay = Integer.MAX_VALUE;
        // Newborns can leave or move too: the story is drawn for everyone.
        if (LEFT.equals(story)) {
            int from = Math.max(p.firstStart + 30, startDay + 30);
            if (from < endDay - 1) {
                p.leaveDay = from + r.nextInt(endDay - from);
            }
        } else if (MOVED_PRACTICE.equals(story)) {
            int from = Math.max(p.firstStart + 60, startDay - 2 * 365);
            if (from < endDay - 30) {
                moveDay = from + r.nextInt(endDay - 30 - from);
            }
        }
        p.firstLsoa = lsoa;
        if (moveDay != Integer.MAX_VALUE) {
            if (r.nextDouble() < rates.moveNewLsoaShare) {
                lsoa = drawLsoa(r);
                p.imdDecile = lsoa.imdDecile;
                p.dep = deprivation(lsoa.imdDecile) - meanDeprivation;
            }
            GeneratorReference.Practice next = drawPractice(r, lsoa.subIcbCode);
            if (next == p.firstPractice && ref.practices.size() > 1) {
                next = anyPractice(r);
            }
            p.practice = next;
        }
        p.lsoa = lsoa;
        p.moveDay = moveDay;
    }

    /** A practice anywhere in the ICB, by list size. */
    private GeneratorReference.Practice anyPractice(SplittableRandom r) {
        return ref.practices.get(pick(allPracticeCum, r.nextDouble() * allPracticeCum[allPracticeCum.length - 1]));
    }

    private GeneratorReference.Lsoa drawLsoa(SplittableRandom r) {
        return ref.lsoas.get(pick(lsoaCum, r.nextDouble() * lsoaCum[lsoaCum.length - 1]));
    }

    private GeneratorReference.Practice drawPractice(SplittableRandom r, String subIcb) {
        List<Integer> idx = practicesBySubIcb.get(subIcb);
        if (idx == null || r.nextDouble() < rates.practiceAnywhereShare) {
            return anyPractice(r);
        }
        double[] cum = practiceCumBySubIcb.get(subIcb);
        return ref.practices.get(idx.get(pick(cum, r.nextDouble() * cum[cum.length - 1])));
    }

    // ------------------------------------------------------------------ rows

    void writePatient(Person p) {
        SplittableRandom r = p.rng;
        LocalDate birth = Days.date(p.birthDay);
        String ethnic = r.nextDouble() < rates.ethnicMissingShare ? null : rates.ethnicCategories.draw(r);
        String dod = p.deathDay <= ctx.endDay && r.nextDouble() < rates.dateOfDeathRecordedShare
                ? Days.iso(p.deathDay) : null;
        String month = r.nextDouble() < rates.monthOfBirthMissingShare ? null : Integer.toString(birth.getMonthValue());
        ctx.out.patient(p, birth.getYear(), month, ethnic, dod);
    }

    void writeRegistrations(Person p) {
        SplittableRandom r = p.rng;
        int finalEnd = Integer.MAX_VALUE;
        if (p.deathDay <= ctx.endDay) {
            // Practices deregister the dead some days or weeks after the death.
            finalEnd = p.deathDay + r.nextInt(35);
        } else if (p.leaveDay <= ctx.endDay) {
            finalEnd = p.leaveDay;
        }
        if (p.moveDay != Integer.MAX_VALUE && p.moveDay < finalEnd) {
            int gap = r.nextInt(15);
            registration(p, p.firstPractice.code, p.firstStart, p.moveDay, p.firstLsoa);
            registration(p, p.practice.code, Math.min(p.moveDay + gap, ctx.endDay), finalEnd, p.lsoa);
        } else {
            registration(p, p.firstPractice.code, p.firstStart, finalEnd, p.firstLsoa);
        }
    }

    private void registration(Person p, String practice, int start, int end, GeneratorReference.Lsoa lsoa) {
        double roll = p.rng.nextDouble();
        // Registrations from 2022 carry the 2021 LSOA code; earlier ones kept the 2011 code.
        String lsoaCode = roll < rates.lsoaMissingShare ? null : start < rates.lsoa21From ? lsoa.lsoa11 : lsoa.lsoa21;
        ctx.out.registration(p, practice, start, end, lsoaCode);
    }
}
