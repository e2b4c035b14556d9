package uk.nhs.phm.pipeline.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.disclosure.DisclosureControl;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists.Condition;
import uk.nhs.phm.pipeline.testing.Fixtures;

/**
 * published/indicators end to end on a hand-built ICS: ICB Q1 with PCN N1 (LSOAs L1–L5, Place P1) and N2 (L6–L10,
 * Place P2); LSOA Ld has IMD decile d and 20 people aged 70. Asthma in 11 − d of LSOA d's people; the 20 people of
 * L1 one emergency admission each; one person in L2 nine A&amp;E attendances; no eFI yet. A year before T the same
 * people were 69; 12 of L1's died in (T − 365, T] (one on T itself) and one after T.
 */
class IndicatorsTest {
    private static final LocalDate T = LocalDate.of(2026, 9, 30);
    private static final List<Condition> CONDITIONS = List.of(new Condition("asthma", "Asthma", true, null),
            new Condition("maternity", "Maternity", false, null));
    private static final StructType PEOPLE = new StructType()
            .add("lsoa_code", DataTypes.StringType).add("place_code", DataTypes.StringType)
            .add("pcn_code", DataTypes.StringType).add("icb_code", DataTypes.StringType)
            .add("age", DataTypes.IntegerType).add("imd_decile", DataTypes.IntegerType)
            .add("ltc_list", DataTypes.StringType).add("efi_category", DataTypes.StringType)
            .add("nel_admissions_12m", DataTypes.LongType).add("ae_attendances_12m", DataTypes.LongType);
    private static final StructType YEAR_BEFORE = new StructType()
            .add("lsoa_code", DataTypes.StringType).add("place_code", DataTypes.StringType)
            .add("pcn_code", DataTypes.StringType).add("icb_code", DataTypes.StringType)
            .add("age", DataTypes.IntegerType).add("imd_decile", DataTypes.IntegerType)
            .add("death_date", DataTypes.DateType);
    private static final StructType NAMES = new StructType().add("geography_level", DataTypes.StringType)
            .add("geography_code", DataTypes.StringType).add("geography_name", DataTypes.StringType);

    private static Dataset<Row> people;
    private static Dataset<Row> yearBefore;
    private static Map<String, Row> published;

    @BeforeAll
    static void run() {
        List<Object[]> now = new ArrayList<>();
        List<Object[]> before = new ArrayList<>();
        for (int d = 1; d <= 10; d++) {
            String place = d <= 5 ? "P1" : "P2";
            String pcn = d <= 5 ? "N1" : "N2";
            for (int i = 0; i < 20; i++) {
                String ltc = i < 11 - d ? "asthma" : "";
                long admissions = d == 1 ? 1 : 0;
                long attendances = d == 2 && i == 0 ? 9 : 0;
                now.add(new Object[] {"L" + d, place, pcn, "Q1", 70, d, ltc, null, admissions, attendances});
                Date death = null;
                if (d == 1 && i < 11) {
                    death = Date.valueOf(T.minusDays(100 + i));
                } else if (d == 1 && i == 11) {
                    death = Date.valueOf(T);
                } else if (d == 1 && i == 12) {
                    death = Date.valueOf(T.plusDays(1));
                }
                before.add(new Object[] {"L" + d, place, pcn, "Q1", 69, d, death});
            }
        }
        people = Fixtures.table(PEOPLE, now.toArray(new Object[0][]));
        yearBefore = Fixtures.table(YEAR_BEFORE, before.toArray(new Object[0][]));
        Dataset<Row> out = Indicators.compute(people, yearBefore, CONDITIONS, T, new DisclosureControl(8, 5, 1000),
                Indicators.membership(people, yearBefore), Map.of(),
                Fixtures.table(NAMES, new Object[] {"icb", "Q1", "Test ICB"}), "run-1").table();
        OutputTables.INDICATORS.conform(out);
        published = new HashMap<>();
        for (Row r : out.collectAsList()) {
            published.put(r.getAs("geography_level") + "|" + r.getAs("geography_code") + "|" + r.getAs("indicator_id")
                    + "|" + r.getAs("method"), r);
        }
    }

    private static Row row(String level, String code, String indicator, String method) {
        Row r = published.get(level + "|" + code + "|" + indicator + "|" + method);
        if (r == null) {
            throw new AssertionError("no row " + level + " " + code + " " + indicator + " " + method);
        }
        return r;
    }

