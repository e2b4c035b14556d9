package uk.nhs.phm.pipeline.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.aggregate.SegmentSummary;
import uk.nhs.phm.pipeline.testing.Fixtures;

/**
 * A hand-worked case: two LSOAs (A, B) in one Place P1.
 * <pre>
 *            healthy  ltc  acute  all
 *   A          50      5    20     75     ltc 5 is primary-suppressed; alone in A, so A/acute (20) goes too
 *   B          30     12     9     51     ltc: A/ltc alone in P1, so B/ltc goes; then acute likewise: B/acute
 *   P1         80     17    29    126     nothing small; one Place in the extract, so nothing to protect
 * </pre>
 */
class DisclosureControlTest {
    private static final StructType CELLS = new StructType()
            .add("geography_level", DataTypes.StringType).add("geography_code", DataTypes.StringType)
            .add("segment", DataTypes.StringType)
            .add("risk_tier", DataTypes.StringType).add("geography_name", DataTypes.StringType)
            .add("patients", DataTypes.LongType).add("nel_admissions_12m", DataTypes.LongType)
            .add("ae_attendances_12m", DataTypes.LongType).add("bed_days_12m", DataTypes.LongType)
            .add("cost_12m", DataTypes.DoubleType);

    private static final StructType MEMBERSHIP = new StructType().add("lsoa", DataTypes.StringType)
            .add("pcn", DataTypes.StringType).add("place", DataTypes.StringType).add("icb", DataTypes.StringType);

    /** LSOA → Place only: the case has no PCN or ICB rows. */
    private static Dataset<Row> inPlace(String place, String... lsoas) {
        List<Object[]> rows = new ArrayList<>();
        for (String l : lsoas) {
            rows.add(new Object[] {l, "unknown", place, "unknown"});
        }
        return Fixtures.table(MEMBERSHIP, rows.toArray(new Object[0][]));
    }

    private static Object[] cell(String level, String code, String segment, long patients, long nel) {
        return new Object[] {level, code, segment, "all", code, patients, nel, 3L, 40L, 1234.56};
    }

