package uk.nhs.phm.pipeline.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Over a few hundred generated hierarchical tables of both shapes ({@code segment_summary}: segments with an
 * {@code all} row per area; indicators: numerator and denominator per area × indicator × method), after protection:
 * every small count is withheld, every figure with a withheld input is withheld, no withheld figure is the only
 * withheld one of a relation (recoverable by one subtraction), and the auditor finds none determined.
 */
class DisclosurePropertyTest {
    private static final int TABLES = 300;

    @Test
    void segmentSummaryTablesHaveNoRecoverableCellAfterProtection() {
        Random r = new Random(20261123L);
        int secondaryBeyondGreedy = 0;
        for (int t = 0; t < TABLES; t++) {
            GeneratedTables.Generated g = GeneratedTables.segmentTable(r);
            secondaryBeyondGreedy += check(g, GeneratedTables.SEGMENTS, "segment table " + t);
        }
        assertTrue(secondaryBeyondGreedy > 0, "some generated tables need more than the old greedy rule");
    }

    @Test
    void indicatorTablesHaveNoRecoverableCellAfterProtection() {
        Random r = new Random(7L);
        for (int t = 0; t < TABLES; t++) {
            check(GeneratedTables.indicatorTable(r), GeneratedTables.INDICATORS, "indicator table " + t);
        }
    }

    /** @return how many tables' measures the greedy rule alone would have left with a determined cell */
    private static int check(GeneratedTables.Generated g, TableLayout layout, String what) {
        TableProtection.Outcome out = TableProtection.protect(g.cells(), layout, g.membership(), 8);
        int greedyFailures = 0;
        for (int m = 0; m < layout.measures().size(); m++) {
            TableLayout.Measure measure = layout.measures().get(m);
            boolean[] withheld = out.withheld()[m];
            boolean[] start = new boolean[withheld.length];
            for (int i = 0; i < withheld.length; i++) {
                double v = g.cells().get(i).values()[m];
                boolean small = measure.kind() == TableLayout.Kind.COUNT && v >= 1 && v < 8;
                boolean input = false;
                for (String in : measure.withheldWith()) {
                    input |= out.withheld()[layout.measureIndex(in)][i];
                }
                start[i] = small || input;
                assertTrue(!start[i] || withheld[i], what + ": " + measure.name() + " cell " + i + " must be withheld");
            }
            AdditiveSystem s = new AdditiveSystem();
            TableProtection.addTable(s, "", g.cells(), layout, g.membership(), m);
            assertEquals(List.of(), RecoverabilityAuditor.recoverableByOneSubtraction(s, withheld),
                    what + ": " + measure.name() + " by one subtraction");
            assertEquals(List.of(), RecoverabilityAuditor.audit(s, withheld).determined(),
                    what + ": " + measure.name() + " determined");
            if (!RecoverabilityAuditor.audit(s, SecondarySuppression.greedy(s, start)).clean()) {
                greedyFailures++;
            }
        }
        // Rows in another order (as Spark may return them on a rerun): the same cells withheld.
        List<TableProtection.Cell> reversed = new java.util.ArrayList<>(g.cells());
        java.util.Collections.reverse(reversed);
        TableProtection.Outcome again = TableProtection.protect(reversed, layout, g.membership(), 8);
        int n = g.cells().size();
        for (int m = 0; m < layout.measures().size(); m++) {
            for (int i = 0; i < n; i++) {
                assertEquals(out.withheld()[m][i], again.withheld()[m][n - 1 - i], what + ": rerun in another order");
            }
        }
        // The audit of the whole table, as a run does it, agrees.
        for (DisclosureAudit.Line line : DisclosureAudit.audit(List.of(new DisclosureAudit.PublishedTable(layout,
                g.cells(), out.withheld())), g.membership(), List.of(), Map.of())) {
            assertEquals(DisclosureAudit.PASS, line.verdict(), what + ": " + line);
        }
        return greedyFailures;
    }
}
