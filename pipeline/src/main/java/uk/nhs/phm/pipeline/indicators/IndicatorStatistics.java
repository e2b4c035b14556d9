package uk.nhs.phm.pipeline.indicators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.nhs.phm.pipeline.aggregate.GeographyLevel;
import uk.nhs.phm.pipeline.indicators.Indicator.Kind;
import uk.nhs.phm.pipeline.stats.Estimate;
import uk.nhs.phm.pipeline.stats.FunnelLimits;
import uk.nhs.phm.pipeline.stats.InequalityIndices;
import uk.nhs.phm.pipeline.stats.PublicHealthStatistics;
import uk.nhs.phm.pipeline.stats.StandardPopulation;

/**
 * The published statistics of every area × indicator × method, in plain Java on the driver, downstream of the
 * disclosure decisions ({@link PublishedCount}); the formulas are {@link PublicHealthStatistics}'.
 *
 * <ul>
 *   <li>Crude rates and Wilson proportions (and their limits) are computed from the published, rounded counts,
 *       so they reveal nothing the counts do not; a withheld numerator gives a null value and limits.</li>
 *   <li>DSRs (ESP2013, Dobson limits) need the counts per age band, which are never published; they are
 *       computed from the unrounded band counts of an area whose numerator and denominator are published, and
 *       are null (not suppressed) when the area's events number fewer than 10 (phe_dsr).</li>
 *   <li>SII and RII (Place and ICB) regress the indicator's per-IMD-decile values, each by the indicator's own
 *       method (the DSR where it has one) from unrounded counts, deciles 1 (most deprived) to 10. As
 *       {@code phe_sii}, all ten deciles are needed: a decile with nobody in the denominator, or a DSR that is
 *       null there (fewer than 10 events), leaves the SII and RII null. No confidence limits (the module gives
 *       point estimates).</li>
 *   <li>PCN rows carry their ICB's value by the same method as {@code comparator_value}; crude-rate and
 *       proportion rows also get funnel limits around it at the PCN's published denominator.</li>
 * </ul>
 */
public final class IndicatorStatistics {
    private IndicatorStatistics() {
    }

