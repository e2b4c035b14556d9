package uk.nhs.phm.pipeline.synth;

/** A value per age band, from an {@code age:value,...} rates key: each band runs from its age to the next. */
final class AgeBands {
    private final int[] from;
    private final double[] value;

    AgeBands(int[] from, double[] value) {
        this.from = from.clone();
        this.value = value.clone();
    }

    /** The value of the band holding {@code age}; the first band also takes any age below it. */
    double at(int age) {
        for (int i = from.length - 1; i > 0; i--) {
            if (age >= from[i]) {
                return value[i];
            }
        }
        return value[0];
    }
}
