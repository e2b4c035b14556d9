package uk.nhs.phm.pipeline.stats;

/**
 * A published statistic with its 95% and 99.8% confidence limits, on the scale of its multiplier
 * (e.g. per 100,000 for a rate, 1 or 100 for a proportion, 1 for a ratio).
 *
 * @param value    the point estimate
 * @param lower95  lower 95% limit
 * @param upper95  upper 95% limit
 * @param lower998 lower 99.8% limit
 * @param upper998 upper 99.8% limit
 * @param method   how the limits were made, in PHEindicatormethods' words: {@code Exact}, {@code Byars},
 *                 {@code Wilson} or {@code Dobson}
 */
public record Estimate(double value, double lower95, double upper95, double lower998, double upper998,
                       String method) {

    static Estimate of(double value, Interval ci95, Interval ci998, String method) {
        return new Estimate(value, ci95.lower(), ci95.upper(), ci998.lower(), ci998.upper(), method);
    }

    /** The 95% limits as an interval. */
    public Interval ci95() {
        return new Interval(lower95, upper95);
    }

    /** The 99.8% limits as an interval. */
    public Interval ci998() {
        return new Interval(lower998, upper998);
    }
}
