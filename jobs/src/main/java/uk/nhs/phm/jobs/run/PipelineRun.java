package uk.nhs.phm.jobs.run;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;
import uk.nhs.phm.jobs.io.HadoopInputSource;
import uk.nhs.phm.jobs.io.HadoopReferenceSource;
import uk.nhs.phm.jobs.io.OutputStore;
import uk.nhs.phm.jobs.io.WorkScratch;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.config.Settings;
import uk.nhs.phm.pipeline.output.OutputRegistry;
import uk.nhs.phm.pipeline.output.OutputTable;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.run.Keys;
import uk.nhs.phm.pipeline.run.RunContext;
import uk.nhs.phm.pipeline.run.Scratch;
import uk.nhs.phm.pipeline.run.StageLine;
import uk.nhs.phm.pipeline.spark.SparkSessionFactory;
import uk.nhs.phm.pipeline.validate.FeedFormat;

/**
 * Wires a line of stages to the edges: the SparkSession, the extract, reference data, scratch space and the
 * output store. It orders nothing itself ({@link StageLine} does) and holds no rule of the NHS domain: it takes
 * the lock, runs the line, writes each output table into the run's snapshot, publishes the snapshot with its
 * manifest in one switch, and cleans up. Logs carry counts, table names and paths, never person-level values.
 */
public final class PipelineRun {
    private static final Logger LOG = LogManager.getLogger(PipelineRun.class);

    private final Settings settings;
    private final LocalDate today;
    private final StageLine line;
    private final OutputRegistry registry;

    public PipelineRun(Settings settings, LocalDate today, StageLine line, OutputRegistry registry) {
        this.settings = settings;
        this.today = today;
        this.line = line;
        this.registry = registry;
    }

    /** yyyyMMdd'T'HHmmss'Z' and a random suffix: unique, and sorting by id sorts by start time. */
    public static String newRunId() {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    }

    /** Runs the line and publishes every output table it produces, or nothing. */
    public RunResult publish() {
        long started = System.currentTimeMillis();
        Instant startedAt = Instant.now();
        String runId = newRunId();
        String output = settings.get(PhmSettings.OUTPUT);
        java.nio.file.Path sparkLocal = SparkLocalDir.forRun(output, runId, settings.spark());
        SparkSession spark = session(sparkLocal);
        boolean keepWork = settings.get(PhmSettings.KEEP_WORK);
        StopSignals.stoppable(true);
        try (OutputStore store = new OutputStore(output, HadoopInputSource.hadoop(spark), registry);
             StageMetrics metrics = new StageMetrics()) {
            RunContext ctx = context(spark, runId, new WorkScratch(spark, store.workPath(runId)));
            store.lock(runId, settings.get(PhmSettings.LOCK_STALE_MINUTES), settings.get(PhmSettings.PATIENT_LEVEL_MODE));
            ctx.put(Keys.PUBLISHED, store.publishedRuns());
            Map<String, String> tables = new LinkedHashMap<>();
            Map<String, String> outputs = new LinkedHashMap<>();
            try {
                LOG.info("Run {}: reading {} (today {})", runId, ctx.inputs().location(), today);
                line.run(ctx, (t, rows, c) -> {
                    String partition = OutputTable.AS_OF_DATE + "=" + c.get(Keys.AS_OF).date;
                    tables.put(t.path(), t.tier.folder + "/" + OutputStore.SNAPSHOTS + "/" + runId + "/" + t.name + "/"
                            + partition);
                    outputs.put(t.path(), store.display(t.path() + "/" + partition));
                    return store.write(spark, t, rows, runId, c.get(Keys.AS_OF).date);
                }, stoppable(metrics));
                long population = ctx.has(Keys.output(OutputTables.PATIENT_SEGMENTS))
                        ? ctx.get(Keys.output(OutputTables.PATIENT_SEGMENTS)).count() : 0;
                Map<String, Long> mix = RunResult.segmentMix(ctx);
                String manifest = RunManifest.json(RunResult.of(ctx, mix, outputs, metrics.stages(), started), settings,
                        ctx.validatedTables(), HadoopInputSource.hadoop(spark), startedAt, Instant.now(), population,
                        tables, store::display);
                // The last moment a signal stops the run: once the switch starts, it completes.
                StopSignals.throwIfStopped();
                store.publish(runId, ctx.get(Keys.AS_OF).date, manifest, settings.get(PhmSettings.KEEP_SNAPSHOTS));
                metrics.end("publish", tables.size());
                String manifestPath = OutputStore.RUNS + "/" + runId + "/" + OutputStore.MANIFEST;
                outputs.put(manifestPath, store.display(manifestPath));
                return RunResult.of(ctx, mix, outputs, metrics.stages(), started);
            } finally {
                // Decided by the switch itself, not by reading the pointer back: a published run is never discarded.
                if (store.switchedTo(runId)) {
                    StopSignals.notePublished();
                    store.cleanWork(runId, keepWork);
                } else {
                    store.discard(runId, keepWork);
                }
            }
        } finally {
            SparkLocalDir.remove(sparkLocal);
            StopSignals.stoppable(false);
        }
    }

    /** Runs the line without an output store (validation): scratch space in a temporary folder. */
    public RunResult dryRun() {
        long started = System.currentTimeMillis();
        StopSignals.stoppable(true);
        try (WorkScratch scratch = WorkScratch.temporary(); StageMetrics metrics = new StageMetrics()) {
            SparkSession spark = session(SparkLocalDir.under(scratch.localFolder(), settings.spark()));
            RunContext ctx = context(spark, newRunId(), scratch.on(spark));
            line.run(ctx, (t, rows, c) -> {
                throw new IllegalStateException("Stage wrote " + t.path() + " in a run that publishes nothing");
            }, stoppable(metrics));
            return RunResult.of(ctx, Map.of(), Map.of(), metrics.stages(), started);
        } finally {
            StopSignals.stoppable(false);
        }
    }

    /** The session, with Spark's local files (shuffle, spills: patient-level) in the run's private folder. */
    private SparkSession session(java.nio.file.Path sparkLocal) {
        Map<String, String> conf = new LinkedHashMap<>(settings.spark());
        if (sparkLocal != null) {
            conf.put(SparkLocalDir.KEY, sparkLocal.toString());
        }
        return SparkSessionFactory.create(conf);
    }

    /** The metrics listener, stopping the line between stages once a signal has been received. */
    private static StageLine.Listener stoppable(StageMetrics metrics) {
        return new StageLine.Listener() {
            @Override
            public void stageStarting(String stage) {
                StopSignals.throwIfStopped();
            }

            @Override
            public void stageFinished(String stage, long rows) {
                metrics.stageFinished(stage, rows);
            }
        };
    }

    private RunContext context(SparkSession spark, String runId, Scratch scratch) {
        return new RunContext(spark, settings, runId, today,
                new HadoopInputSource(spark, settings.get(PhmSettings.INPUT), FeedFormat.of(settings)),
                scratch, new HadoopReferenceSource(spark, settings));
    }
}
