package uk.nhs.phm.jobs.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import uk.nhs.phm.pipeline.Errors;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.output.OutputRegistry;
import uk.nhs.phm.pipeline.output.OutputTable;
import uk.nhs.phm.pipeline.run.PublicationRules;

/**
 * Everything a run reads and writes under one output location, through Hadoop's FileSystem (local, HDFS, S3,
 * ABFS: paths are URIs). Publication is one switch:
 *
 * <ol>
 *   <li>each run writes a complete snapshot: every table under {@code <tier>/_snapshots/<run_id>/<table>/
 *       as_of_date=T/}, then its manifest {@code ops/runs/<run_id>/manifest.json};</li>
 *   <li>the small pointer {@code ops/runs/as_of/T.json} is replaced in one step: from then on the run is the
 *       published one for T. {@code ops/runs/latest.json} follows: the pointer of the latest as-of date;</li>
 *   <li>the folder view that file readers glob ({@code <tier>/<table>/as_of_date=T/}) is refreshed from the
 *       snapshot, one partition at a time, each swapped in whole (a reader sees the old run's partition, or the
 *       new one's, never a mix), and partitions of tables the new run did not write are removed.</li>
 * </ol>
 *
 * A crash before step 2 leaves the previous publication untouched; after it, the next run repairs the view from
 * the pointers. Old snapshots are kept up to a configured number per as-of date; the published one always stays.
 */
