package uk.nhs.phm.pipeline.stats;

/**
 * A two-sided confidence interval {@code [lower, upper]} at one confidence level.
 *
 * <p>Immutable. Not a Spark bean row: it is returned by {@link PublicHealthStatistics} to the code that
 * builds a published row.
 *
 * @param lower the lower limit
 * @param upper the upper limit
 */
public record Interval(double lower, double upper) {

    /** This interval with both limits multiplied by {@code factor} (a positive scale, e.g. 100,000 / population). */
    public Interval scaled(double factor) {
        return new Interval(lower * factor, upper * factor);
    }
}