    @Test
    void primaryAndSecondarySuppressionThenRounding() {
        List<Object[]> rows = new ArrayList<>(List.of(
                cell("lsoa", "A", "healthy_well", 50, 0), cell("lsoa", "A", "ltc", 5, 0),
                cell("lsoa", "A", "acute", 20, 22), cell("lsoa", "A", "all", 75, 22),
                cell("lsoa", "B", "healthy_well", 30, 0), cell("lsoa", "B", "ltc", 12, 4),
                cell("lsoa", "B", "acute", 9, 9), cell("lsoa", "B", "all", 51, 13),
                cell("place", "P1", "healthy_well", 80, 0), cell("place", "P1", "ltc", 17, 4),
                cell("place", "P1", "acute", 29, 31), cell("place", "P1", "all", 126, 35)));
        Dataset<Row> raw = Fixtures.table(CELLS, rows.toArray(new Object[0][]));
        Dataset<Row> out = SegmentSummary.publish(raw, inPlace("P1", "A", "B"), new DisclosureControl(8, 5, 1000))
                .published();
        Map<String, Row> byCell = new HashMap<>();
        for (Row r : out.collectAsList()) {
            byCell.put(r.getString(r.fieldIndex("geography_code")) + "/" + r.getString(r.fieldIndex("segment")), r);
        }
        for (String suppressed : List.of("A/ltc", "A/acute", "B/ltc", "B/acute")) {
            Row r = byCell.get(suppressed);
            assertTrue(r.getBoolean(r.fieldIndex("suppressed")), suppressed + " should be suppressed");
            assertTrue(r.isNullAt(r.fieldIndex("patients")), suppressed + " count should be null");
            assertTrue(r.isNullAt(r.fieldIndex("share_of_population")), suppressed + " share should be null");
            assertTrue(r.isNullAt(r.fieldIndex("cost_12m")), suppressed + " cost should be null");
        }
        Map<String, Long> published = Map.of("A/healthy_well", 50L, "A/all", 75L, "B/healthy_well", 30L, "B/all", 50L,
                "P1/healthy_well", 80L, "P1/ltc", 15L, "P1/acute", 30L, "P1/all", 125L);
        published.forEach((cell, expected) -> {
            Row r = byCell.get(cell);
            assertEquals(false, r.getBoolean(r.fieldIndex("suppressed")), cell);
            assertEquals(expected, r.getLong(r.fieldIndex("patients")), cell);
        });
        // Activity counts get the same treatment: P1/ltc has 4 emergency admissions (small), and P1's total (35)
        // less healthy (0) and acute (31) would give it back, so acute's 31 is suppressed too; the total stays.
        Row p1ltc = byCell.get("P1/ltc");
        Row p1acute = byCell.get("P1/acute");
        assertTrue(p1ltc.isNullAt(p1ltc.fieldIndex("nel_admissions_12m")), "nel 4 is small");
        assertTrue(p1acute.isNullAt(p1acute.fieldIndex("nel_admissions_12m")), "nel 31 would reveal the 4");
        assertEquals(false, p1acute.getBoolean(p1acute.fieldIndex("suppressed")), "the people count stays published");
        assertEquals(true, p1acute.getBoolean(p1acute.fieldIndex("activity_suppressed")), "but says a figure is withheld");
        // Every cell of this case has 3 A&E attendances (small), so every cell says a figure is withheld.
        Row p1all = byCell.get("P1/all");
        assertTrue(p1all.isNullAt(p1all.fieldIndex("ae_attendances_12m")));
        assertEquals(true, p1all.getBoolean(p1all.fieldIndex("activity_suppressed")));
        assertEquals(35L, byCell.get("P1/all").getLong(p1ltc.fieldIndex("nel_admissions_12m")));
        assertEquals(0L, byCell.get("P1/healthy_well").getLong(p1ltc.fieldIndex("nel_admissions_12m")));
        assertEquals(15.0 / 125.0, p1ltc.getDouble(p1ltc.fieldIndex("share_of_population")), 1e-12);
        // Cost is withheld wherever a count it is built from is: here every cell's A&E count.
        assertTrue(p1ltc.isNullAt(p1ltc.fieldIndex("cost_12m")), "cost beside withheld counts would give them back");
        for (Row r : out.collectAsList()) {
            if (!r.isNullAt(r.fieldIndex("patients"))) {
                long n = r.getLong(r.fieldIndex("patients"));
                assertTrue(n % 5 == 0 && (n == 0 || n >= 10), "published count " + n);
            }
        }
    }

