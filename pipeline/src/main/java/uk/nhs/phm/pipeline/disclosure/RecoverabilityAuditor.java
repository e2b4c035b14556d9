package uk.nhs.phm.pipeline.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that no suppressed cell can be worked out exactly from the published figures and the table's additive
 * relations. Every published figure is taken as exact: rounding is extra protection, not relied on.
 *
 * <p>Moving the published cells of each relation to its right-hand side leaves a linear system in the suppressed
 * cells. A suppressed cell is exactly determined iff its unit vector lies in the row space of that system. The
 * system is brought to reduced row echelon form; then the unit vector of a cell is in the row space iff some row
 * has the cell as its pivot and no other entry (any combination of the rows that is zero on every other pivot column
 * is a multiple of that pivot's row). Elimination is sparse and exact modulo the prime 2³¹ − 1: the coefficients
 * are ±1, and the answer can differ from the one over the rationals only where a minor of the system is a non-zero
 * multiple of that prime. The minors of these tables' sparse ±1 systems are tiny (a two-way table's are 0 or ±1),
 * so this does not arise; the tests cross-check against exact rational elimination on generated tables.
 * Independent blocks (connected components of suppressed cells sharing a relation) never mix, so the elimination
 * costs what the components cost, not the whole table.
 */
public final class RecoverabilityAuditor {
    private static final long P = 2_147_483_647L;

    private RecoverabilityAuditor() {
    }

    /**
     * @param determined suppressed cells that are exactly recoverable, ascending
     * @param component  for each cell, the smallest cell index of its component of suppressed cells (−1 when
     *                   published): the cells whose relations chain together, where the recovery comes from
     */
    public record Result(List<Integer> determined, int[] component) {
        public boolean clean() {
            return determined.isEmpty();
        }
    }

    /** Suppressed cells that are the only suppressed cell of some relation: recoverable by one subtraction. */
    public static List<Integer> recoverableByOneSubtraction(AdditiveSystem s, boolean[] suppressed) {
        Set<Integer> found = new java.util.TreeSet<>();
        for (int[] cells : s.relationCells) {
            int only = -1;
            int n = 0;
            for (int c : cells) {
                if (suppressed[c]) {
                    only = c;
                    n++;
                }
            }
            if (n == 1) {
                found.add(only);
            }
        }
        return new ArrayList<>(found);
    }

    public static Result audit(AdditiveSystem s, boolean[] suppressed) {
        int[] component = components(s, suppressed);
        // Rows restricted to suppressed cells, as sparse maps column → coefficient mod P.
        List<Map<Integer, Long>> rows = new ArrayList<>();
        Map<Integer, Set<Integer>> rowsOfColumn = new HashMap<>();
        for (int r = 0; r < s.relationCells.size(); r++) {
            int[] cells = s.relationCells.get(r);
            int[] coefficients = s.relationCoefficients.get(r);
            Map<Integer, Long> row = new HashMap<>();
            for (int i = 0; i < cells.length; i++) {
                if (suppressed[cells[i]]) {
                    long v = (row.getOrDefault(cells[i], 0L) + mod(coefficients[i])) % P;
                    if (v == 0) {
                        row.remove(cells[i]);
                    } else {
                        row.put(cells[i], v);
                    }
                }
            }
            if (row.isEmpty()) {
                continue;
            }
            int id = rows.size();
            rows.add(row);
            for (int c : row.keySet()) {
                rowsOfColumn.computeIfAbsent(c, k -> new HashSet<>()).add(id);
            }
        }
        boolean[] isPivotRow = new boolean[rows.size()];
        Map<Integer, Integer> pivotRowOfColumn = new HashMap<>();
        List<Integer> columns = new ArrayList<>(rowsOfColumn.keySet());
        columns.sort(null);
        for (int c : columns) {
            Set<Integer> holding = rowsOfColumn.get(c);
            int pivot = -1;
            for (int r : holding) {
                // The sparsest free row as pivot keeps fill-in low.
                if (!isPivotRow[r] && (pivot < 0 || rows.get(r).size() < rows.get(pivot).size()
                        || (rows.get(r).size() == rows.get(pivot).size() && r < pivot))) {
                    pivot = r;
                }
            }
            if (pivot < 0) {
                continue;
            }
            Map<Integer, Long> pr = rows.get(pivot);
            long inv = inverse(pr.get(c));
            for (Map.Entry<Integer, Long> e : pr.entrySet()) {
                e.setValue(e.getValue() * inv % P);
            }
            for (int r : new ArrayList<>(holding)) {
                if (r == pivot) {
                    continue;
                }
                Map<Integer, Long> row = rows.get(r);
                long factor = row.get(c);
                for (Map.Entry<Integer, Long> e : pr.entrySet()) {
                    int k = e.getKey();
                    long v = ((row.getOrDefault(k, 0L) - factor * e.getValue()) % P + P) % P;
                    if (v == 0) {
                        if (row.remove(k) != null) {
                            rowsOfColumn.get(k).remove(r);
                        }
                    } else if (row.put(k, v) == null) {
                        rowsOfColumn.get(k).add(r);
                    }
                }
            }
            isPivotRow[pivot] = true;
            pivotRowOfColumn.put(c, pivot);
        }
        List<Integer> determined = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : pivotRowOfColumn.entrySet()) {
            if (rows.get(e.getValue()).size() == 1) {
                determined.add(e.getKey());
            }
        }
        determined.sort(null);
        return new Result(determined, component);
    }

    private static int[] components(AdditiveSystem s, boolean[] suppressed) {
        int[] parent = new int[s.cells()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int[] cells : s.relationCells) {
            int first = -1;
            for (int c : cells) {
                if (suppressed[c]) {
                    if (first < 0) {
                        first = c;
                    } else {
                        int a = find(parent, first);
                        int b = find(parent, c);
                        parent[Math.max(a, b)] = Math.min(a, b);
                    }
                }
            }
        }
        int[] component = new int[s.cells()];
        for (int i = 0; i < component.length; i++) {
            component[i] = suppressed[i] ? find(parent, i) : -1;
        }
        return component;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static long mod(int coefficient) {
        return ((coefficient % P) + P) % P;
    }

    private static long inverse(long a) {
        long result = 1;
        long base = a % P;
        long e = P - 2;
        while (e > 0) {
            if ((e & 1) == 1) {
                result = result * base % P;
            }
            base = base * base % P;
            e >>= 1;
        }
        return result;
    }
}
