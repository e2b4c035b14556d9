package uk.nhs.phm.pipeline.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which areas of different levels hold the same people, from the distinct combinations of codes (one per level)
 * seen on the person-level rows. For two levels, the areas linked by shared people form connected groups, and each
 * group's areas at one level add up to its areas at the other: a Place and its LSOAs, an ICB and its PCNs, two ICBs
 * and the PCNs of both when one PCN spans them, and every LSOA against every PCN when catchments overlap (LSOAs do
 * not nest in PCNs, but both partition the same people). Nothing is assumed about nesting: it is read from the data.
 */
public final class GeographyMembership {
    /** Areas at {@code levelA} (codes) whose people are exactly those of the areas at {@code levelB}. */
    public record Balance(String levelA, List<String> codesA, String levelB, List<String> codesB) {
    }

    private final List<String> levels;
    private final List<String[]> combinations;

    /**
     * @param levels       level names, as in the table's level column
     * @param combinations distinct code tuples in the order of {@code levels} (unknown geography as its own code,
     *                     as the table shows it)
     */
    public GeographyMembership(List<String> levels, List<String[]> combinations) {
        this.levels = List.copyOf(levels);
        this.combinations = List.copyOf(combinations);
        for (String[] c : combinations) {
            if (c.length != levels.size()) {
                throw new IllegalArgumentException("A membership row needs one code per level " + levels);
            }
        }
    }

    public List<String> levels() {
        return levels;
    }

    /** Every group, for every pair of levels. */
    public List<Balance> balances() {
        List<Balance> out = new ArrayList<>();
        for (int a = 0; a < levels.size(); a++) {
            for (int b = a + 1; b < levels.size(); b++) {
                out.addAll(balances(a, b));
            }
        }
        return out;
    }

    private List<Balance> balances(int a, int b) {
        Map<String, String> parent = new HashMap<>();
        for (String[] c : combinations) {
            union(parent, "a" + c[a], "b" + c[b]);
        }
        Map<String, List<TreeSet<String>>> groups = new LinkedHashMap<>();
        for (String node : new TreeSet<>(parent.keySet())) {
            List<TreeSet<String>> sides = groups.computeIfAbsent(find(parent, node),
                    k -> List.of(new TreeSet<>(), new TreeSet<>()));
            sides.get(node.charAt(0) == 'a' ? 0 : 1).add(node.substring(1));
        }
        List<Balance> out = new ArrayList<>();
        for (List<TreeSet<String>> sides : groups.values()) {
            out.add(new Balance(levels.get(a), new ArrayList<>(sides.get(0)), levels.get(b),
                    new ArrayList<>(sides.get(1))));
        }
        return out;
    }

    private static void union(Map<String, String> parent, String x, String y) {
        parent.putIfAbsent(x, x);
        parent.putIfAbsent(y, y);
        String rx = find(parent, x);
        String ry = find(parent, y);
        if (!rx.equals(ry)) {
            parent.put(rx.compareTo(ry) < 0 ? ry : rx, rx.compareTo(ry) < 0 ? rx : ry);
        }
    }

    private static String find(Map<String, String> parent, String x) {
        String r = x;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        String y = x;
        while (!parent.get(y).equals(r)) {
            String next = parent.get(y);
            parent.put(y, r);
            y = next;
        }
        return r;
    }
}
