package uk.nhs.phm.pipeline.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure-Java core of {@link DisclosureControl#protect}: which figures of a table to withhold. Primary suppression
 * (counts 1 to threshold − 1), withholding with inputs ({@link TableLayout.Measure#withheldWith}), then
 * {@link SecondarySuppression} over the table's additive relations, one measure at a time (each measure's
 * relations involve only that measure).
 */
public final class TableProtection {
    /** One row of the table: its key and its true figures, in the order of the layout's measures. */
    public record Cell(List<String> keys, String category, String level, String code, double[] values) {
        public String id() {
            return TableLayout.cellId(keys, category, level, code);
        }
    }

    /** How many cells of a measure were withheld, and why (each cell counted once, for its first reason). */
    public record MeasureStats(String table, String measure, int cells, int primary, int derived, int secondary) {
    }

    /** @param withheld per measure (layout order), per cell (input order) */
    public record Outcome(boolean[][] withheld, List<MeasureStats> stats) {
    }

    private TableProtection() {
    }

    /**
     * @param cells in any order: they are protected in cell-id order, since which cell secondary suppression picks
     *              can depend on the order relations are met, and a rerun whose rows come back from Spark in
     *              another order must withhold the same cells; the flags come back in the order given
     */
    public static Outcome protect(List<Cell> cells, TableLayout layout, GeographyMembership membership, int threshold) {
        Integer[] order = new Integer[cells.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparing(i -> cells.get(i).id()));
        List<Cell> sorted = new ArrayList<>(order.length);
        for (int i : order) {
            sorted.add(cells.get(i));
        }
        Outcome inIdOrder = protectInOrder(sorted, layout, membership, threshold);
        boolean[][] withheld = new boolean[inIdOrder.withheld().length][cells.size()];
        for (int m = 0; m < withheld.length; m++) {
            for (int k = 0; k < order.length; k++) {
                withheld[m][order[k]] = inIdOrder.withheld()[m][k];
            }
        }
        return new Outcome(withheld, inIdOrder.stats());
    }

    private static Outcome protectInOrder(List<Cell> cells, TableLayout layout, GeographyMembership membership,
                                          int threshold) {
        int n = cells.size();
        List<TableLayout.Measure> measures = layout.measures();
        boolean[][] withheld = new boolean[measures.size()][];
        List<MeasureStats> stats = new ArrayList<>();
        for (int m = 0; m < measures.size(); m++) {
            TableLayout.Measure measure = measures.get(m);
            boolean[] small = new boolean[n];
            boolean[] start = new boolean[n];
            int primary = 0;
            int derived = 0;
            for (int i = 0; i < n; i++) {
                double v = cells.get(i).values()[m];
                small[i] = measure.kind() == TableLayout.Kind.COUNT && v >= 1 && v < threshold;
                boolean withInputs = false;
                for (String input : measure.withheldWith()) {
                    withInputs |= withheld[layout.measureIndex(input)][i];
                }
                start[i] = small[i] || withInputs;
                primary += small[i] ? 1 : 0;
                derived += !small[i] && withInputs ? 1 : 0;
            }
            AdditiveSystem system = new AdditiveSystem();
            addTable(system, "", cells, layout, membership, m);
            withheld[m] = SecondarySuppression.apply(system, start);
            int secondary = 0;
            for (int i = 0; i < n; i++) {
                secondary += withheld[m][i] && !start[i] ? 1 : 0;
            }
            stats.add(new MeasureStats(layout.tableName(), measure.name(), n, primary, derived, secondary));
        }
        return new Outcome(withheld, stats);
    }

    /**
     * Adds one measure of a table to {@code system}: a cell per row (id {@code prefix + cell id}, in input order) and
     * its relations: within each area the category total is the sum of the other categories, and for each key and
     * category, every group of {@link GeographyMembership#balances} adds up on both sides. A group none of whose
     * areas on one side has a row says the membership and the table disagree (a level the table does not publish),
     * so it gives no relation.
     *
     * @return the index of the first cell added
     */
    public static int addTable(AdditiveSystem system, String prefix, List<Cell> cells, TableLayout layout,
                               GeographyMembership membership, int measure) {
        int first = system.cells();
        int levels = layout.levels().size();
        Map<String, List<Integer>> byArea = new LinkedHashMap<>();
        Map<String, Integer> totalOfArea = new HashMap<>();
        Map<String, Map<String, Integer>> byKeyAndCategory = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            boolean isTotal = layout.categoryColumn() != null && layout.categoryTotal().equals(c.category());
            int levelRank = layout.levels().indexOf(c.level());
            int cell = system.addCell(prefix + c.id(), c.values()[measure],
                    (isTotal ? levels : 0) + Math.max(levelRank, 0));
            if (layout.categoryColumn() != null) {
                String area = String.join("|", c.keys()) + "|" + c.level() + "|" + c.code();
                if (isTotal) {
                    totalOfArea.put(area, cell);
                } else {
                    byArea.computeIfAbsent(area, k -> new ArrayList<>()).add(cell);
                }
            }
            byKeyAndCategory.computeIfAbsent(String.join("|", c.keys()) + "|" + c.category(),
                    k -> new HashMap<>()).put(c.level() + "|" + c.code(), cell);
        }
        for (Map.Entry<String, List<Integer>> e : byArea.entrySet()) {
            if (!totalOfArea.containsKey(e.getKey())) {
                continue;
            }
            system.addSum(totalOfArea.get(e.getKey()),
                    e.getValue().stream().mapToInt(Integer::intValue).toArray());
        }
        List<GeographyMembership.Balance> balances = membership.balances();
        for (Map<String, Integer> areas : byKeyAndCategory.values()) {
            for (GeographyMembership.Balance b : balances) {
                List<Integer> left = present(areas, b.levelA(), b.codesA());
                List<Integer> right = present(areas, b.levelB(), b.codesB());
                if (!left.isEmpty() && !right.isEmpty()) {
                    system.addBalance(left, right);
                }
            }
        }
        return first;
    }

    private static List<Integer> present(Map<String, Integer> areas, String level, List<String> codes) {
        List<Integer> out = new ArrayList<>();
        for (String code : codes) {
            Integer cell = areas.get(level + "|" + code);
            if (cell != null) {
                out.add(cell);
            }
        }
        return out;
    }
}
