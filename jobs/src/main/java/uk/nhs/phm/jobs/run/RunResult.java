package uk.nhs.phm.jobs.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.phm.pipeline.aggregate.SegmentSummary;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.quality.DataQualityGates;
import uk.nhs.phm.pipeline.run.AsOfDate;
import uk.nhs.phm.pipeline.run.Key;
import uk.nhs.phm.pipeline.run.Keys;
import uk.nhs.phm.pipeline.run.RunContext;
import uk.nhs.phm.pipeline.validate.ValidatedTable;
import uk.nhs.phm.pipeline.validate.ValidationSummary;

/** What a run did, for the one-screen summary, the manifest and the benchmark. Counts only. */
public final class RunResult {
    public final String runId;
    public final AsOfDate asOf;
    /** Validation summaries of the tables supplied, by table name, in contract order. */
    public final Map<String, ValidationSummary> validation = new LinkedHashMap<>();
    public final List<String> absentTables = new ArrayList<>();
    public final Map<String, List<String>> extraColumns = new LinkedHashMap<>();
    /** Published (disclosure-controlled) people per segment over the whole extract; empty for validate. */
    public final Map<String, Long> segmentMix;
    /** The published (rounded) population at T; 0 for validate. */
    public final long population;
    /** Output table path → where to read it. */
    public final Map<String, String> outputs;
    public final List<StageMetrics.Stage> stages;
    public final long wallMillis;
    /** The data-quality gates the line checked, in order (a failed one stops a publishing run first). */
    public final List<DataQualityGates.Verdict> gates = new ArrayList<>();

    /** Published people per segment, from the stored summary when the line wrote one. */
    static Map<String, Long> segmentMix(RunContext ctx) {
        Key<Dataset<Row>> summary = Keys.output(OutputTables.SEGMENT_SUMMARY);
        return ctx.has(summary) ? SegmentSummary.segmentMix(ctx.get(summary)) : Map.of();
    }

    /** What the context holds after a line has run: validation, and the published segment mix. */
    static RunResult of(RunContext ctx, Map<String, Long> mix, Map<String, String> outputs,
                        List<StageMetrics.Stage> stages, long started) {
        Long all = mix.get(SegmentSummary.ALL_SEGMENTS);
        RunResult r = new RunResult(ctx.runId, ctx.get(Keys.AS_OF), ctx.validatedTables(), mix, all == null ? 0 : all,
                new LinkedHashMap<>(outputs), stages, System.currentTimeMillis() - started);
        if (ctx.has(Keys.QUARANTINE_GATES)) {
            r.gates.addAll(ctx.get(Keys.QUARANTINE_GATES));
        }
        if (ctx.has(Keys.PREVIOUS_RUN_GATES)) {
            r.gates.addAll(ctx.get(Keys.PREVIOUS_RUN_GATES));
        }
        if (ctx.has(Keys.DISCLOSURE_GATES)) {
            r.gates.addAll(ctx.get(Keys.DISCLOSURE_GATES));
        }
        return r;
    }

    RunResult(String runId, AsOfDate asOf, List<ValidatedTable> tables, Map<String, Long> segmentMix, long population,
              Map<String, String> outputs, List<StageMetrics.Stage> stages, long wallMillis) {
        this.runId = runId;
        this.asOf = asOf;
        for (ValidatedTable v : tables) {
            if (!v.present()) {
                absentTables.add(v.table.tableName);
                continue;
            }
            validation.put(v.table.tableName, v.summary);
            if (!v.extraColumns.isEmpty()) {
                extraColumns.put(v.table.tableName, v.extraColumns);
            }
        }
        this.segmentMix = segmentMix;
        this.population = population;
        this.outputs = outputs;
        this.stages = stages;
        this.wallMillis = wallMillis;
    }
}