    public static List<IndicatorRow> compute(List<PublishedCount> counts, Map<String, AreaStrata> strata,
                                             List<Indicator> catalogue) {
        Map<String, Indicator> byId = new LinkedHashMap<>();
        catalogue.forEach(i -> byId.put(i.id(), i));
        List<IndicatorRow> rows = new ArrayList<>();
        Map<String, String> parentOf = new HashMap<>();
        for (PublishedCount c : counts) {
            Indicator ind = byId.get(c.indicatorId());
            if (ind == null) {
                throw new IllegalStateException("No indicator '" + c.indicatorId() + "' in the catalogue");
            }
            AreaStrata s = strata.getOrDefault(areaKey(c.geographyLevel(), c.geographyCode()), new AreaStrata());
            for (String method : ind.methods()) {
                rows.add(areaRow(c, ind, method, s));
            }
            if (c.geographyLevel().equals(GeographyLevel.PLACE.label) || c.geographyLevel().equals(GeographyLevel.ICB.label)) {
                rows.addAll(inequalityRows(c, ind, s));
            }
            parentOf.put(areaKey(c.geographyLevel(), c.geographyCode()), c.parentCode());
        }
        Map<String, Double> icbValues = new HashMap<>();
        for (IndicatorRow r : rows) {
            if (r.geographyLevel().equals(GeographyLevel.ICB.label) && r.value() != null) {
                icbValues.put(r.geographyCode() + "|" + r.indicatorId() + "|" + r.method(), r.value());
            }
        }
        List<IndicatorRow> out = new ArrayList<>(rows.size());
        for (IndicatorRow r : rows) {
            if (r.geographyLevel().equals(GeographyLevel.PCN.label)) {
                String icb = parentOf.get(areaKey(r.geographyLevel(), r.geographyCode()));
                out.add(withFunnel(r, byId.get(r.indicatorId()), icbValues.get(icb + "|" + r.indicatorId() + "|" + r.method())));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    public static String areaKey(String level, String code) {
        return level + "|" + code;
    }

    static IndicatorRow areaRow(PublishedCount c, Indicator ind, String method, AreaStrata s) {
        Estimate e = null;
        if (!c.suppressed() && c.denominator() != null && c.denominator() > 0) {
            double num = c.numerator();
            double den = c.denominator();
            e = switch (method) {
                case Indicator.CRUDE_RATE -> PublicHealthStatistics.crudeRate(num, den, ind.kind().multiplier);
                case Indicator.PROPORTION_WILSON -> PublicHealthStatistics.proportion(num, den, ind.kind().multiplier);
                case Indicator.DSR_ESP2013 -> dsr(s.byBand(ind.numerator()), s.byBand(ind.denominator()),
                        ind.kind().multiplier).orElse(null);
                default -> throw new IllegalStateException("Unknown method " + method);
            };
        }
        return row(c, ind, method, ind.kind().unit, e == null ? null : e.value(), e);
    }

    /** ESP2013 DSR of band counts; a band with nobody in it adds nothing (see the module). */
    static Optional<Estimate> dsr(double[] events, double[] population, double multiplier) {
        Double[] boxed = new Double[events.length];
        for (int i = 0; i < events.length; i++) {
            boxed[i] = events[i];
        }
        return PublicHealthStatistics.directlyStandardisedRate(boxed, population, StandardPopulation.esp2013(), multiplier);
    }

    static List<IndicatorRow> inequalityRows(PublishedCount c, Indicator ind, AreaStrata s) {
        InequalityIndices ii = c.suppressed() ? null : inequality(ind, s);
        Double sii = ii == null ? null : ii.sii();
        Double rii = ii == null || !Double.isFinite(ii.rii()) ? null : ii.rii();
        return List.of(row(c, ind, Indicator.SII, ind.kind().unit, sii, null),
                row(c, ind, Indicator.RII, Indicator.RATIO_UNIT, rii, null));
    }

    /** SII and RII over IMD deciles 1..10, or null when a decile has nobody or no value. */
    static InequalityIndices inequality(Indicator ind, AreaStrata s) {
        double[] values = new double[AreaStrata.DECILES];
        double[] populations = new double[AreaStrata.DECILES];
        String method = ind.inequalityMethod();
        for (int d = 1; d <= AreaStrata.DECILES; d++) {
            double pop = s.totalInDecile(ind.denominator(), d);
            if (pop <= 0) {
                return null;
            }
            double events = s.totalInDecile(ind.numerator(), d);
            Double v = switch (method) {
                case Indicator.DSR_ESP2013 -> dsr(s.byBandInDecile(ind.numerator(), d),
                        s.byBandInDecile(ind.denominator(), d), ind.kind().multiplier).map(Estimate::value).orElse(null);
                default -> events / pop * ind.kind().multiplier;
            };
            if (v == null) {
                return null;
            }
            values[d - 1] = v;
            populations[d - 1] = pop;
        }
        // The values are already on the indicator's scale, so the SII needs no further multiplier.
        return PublicHealthStatistics.slopeIndexOfInequality(values, populations, 1);
    }

    static IndicatorRow withFunnel(IndicatorRow r, Indicator ind, Double target) {
        if (target == null || r.method().equals(Indicator.SII) || r.method().equals(Indicator.RII)) {
            return r;
        }
        boolean funnelled = r.method().equals(Indicator.CRUDE_RATE) || r.method().equals(Indicator.PROPORTION_WILSON);
        if (!funnelled || r.denominator() == null || r.denominator() == 0) {
            return r.withFunnel(target, null, null, null, null);
        }
        FunnelLimits f = ind.kind() == Kind.RATE
                ? PublicHealthStatistics.funnelLimitsForRate(target, r.denominator(), ind.kind().multiplier)
                : PublicHealthStatistics.funnelLimitsForProportion(target, r.denominator(), ind.kind().multiplier);
        return r.withFunnel(target, f.lower95(), f.upper95(), f.lower998(), f.upper998());
    }

    private static IndicatorRow row(PublishedCount c, Indicator ind, String method, String unit, Double value,
                                    Estimate e) {
        return new IndicatorRow(c.geographyLevel(), c.geographyCode(), ind.id(), ind.name(), method, unit,
                c.numerator(), c.denominator(), value,
                e == null ? null : e.lower95(), e == null ? null : e.upper95(),
                e == null ? null : e.lower998(), e == null ? null : e.upper998(),
                null, null, null, null, null, c.suppressed());
    }
}
