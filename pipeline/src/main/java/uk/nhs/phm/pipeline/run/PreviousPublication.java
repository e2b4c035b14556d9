package uk.nhs.phm.pipeline.run;

import java.time.LocalDate;

/**
 * The latest published run of the output a run writes to, as the population gate compares against it: given to
 * the line at the start by whoever owns the output store ({@link #NONE} when nothing is published yet).
 */
public final class PreviousPublication {
    public static final PreviousPublication NONE = new PreviousPublication(null, null, null);

    public final String runId;
    public final LocalDate asOf;
    /** People at T in that run (its manifest's population_at_as_of), or null when unknown. */
    public final Long population;

    public PreviousPublication(String runId, LocalDate asOf, Long population) {
        this.runId = runId;
        this.asOf = asOf;
        this.population = population;
    }

    @Override
    public String toString() {
        return runId == null ? "none" : "run " + runId + ", as of " + asOf;
    }
}
