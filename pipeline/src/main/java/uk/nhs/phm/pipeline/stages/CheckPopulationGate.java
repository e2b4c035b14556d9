package uk.nhs.phm.pipeline.stages;

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

/**
 * Compares the population at T with the latest published run and stops the run, before anything is published,
 * when it fell by more than the gate allows: a feed that lost its registrations looks like a real population
 * change to every reader of the outputs.
 */
public final class CheckPopulationGate implements Stage {
    private static final Logger LOG = LogManager.getLogger(CheckPopulationGate.class);

    @Override
    public String name() {
        return "population gate";
    }

    @Override
    public Set<Key<?>> needs() {
        return Set.of(Keys.output(OutputTables.PATIENT_SEGMENTS), Keys.PREVIOUS_PUBLICATION);
    }

    @Override
    public Set<Key<?>> produces() {
        return Set.of(Keys.POPULATION_GATE);
    }

    @Override
    public StageResult run(RunContext ctx) {
        long population = ctx.get(Keys.output(OutputTables.PATIENT_SEGMENTS)).count();
        PreviousPublication previous = ctx.get(Keys.PREVIOUS_PUBLICATION);
        DataQualityGates.Verdict v = DataQualityGates.population(population, previous.population,
                previous.toString(), ctx.settings);
        LOG.info("  {}", v.message());
        DataQualityGates.enforce(java.util.List.of(v));
        return StageResult.of().put(Keys.POPULATION_GATE, v);
    }
}
