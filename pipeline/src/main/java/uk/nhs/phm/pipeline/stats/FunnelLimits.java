package uk.nhs.phm.pipeline.stats;

/**
 * Funnel-plot control limits around a target for one denominator (one point on the funnel), on the
 * target's scale (per multiplier).
 *
 * @param target   the comparator value (e.g. the ICB's rate or proportion)
 * @param lower95  lower 95% control limit ("2 sigma")
 * @param upper95  upper 95% control limit
 * @param lower998 lower 99.8% control limit ("3 sigma")
 * @param upper998 upper 99.8% control limit
 * @param method   {@code Exact Poisson} (rates) or {@code Wilson} (proportions)
 */
public record FunnelLimits(double target, double lower95, double upper95, double lower998, double upper998,
                           String method) {
}
