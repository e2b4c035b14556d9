package uk.nhs.phm.pipeline.stages;

import java.time.LocalDate;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.phm.pipeline.aggregate.GeographyNames;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.disclosure.DisclosureControl;
import uk.nhs.phm.pipeline.indicators.Indicator;
import uk.nhs.phm.pipeline.indicators.IndicatorCounts;
import uk.nhs.phm.pipeline.indicators.Indicators;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.run.Key;
import uk.nhs.phm.pipeline.run.Keys;
import uk.nhs.phm.pipeline.run.RunContext;
import uk.nhs.phm.pipeline.run.Stage;
import uk.nhs.phm.pipeline.run.StageResult;

/**
 * published/indicators: from the stored patient segments at T (so the features are not computed again) and the
 * population registered 365 days before T (for mortality), counts per geography in one grouped pass per
 * population, disclosure control, then the statistics.
 */
public final class ComputeIndicators implements Stage {
    @Override
    public String name() {
        return "indicators (aggregation + disclosure control + statistics)";
    }

    @Override
    public Set<Key<?>> needs() {
        return Keys.set(Keys.allValidated(), Set.of(Keys.AS_OF, Keys.output(OutputTables.PATIENT_SEGMENTS),
                Keys.output(OutputTables.SEGMENT_SUMMARY)));
    }

    @Override
    public Set<Key<?>> produces() {
        return Set.of(Keys.output(OutputTables.INDICATORS), Keys.INDICATOR_DISCLOSURE_STATS, Keys.GEOGRAPHY_MEMBERSHIP,
                Keys.INDICATOR_CATALOGUE);
    }

    @Override
    public StageResult run(RunContext ctx) {
        LocalDate asOf = ctx.get(Keys.AS_OF).date;
        DisclosureControl dc = new DisclosureControl(ctx.settings.get(PhmSettings.DISCLOSURE_THRESHOLD),
                ctx.settings.get(PhmSettings.DISCLOSURE_ROUNDING), ctx.settings.get(PhmSettings.DISCLOSURE_MONEY_ROUNDING));
        Dataset<Row> peopleAtT = ctx.get(Keys.output(OutputTables.PATIENT_SEGMENTS));
        Dataset<Row> mortalityBase = Indicators.mortalityBase(
                ctx.featureInputs(asOf.minusDays(IndicatorCounts.MORTALITY_WINDOW_DAYS)));
        // Read by disclosure control here and by the audit after: computed once.
        Dataset<Row> membership = Indicators.membership(peopleAtT, mortalityBase).localCheckpoint();
        Indicators.Published p = Indicators.compute(peopleAtT, mortalityBase, ctx.codeLists().conditions, asOf, dc,
                membership, Indicators.sharedFigures(ctx.get(Keys.output(OutputTables.SEGMENT_SUMMARY))),
                GeographyNames.from(ctx.reference()), ctx.runId);
        return StageResult.of().output(OutputTables.INDICATORS, p.table())
                .put(Keys.INDICATOR_DISCLOSURE_STATS, p.stats()).put(Keys.GEOGRAPHY_MEMBERSHIP, membership)
                .put(Keys.INDICATOR_CATALOGUE, Indicator.catalogue(ctx.codeLists().conditions));
    }

    @Override
    public long rows(RunContext ctx) {
        return ctx.get(Keys.output(OutputTables.PATIENT_SEGMENTS)).count();
    }
}
