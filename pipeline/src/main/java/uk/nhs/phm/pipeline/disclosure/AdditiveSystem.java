package uk.nhs.phm.pipeline.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells of one measure of one or more published tables and the additive relations between them: each relation
 * says Σ coefficient × cell = 0 with coefficients ±1 (a total is +1, its members −1; two tables publishing the same
 * quantity are linked by an equality, +1 and −1). A cell absent from the table is a published 0 and is left out of
 * its relations. Pure Java so that the suppression and the audit can be checked on thousands of generated tables.
 */
public final class AdditiveSystem {
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final List<Double> values = new ArrayList<>();
    private final List<Integer> tiers = new ArrayList<>();
    final List<int[]> relationCells = new ArrayList<>();
    final List<int[]> relationCoefficients = new ArrayList<>();

    /**
     * @param id    unique, stable id (ties between equally good cells are broken on it, so reruns agree)
     * @param value the true figure; used only to choose which cell to suppress, never published from here
     * @param tier  how much a reader loses when the cell is withheld: detail cells 0, totals and higher levels more;
     *              secondary suppression takes the lowest tier first
     */
    public int addCell(String id, double value, int tier) {
        if (index.containsKey(id)) {
            throw new IllegalArgumentException("Cell " + id + " is given twice");
        }
        index.put(id, ids.size());
        ids.add(id);
        values.add(value);
        tiers.add(tier);
        return ids.size() - 1;
    }

    /** The cell's index, or −1 when the table has no such cell (a published 0). */
    public int cell(String id) {
        return index.getOrDefault(id, -1);
    }

    /** Σ coefficients[i] × cells[i] = 0, coefficients ±1; ignored when it names fewer than two cells. */
    public void addRelation(int[] cells, int[] coefficients) {
        if (cells.length != coefficients.length) {
            throw new IllegalArgumentException("One coefficient per cell");
        }
        if (cells.length < 2) {
            return;
        }
        relationCells.add(cells.clone());
        relationCoefficients.add(coefficients.clone());
    }

    /** total = Σ members; members absent from the table (index −1) are zeros and left out. */
    public void addSum(int total, int[] members) {
        List<Integer> cells = new ArrayList<>();
        List<Integer> coefficients = new ArrayList<>();
        if (total >= 0) {
            cells.add(total);
            coefficients.add(1);
        }
        for (int m : members) {
            if (m >= 0) {
                cells.add(m);
                coefficients.add(-1);
            }
        }
        addRelation(cells.stream().mapToInt(Integer::intValue).toArray(),
                coefficients.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Σ left = Σ right (two groups of areas covering the same people); absent cells (−1) are zeros. */
    public void addBalance(List<Integer> left, List<Integer> right) {
        List<Integer> cells = new ArrayList<>();
        List<Integer> coefficients = new ArrayList<>();
        for (int c : left) {
            if (c >= 0) {
                cells.add(c);
                coefficients.add(1);
            }
        }
        for (int c : right) {
            if (c >= 0) {
                cells.add(c);
                coefficients.add(-1);
            }
        }
        addRelation(cells.stream().mapToInt(Integer::intValue).toArray(),
                coefficients.stream().mapToInt(Integer::intValue).toArray());
    }

    public int cells() {
        return ids.size();
    }

    public int relations() {
        return relationCells.size();
    }

    public String id(int cell) {
        return ids.get(cell);
    }

    public double value(int cell) {
        return values.get(cell);
    }

    public int tier(int cell) {
        return tiers.get(cell);
    }

    /** For each cell, the relations it appears in. */
    List<List<Integer>> relationsByCell() {
        List<List<Integer>> byCell = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            byCell.add(new ArrayList<>());
        }
        for (int r = 0; r < relationCells.size(); r++) {
            for (int c : relationCells.get(r)) {
                byCell.get(c).add(r);
            }
        }
        return byCell;
    }
}
