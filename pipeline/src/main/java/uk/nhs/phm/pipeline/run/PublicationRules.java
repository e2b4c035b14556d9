package uk.nhs.phm.pipeline.run;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which published run readers are pointed at, and which old snapshots may go. Dashboards follow
 * {@code latest}: it names the run published for the latest as-of date, so a backfill of an earlier date does
 * not move them back in time, and a rerun of the latest date replaces it.
 */
public final class PublicationRules {
    private PublicationRules() {
    }

    /** True when a run just published for {@code asOf} becomes the latest (none yet, or not earlier than it). */
    public static boolean becomesLatest(LocalDate currentLatest, LocalDate asOf) {
        return currentLatest == null || !currentLatest.isAfter(asOf);
    }

    /** The as-of date {@code latest} should name among those with a published run (null when there is none). */
    public static LocalDate latest(Collection<LocalDate> published) {
        return published.stream().max(Comparator.naturalOrder()).orElse(null);
    }

    /**
     * The complete snapshots of one as-of date to remove: all but the newest {@code keep}, never the published
     * one. Run ids start with their UTC start time, so sorting them sorts by age.
     */
    public static List<String> snapshotsToRemove(Collection<String> runIds, String published, int keep) {
        List<String> newestFirst = new ArrayList<>(runIds);
        newestFirst.sort(Comparator.reverseOrder());
        List<String> remove = new ArrayList<>();
        for (int i = keep; i < newestFirst.size(); i++) {
            if (!newestFirst.get(i).equals(published)) {
                remove.add(newestFirst.get(i));
            }
        }
        return remove;
    }
}
