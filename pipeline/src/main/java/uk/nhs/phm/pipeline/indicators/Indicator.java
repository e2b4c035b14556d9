package uk.nhs.phm.pipeline.indicators;

import java.util.ArrayList;
import java.util.List;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists.Condition;

/**
 * One published indicator: what it counts (a numerator and a denominator measure of the stratified counts,
 * {@link IndicatorCounts}), how it is scaled, and the methods it is published with. The catalogue is
 * {@link #catalogue}; docs/methods.md "Indicators" describes each.
 *
 * @param id          {@code indicator_id} in the output
 * @param name        {@code indicator_name}: what the figure is, in words
 * @param kind        a rate per 100,000 or a proportion of 1
 * @param numerator   the measure counted in the numerator
 * @param denominator the measure counted in the denominator
 * @param methods     the area-level methods published for it (SII and RII are added at Place and ICB)
 */
public record Indicator(String id, String name, Kind kind, String numerator, String denominator,
                        List<String> methods) {

    /** How the figure is scaled. */
    public enum Kind {
        /** Events per 100,000 people. */
        RATE(100_000, "per 100,000"),
        /** People with the condition as a proportion (of 1) of the people in the denominator. */
        PROPORTION(1, "proportion");

        public final double multiplier;
        public final String unit;

        Kind(double multiplier, String unit) {
            this.multiplier = multiplier;
            this.unit = unit;
        }
    }

    public static final String CRUDE_RATE = "crude_rate";
    public static final String DSR_ESP2013 = "dsr_esp2013";
    public static final String PROPORTION_WILSON = "proportion_wilson";
    public static final String SII = "sii";
    public static final String RII = "rii";
    /** Unit of an RII row: a ratio of the fitted values at the two ends of the deprivation scale. */
    public static final String RATIO_UNIT = "ratio";

    public static final String EMERGENCY_ADMISSIONS = "emergency_admissions";
    public static final String AE_ATTENDANCES = "ae_attendances";
    public static final String PREVALENCE_PREFIX = "prevalence_";
    public static final String FRAILTY_MODERATE_SEVERE = "frailty_moderate_severe_65plus";
    public static final String MORTALITY_ALL_CAUSE = "mortality_all_cause";

    public Indicator {
        methods = List.copyOf(methods);
    }

    /** The method whose per-decile values the SII and RII regress: the DSR where there is one. */
    public String inequalityMethod() {
        return methods.contains(DSR_ESP2013) ? DSR_ESP2013 : methods.get(0);
    }

    /**
     * Every indicator, in the order they are published: emergency admissions and A&amp;E attendances (crude and
     * ESP2013-standardised), the prevalence of each long-term condition of conf/codelists/conditions.csv, moderate
     * or severe frailty at 65+, and all-cause mortality (standardised).
     */
    public static List<Indicator> catalogue(List<Condition> conditions) {
        List<Indicator> all = new ArrayList<>();
        all.add(new Indicator(EMERGENCY_ADMISSIONS, "Emergency admissions in the 12 months to T per 100,000 people",
                Kind.RATE, IndicatorCounts.NEL_ADMISSIONS, IndicatorCounts.POPULATION, List.of(CRUDE_RATE, DSR_ESP2013)));
        all.add(new Indicator(AE_ATTENDANCES, "A&E attendances in the 12 months to T per 100,000 people",
                Kind.RATE, IndicatorCounts.AE_ATTENDANCES, IndicatorCounts.POPULATION, List.of(CRUDE_RATE, DSR_ESP2013)));
        for (Condition c : conditions) {
            if (c.ltc) {
                all.add(new Indicator(PREVALENCE_PREFIX + c.name, c.label + ": recorded prevalence at T",
                        Kind.PROPORTION, IndicatorCounts.ltcMeasure(c.name), IndicatorCounts.POPULATION,
                        List.of(PROPORTION_WILSON)));
            }
        }
        all.add(new Indicator(FRAILTY_MODERATE_SEVERE, "Moderate or severe frailty (eFI) among people aged 65 and over",
                Kind.PROPORTION, IndicatorCounts.FRAIL_65PLUS, IndicatorCounts.POPULATION_65PLUS,
                List.of(PROPORTION_WILSON)));
        all.add(new Indicator(MORTALITY_ALL_CAUSE, "Deaths from any cause in the 12 months to T per 100,000 people "
                + "registered 365 days before T", Kind.RATE, IndicatorCounts.DEATHS,
                IndicatorCounts.POPULATION_YEAR_BEFORE, List.of(DSR_ESP2013)));
        return List.copyOf(all);
    }
}
