package uk.nhs.phm.pipeline.indicators;

/**
 * An area's counts for one indicator after disclosure control (a row of {@link IndicatorCounts#protect}, with the figures shared with
 * {@code segment_summary} taken from it):
 * numerator and denominator rounded, null when withheld.
 *
 * @param parentCode the area the row nests in: the ICB of a PCN, the Place of an LSOA, {@code all} at the top
 * @param suppressed the numerator or the denominator is withheld (and with it every figure derived from them)
 */
public record PublishedCount(String geographyLevel, String geographyCode, String parentCode, String indicatorId,
                             Long numerator, Long denominator, boolean suppressed) {
}
