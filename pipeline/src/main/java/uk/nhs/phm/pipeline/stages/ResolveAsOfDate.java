package uk.nhs.phm.pipeline.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.run.AsOfDate;
import uk.nhs.phm.pipeline.run.Key;
import uk.nhs.phm.pipeline.run.Keys;
import uk.nhs.phm.pipeline.run.RunContext;
import uk.nhs.phm.pipeline.run.Stage;
import uk.nhs.phm.pipeline.run.StageResult;
import uk.nhs.phm.pipeline.schema.ColumnSpec;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.validate.ValidatedTable;

/** Chooses T: the configured as-of date, else the latest activity in the validated extract. */
public final class ResolveAsOfDate implements Stage {
    private static final Logger LOG = LogManager.getLogger(ResolveAsOfDate.class);

    @Override
    public String name() {
        return "as-of date";
    }

    @Override
    public Set<Key<?>> needs() {
        return Keys.allValidated();
    }

    @Override
    public Set<Key<?>> produces() {
        return Set.of(Keys.AS_OF);
    }

    @Override
    public void check(RunContext ctx) {
        AsOfDate.checkConfigured(ctx.settings.get(PhmSettings.AS_OF), ctx.today, ctx.where(PhmSettings.AS_OF.key));
    }

    @Override
    public StageResult run(RunContext ctx) {
        AsOfDate t = AsOfDate.resolve(ctx.settings.get(PhmSettings.AS_OF), ctx.summaries());
        LOG.info("As-of date T = {}", t);
        if (AsOfDate.CONFIGURED.equals(t.source)) {
            // The activity date is each table's first date column (event, issue, admission, arrival ...); the
            // tables' dates are counted in one job, not one per table.
            Dataset<Row> dates = null;
            for (InputTable table : AsOfDate.ACTIVITY) {
                ValidatedTable v = ctx.get(Keys.validated(table));
                if (v.present()) {
                    String date = table.columns.stream().filter(c -> c.kind == ColumnSpec.Kind.DATE).findFirst()
                            .orElseThrow().name;
                    Dataset<Row> d = v.accepted.select(col(date).alias("_activity_date"));
                    dates = dates == null ? d : dates.union(d);
                }
            }
            long onOrBefore = 0;
            long total = 0;
            if (dates != null) {
                Row r = dates.agg(count(when(col("_activity_date").leq(lit(java.sql.Date.valueOf(t.date))), lit(1))),
                        count(lit(1))).first();
                onOrBefore = r.getLong(0);
                total = r.getLong(1);
            }
            String warning = AsOfDate.checkCoverage(t.date, onOrBefore, total, ctx.where(PhmSettings.AS_OF.key));
            if (warning != null) {
                LOG.warn("The {}", warning);
            }
        }
        return StageResult.of().put(Keys.AS_OF, t);
    }
}