    /**
     * A total must not be rebuilt by adding up published parts. Place P holds LSOA L1 (5 people, healthy) and L2
     * (60 LTC, 40 acute); all are in PCN N1 of ICB Q. The small cells are L1's and the healthy_well cells of P, N1
     * and Q. Without the totals in the sibling groups, L2's total (forced out to protect L1) would equal 60 + 40.
     */
    @Test
    void noSuppressedCellIsAloneInAGroupOfCellsThatAddUp() {
        List<Object[]> rows = new ArrayList<>();
        for (String[] area : new String[][] {{"lsoa", "L1"}, {"lsoa", "L2"}, {"place", "P"}, {"pcn", "N1"},
            {"icb", "Q"}}) {
            boolean l1 = area[1].equals("L1");
            boolean l2 = area[1].equals("L2");
            if (!l2) {
                rows.add(cell(area[0], area[1], "healthy_well", 5, 0));
            }
            if (!l1) {
                rows.add(cell(area[0], area[1], "ltc", 60, 30));
                rows.add(cell(area[0], area[1], "acute", 40, 50));
            }
            rows.add(cell(area[0], area[1], "all", l1 ? 5 : l2 ? 100 : 105, l1 ? 0 : 80));
        }
        Dataset<Row> raw = Fixtures.table(CELLS, rows.toArray(new Object[0][]));
        Dataset<Row> membership = Fixtures.table(MEMBERSHIP, new Object[] {"L1", "N1", "P", "Q"},
                new Object[] {"L2", "N1", "P", "Q"});
        Dataset<Row> out = SegmentSummary.publish(raw, membership, new DisclosureControl(8, 5, 1000)).published();
        List<String> suppressed = out.filter("suppressed").selectExpr("concat(geography_code, '/', segment)")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertEquals(java.util.Set.of("L1/healthy_well", "L1/all", "P/healthy_well", "N1/healthy_well", "Q/healthy_well",
                "L2/all", "L2/acute", "P/acute", "N1/acute", "Q/acute"), java.util.Set.copyOf(suppressed));

        // The invariant itself, checked by the auditor on the published table: no withheld figure is determined.
        for (DisclosureAudit.Line line : DisclosureAudit.audit(List.of(DisclosureControl.published(out,
                        SegmentSummary.LAYOUT)), DisclosureControl.membership(membership, SegmentSummary.LAYOUT),
                List.of(), Map.of())) {
            assertEquals(0, line.determined(), line.measure());
        }
    }

    /**
     * The leak the issue found: A&E withheld (3 attendances) while the cell's cost, every attendance at £180,
     * gave it back (540 / 180 = 3). Cost is now withheld with the count, protected by subtraction like a count
     * (the area total less the other segments would give it back too) and rounded to £1,000.
     */
    @Test
    void costIsNeverPublishedBesideACountItWouldGiveBack() {
        long[][] ae = {{40, 3, 20}, {30, 12, 9}};
        List<Object[]> rows = new ArrayList<>();
        String[] segments = {"healthy_well", "ltc", "acute"};
        long[] placeAe = new long[3];
        for (int a = 0; a < 2; a++) {
            long total = 0;
            for (int g = 0; g < 3; g++) {
                rows.add(new Object[] {"lsoa", "L" + a, segments[g], "all", "L" + a, 50L, 10L, ae[a][g], 10L,
                        180.0 * ae[a][g]});
                total += ae[a][g];
                placeAe[g] += ae[a][g];
            }
            rows.add(new Object[] {"lsoa", "L" + a, "all", "all", "L" + a, 150L, 30L, total, 30L, 180.0 * total});
        }
        for (int g = 0; g < 3; g++) {
            rows.add(new Object[] {"place", "P", segments[g], "all", "P", 100L, 20L, placeAe[g], 20L,
                    180.0 * placeAe[g]});
        }
        long all = placeAe[0] + placeAe[1] + placeAe[2];
        rows.add(new Object[] {"place", "P", "all", "all", "P", 300L, 60L, all, 60L, 180.0 * all});
        Dataset<Row> out = SegmentSummary.publish(Fixtures.table(CELLS, rows.toArray(new Object[0][])),
                inPlace("P", "L0", "L1"), new DisclosureControl(8, 5, 1000)).published();
        Map<String, Row> byCell = new HashMap<>();
        for (Row r : out.collectAsList()) {
            byCell.put(r.getString(r.fieldIndex("geography_code")) + "/" + r.getString(r.fieldIndex("segment")), r);
        }
        Row small = byCell.get("L0/ltc");
        assertTrue(small.isNullAt(small.fieldIndex("ae_attendances_12m")), "3 attendances are withheld");
        assertTrue(small.isNullAt(small.fieldIndex("cost_12m")), "and so is the cost that is 3 x 180");
        assertTrue(small.getBoolean(small.fieldIndex("activity_suppressed")));
        // The adversary: in every group of cells that add up, a withheld cost must not be the only one.
        for (String area : List.of("L0", "L1", "P")) {
            long withheld = java.util.Arrays.stream(new String[] {"healthy_well", "ltc", "acute", "all"})
                    .filter(seg -> byCell.get(area + "/" + seg).isNullAt(small.fieldIndex("cost_12m"))).count();
            assertTrue(withheld != 1, area + ": one withheld cost would be its total less the others");
        }
        for (String seg : List.of("healthy_well", "ltc", "acute", "all")) {
            long withheld = java.util.stream.Stream.of("L0", "L1", "P")
                    .filter(area -> byCell.get(area + "/" + seg).isNullAt(small.fieldIndex("cost_12m"))).count();
            assertTrue(withheld != 1, seg + ": one withheld cost would be the Place's less the other LSOA's");
        }
        for (Row r : out.collectAsList()) {
            if (!r.isNullAt(r.fieldIndex("cost_12m"))) {
                assertEquals(0.0, r.getDouble(r.fieldIndex("cost_12m")) % 1000, 1e-9, "money rounded to £1,000");
            }
        }
    }

