package uk.nhs.phm.jobs.run;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import uk.nhs.phm.pipeline.validate.ValidationSummary;

/** What a run did, for the one-screen summary, the manifest and the benchmark. */
public final class RunResult {
    public final String runId;
    public final LocalDate asOf;
    public final String asOfSource;
    public final Map<String, ValidationSummary> validation;
    public final List<String> absentTables;
    public final Map<String, List<String>> extraColumns;
    /** Published (disclosure-controlled) people per segment over the whole extract; empty for validate. */
    public final Map<String, Long> segmentMix;
    public final long population;
    public final Map<String, String> outputs;
    public final List<StageMetrics.Stage> stages;
    public final long wallMillis;

    RunResult(String runId, LocalDate asOf, String asOfSource, Map<String, ValidationSummary> validation,
              List<String> absentTables, Map<String, List<String>> extraColumns, Map<String, Long> segmentMix,
              long population, Map<String, String> outputs, List<StageMetrics.Stage> stages, long wallMillis) {
        this.runId = runId;
        this.asOf = asOf;
        this.asOfSource = asOfSource;
        this.validation = validation;
        this.absentTables = absentTables;
        this.extraColumns = extraColumns;
        this.segmentMix = segmentMix;
        this.population = population;
        this.outputs = outputs;
        this.stages = stages;
        this.wallMillis = wallMillis;
    }
}
