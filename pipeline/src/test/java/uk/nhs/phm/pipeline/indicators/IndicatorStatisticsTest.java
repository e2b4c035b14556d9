package uk.nhs.phm.pipeline.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists.Condition;

/**
 * The per-cell statistics wiring of published/indicators, by hand: which counts each method reads, what a
 * withheld numerator does, DSRs below 10 events and with empty age bands, SII/RII across deciles, and PCN
 * funnels around their ICB. Figures hand-computed (Byar's and Wilson's formulas written out in the comments).
 */
class IndicatorStatisticsTest {
    private static final List<Indicator> CATALOGUE = Indicator.catalogue(List.of(
            new Condition("asthma", "Asthma", true, null), new Condition("maternity", "Maternity", false, null)));
    private static final double TOLERANCE = 1e-9;

    private static PublishedCount count(String level, String code, String parent, String indicator, Long num, Long den,
                                        boolean suppressed) {
        return new PublishedCount(level, code, parent, indicator, num, den, suppressed);
    }

    private static IndicatorRow only(List<IndicatorRow> rows, String level, String code, String indicator, String method) {
        List<IndicatorRow> found = rows.stream().filter(r -> r.geographyLevel().equals(level)
                && r.geographyCode().equals(code) && r.indicatorId().equals(indicator) && r.method().equals(method)).toList();
        assertEquals(1, found.size(), level + " " + code + " " + indicator + " " + method);
        return found.get(0);
    }

    private static void near(double expected, Double actual) {
        assertEquals(expected, actual, Math.abs(expected) * TOLERANCE + 1e-12);
    }

    @Test
    void catalogueHasOnlyLongTermConditionsAndTheFixedIndicators() {
        assertEquals(List.of("emergency_admissions", "ae_attendances", "prevalence_asthma",
                "frailty_moderate_severe_65plus", "mortality_all_cause"), CATALOGUE.stream().map(Indicator::id).toList());
    }

    @Test
    void crudeRateAndWilsonFromPublishedCountsAndASuppressedCellIsNullNotZero() {
        Map<String, AreaStrata> strata = new HashMap<>();
        List<IndicatorRow> rows = IndicatorStatistics.compute(List.of(
                count("lsoa", "L1", "P1", "emergency_admissions", 20L, 1000L, false),
                count("lsoa", "L1", "P1", "prevalence_asthma", 30L, 200L, false),
                count("lsoa", "L2", "P1", "emergency_admissions", null, 1000L, true)), strata, CATALOGUE);

        // 20 / 1000 × 100,000 = 2,000; Byar: 20(1 − 1/180 − 1.959964/(3√20))³ / 1000 × 100,000 = 1,221.14...
        IndicatorRow crude = only(rows, "lsoa", "L1", "emergency_admissions", "crude_rate");
        near(2000, crude.value());
        near(1221.1428834875935, crude.lower95());
        near(3088.988036919706, crude.upper95());
        near(892.2802365144194, crude.lower998());
        near(3808.503562504191, crude.upper998());
        assertEquals("per 100,000", crude.unit());
        assertNull(crude.comparatorValue(), "no comparator below PCN");

        // 30 / 200 = 0.15; Wilson (2x + z² ∓ z√(z² + 4x(1 − x/n))) / (2(n + z²)).
        IndicatorRow prevalence = only(rows, "lsoa", "L1", "prevalence_asthma", "proportion_wilson");
        near(0.15, prevalence.value());
        near(0.10713593562241996, prevalence.lower95());
        near(0.20605579284166664, prevalence.upper95());
        near(0.08807326825618834, prevalence.lower998());
        near(0.24382694556072168, prevalence.upper998());
        assertEquals("proportion", prevalence.unit());

        for (String method : List.of("crude_rate", "dsr_esp2013")) {
            IndicatorRow withheld = only(rows, "lsoa", "L2", "emergency_admissions", method);
            assertTrue(withheld.suppressed());
            assertNull(withheld.numerator());
            assertNull(withheld.value(), "a suppressed figure is null, never 0");
            assertNull(withheld.lower95());
            assertNull(withheld.upper95());
            assertNull(withheld.lower998());
            assertNull(withheld.upper998());
            assertEquals(1000L, withheld.denominator(), "its own denominator is not withheld");
        }
    }

