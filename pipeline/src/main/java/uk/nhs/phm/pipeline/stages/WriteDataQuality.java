package uk.nhs.phm.pipeline.stages;

import static org.apache.spark.sql.functions.lit;

import java.util.HashSet;
import java.util.Set;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.run.Key;
import uk.nhs.phm.pipeline.run.Keys;
import uk.nhs.phm.pipeline.run.RunContext;
import uk.nhs.phm.pipeline.run.Stage;
import uk.nhs.phm.pipeline.run.StageResult;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.validate.OpsTables;
import uk.nhs.phm.pipeline.validate.ValidatedTable;

/**
 * The data-quality outputs: ops/data_quality, ops/quarantine_reasons, and every rejected row in
 * ops/quarantine/&lt;table&gt; (read from the suspect part of the materialised validation, about 1% of the rows).
 */
public final class WriteDataQuality implements Stage {
    @Override
    public String name() {
        return "ops outputs (data quality, quarantine)";
    }

    @Override
    public Set<Key<?>> needs() {
        return Keys.set(Keys.allValidated(), Set.of(Keys.AS_OF));
    }

    @Override
    public Set<Key<?>> produces() {
        Set<Key<?>> out = new HashSet<>(Set.of(Keys.output(OutputTables.DATA_QUALITY),
                Keys.output(OutputTables.QUARANTINE_REASONS)));
        for (InputTable t : InputTable.values()) {
            out.add(Keys.output(OutputTables.quarantineTable(t)));
        }
        return out;
    }

    @Override
    public StageResult run(RunContext ctx) {
        StageResult r = StageResult.of()
                .output(OutputTables.DATA_QUALITY, OpsTables.dataQuality(ctx.spark, ctx.runId, ctx.validatedTables()))
                .output(OutputTables.QUARANTINE_REASONS,
                        OpsTables.quarantineReasons(ctx.spark, ctx.runId, ctx.validatedTables()));
        for (ValidatedTable v : ctx.validatedTables()) {
            if (v.present()) {
                r.output(OutputTables.quarantineTable(v.table), v.rejected().withColumn(OpsTables.RUN_ID, lit(ctx.runId)));
            }
        }
        return r;
    }

    @Override
    public long rows(RunContext ctx) {
        return ctx.summaries().values().stream().mapToLong(s -> s.rowsQuarantined).sum();
    }
}