public final class OutputStore implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(OutputStore.class);
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String SNAPSHOTS = "_snapshots";
    public static final String RUNS = "ops/runs";
    public static final String LATEST = RUNS + "/latest.json";
    public static final String MANIFEST = "manifest.json";
    /** In a view partition: the run whose snapshot it is a copy of. */
    public static final String RUN_MARKER = "_PHM_RUN";

    private final String location;
    private final Path root;
    private final FileSystem fs;
    private final OutputRegistry registry;
    private RunLock lock;

    /** A run published for one as-of date, as its pointer names it. */
    public static final class Publication {
        public final String runId;
        public final LocalDate asOf;
        public final String manifest;

        Publication(String runId, LocalDate asOf, String manifest) {
            this.runId = runId;
            this.asOf = asOf;
            this.manifest = manifest;
        }
    }

    public OutputStore(String location, Configuration conf, OutputRegistry registry) {
        this.location = location;
        this.root = new Path(location);
        this.fs = Fs.fileSystem(root, conf);
        this.registry = registry;
    }

    public String location() {
        return location;
    }

    /** The location of a path under the output, as people read it. */
    public String display(String relative) {
        return Fs.display(new Path(root, relative).toString());
    }

    // ------------------------------------------------------------------ lock and repair

    /** Takes the output's lock (see {@link RunLock}) and repairs what an interrupted earlier run left. */
    public void lock(String runId, int staleMinutes) {
        try {
            if (fs.exists(root) && !fs.getFileStatus(root).isDirectory()) {
                throw new PhmUserException("--output " + Fs.display(location) + ": is a file; give a folder (it is "
                        + "created if missing).");
            }
            fs.mkdirs(root);
        } catch (IOException e) {
            throw new PhmUserException("--output " + Fs.display(location) + ": cannot write there (" + Errors.firstLine(e)
                    + "); choose a folder this user can write to.");
        }
        RunLock l = new RunLock(fs, root, staleMinutes);
        l.acquire(runId);
        lock = l;
        repair(runId);
    }

    /**
     * Under the lock, makes the output what its pointers say: removes what dead runs left (incomplete snapshots,
     * staging and work folders), points {@code latest.json} at the latest as-of date, and rebuilds any view
     * partition that is not a whole copy of its published snapshot.
     */
    void repair(String currentRun) {
        try {
            java.util.NavigableMap<LocalDate, Publication> published = publications();
            for (OutputTable.Tier tier : OutputTable.Tier.values()) {
                for (FileStatus s : Fs.list(fs, new Path(root, tier.folder + "/" + SNAPSHOTS))) {
                    String run = s.getPath().getName();
                    if (!run.equals(currentRun) && !fs.exists(new Path(root, RUNS + "/" + run + "/" + MANIFEST))) {
                        LOG.info("Removing the incomplete snapshot of interrupted run {}", run);
                        Fs.delete(fs, s.getPath());
                    }
                }
                for (String scratch : List.of("_staging", "_trash")) {
                    Fs.delete(fs, new Path(root, tier.folder + "/" + scratch));
                }
            }
            for (FileStatus w : Fs.list(fs, new Path(root, "_work"))) {
                if (!w.getPath().getName().equals(currentRun)) {
                    Fs.delete(fs, w.getPath());
                }
            }
            if (!published.isEmpty()) {
                Publication last = published.get(PublicationRules.latest(published.keySet()));
                Optional<Publication> latest = latest();
                if (latest.isEmpty() || !latest.get().runId.equals(last.runId)) {
                    Fs.writeAtomically(fs, new Path(root, LATEST), pointerJson(last), currentRun);
                }
            }
            for (Publication p : published.values()) {
                refreshViews(p, currentRun, false);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot check the output at " + Fs.display(location) + " ("
                    + Errors.firstLine(e) + ")", e);
        }
    }

    // ------------------------------------------------------------------ writing a run

    /** Where run {@code runId} writes one table's partition for T: its snapshot. */
    String snapshotPath(OutputTable t, String runId, LocalDate asOf) {
        return new Path(root, t.tier.folder + "/" + SNAPSHOTS + "/" + runId + "/" + t.name + "/"
                + OutputTable.AS_OF_DATE + "=" + asOf).toString();
    }

    String viewPath(OutputTable t, LocalDate asOf) {
        return new Path(root, t.path() + "/" + OutputTable.AS_OF_DATE + "=" + asOf).toString();
    }

    /** Run-private work space (removed after the run unless kept for debugging). */
    public String workPath(String runId) {
        return new Path(root, "_work/" + runId).toString();
    }

    /** Writes one output table of a run into its snapshot and returns the stored rows. */
    public Dataset<Row> write(SparkSession spark, OutputTable t, Dataset<Row> rows, String runId, LocalDate asOf) {
        if (!registry.contains(t)) {
            throw new IllegalStateException("Output table " + t.path() + " is not in the registry");
        }
        String path = snapshotPath(t, runId, asOf);
        Dataset<Row> conformed = t.conform(rows);
        (t.singleFile ? conformed.coalesce(1) : conformed).write().parquet(path);
        // The schema is given so that a table with no rows (no files but the marker) reads back empty.
        return spark.read().schema(t.schema()).parquet(path);
    }

    /**
     * Publishes a run whose tables are all written: its manifest, then the pointer switch, then the views.
     *
     * @param manifestJson the run's manifest; its {@code tables} object names every table the run wrote (a
     *                     table of the registry it did not write is removed from the view for T)
     */
    public void publish(String runId, LocalDate asOf, String manifestJson, int keepSnapshots) {
        Publication p = new Publication(runId, asOf, RUNS + "/" + runId + "/" + MANIFEST);
        try {
            Fs.writeAtomically(fs, new Path(root, p.manifest), manifestJson, runId);
            CrashPoints.reached("manifest-written");
            Fs.writeAtomically(fs, pointerPath(asOf), pointerJson(p), runId);
        } catch (IOException e) {
            throw new IllegalStateException("Publishing run " + runId + " failed before it was published; the previous "
                    + "publication is unchanged (" + Errors.firstLine(e) + ")", e);
        }
        try {
            CrashPoints.reached("pointer-switched");
            if (PublicationRules.becomesLatest(latest().map(l -> l.asOf).orElse(null), asOf)) {
                Fs.writeAtomically(fs, new Path(root, LATEST), pointerJson(p), runId);
            }
            CrashPoints.reached("latest-written");
            refreshViews(p, runId, true);
            CrashPoints.reached("views-refreshed");
            prune(asOf, p.runId, keepSnapshots);
        } catch (IOException e) {
            throw new IllegalStateException("Run " + runId + " is published (" + display(LATEST) + " names it) but the "
                    + "folder view could not be fully refreshed (" + Errors.firstLine(e) + "); each table folder still "
                    + "holds one whole run, and the next phm run on this output repairs it", e);
        }
    }

    /**
     * Makes every view partition of p's as-of date a whole copy of p's snapshot: always when publishing, only the
     * stale ones when repairing. A table the run did not write has no partition for T in the view.
     */
    private void refreshViews(Publication p, String runId, boolean always) throws IOException {
        List<String> written = tablesOf(p.runId);
        if (written == null) {
            LOG.error("The manifest of published run {} is missing or unreadable; its folder view is left as it is", p.runId);
            return;
        }
        for (OutputTable t : registry.tables()) {
            Path view = new Path(viewPath(t, p.asOf));
            Path snapshot = new Path(snapshotPath(t, p.runId, p.asOf));
            boolean inRun = written.contains(t.path());
            boolean viewExists = fs.exists(view);
            String marker = viewExists ? Fs.readText(fs, new Path(view, RUN_MARKER)) : null;
            boolean current = inRun ? viewExists && marker != null && marker.trim().equals(p.runId) : !viewExists;
            if (current && !always) {
                continue;
            }
            Path trash = new Path(root, t.tier.folder + "/_trash/" + runId + "/" + t.name);
            if (!inRun) {
                if (viewExists) {
                    Fs.move(fs, view, trash);
                }
                continue;
            }
            if (!fs.exists(snapshot)) {
                LOG.error("The snapshot of {} for published run {} is missing; its folder view is left as it is",
                        t.path(), p.runId);
                continue;
            }
            Path staged = new Path(root, t.tier.folder + "/_staging/" + runId + "/" + t.name + "/"
                    + OutputTable.AS_OF_DATE + "=" + p.asOf);
            Fs.delete(fs, staged);
            Fs.copyFolder(fs, snapshot, staged);
            Fs.writeAtomically(fs, new Path(staged, RUN_MARKER), p.runId + "\n", runId);
            swap(staged, view, trash, t);
        }
        for (OutputTable.Tier tier : OutputTable.Tier.values()) {
            for (String aside : List.of("_staging", "_trash")) {
                Fs.delete(fs, new Path(root, tier.folder + "/" + aside + "/" + runId));
                tidyEmpty(new Path(root, tier.folder + "/" + aside));
            }
        }
    }

    private void tidyEmpty(Path p) {
        try {
            if (fs.exists(p) && fs.listStatus(p).length == 0) {
                fs.delete(p, false);
            }
        } catch (IOException e) {
            LOG.debug("Could not tidy {}", p);
        }
    }

    /** The output tables a run wrote, from its manifest (null when there is no readable manifest). */
    List<String> tablesOf(String runId) {
        JsonNode m = manifest(runId);
        if (m == null || !m.has("tables")) {
            return null;
        }
        List<String> tables = new ArrayList<>();
        m.get("tables").fieldNames().forEachRemaining(tables::add);
        return tables;
    }

    /**
     * Puts a staged partition in place of the current one: the old one is moved aside whole, the new one moved in
     * whole, and if the second move fails the old one is moved back, so the table is never emptier than before.
     */
    private void swap(Path staged, Path view, Path trash, OutputTable t) throws IOException {
        boolean hadOld = fs.exists(view);
        if (hadOld) {
            Fs.move(fs, view, trash);
        }
        try {
            CrashPoints.reached("view-aside:" + t.path());
            Fs.move(fs, staged, view);
        } catch (IOException e) {
            if (hadOld) {
                try {
                    Fs.move(fs, trash, view);
                } catch (IOException again) {
                    LOG.error("Could not put back the previous partition of {}; it is at {}", t.path(), trash);
                }
            }
            throw e;
        }
    }

    /** Keeps the newest {@code keep} complete snapshots of T (and the published one, always); removes the rest. */
    private void prune(LocalDate asOf, String published, int keep) throws IOException {
        List<String> runs = new ArrayList<>();
        for (FileStatus s : Fs.list(fs, new Path(root, RUNS))) {
            JsonNode m = s.isDirectory() ? manifest(s.getPath().getName()) : null;
            if (m != null && asOf.toString().equals(m.path("as_of_date").asText())) {
                runs.add(s.getPath().getName());
            }
        }
        for (String run : PublicationRules.snapshotsToRemove(runs, published, keep)) {
            for (OutputTable.Tier tier : OutputTable.Tier.values()) {
                Path snap = new Path(root, tier.folder + "/" + SNAPSHOTS + "/" + run);
                if (fs.exists(snap)) {
                    LOG.info("Removing the snapshot of run {} ({} kept per as-of date)", run, keep);
                    Fs.delete(fs, snap);
                }
            }
        }
    }

    /** Removes an unpublished run's snapshot and work space (after a failure). */
    public void discard(String runId, boolean keepWork) {
        for (OutputTable.Tier tier : OutputTable.Tier.values()) {
            Fs.delete(fs, new Path(root, tier.folder + "/" + SNAPSHOTS + "/" + runId));
            tidyEmpty(new Path(root, tier.folder + "/" + SNAPSHOTS));
            for (String aside : List.of("_staging", "_trash")) {
                Fs.delete(fs, new Path(root, tier.folder + "/" + aside + "/" + runId));
                tidyEmpty(new Path(root, tier.folder + "/" + aside));
            }
            tidyEmpty(new Path(root, tier.folder));
        }
        cleanWork(runId, keepWork);
    }

    public void cleanWork(String runId, boolean keepWork) {
        if (!keepWork) {
            Fs.delete(fs, new Path(workPath(runId)));
        }
        tidyEmpty(new Path(root, "_work"));
    }

    // ------------------------------------------------------------------ reading

    private Path pointerPath(LocalDate asOf) {
        return new Path(root, RUNS + "/as_of/" + asOf + ".json");
    }

    private static String pointerJson(Publication p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", p.runId);
        m.put("as_of_date", p.asOf.toString());
        m.put("manifest", p.manifest);
        try {
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Publication> pointer(Path p) {
        try {
            String text = Fs.readText(fs, p);
            if (text == null) {
                return Optional.empty();
            }
            JsonNode n = JSON.readTree(text);
            return Optional.of(new Publication(n.get("run_id").asText(), LocalDate.parse(n.get("as_of_date").asText()),
                    n.get("manifest").asText()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring an unreadable pointer {}: {}", p, Errors.firstLine(e));
            return Optional.empty();
        }
    }

    /** The published run with the latest as-of date. */
    public Optional<Publication> latest() {
        return pointer(new Path(root, LATEST));
    }

    /** The published run for one as-of date. */
    public Optional<Publication> published(LocalDate asOf) {
        return pointer(pointerPath(asOf));
    }

    /** Every as-of date with a published run, oldest first. */
    public java.util.NavigableMap<LocalDate, Publication> publications() throws IOException {
        TreeMap<LocalDate, Publication> m = new TreeMap<>();
        for (FileStatus s : Fs.list(fs, new Path(root, RUNS + "/as_of"))) {
            String n = s.getPath().getName();
            if (n.endsWith(".json") && !n.startsWith(".")) {
                pointer(s.getPath()).ifPresent(p -> m.put(p.asOf, p));
            }
        }
        return m;
    }

    /** A run's manifest, or null. */
    public JsonNode manifest(String runId) {
        try {
            String text = Fs.readText(fs, new Path(root, RUNS + "/" + runId + "/" + MANIFEST));
            return text == null ? null : JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * One table as published for an as-of date (the latest when null), read from the published run's snapshot,
     * so it never mixes runs; empty when nothing is published for that date.
     */
    public Optional<Dataset<Row>> read(SparkSession spark, OutputTable t, LocalDate asOf) {
        Optional<Publication> p = asOf == null ? latest() : published(asOf);
        return p.flatMap(x -> read(spark, t, x.runId, x.asOf));
    }

    /** One table of one run (published or a kept older snapshot); empty when the run did not write it. */
    public Optional<Dataset<Row>> read(SparkSession spark, OutputTable t, String runId, LocalDate asOf) {
        String path = snapshotPath(t, runId, asOf);
        try {
            if (!fs.exists(new Path(path))) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(spark.read().schema(t.schema()).parquet(path));
    }

    @Override
    public void close() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }
}