    /**
     * The four-LSOA case of {@code SecondarySuppressionTest} through the Dataset wiring, with
     * {@code disclosure.rounding=1} so that every published figure is exact: the old rule left L1/s3 (4 people)
     * fixed by two linked cycles; now L2/s3 is withheld too and the audit of the published table passes.
     */
    @Test
    void twoLinkedCyclesAreBrokenThroughTheDatasetWiringAtRoundingOne() {
        long[][] v = {{3, 4, 4, 20, 100}, {5, 2, 15, 30, 90}, {25, 12, 6, 3, 80}, {18, 40, 2, 5, 70}};
        String[] seg = {"s1", "s2", "s3", "s4", "healthy_well"};
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> membership = new ArrayList<>();
        long[] place = new long[5];
        for (int l = 0; l < 4; l++) {
            long all = 0;
            for (int g = 0; g < 5; g++) {
                rows.add(new Object[] {"lsoa", "L" + (l + 1), seg[g], "all", "L" + (l + 1), v[l][g], 10L, 10L, 10L,
                        100.0});
                all += v[l][g];
                place[g] += v[l][g];
            }
            rows.add(new Object[] {"lsoa", "L" + (l + 1), "all", "all", "L" + (l + 1), all, 50L, 50L, 50L, 500.0});
            membership.add(new Object[] {"L" + (l + 1), "unknown", "P", "unknown"});
        }
        long total = 0;
        for (int g = 0; g < 5; g++) {
            rows.add(new Object[] {"place", "P", seg[g], "all", "P", place[g], 40L, 40L, 40L, 400.0});
            total += place[g];
        }
        rows.add(new Object[] {"place", "P", "all", "all", "P", total, 200L, 200L, 200L, 2000.0});
        Dataset<Row> members = Fixtures.table(MEMBERSHIP, membership.toArray(new Object[0][]));
        Dataset<Row> out = SegmentSummary.publish(Fixtures.table(CELLS, rows.toArray(new Object[0][])), members,
                new DisclosureControl(8, 1, 1)).published();
        List<String> suppressed = out.filter("suppressed").selectExpr("concat(geography_code, '/', segment)")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertEquals(java.util.Set.of("L1/s1", "L1/s2", "L2/s1", "L2/s2", "L3/s3", "L3/s4", "L4/s3", "L4/s4", "L1/s3",
                "L2/s3"), java.util.Set.copyOf(suppressed));
        Row placeTotal = out.filter("geography_code = 'P' AND segment = 'all'").first();
        assertEquals(534L, placeTotal.getLong(placeTotal.fieldIndex("patients")), "rounding 1 publishes the exact total");
        for (DisclosureAudit.Line line : DisclosureAudit.audit(List.of(DisclosureControl.published(out,
                SegmentSummary.LAYOUT)), DisclosureControl.membership(members, SegmentSummary.LAYOUT), List.of(),
                Map.of())) {
            assertEquals(DisclosureAudit.PASS, line.verdict(), line.toString());
        }
    }
}