    private static Double value(Row r) {
        return r.getAs("value");
    }

    @Test
    void ratesAndStandardisedRates() {
        Row crude = row("icb", "Q1", "emergency_admissions", "crude_rate");
        assertEquals(20L, (Long) crude.getAs("numerator"));
        assertEquals(200L, (Long) crude.getAs("denominator"));
        assertEquals(10_000, value(crude), 1e-9, "20 / 200 × 100,000");
        assertEquals("Test ICB", crude.getAs("geography_name"));
        assertEquals("run-1", crude.getAs("run_id"));
        // Everyone is 70-74 (ESP 5,000 of 100,000): DSR = 20 × 5000/200 / 100,000 × 100,000 = 500.
        assertEquals(500, value(row("icb", "Q1", "emergency_admissions", "dsr_esp2013")), 1e-9);
        // L2: 9 attendances: a crude rate from the rounded counts (10 / 20), no DSR below 10 events.
        assertEquals(50_000, value(row("lsoa", "L2", "ae_attendances", "crude_rate")), 1e-9);
        Row smallDsr = row("lsoa", "L2", "ae_attendances", "dsr_esp2013");
        assertNull(value(smallDsr));
        assertFalse(smallDsr.<Boolean>getAs("suppressed"));
    }

    @Test
    void mortalityCountsDeathsInTheYearAmongThePopulationAYearBefore() {
        // 12 deaths in (T − 365, T] (one on T; the one after T is not counted) among 200 people aged 69 a year
        // before (65-69, ESP 5,500): DSR = 12 × 5500/200 / 100,000 × 100,000 = 330.
        Row mortality = row("icb", "Q1", "mortality_all_cause", "dsr_esp2013");
        assertEquals(10L, (Long) mortality.getAs("numerator"), "12 rounded to 5");
        assertEquals(200L, (Long) mortality.getAs("denominator"));
        assertEquals(330, value(mortality), 1e-9);
        assertFalse(published.containsKey("icb|Q1|mortality_all_cause|crude_rate"), "DSR only");
    }

    @Test
    void prevalenceInequalityAndSuppression() {
        // Asthma: 10 + 9 + … + 1 = 55 of 200.
        Row prevalence = row("icb", "Q1", "prevalence_asthma", "proportion_wilson");
        assertEquals(55L, (Long) prevalence.getAs("numerator"));
        assertEquals(0.275, value(prevalence), 1e-12);
        assertTrue(prevalence.<Double>getAs("lower_95") < 0.275 && prevalence.<Double>getAs("upper_95") > 0.275);
        // Decile d has (11 − d)/20 = 0.5 … 0.05 at ranks 0.05 … 0.95: y = 0.525 − 0.5 × rank, so SII = −0.5 (higher in the most
        // deprived) and RII = (0.525 − 0.5) / 0.525.
        assertEquals(-0.5, value(row("icb", "Q1", "prevalence_asthma", "sii")), 1e-12);
        assertEquals(0.025 / 0.525, value(row("icb", "Q1", "prevalence_asthma", "rii")), 1e-12);
        assertNull(value(row("place", "P1", "prevalence_asthma", "sii")), "P1 has deciles 1-5 only");
        // L10: 1 person with asthma: withheld, and its value and limits null, not 0.
        Row small = row("lsoa", "L10", "prevalence_asthma", "proportion_wilson");
        assertTrue(small.<Boolean>getAs("suppressed"));
        for (String c : List.of("numerator", "value", "lower_95", "upper_95", "lower_998", "upper_998")) {
            assertTrue(small.isNullAt(small.fieldIndex(c)), c);
        }
        assertEquals(20L, (Long) small.getAs("denominator"));
        // No eFI yet: nobody frail among the 200 people aged 65+, published as 0 (a count, not a withheld one).
        Row frailty = row("icb", "Q1", "frailty_moderate_severe_65plus", "proportion_wilson");
        assertEquals(0L, (Long) frailty.getAs("numerator"));
        assertEquals(0.0, value(frailty));
        // PCN N1 (asthma 40 of 100) against the ICB's 0.275.
        Row pcn = row("pcn", "N1", "prevalence_asthma", "proportion_wilson");
        assertEquals(0.4, value(pcn), 1e-12);
        assertEquals(0.275, pcn.<Double>getAs("comparator_value"), 1e-12);
        // Wilson limits of 27.5 out of 100 (the ICB's proportion at N1's denominator): N1 lies above the 95%
        // funnel and inside the 99.8% one.
        assertEquals(0.369607139100752, pcn.<Double>getAs("funnel_upper_95"), 1e-12);
        assertEquals(0.19703993509239154, pcn.<Double>getAs("funnel_lower_95"), 1e-12);
        assertEquals(0.42789659361001103, pcn.<Double>getAs("funnel_upper_998"), 1e-12);
        assertEquals(0.161330328165969, pcn.<Double>getAs("funnel_lower_998"), 1e-12);
    }

