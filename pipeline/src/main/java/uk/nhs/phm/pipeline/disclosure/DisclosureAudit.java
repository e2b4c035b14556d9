package uk.nhs.phm.pipeline.disclosure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The audit of what a run publishes: every disclosure-controlled table's final cells (withheld = null), their
 * relations from the same {@link TableLayout} and {@link GeographyMembership} as protection used, and the equalities
 * between tables that publish the same quantity, all in one system for the {@link RecoverabilityAuditor}. It is
 * independent of how the cells were chosen: it sees only which are withheld.
 */
public final class DisclosureAudit {
    public static final String PASS = "pass";
    public static final String FAIL = "fail";

    /**
     * One disclosure-controlled table as published.
     *
     * @param withheld per measure (layout order), per cell (in the order of {@code cells})
     */
    public record PublishedTable(TableLayout layout, List<TableProtection.Cell> cells, boolean[][] withheld) {
    }

    /**
     * The same quantity published in two tables: e.g. an area's population as {@code segment_summary}'s
     * {@code patients} of segment {@code all} and as an indicator's denominator. Cell ids are
     * {@link TableLayout#cellId}. Withheld in one and published in the other, the withheld one is determined.
     */
    public record EqualityLink(String leftTable, String leftMeasure, String leftCell, String rightTable,
                               String rightMeasure, String rightCell) {
    }

    /** One line of {@code ops/disclosure_audit}. */
    public record Line(String table, String measure, long cells, long primary, long secondary, long derived,
                       long determined, String verdict) {
        public boolean passed() {
            return PASS.equals(verdict);
        }
    }

    private DisclosureAudit() {
    }

    /**
     * @param stats how protection withheld each table's cells (primary, derived, secondary), keyed by
     *              {@code table/measure}; a table published without them shows 0 for each
     */
    public static List<Line> audit(List<PublishedTable> tables, GeographyMembership membership,
                                   List<EqualityLink> links, Map<String, TableProtection.MeasureStats> stats) {
        AdditiveSystem system = new AdditiveSystem();
        List<boolean[]> flags = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        List<String[]> names = new ArrayList<>();
        for (PublishedTable t : tables) {
            for (int m = 0; m < t.layout().measures().size(); m++) {
                String measure = t.layout().measures().get(m).name();
                int first = TableProtection.addTable(system, prefix(t.layout().tableName(), measure), t.cells(),
                        t.layout(), membership, m);
                flags.add(t.withheld()[m]);
                ranges.add(new int[] {first, system.cells()});
                names.add(new String[] {t.layout().tableName(), measure});
            }
        }
        for (EqualityLink l : links) {
            int left = system.cell(prefix(l.leftTable(), l.leftMeasure()) + l.leftCell());
            int right = system.cell(prefix(l.rightTable(), l.rightMeasure()) + l.rightCell());
            if (left < 0 || right < 0) {
                throw new IllegalArgumentException("An equality link names a cell no audited table has: "
                        + (left < 0 ? l.leftTable() + "/" + l.leftMeasure() : l.rightTable() + "/" + l.rightMeasure()));
            }
            system.addRelation(new int[] {left, right}, new int[] {1, -1});
        }
        boolean[] suppressed = new boolean[system.cells()];
        for (int k = 0; k < flags.size(); k++) {
            System.arraycopy(flags.get(k), 0, suppressed, ranges.get(k)[0], ranges.get(k)[1] - ranges.get(k)[0]);
        }
        RecoverabilityAuditor.Result result = RecoverabilityAuditor.audit(system, suppressed);
        List<Line> lines = new ArrayList<>();
        for (int k = 0; k < flags.size(); k++) {
            int[] range = ranges.get(k);
            long determined = result.determined().stream().filter(c -> c >= range[0] && c < range[1]).count();
            long withheld = 0;
            for (boolean f : flags.get(k)) {
                withheld += f ? 1 : 0;
            }
            TableProtection.MeasureStats s = stats.get(names.get(k)[0] + "/" + names.get(k)[1]);
            long primary = s == null ? 0 : s.primary();
            long derived = s == null ? 0 : s.derived();
            lines.add(new Line(names.get(k)[0], names.get(k)[1], range[1] - range[0], primary,
                    withheld - primary - derived, derived, determined, determined == 0 ? PASS : FAIL));
        }
        return lines;
    }

    private static String prefix(String table, String measure) {
        return table + "/" + measure + "/";
    }
}
