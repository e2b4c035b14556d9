package uk.nhs.phm.pipeline.run;

import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A published run of the output a run writes to, as the gates compare against it: its population at T and the
 * rows it read per input table (from its manifest). {@link Published} holds every as-of date's publication; the
 * one a run compares with is the publication for its own T (a rerun) or the nearest earlier one, so a backfill
 * of an old date is not compared with today's population.
 */
public final class PreviousPublication {
    public static final PreviousPublication NONE = new PreviousPublication(null, null, null, Map.of());

    public final String runId;
    public final LocalDate asOf;
    /** People at T in that run, or null when its manifest does not say (an older manifest). */
    public final Long population;
    /** Rows read per input table name (absent tables missing). */
    public final Map<String, Long> rowsRead;

    public PreviousPublication(String runId, LocalDate asOf, Long population, Map<String, Long> rowsRead) {
        this.runId = runId;
        this.asOf = asOf;
        this.population = population;
        this.rowsRead = Map.copyOf(rowsRead);
    }

    @Override
    public String toString() {
        return runId == null ? "none" : "the run published for " + asOf + ", " + runId;
    }

    /** Every published as-of date of an output, given to the line at the start by the store's owner. */
    public static final class Published {
        public static final Published NONE = new Published(new TreeMap<>());
        private final NavigableMap<LocalDate, PreviousPublication> byDate;

        public Published(NavigableMap<LocalDate, PreviousPublication> byDate) {
            this.byDate = new TreeMap<>(byDate);
        }

        /** The publication for T, else the nearest earlier one, else {@link PreviousPublication#NONE}. */
        public PreviousPublication forDate(LocalDate t) {
            Map.Entry<LocalDate, PreviousPublication> e = byDate.floorEntry(t);
            return e == null ? PreviousPublication.NONE : e.getValue();
        }
    }
}