    @Test
    void dsrFromBandCountsWithEmptyBandsAndNullBelowTenEvents() {
        // L1: 10 admissions among 200 aged 65-69 (ESP 5,500), 2 among 100 aged 70-74 (ESP 5,000), nobody else:
        // DSR = (10 × 5500/200 + 2 × 5000/100) / 100,000 × 100,000 = 275 + 100 = 375.
        AreaStrata l1 = new AreaStrata()
                .add(IndicatorCounts.NEL_ADMISSIONS, 3, 13, 10).add(IndicatorCounts.POPULATION, 3, 13, 200)
                .add(IndicatorCounts.NEL_ADMISSIONS, 3, 14, 2).add(IndicatorCounts.POPULATION, 3, 14, 100);
        // L2: 9 admissions in all: fewer than 10, so no DSR (phe_dsr), though the crude rate is published.
        AreaStrata l2 = new AreaStrata()
                .add(IndicatorCounts.NEL_ADMISSIONS, 3, 13, 9).add(IndicatorCounts.POPULATION, 3, 13, 300);
        List<IndicatorRow> rows = IndicatorStatistics.compute(List.of(
                        count("lsoa", "L1", "P1", "emergency_admissions", 10L, 300L, false),
                        count("lsoa", "L2", "P1", "emergency_admissions", 10L, 300L, false)),
                Map.of("lsoa|L1", l1, "lsoa|L2", l2), CATALOGUE);
        IndicatorRow dsr = only(rows, "lsoa", "L1", "emergency_admissions", "dsr_esp2013");
        near(375, dsr.value());
        assertTrue(dsr.lower95() < 375 && dsr.upper95() > 375 && dsr.lower998() < dsr.lower95());
        IndicatorRow small = only(rows, "lsoa", "L2", "emergency_admissions", "dsr_esp2013");
        assertNull(small.value());
        assertNull(small.lower95());
        assertFalse(small.suppressed(), "too few events for a DSR is not disclosure control");
        near(10.0 / 300 * 100_000, only(rows, "lsoa", "L2", "emergency_admissions", "crude_rate").value());
    }

    @Test
    void siiAndRiiAcrossAllTenDecilesAtPlaceAndIcbOnly() {
        // 100 people in each decile; asthma in (11 − d) of decile d: 0.10 in decile 1 (most deprived) … 0.01 in 10.
        // Ranks 0.05, 0.15, … 0.95 and y = 0.105 − 0.1 × rank exactly: SII = −0.1 (lower in the least deprived),
        // RII = (0.105 − 0.1) / 0.105.
        AreaStrata place = new AreaStrata();
        for (int d = 1; d <= 10; d++) {
            place.add(IndicatorCounts.POPULATION, d, 8, 100).add(IndicatorCounts.ltcMeasure("asthma"), d, 8, 11 - d);
        }
        AreaStrata missingDecile = new AreaStrata();
        for (int d = 1; d <= 9; d++) {
            missingDecile.add(IndicatorCounts.POPULATION, d, 8, 100).add(IndicatorCounts.ltcMeasure("asthma"), d, 8, 5);
        }
        List<IndicatorRow> rows = IndicatorStatistics.compute(List.of(
                        count("place", "P1", "all", "prevalence_asthma", 55L, 1000L, false),
                        count("place", "P2", "all", "prevalence_asthma", 45L, 900L, false),
                        count("lsoa", "L1", "P1", "prevalence_asthma", 55L, 1000L, false)),
                Map.of("place|P1", place, "place|P2", missingDecile, "lsoa|L1", place), CATALOGUE);
        IndicatorRow sii = only(rows, "place", "P1", "prevalence_asthma", "sii");
        near(-0.1, sii.value());
        assertEquals("proportion", sii.unit());
        assertNull(sii.lower95(), "point estimate only");
        IndicatorRow rii = only(rows, "place", "P1", "prevalence_asthma", "rii");
        near(0.005 / 0.105, rii.value());
        assertEquals("ratio", rii.unit());
        assertNull(only(rows, "place", "P2", "prevalence_asthma", "sii").value(), "decile 10 has nobody: no SII");
        assertNull(only(rows, "place", "P2", "prevalence_asthma", "rii").value());
        assertTrue(rows.stream().noneMatch(r -> r.geographyLevel().equals("lsoa") && r.method().equals("sii")));
    }

    @Test
    void pcnFunnelAroundItsIcbValue() {
        List<IndicatorRow> rows = IndicatorStatistics.compute(List.of(
                count("icb", "Q1", "all", "emergency_admissions", 500L, 10000L, false),
                count("pcn", "N1", "Q1", "emergency_admissions", 40L, 1000L, false),
                count("pcn", "N2", "Q1", "emergency_admissions", null, null, true)), new HashMap<>(), CATALOGUE);
        IndicatorRow n1 = only(rows, "pcn", "N1", "emergency_admissions", "crude_rate");
        near(4000, n1.value());
        near(5000, n1.comparatorValue());
        // Expected count at the ICB's rate: 5000 × 1000 / 100,000 = 50; exact Poisson limits of 50, per 1,000 people.
        // χ²(0.025, 100)/2 = 37.11096..., χ²(0.975, 102)/2 = 65.91877... (R: qchisq(0.025, 100) / 2).
        assertEquals(3711.096, n1.funnelLower95(), 0.01);
        assertEquals(6591.877, n1.funnelUpper95(), 0.01);
        assertTrue(n1.funnelLower998() < n1.funnelLower95() && n1.funnelUpper998() > n1.funnelUpper95());
        IndicatorRow dsr = only(rows, "pcn", "N1", "emergency_admissions", "dsr_esp2013");
        assertNull(dsr.funnelLower95(), "no funnel for DSRs");
        IndicatorRow n2 = only(rows, "pcn", "N2", "emergency_admissions", "crude_rate");
        near(5000, n2.comparatorValue());
        assertNull(n2.funnelLower95(), "no published denominator: no funnel");
        assertNull(only(rows, "icb", "Q1", "emergency_admissions", "crude_rate").comparatorValue());
    }
}
