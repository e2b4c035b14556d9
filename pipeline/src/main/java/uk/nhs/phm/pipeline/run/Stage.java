package uk.nhs.phm.pipeline.run;

import java.util.Set;

/**
 * One step of a run: named, with what it needs from earlier stages and what it produces, computing from the
 * {@link RunContext}. Stages never touch paths or build a session; the output tables they produce are handed to
 * the store by the {@link StageLine}, which puts the stored version back in the context for later stages.
 */
public interface Stage {
    /** Shown in logs, Spark's job groups, the manifest and the benchmark. */
    String name();

    /** Keys earlier stages (or the run's set-up) must have produced. */
    Set<Key<?>> needs();

    /** Keys this stage may produce: every value key, and the output tables it writes. */
    Set<Key<?>> produces();

    /** Checks what can be checked before any data is read (configuration, rules against schemas). */
    default void check(RunContext ctx) {
    }

    StageResult run(RunContext ctx);

    /** Rows this stage processed, for the metrics; asked after its outputs are stored. */
    default long rows(RunContext ctx) {
        return 0;
    }
}
