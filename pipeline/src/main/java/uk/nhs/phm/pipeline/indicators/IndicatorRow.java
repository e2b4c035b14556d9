package uk.nhs.phm.pipeline.indicators;

/**
 * One row of {@code published/indicators} before geography names, run id and as-of date are attached. Counts
 * are as published (rounded, null when withheld); statistics null when not published.
 */
public record IndicatorRow(String geographyLevel, String geographyCode, String indicatorId, String indicatorName,
                           String method, String unit, Long numerator, Long denominator, Double value,
                           Double lower95, Double upper95, Double lower998, Double upper998,
                           Double comparatorValue, Double funnelLower95, Double funnelUpper95,
                           Double funnelLower998, Double funnelUpper998, boolean suppressed) {

    /** This row with a comparator and funnel limits (PCN rows). */
    public IndicatorRow withFunnel(Double comparator, Double l95, Double u95, Double l998, Double u998) {
        return new IndicatorRow(geographyLevel, geographyCode, indicatorId, indicatorName, method, unit, numerator,
                denominator, value, lower95, upper95, lower998, upper998, comparator, l95, u95, l998, u998, suppressed);
    }
}
