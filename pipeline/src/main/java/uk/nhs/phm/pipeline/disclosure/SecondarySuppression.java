package uk.nhs.phm.pipeline.disclosure;

import java.util.List;

/**
 * Chooses the published cells to withhold so that no suppressed cell of an {@link AdditiveSystem} can be worked out.
 * First the cheap rule, repeated until nothing changes: a relation with exactly one suppressed cell gives it back by
 * one subtraction, so one more of its cells is suppressed. That leaves cells fixed by chains of relations (two
 * cycles of suppressed cells joined by one cell, for instance), so then, until the {@link RecoverabilityAuditor}
 * finds nothing: for each exactly determined cell, one more cell of one of its relations is suppressed (or, where
 * those are all withheld already, of the nearest relation along the chain that still has a published cell). Each round
 * suppresses at least one cell, so it ends; if a determined cell has no published neighbour left the loop stops and
 * the audit reports it.
 *
 * <p>The cell chosen is the least informative: a non-zero one before a zero (withholding a 0 hides less), then the
 * lowest tier (a segment of a small area before a total or a larger area), then the smallest value, then the id,
 * so that reruns agree.
 */
public final class SecondarySuppression {
    private SecondarySuppression() {
    }

    /** @return the final flags: primary plus secondary (a new array; primary is left as it was) */
    public static boolean[] apply(AdditiveSystem s, boolean[] primary) {
        boolean[] flags = greedy(s, primary);
        List<List<Integer>> relationsByCell = s.relationsByCell();
        while (true) {
            RecoverabilityAuditor.Result audit = RecoverabilityAuditor.audit(s, flags);
            if (audit.clean()) {
                return flags;
            }
            boolean added = false;
            for (int d : audit.determined()) {
                int best = nearestCandidate(s, flags, relationsByCell, d);
                if (best >= 0) {
                    flags[best] = true;
                    added = true;
                }
            }
            if (!added) {
                return flags;
            }
            flags = greedy(s, flags);
        }
    }

    /**
     * The best published cell in a relation of {@code determined}; where every cell of those relations is already
     * withheld (the chain that fixes it runs further), the best in the relations of those withheld cells, and so on
     * outwards, so that a determined cell always gets a new withheld cell on a chain that reaches it.
     */
    private static int nearestCandidate(AdditiveSystem s, boolean[] flags, List<List<Integer>> relationsByCell,
                                        int determined) {
        java.util.BitSet seenCells = new java.util.BitSet();
        java.util.BitSet seenRelations = new java.util.BitSet();
        List<Integer> frontier = List.of(determined);
        seenCells.set(determined);
        while (!frontier.isEmpty()) {
            int best = -1;
            List<Integer> next = new java.util.ArrayList<>();
            for (int cell : frontier) {
                for (int r : relationsByCell.get(cell)) {
                    if (seenRelations.get(r)) {
                        continue;
                    }
                    seenRelations.set(r);
                    for (int c : s.relationCells.get(r)) {
                        if (!flags[c]) {
                            if (better(s, c, best)) {
                                best = c;
                            }
                        } else if (!seenCells.get(c)) {
                            seenCells.set(c);
                            next.add(c);
                        }
                    }
                }
            }
            if (best >= 0) {
                return best;
            }
            frontier = next;
        }
        return -1;
    }

    /**
     * The cheap rule alone (the rule before the auditor existed): no relation keeps exactly one suppressed cell.
     * It can leave cells determined by chains of relations; {@link #apply} goes on from here.
     */
    public static boolean[] greedy(AdditiveSystem s, boolean[] primary) {
        boolean[] flags = primary.clone();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[] cells : s.relationCells) {
                int suppressed = 0;
                int best = -1;
                for (int c : cells) {
                    if (flags[c]) {
                        suppressed++;
                    } else if (better(s, c, best)) {
                        best = c;
                    }
                }
                if (suppressed == 1 && best >= 0) {
                    flags[best] = true;
                    changed = true;
                }
            }
        }
        return flags;
    }

    private static boolean better(AdditiveSystem s, int candidate, int best) {
        if (best < 0) {
            return true;
        }
        boolean zeroC = s.value(candidate) == 0;
        boolean zeroB = s.value(best) == 0;
        if (zeroC != zeroB) {
            return !zeroC;
        }
        if (s.tier(candidate) != s.tier(best)) {
            return s.tier(candidate) < s.tier(best);
        }
        if (s.value(candidate) != s.value(best)) {
            return s.value(candidate) < s.value(best);
        }
        return s.id(candidate).compareTo(s.id(best)) < 0;
    }
}
