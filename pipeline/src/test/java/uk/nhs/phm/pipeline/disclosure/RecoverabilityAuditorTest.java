package uk.nhs.phm.pipeline.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The auditor against exact rational elimination, links between tables, and its speed at the size of a 1M-person
 * {@code segment_summary}.
 */
class RecoverabilityAuditorTest {
    /** Random withheld patterns on generated tables: the modular answer equals the exact rational one. */
    @Test
    void agreesWithExactRationalEliminationOnRandomPatterns() {
        Random r = new Random(42L);
        int determinedSeen = 0;
        for (int t = 0; t < 80; t++) {
            GeneratedTables.Generated g = GeneratedTables.segmentTable(r);
            AdditiveSystem s = new AdditiveSystem();
            TableProtection.addTable(s, "", g.cells(), GeneratedTables.SEGMENTS, g.membership(), 0);
            boolean[] withheld = new boolean[s.cells()];
            double share = 0.1 + 0.5 * r.nextDouble();
            for (int i = 0; i < withheld.length; i++) {
                withheld[i] = r.nextDouble() < share;
            }
            List<Integer> exact = exactlyDetermined(s, withheld);
            assertEquals(exact, RecoverabilityAuditor.audit(s, withheld).determined(), "table " + t);
            determinedSeen += exact.size();
        }
        assertTrue(determinedSeen > 0, "the patterns include determined cells");
    }

    /**
     * An area's population published in segment_summary (its {@code all} row) and withheld as an indicator's
     * denominator is recoverable once the two tables are linked; published in both, or withheld in both, it is not.
     */
    @Test
    void aQuantityWithheldInOneTableAndPublishedInAnotherFailsTheLinkedAudit() {
        GeographyMembership one = new GeographyMembership(GeneratedTables.LEVELS,
                List.<String[]>of(new String[] {"L", "N", "P", "I"}));
        TableLayout people = new TableLayout("segment_summary", "level", "code", List.of("lsoa", "pcn", "place", "icb"),
                "segment", "all", List.of("all"), List.of(TableLayout.Measure.count("patients")));
        TableLayout indicators = new TableLayout("indicators", "level", "code", List.of("lsoa", "pcn", "place", "icb"),
                null, null, List.of("pop", "m"), List.of(TableLayout.Measure.count("denominator")));
        List<TableProtection.Cell> summary = List.of(
                new TableProtection.Cell(List.of("all"), "s1", "lsoa", "L", new double[] {30}),
                new TableProtection.Cell(List.of("all"), "s2", "lsoa", "L", new double[] {20}),
                new TableProtection.Cell(List.of("all"), "all", "lsoa", "L", new double[] {50}));
        List<TableProtection.Cell> denominators = List.of(
                new TableProtection.Cell(List.of("pop", "m"), null, "lsoa", "L", new double[] {50}));
        DisclosureAudit.EqualityLink link = new DisclosureAudit.EqualityLink("segment_summary", "patients",
                TableLayout.cellId(List.of("all"), "all", "lsoa", "L"), "indicators", "denominator",
                TableLayout.cellId(List.of("pop", "m"), null, "lsoa", "L"));
        List<DisclosureAudit.Line> mismatched = DisclosureAudit.audit(List.of(
                new DisclosureAudit.PublishedTable(people, summary, new boolean[][] {{false, false, false}}),
                new DisclosureAudit.PublishedTable(indicators, denominators, new boolean[][] {{true}})),
                one, List.of(link), Map.of());
        assertEquals(new DisclosureAudit.Line("indicators", "denominator", 1, 0, 1, 0, 1, DisclosureAudit.FAIL),
                mismatched.get(1));
        assertEquals(DisclosureAudit.PASS, mismatched.get(0).verdict());
        List<DisclosureAudit.Line> unlinked = DisclosureAudit.audit(List.of(
                new DisclosureAudit.PublishedTable(people, summary, new boolean[][] {{false, false, false}}),
                new DisclosureAudit.PublishedTable(indicators, denominators, new boolean[][] {{true}})),
                one, List.of(), Map.of());
        assertEquals(DisclosureAudit.PASS, unlinked.get(1).verdict(), "without the link the audit cannot see it");
        List<DisclosureAudit.Line> both = DisclosureAudit.audit(List.of(
                new DisclosureAudit.PublishedTable(people, summary, new boolean[][] {{false, true, true}}),
                new DisclosureAudit.PublishedTable(indicators, denominators, new boolean[][] {{true}})),
                one, List.of(link), Map.of());
        assertTrue(both.stream().allMatch(DisclosureAudit.Line::passed), both.toString());
    }