    /**
     * The population at T, emergency admissions and A&E attendances of an area are segment_summary's figures too:
     * the indicators publish that table's figures, withheld where it withholds them, so that one table never gives
     * back what the other withheld. Other denominators (the population a year before) stay the indicators' own.
     */
    @Test
    void figuresSharedWithTheSegmentSummaryAreTakenFromIt() {
        Map<String, Indicators.SharedFigures> shared = Map.of(
                IndicatorStatistics.areaKey("lsoa", "L1"), new Indicators.SharedFigures(null, null, 0L),
                IndicatorStatistics.areaKey("lsoa", "L2"), new Indicators.SharedFigures(20L, 0L, 10L));
        Map<String, Row> rows = new HashMap<>();
        for (Row r : Indicators.compute(people, yearBefore, CONDITIONS, T, new DisclosureControl(8, 5, 1000),
                Indicators.membership(people, yearBefore), shared,
                Fixtures.table(NAMES, new Object[] {"icb", "Q1", "Test ICB"}), "run-1").table().collectAsList()) {
            rows.put(r.getAs("geography_code") + "|" + r.getAs("indicator_id") + "|" + r.getAs("method"), r);
        }
        Row l1 = rows.get("L1|emergency_admissions|crude_rate");
        assertTrue(l1.<Boolean>getAs("suppressed"), "population withheld in segment_summary: withheld here too");
        for (String c : List.of("numerator", "denominator", "value", "lower_95", "upper_95")) {
            assertTrue(l1.isNullAt(l1.fieldIndex(c)), c);
        }
        Row l1Asthma = rows.get("L1|prevalence_asthma|proportion_wilson");
        assertTrue(l1Asthma.isNullAt(l1Asthma.fieldIndex("denominator")));
        assertTrue(l1Asthma.isNullAt(l1Asthma.fieldIndex("value")));
        assertEquals(20L, (Long) rows.get("L1|mortality_all_cause|dsr_esp2013").getAs("denominator"),
                "the population a year before is not in segment_summary: the indicators' own figure");
        Row l2Ae = rows.get("L2|ae_attendances|crude_rate");
        assertEquals(10L, (Long) l2Ae.getAs("numerator"), "segment_summary's rounded A&E figure for L2");
        assertEquals(50_000.0, value(l2Ae), 1e-9, "10 per 20 people, per 100,000");
    }

    @Test
    void numeratorsAddUpAcrossLevelsBeforeRounding() {
        Dataset<Row> counts = IndicatorCounts.areaCounts(Indicators.strata(people, yearBefore, CONDITIONS, T),
                Indicator.catalogue(CONDITIONS));
        Map<String, long[]> byLevel = new HashMap<>();
        for (Row r : counts.collectAsList()) {
            long[] sums = byLevel.computeIfAbsent(r.getAs("geography_level") + "|" + r.getAs("indicator_id"),
                    k -> new long[2]);
            sums[0] += r.<Long>getAs("numerator");
            sums[1] += r.<Long>getAs("denominator");
        }
        for (String indicator : List.of("emergency_admissions", "ae_attendances", "prevalence_asthma",
                "mortality_all_cause")) {
            long[] icb = byLevel.get("icb|" + indicator);
            for (String level : List.of("place", "pcn", "lsoa")) {
                assertEquals(icb[0], byLevel.get(level + "|" + indicator)[0], level + " numerators of " + indicator);
                assertEquals(icb[1], byLevel.get(level + "|" + indicator)[1], level + " denominators of " + indicator);
            }
        }
        assertEquals(55, byLevel.get("place|prevalence_asthma")[0]);
        assertEquals(12, byLevel.get("icb|mortality_all_cause")[0]);
    }
}
