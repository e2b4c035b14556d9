package uk.nhs.phm.pipeline.stages;

import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.features.PersonFeatures;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.run.Key;
import uk.nhs.phm.pipeline.run.Keys;
import uk.nhs.phm.pipeline.run.RunContext;
import uk.nhs.phm.pipeline.run.Stage;
import uk.nhs.phm.pipeline.run.StageResult;
import uk.nhs.phm.pipeline.segment.Segmentation;

/**
 * Bridges to Health segments and oversight cohorts for every person at T: restricted/patient_segments. The
 * rules are checked against the features' schema before any data is read, so a bad rule stops the run at once.
 */
public final class SegmentPatients implements Stage {
    private static final Logger LOG = LogManager.getLogger(SegmentPatients.class);

    @Override
    public String name() {
        return "features + segmentation";
    }

    @Override
    public Set<Key<?>> needs() {
        return Set.of(Keys.FEATURES);
    }

    @Override
    public Set<Key<?>> produces() {
        return Set.of(Keys.output(OutputTables.PATIENT_SEGMENTS));
    }

    @Override
    public void check(RunContext ctx) {
        Segmentation.validate(PersonFeatures.schemaOnly(ctx.featureInputs(ctx.today)), ctx.segmentRules(),
                ctx.cohortRules(), ctx.settings.raw(PhmSettings.SEGMENT_RULES.key),
                ctx.settings.raw(PhmSettings.COHORT_RULES.key));
    }

    @Override
    public StageResult run(RunContext ctx) {
        return StageResult.of().output(OutputTables.PATIENT_SEGMENTS, Segmentation.cohorts(
                Segmentation.assign(ctx.get(Keys.FEATURES), ctx.segmentRules()), ctx.cohortRules()));
    }

    /** The features read every accepted row, so that is what this stage processed. */
    @Override
    public long rows(RunContext ctx) {
        LOG.info("Population at T: {} people", ctx.get(Keys.output(OutputTables.PATIENT_SEGMENTS)).count());
        return ctx.summaries().values().stream().mapToLong(s -> s.rowsAccepted).sum();
    }
}
