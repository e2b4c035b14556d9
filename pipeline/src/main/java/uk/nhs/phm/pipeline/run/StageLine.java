package uk.nhs.phm.pipeline.run;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.phm.pipeline.output.OutputTable;

/**
 * Runs a line of stages in order, and does nothing else: checks that every stage's needs are produced earlier,
 * lets every stage check its configuration before any data is read, labels Spark's job group with the stage
 * name, hands each output table to the store (putting the stored rows back for later stages) and reports each
 * stage's rows to a listener. Logs carry stage names and counts only.
 */
public final class StageLine {
    private static final Logger LOG = LogManager.getLogger(StageLine.class);

    /** Receives each output table (the store writes it and returns the stored rows). */
    public interface OutputWriter {
        Dataset<Row> write(OutputTable table, Dataset<Row> rows, RunContext ctx);
    }

    /** Told when a stage starts (it may stop the line, e.g. on a signal) and when it has finished (metrics). */
    public interface Listener {
        default void stageStarting(String stage) {
        }

        void stageFinished(String stage, long rows);
    }

    /** The metrics entry of the checks made before any data is read. */
    public static final String CHECKS = "configuration and rule checks";

    private final List<Stage> stages;

    public StageLine(List<Stage> stages) {
        this.stages = List.copyOf(stages);
    }

    public List<Stage> stages() {
        return stages;
    }

    /** Every stage's needs must be produced by an earlier stage or given at the start: a wiring bug otherwise. */
    public void checkOrder(Set<Key<?>> given) {
        Set<Key<?>> available = new HashSet<>(given);
        for (Stage s : stages) {
            for (Key<?> k : s.needs()) {
                if (!available.contains(k)) {
                    throw new IllegalStateException("Stage '" + s.name() + "' needs '" + k + "', which no earlier stage produces");
                }
            }
            for (Key<?> k : s.produces()) {
                if (!available.add(k)) {
                    throw new IllegalStateException("Stage '" + s.name() + "' produces '" + k + "', which an earlier "
                            + "stage already produces");
                }
            }
        }
    }

    /** Checks every stage's configuration, then runs the stages in order. */
    public void run(RunContext ctx, OutputWriter writer, Listener listener) {
        checkOrder(ctx.keys());
        for (Stage s : stages) {
            s.check(ctx);
        }
        listener.stageFinished(CHECKS, 0);
        for (Stage s : stages) {
            listener.stageStarting(s.name());
            ctx.spark.sparkContext().setJobGroup(s.name(), "phm " + ctx.runId + ": " + s.name(), false);
            LOG.debug("Stage '{}' starting", s.name());
            try {
                StageResult r = s.run(ctx);
                for (Map.Entry<Key<?>, Object> e : r.values.entrySet()) {
                    requireDeclared(s, e.getKey());
                    if (e.getKey().name.startsWith(Keys.OUTPUT_PREFIX)) {
                        throw new IllegalStateException("Stage '" + s.name() + "' gave output table '" + e.getKey()
                                + "' as a value; give it with StageResult.output so that it is stored and published");
                    }
                    putUnchecked(ctx, e.getKey(), e.getValue());
                }
                for (Key<?> k : s.produces()) {
                    if (!k.name.startsWith(Keys.OUTPUT_PREFIX) && !r.values.containsKey(k)) {
                        throw new IllegalStateException("Stage '" + s.name() + "' did not produce '" + k + "'");
                    }
                }
                for (Map.Entry<OutputTable, Dataset<Row>> e : r.outputs.entrySet()) {
                    Key<Dataset<Row>> k = Keys.output(e.getKey());
                    requireDeclared(s, k);
                    Dataset<Row> stored = writer.write(e.getKey(), e.getValue(), ctx);
                    ctx.put(k, stored);
                    if (LOG.isDebugEnabled()) {
                        LOG.debug("Stage '{}': {} stored in {}", s.name(), e.getKey().path(), folderOf(stored));
                    }
                }
                // The listener (the run's metrics) reports the stage's time and rows.
                listener.stageFinished(s.name(), s.rows(ctx));
            } finally {
                ctx.spark.sparkContext().clearJobGroup();
            }
        }
    }

    /** Where the store put a table: the folder its files are in (as Spark lists them; nothing is read). */
    private static String folderOf(Dataset<Row> stored) {
        List<String> folders = java.util.Arrays.stream(stored.inputFiles())
                .map(f -> f.substring(0, Math.max(0, f.lastIndexOf('/')))).distinct().sorted().toList();
        if (folders.isEmpty()) {
            return "(no files: no rows)";
        }
        return folders.size() == 1 ? folders.get(0) : folders.get(0) + " and " + (folders.size() - 1) + " more";
    }

    private static void requireDeclared(Stage s, Key<?> k) {
        if (!s.produces().contains(k)) {
            throw new IllegalStateException("Stage '" + s.name() + "' produced '" + k + "' without declaring it");
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void putUnchecked(RunContext ctx, Key<T> key, Object value) {
        ctx.put(key, (T) value);
    }
}
