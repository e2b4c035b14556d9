package uk.nhs.phm.pipeline.synth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One synthetic person while they are being generated: what the population, condition and death models
 * decided, read by the activity models. Built, written and forgotten one at a time, so it is mutable and
 * package-private; days are epoch days and {@link Integer#MAX_VALUE} means "never".
 */
final class Person {
    final String id;
    /** The person's own random stream: every draw about them comes from it, in a fixed order. */
    final SplittableRandom rng;
    /** Whether this person's first GP event is written with an NHS number as its person_id (a bad row). */
    boolean nhsLeak;

    boolean female;
    String sexCode;
    int birthDay;
    /** Latent health factor, N(0, 1): shared by all conditions, so multimorbidity clusters. */
    double z;
    /** Persistent personal use of services (mean 1), so past use predicts future use. */
    double propensity;
    /** Deprivation of the current LSOA on [-1, +1] relative to the ICB mean. */
    double dep;
    /** IMD decile of the current LSOA (1 = most deprived 10% of England). */
    int imdDecile;

    GeneratorReference.Lsoa firstLsoa;
    GeneratorReference.Lsoa lsoa;
    GeneratorReference.Practice firstPractice;
    GeneratorReference.Practice practice;
    /** Day the person moves to {@link #practice} from {@link #firstPractice}. */
    int moveDay = Integer.MAX_VALUE;
    int firstStart;
    int leaveDay = Integer.MAX_VALUE;

    /** Condition name to onset day; only conditions recorded by the end of the person's data. */
    final Map<String, Integer> onset = new LinkedHashMap<>();
    int frailDeficits;
    int careHomeDay = Integer.MAX_VALUE;
    int deathDay = Integer.MAX_VALUE;
    String placeOfDeath;

    /** The days the person has activity: registered, alive and inside the history. */
    int activeStart;
    int activeEnd;

    Person(String id, SplittableRandom rng, boolean nhsLeak) {
        this.id = id;
        this.rng = rng;
        this.nhsLeak = nhsLeak;
    }

    double ageAt(int day) {
        return (day - birthDay) / 365.25;
    }

    boolean has(String condition) {
        return onset.containsKey(condition);
    }

    boolean hasBy(String condition, int day) {
        Integer d = onset.get(condition);
        return d != null && d <= day;
    }

    int ltcCountAt(int day) {
        int n = 0;
        for (String c : GeneratorReference.QOF_CONDITIONS) {
            if (hasBy(c, day)) {
                n++;
            }
        }
        return n;
    }

    String practiceAt(int day) {
        return day < moveDay ? firstPractice.code : practice.code;
    }
}