    /**
     * 1M people: ~600 LSOAs in 10 Places of 3 ICBs, 50 PCNs, 9 segments from 60% to 0.3% of people, 5 measures.
     * Protection (greedy, then audit rounds) must take seconds, not minutes.
     */
    @Test
    void protectsAMillionPersonSizedTableInSeconds() {
        Random r = new Random(1L);
        double[] segmentShare = {0.60, 0.20, 0.08, 0.05, 0.03, 0.02, 0.01, 0.007, 0.003};
        List<String[]> combos = new ArrayList<>();
        List<double[][]> figures = new ArrayList<>();
        for (int l = 0; l < 600; l++) {
            int place = l / 60;
            int icb = place * 3 / 10;
            for (int k = 0; k < 2; k++) {
                int pcn = Math.min(49, icb * 17 + (l / 12 + k) % 17);
                combos.add(new String[] {"L" + l, "N" + pcn, "P" + place, "I" + (pcn * 3 / 50)});
                double[][] f = new double[9][];
                for (int sgm = 0; sgm < 9; sgm++) {
                    double people = Math.max(0, Math.round(830 * segmentShare[sgm] * (0.5 + r.nextDouble())));
                    double nel = Math.round(people * 0.1 * sgm * r.nextDouble());
                    f[sgm] = new double[] {people, nel, Math.round(nel * 0.3), nel * 4, 2000 * nel + 90 * people};
                }
                figures.add(f);
            }
        }
        TableLayout layout = new TableLayout("segment_summary", "level", "code", GeneratedTables.LEVELS, "segment",
                "all", List.of("all"), List.of(TableLayout.Measure.count("patients"),
                TableLayout.Measure.count("nel", "patients"), TableLayout.Measure.count("ae", "patients"),
                TableLayout.Measure.count("bed_days", "patients"),
                TableLayout.Measure.money("cost", "patients", "nel", "ae", "bed_days")));
        java.util.Map<String, double[]> sums = new java.util.LinkedHashMap<>();
        for (int c = 0; c < combos.size(); c++) {
            for (int lv = 0; lv < 4; lv++) {
                for (int sgm = 0; sgm < 9; sgm++) {
                    for (String seg : List.of("s" + sgm, "all")) {
                        double[] sum = sums.computeIfAbsent(GeneratedTables.LEVELS.get(lv) + "|" + combos.get(c)[lv]
                                + "|" + seg, k -> new double[5]);
                        for (int m = 0; m < 5; m++) {
                            sum[m] += figures.get(c)[sgm][m];
                        }
                    }
                }
            }
        }
        List<TableProtection.Cell> cells = new ArrayList<>();
        sums.forEach((k, v) -> {
            String[] p = k.split("\\|");
            if (v[0] > 0) {
                cells.add(new TableProtection.Cell(List.of("all"), p[2], p[0], p[1], v));
            }
        });
        GeographyMembership membership = new GeographyMembership(GeneratedTables.LEVELS, combos);
        long start = System.nanoTime();
        TableProtection.Outcome out = TableProtection.protect(cells, layout, membership, 8);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<DisclosureAudit.Line> audit = DisclosureAudit.audit(List.of(new DisclosureAudit.PublishedTable(layout,
                cells, out.withheld())), membership, List.of(), Map.of());
        double total = (System.nanoTime() - start) / 1e9;
        System.out.printf("1M-sized segment_summary: %d cells x 5 measures, protect %.1f s, protect + audit %.1f s, "
                + "withheld per measure %s%n", cells.size(), seconds, total, out.stats());
        assertTrue(audit.stream().allMatch(DisclosureAudit.Line::passed), audit.toString());
        assertTrue(out.stats().get(0).primary() > 0, "the case has small cells");
        assertTrue(total < 60, "took " + total + " s");
    }

