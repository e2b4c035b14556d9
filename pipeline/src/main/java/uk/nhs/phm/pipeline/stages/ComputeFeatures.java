package uk.nhs.phm.pipeline.stages;

import static org.apache.spark.sql.functions.lit;

import java.util.Set;
import uk.nhs.phm.pipeline.features.Conditions;
import uk.nhs.phm.pipeline.features.FeatureInputs;
import uk.nhs.phm.pipeline.features.PersonFeatures;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.run.Key;
import uk.nhs.phm.pipeline.run.Keys;
import uk.nhs.phm.pipeline.run.RunContext;
import uk.nhs.phm.pipeline.run.Stage;
import uk.nhs.phm.pipeline.run.StageResult;
import uk.nhs.phm.pipeline.schema.InputColumns;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.validate.OpsTables;

/**
 * Each person's features at T from the validated tables (Spark evaluates them when the segmentation's output
 * is written), and the unmapped-codes report from the same coded records.
 */
public final class ComputeFeatures implements Stage {
    @Override
    public String name() {
        return "features (unmapped codes)";
    }

    @Override
    public Set<Key<?>> needs() {
        return Keys.set(Keys.allValidated(), Set.of(Keys.AS_OF));
    }

    @Override
    public Set<Key<?>> produces() {
        return Set.of(Keys.FEATURES, Keys.output(OutputTables.UNMAPPED_CODES));
    }

    @Override
    public StageResult run(RunContext ctx) {
        FeatureInputs in = ctx.featureInputs(ctx.get(Keys.AS_OF).date);
        return StageResult.of()
                .put(Keys.FEATURES, PersonFeatures.build(in))
                .output(OutputTables.UNMAPPED_CODES, Conditions.unmappedCodes(in).withColumn(OpsTables.RUN_ID, lit(ctx.runId))
                        .orderBy(OpsTables.TABLE_NAME, InputColumns.CODE_SYSTEM, InputColumns.CODE));
    }

    /** The coded records the unmapped-code pass reads: accepted GP events and inpatient spells. */
    @Override
    public long rows(RunContext ctx) {
        return ctx.summaries().entrySet().stream()
                .filter(e -> e.getKey() == InputTable.GP_EVENTS || e.getKey() == InputTable.INPATIENT_SPELLS)
                .mapToLong(e -> e.getValue().rowsAccepted).sum();
    }
}
