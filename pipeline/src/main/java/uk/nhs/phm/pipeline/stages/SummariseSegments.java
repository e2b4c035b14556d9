package uk.nhs.phm.pipeline.stages;

import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.phm.pipeline.aggregate.GeographyNames;
import uk.nhs.phm.pipeline.aggregate.SegmentSummary;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.disclosure.DisclosureControl;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.run.Key;
import uk.nhs.phm.pipeline.run.Keys;
import uk.nhs.phm.pipeline.run.RunContext;
import uk.nhs.phm.pipeline.run.Stage;
import uk.nhs.phm.pipeline.run.StageResult;

/** published/segment_summary: every geography level in one grouped pass, then disclosure control. */
public final class SummariseSegments implements Stage {
    @Override
    public String name() {
        return "segment_summary (aggregation + disclosure control)";
    }

    @Override
    public Set<Key<?>> needs() {
        return Set.of(Keys.output(OutputTables.PATIENT_SEGMENTS));
    }

    @Override
    public Set<Key<?>> produces() {
        return Set.of(Keys.output(OutputTables.SEGMENT_SUMMARY), Keys.DISCLOSURE_STATS);
    }

    @Override
    public StageResult run(RunContext ctx) {
        DisclosureControl dc = new DisclosureControl(ctx.settings.get(PhmSettings.DISCLOSURE_THRESHOLD),
                ctx.settings.get(PhmSettings.DISCLOSURE_ROUNDING), ctx.settings.get(PhmSettings.DISCLOSURE_MONEY_ROUNDING));
        Dataset<Row> people = ctx.get(Keys.output(OutputTables.PATIENT_SEGMENTS));
        DisclosureControl.ProtectedTable summary = SegmentSummary.publish(
                SegmentSummary.aggregateByGeography(people, GeographyNames.from(ctx.reference())),
                SegmentSummary.membership(people), dc);
        return StageResult.of().output(OutputTables.SEGMENT_SUMMARY, summary.published())
                .put(Keys.DISCLOSURE_STATS, summary.stats());
    }

    @Override
    public long rows(RunContext ctx) {
        return ctx.get(Keys.output(OutputTables.PATIENT_SEGMENTS)).count();
    }
}
