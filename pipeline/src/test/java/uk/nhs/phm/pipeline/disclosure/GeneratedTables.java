package uk.nhs.phm.pipeline.disclosure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random hierarchical tables for property tests: ICBs of Places of LSOAs, PCNs that overlap LSOAs and sometimes span
 * two ICBs, people of unknown LSOA, small counts frequent. Each person group is one (LSOA, PCN, ICB) combination;
 * the cells at every level are sums of the groups, exactly as a table built from person rows.
 */
final class GeneratedTables {
    static final List<String> LEVELS = List.of("lsoa", "pcn", "place", "icb");

    static final TableLayout SEGMENTS = new TableLayout("segment_summary", "level", "code", LEVELS, "segment", "all",
            List.of("all"), List.of(TableLayout.Measure.count("patients"),
                    TableLayout.Measure.count("nel", "patients"), TableLayout.Measure.money("cost", "patients", "nel")));

    static final TableLayout INDICATORS = new TableLayout("indicators", "level", "code", LEVELS, null, null,
            List.of("indicator_id", "method"), List.of(TableLayout.Measure.count("denominator"),
                    TableLayout.Measure.count("numerator", "denominator")));

    record Generated(List<TableProtection.Cell> cells, GeographyMembership membership) {
    }

    /** One person group: its codes and its figures per category (segment or indicator). */
    private record Group(String[] codes, double[][] figures) {
    }

    private GeneratedTables() {
    }

    static Generated segmentTable(Random r) {
        return table(r, false, new String[] {"s1", "s2", "s3", "s4"});
    }

    static Generated indicatorTable(Random r) {
        return table(r, true, new String[] {"ind1", "ind2"});
    }

    private static Generated table(Random r, boolean indicators, String[] categories) {
        List<Group> groups = new ArrayList<>();
        List<String[]> combos = combinations(r);
        for (String[] codes : combos) {
            double[][] figures = new double[categories.length][];
            for (int c = 0; c < categories.length; c++) {
                double first = count(r);
                double second = first == 0 ? 0 : r.nextInt((int) first * 2 + 1);
                if (indicators) {
                    second = first == 0 ? 0 : r.nextInt((int) first + 1);
                }
                figures[c] = indicators ? new double[] {first, second}
                        : new double[] {first, second, 150 * second + 37.5 * first};
            }
            groups.add(new Group(codes, figures));
        }
        Map<String, double[]> sums = new LinkedHashMap<>();
        int measures = indicators ? 2 : 3;
        for (Group g : groups) {
            for (int l = 0; l < LEVELS.size(); l++) {
                for (int c = 0; c < categories.length; c++) {
                    add(sums, LEVELS.get(l) + "|" + g.codes[l] + "|" + categories[c], g.figures[c], measures);
                    if (!indicators) {
                        add(sums, LEVELS.get(l) + "|" + g.codes[l] + "|all", g.figures[c], measures);
                    }
                }
            }
        }
        List<TableProtection.Cell> cells = new ArrayList<>();
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            if (e.getValue()[0] == 0) {
                continue;
            }
            String[] k = e.getKey().split("\\|");
            cells.add(indicators
                    ? new TableProtection.Cell(List.of(k[2], "m"), null, k[0], k[1], e.getValue())
                    : new TableProtection.Cell(List.of("all"), k[2], k[0], k[1], e.getValue()));
        }
        return new Generated(cells, new GeographyMembership(LEVELS, combos));
    }

    private static void add(Map<String, double[]> sums, String key, double[] figures, int measures) {
        double[] s = sums.computeIfAbsent(key, k -> new double[measures]);
        for (int m = 0; m < measures; m++) {
            s[m] += figures[m];
        }
    }

    /** 0 a third of the time, 1–7 a third, else 8–80. */
    private static double count(Random r) {
        double u = r.nextDouble();
        return u < 0.33 ? 0 : u < 0.66 ? 1 + r.nextInt(7) : 8 + r.nextInt(73);
    }

    /** Distinct (lsoa, pcn, place, icb) combinations of a random geography. */
    private static List<String[]> combinations(Random r) {
        int icbs = 1 + r.nextInt(3);
        List<List<String>> pcnsOfIcb = new ArrayList<>();
        Map<String, List<String>> icbsOfPcn = new LinkedHashMap<>();
        for (int i = 0; i < icbs; i++) {
            List<String> pcns = new ArrayList<>();
            for (int p = 0, n = 1 + r.nextInt(3); p < n; p++) {
                String pcn = "N" + i + p;
                pcns.add(pcn);
                List<String> homes = new ArrayList<>(List.of("I" + i));
                if (icbs > 1 && r.nextDouble() < 0.2) {
                    homes.add("I" + ((i + 1) % icbs));
                }
                icbsOfPcn.put(pcn, homes);
            }
            pcnsOfIcb.add(pcns);
        }
        List<String> allPcns = new ArrayList<>(icbsOfPcn.keySet());
        List<String[]> combos = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < icbs; i++) {
            for (int p = 0, places = 1 + r.nextInt(3); p < places; p++) {
                String place = "P" + i + p;
                for (int l = 0, lsoas = 1 + r.nextInt(4); l < lsoas; l++) {
                    String lsoa = "L" + i + p + l;
                    for (int k = 0, n = 1 + r.nextInt(3); k < n; k++) {
                        List<String> from = r.nextDouble() < 0.15 ? allPcns : pcnsOfIcb.get(i);
                        String pcn = from.get(r.nextInt(from.size()));
                        List<String> homes = icbsOfPcn.get(pcn);
                        String[] combo = {lsoa, pcn, place, homes.get(r.nextInt(homes.size()))};
                        if (seen.add(String.join("|", combo))) {
                            combos.add(combo);
                        }
                    }
                }
            }
        }
        if (r.nextDouble() < 0.3) {
            String pcn = allPcns.get(r.nextInt(allPcns.size()));
            String[] combo = {"unknown", pcn, "unknown", icbsOfPcn.get(pcn).get(0)};
            if (seen.add(String.join("|", combo))) {
                combos.add(combo);
            }
        }
        return combos;
    }
}