    /** Determined cells by Gauss–Jordan elimination over the rationals (BigInteger fractions), dense. */
    private static List<Integer> exactlyDetermined(AdditiveSystem s, boolean[] withheld) {
        List<Integer> columns = new ArrayList<>();
        int[] column = new int[s.cells()];
        for (int i = 0; i < s.cells(); i++) {
            column[i] = withheld[i] ? columns.size() : -1;
            if (withheld[i]) {
                columns.add(i);
            }
        }
        List<BigInteger[][]> rows = new ArrayList<>();
        for (int r = 0; r < s.relationCells.size(); r++) {
            BigInteger[][] row = new BigInteger[columns.size()][];
            for (int j = 0; j < row.length; j++) {
                row[j] = new BigInteger[] {BigInteger.ZERO, BigInteger.ONE};
            }
            int[] cells = s.relationCells.get(r);
            for (int i = 0; i < cells.length; i++) {
                if (withheld[cells[i]]) {
                    row[column[cells[i]]][0] = row[column[cells[i]]][0].add(BigInteger.valueOf(
                            s.relationCoefficients.get(r)[i]));
                }
            }
            rows.add(row);
        }
        int rank = 0;
        List<Integer> pivots = new ArrayList<>();
        for (int j = 0; j < columns.size() && rank < rows.size(); j++) {
            int p = -1;
            for (int i = rank; i < rows.size(); i++) {
                if (rows.get(i)[j][0].signum() != 0) {
                    p = i;
                    break;
                }
            }
            if (p < 0) {
                continue;
            }
            java.util.Collections.swap(rows, rank, p);
            BigInteger[][] pr = rows.get(rank);
            BigInteger[] inv = {pr[j][1], pr[j][0]};
            for (int k = 0; k < pr.length; k++) {
                pr[k] = mul(pr[k], inv);
            }
            for (int i = 0; i < rows.size(); i++) {
                BigInteger[][] row = rows.get(i);
                if (i != rank && row[j][0].signum() != 0) {
                    BigInteger[] f = row[j];
                    for (int k = 0; k < row.length; k++) {
                        row[k] = sub(row[k], mul(f, pr[k]));
                    }
                }
            }
            pivots.add(j);
            rank++;
        }
        List<Integer> determined = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            int nonZero = 0;
            for (BigInteger[] x : rows.get(i)) {
                nonZero += x[0].signum() != 0 ? 1 : 0;
            }
            if (nonZero == 1) {
                determined.add(columns.get(pivots.get(i)));
            }
        }
        determined.sort(null);
        return determined;
    }

    private static BigInteger[] mul(BigInteger[] a, BigInteger[] b) {
        return norm(a[0].multiply(b[0]), a[1].multiply(b[1]));
    }

    private static BigInteger[] sub(BigInteger[] a, BigInteger[] b) {
        return norm(a[0].multiply(b[1]).subtract(b[0].multiply(a[1])), a[1].multiply(b[1]));
    }

    private static BigInteger[] norm(BigInteger n, BigInteger d) {
        if (d.signum() < 0) {
            n = n.negate();
            d = d.negate();
        }
        BigInteger g = n.gcd(d);
        return g.signum() == 0 ? new BigInteger[] {BigInteger.ZERO, BigInteger.ONE}
                : new BigInteger[] {n.divide(g), d.divide(g)};
    }
}
