package uk.nhs.phm.pipeline.disclosure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-worked cases of secondary suppression and the auditor (pure Java). */
class SecondarySuppressionTest {
    private static final TableLayout PEOPLE = new TableLayout("t", "level", "code",
            List.of("lsoa", "pcn", "place", "icb"), "segment", "all", List.of("all"),
            List.of(TableLayout.Measure.count("patients")));

    private static TableProtection.Cell cell(String level, String code, String segment, double patients) {
        return new TableProtection.Cell(List.of("all"), segment, level, code, new double[] {patients});
    }

    /**
     * One LSOA: segments a = 3, b = 20, c = 30, all = 53. With a suppressed alone, 53 − 20 − 30 gives it back; the
     * smallest other detail cell (b, 20, not the total) is suppressed with it and nothing is determined.
     */
    @Test
    void aCellRecoverableFromItsRowTotalIsProtectedBySecondarySuppression() {
        List<TableProtection.Cell> cells = List.of(cell("lsoa", "L", "a", 3), cell("lsoa", "L", "b", 20),
                cell("lsoa", "L", "c", 30), cell("lsoa", "L", "all", 53));
        GeographyMembership one = new GeographyMembership(List.of("lsoa", "pcn", "place", "icb"),
                List.<String[]>of(new String[] {"L", "N", "P", "I"}));
        AdditiveSystem s = new AdditiveSystem();
        TableProtection.addTable(s, "", cells, PEOPLE, one, 0);
        boolean[] primary = {true, false, false, false};
        assertEquals(List.of(0), RecoverabilityAuditor.recoverableByOneSubtraction(s, primary));
        assertEquals(3, 53 - 20 - 30, "what one subtraction gives back from the published figures");
        assertEquals(List.of(0), RecoverabilityAuditor.audit(s, primary).determined());

        TableProtection.Outcome out = TableProtection.protect(cells, PEOPLE, one, 8);
        assertArrayEquals(new boolean[] {true, true, false, false}, out.withheld()[0]);
        assertEquals(List.of(), RecoverabilityAuditor.recoverableByOneSubtraction(s, out.withheld()[0]));
        assertTrue(RecoverabilityAuditor.audit(s, out.withheld()[0]).clean());
        assertEquals(new TableProtection.MeasureStats("t", "patients", 4, 1, 0, 1), out.stats().get(0));
    }

    /**
     * Four LSOAs of one Place P (one PCN, one ICB, so P = N = I), people per segment:
     * <pre>
     *          s1   s2   s3   s4   hw   all
     *   L1     3*   4*   4*   20  100   131
     *   L2     5*   2*   15   30   90   142
     *   L3     25   12   6*   3*   80   126
     *   L4     18   40   2*   5*   70   135
     *   P      51   58   27   58  340   534
     * </pre>
     * The starred cells are all 1–7. Every row and column holds 0 or at least 2 of them, so the old rule adds
     * nothing; but they form two cycles ({L1,L2}×{s1,s2} and {L3,L4}×{s3,s4}) joined by L1/s3, and that cell is
     * fixed: L3/s3 + L4/s3 = (126−25−12−80) + (135−18−40−70) − (58−20−30) = 8, so L1/s3 = 27 − 15 − 8 = 4.
     */
    @Test
    void twoLinkedCyclesInFourLsoasAreCaughtByTheAuditorAndBrokenBySuppression() {
        double[][] v = {{3, 4, 4, 20, 100}, {5, 2, 15, 30, 90}, {25, 12, 6, 3, 80}, {18, 40, 2, 5, 70}};
        String[] seg = {"s1", "s2", "s3", "s4", "hw"};
        List<TableProtection.Cell> cells = new ArrayList<>();
        List<String[]> membership = new ArrayList<>();
        double[] place = new double[5];
        for (int l = 0; l < 4; l++) {
            double all = 0;
            for (int s = 0; s < 5; s++) {
                cells.add(cell("lsoa", "L" + (l + 1), seg[s], v[l][s]));
                all += v[l][s];
                place[s] += v[l][s];
            }
            cells.add(cell("lsoa", "L" + (l + 1), "all", all));
            membership.add(new String[] {"L" + (l + 1), "N", "P", "I"});
        }
        for (String[] area : new String[][] {{"place", "P"}, {"pcn", "N"}, {"icb", "I"}}) {
            double all = 0;
            for (int s = 0; s < 5; s++) {
                cells.add(cell(area[0], area[1], seg[s], place[s]));
                all += place[s];
            }
            cells.add(cell(area[0], area[1], "all", all));
        }
        assertEquals(534, cells.get(cells.size() - 1).values()[0]);
        GeographyMembership m = new GeographyMembership(List.of("lsoa", "pcn", "place", "icb"), membership);
        AdditiveSystem system = new AdditiveSystem();
        TableProtection.addTable(system, "", cells, PEOPLE, m, 0);
        boolean[] primary = new boolean[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            double x = cells.get(i).values()[0];
            primary[i] = x >= 1 && x < 8;
        }
        int bridge = system.cell(TableLayout.cellId(List.of("all"), "s3", "lsoa", "L1"));

        boolean[] oldRule = SecondarySuppression.greedy(system, primary);
        assertArrayEquals(primary, oldRule, "the old rule finds nothing to add");
        assertEquals(List.of(), RecoverabilityAuditor.recoverableByOneSubtraction(system, oldRule));
        assertEquals(List.of(bridge), RecoverabilityAuditor.audit(system, oldRule).determined());
        // With disclosure.rounding=1 the published figures are the true ones: the chain gives the 4 back.
        Map<String, Double> published = published(cells, oldRule);
        double l3l4s3 = (published.get("L3/all") - published.get("L3/s1") - published.get("L3/s2") - published.get("L3/hw"))
                + (published.get("L4/all") - published.get("L4/s1") - published.get("L4/s2") - published.get("L4/hw"))
                - (published.get("P/s4") - published.get("L1/s4") - published.get("L2/s4"));
        assertEquals(4.0, published.get("P/s3") - published.get("L2/s3") - l3l4s3);

        boolean[] now = SecondarySuppression.apply(system, primary);
        assertTrue(RecoverabilityAuditor.audit(system, now).clean());
        assertEquals(List.of(), RecoverabilityAuditor.recoverableByOneSubtraction(system, now));
        // One more cell is enough: of the cells sharing a relation with L1/s3 the least informative detail cell,
        // L2/s3 (15, the smallest non-total), which puts L1/s3 on a cycle.
        List<String> added = new ArrayList<>();
        for (int i = 0; i < now.length; i++) {
            if (now[i] && !primary[i]) {
                added.add(system.id(i));
            }
        }
        assertEquals(List.of(TableLayout.cellId(List.of("all"), "s3", "lsoa", "L2")), added);
        assertFalse(now[system.cell(TableLayout.cellId(List.of("all"), "s3", "place", "P"))], "the total stays");
    }

    private static Map<String, Double> published(List<TableProtection.Cell> cells, boolean[] withheld) {
        Map<String, Double> out = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            if (!withheld[i]) {
                out.put(cells.get(i).code() + "/" + cells.get(i).category(), cells.get(i).values()[0]);
            }
        }
        return out;
    }
}
