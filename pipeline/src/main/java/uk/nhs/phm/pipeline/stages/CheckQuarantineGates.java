package uk.nhs.phm.pipeline.stages;

import java.util.List;
import java.util.Set;
import uk.nhs.phm.pipeline.quality.DataQualityGates;
import uk.nhs.phm.pipeline.run.Key;
import uk.nhs.phm.pipeline.run.Keys;
import uk.nhs.phm.pipeline.run.RunContext;
import uk.nhs.phm.pipeline.run.Stage;
import uk.nhs.phm.pipeline.run.StageResult;

/**
 * Checks every table's share of quarantined rows against its gate, once all are validated (so the log names every
 * breach, not only the first). In a run that publishes, a breach stops the run before any feature is computed; in
 * {@code phm validate} the verdicts are reported and decide the exit code.
 */
public final class CheckQuarantineGates implements Stage {
    private final boolean enforce;

    /** @param enforce stop the run on a breach (run) or only record the verdicts (validate) */
    public CheckQuarantineGates(boolean enforce) {
        this.enforce = enforce;
    }

    @Override
    public String name() {
        return "quarantine gates";
    }

    @Override
    public Set<Key<?>> needs() {
        return Keys.allValidated();
    }

    @Override
    public Set<Key<?>> produces() {
        return Set.of(Keys.QUARANTINE_GATES);
    }

    @Override
    public StageResult run(RunContext ctx) {
        List<DataQualityGates.Verdict> verdicts = DataQualityGates.quarantine(ctx.validatedTables(), ctx.settings);
        DataQualityGates.log(verdicts);
        if (enforce) {
            DataQualityGates.enforce(verdicts);
        }
        return StageResult.of().put(Keys.QUARANTINE_GATES, verdicts);
    }
}
