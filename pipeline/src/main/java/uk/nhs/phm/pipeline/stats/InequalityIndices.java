package uk.nhs.phm.pipeline.stats;

/**
 * Slope and relative index of inequality (point estimates), as PHEindicatormethods {@code phe_sii} returns them.
 *
 * @param sii       slope index of inequality: the fitted difference between the least and the most deprived
 *                  end of the population rank (relative rank 1 minus relative rank 0), times the multiplier
 * @param rii       relative index of inequality: fitted value at rank 1 over fitted value at rank 0,
 *                  {@code (intercept + slope) / intercept}; inverted when the multiplier is negative
 * @param intercept the fitted value at relative rank 0 (the most deprived end when quantiles are ordered
 *                  from most deprived), before the multiplier
 */
public record InequalityIndices(double sii, double rii, double intercept) {
}
