package uk.nhs.phm.pipeline.stages;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.quality.DataQualityGates;
import uk.nhs.phm.pipeline.run.Key;
import uk.nhs.phm.pipeline.run.Keys;
import uk.nhs.phm.pipeline.run.PreviousPublication;
import uk.nhs.phm.pipeline.run.RunContext;
import uk.nhs.phm.pipeline.run.Stage;
import uk.nhs.phm.pipeline.run.StageResult;
import uk.nhs.phm.pipeline.validate.ValidatedTable;

/**
 * Compares the run with the publication for its T (a rerun) or the nearest earlier one, and stops it before
 * anything is published when the population at T fell by more than its gate, or an input table read far fewer
 * rows or is missing: a feed that lost its registrations, or a part file that did not arrive, looks like a real
 * change to every reader of the outputs.
 */
public final class CheckAgainstPreviousRun implements Stage {
    private static final Logger LOG = LogManager.getLogger(CheckAgainstPreviousRun.class);

    @Override
    public String name() {
        return "previous-run gates";
    }

    @Override
    public Set<Key<?>> needs() {
        return Keys.set(Set.of(Keys.output(OutputTables.PATIENT_SEGMENTS), Keys.PUBLISHED, Keys.AS_OF),
                Keys.allValidated());
    }

    @Override
    public Set<Key<?>> produces() {
        return Set.of(Keys.PREVIOUS_RUN_GATES);
    }

    @Override
    public StageResult run(RunContext ctx) {
        PreviousPublication previous = ctx.get(Keys.PUBLISHED).forDate(ctx.get(Keys.AS_OF).date);
        long population = ctx.get(Keys.output(OutputTables.PATIENT_SEGMENTS)).count();
        List<DataQualityGates.Verdict> verdicts = new ArrayList<>();
        verdicts.add(DataQualityGates.population(population, previous, ctx.settings));
        for (ValidatedTable v : ctx.validatedTables()) {
            DataQualityGates.rowsRead(v, previous, ctx.settings).ifPresent(verdicts::add);
        }
        DataQualityGates.log(verdicts);
        LOG.info("  {}", verdicts.get(0).message());
        DataQualityGates.enforce(verdicts);
        return StageResult.of().put(Keys.PREVIOUS_RUN_GATES, verdicts);
    }
}
