package uk.nhs.phm.jobs.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import uk.nhs.phm.pipeline.Errors;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.output.OutputRegistry;
import uk.nhs.phm.pipeline.output.OutputTable;
import uk.nhs.phm.pipeline.run.PreviousPublication;
import uk.nhs.phm.pipeline.run.PublicationRules;

/**
 * Everything a run reads and writes under one output location, through Hadoop's FileSystem (local, HDFS, S3,
 * ABFS: paths are URIs). Publication is one switch:
 *
 * <ol>
 *   <li>each run writes a complete snapshot: every table under {@code <tier>/_snapshots/<run_id>/<table>/
 *       as_of_date=T/}, then its manifest {@code ops/runs/<run_id>/manifest.json} (status {@code complete});</li>
 *   <li>the small pointer {@code ops/runs/as_of/T.json} is replaced in one step: from then on the run is the
 *       published one for T (its manifest is then marked {@code published}). {@code ops/runs/latest.json}
 *       follows: the pointer of the latest as-of date, never moved back in time;</li>
 *   <li>the folder view that file readers glob ({@code <tier>/<table>/as_of_date=T/}) is refreshed from the
 *       snapshot, one partition at a time, each swapped in whole (a reader sees the old run's partition, or the
 *       new one's, never a mix), and partitions of tables the new run did not write are removed.</li>
 * </ol>
 *
 * A crash before step 2 leaves the previous publication untouched; after it, the next run repairs the view from
 * the pointers. Old snapshots are kept up to a configured number per as-of date; a snapshot a pointer names is
 * never removed. An output written by an earlier version of phm (folder views, one latest.json, no snapshots) is
 * taken over as it is: its runs are registered with pointers and read from their folder views.
 */
public final class OutputStore implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(OutputStore.class);
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String SNAPSHOTS = "_snapshots";
    /** Run-private work space: {@code _work/<run_id>}. */
    public static final String WORK = "_work";
    public static final String RUNS = "ops/runs";
    public static final String LATEST = RUNS + "/latest.json";
    public static final String MANIFEST = "manifest.json";
    /** In a view partition: the run whose snapshot it is a copy of. */
    public static final String RUN_MARKER = "_PHM_RUN";
    /** Manifest status: the snapshot is whole but not (yet) published. */
    public static final String COMPLETE = "complete";
    public static final String PUBLISHED = "published";
    /** Manifest status of a run published by an earlier version, read from its folder views. */
    private static final String LEGACY = "legacy";

    private final String location;
    private final Path root;
    private final FileSystem fs;
    private final OutputRegistry registry;
    private final Set<String> switched = new HashSet<>();
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

    /** The location of a path under the output, as people read it. */
    public String display(String relative) {
        return Fs.display(new Path(root, relative).toString());
    }

    // ------------------------------------------------------------------ lock and repair

    /** Takes the output's lock (see {@link RunLock}) and repairs what an interrupted earlier run left. */
    public void lock(String runId, int staleMinutes, int patientLevelMode) {
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
        if (Fs.isObjectStore(fs)) {
            LOG.warn("The output is on an object store ({}): creating the lock there is not atomic, so two runs "
                    + "started at the same moment are not stopped by it; let the scheduler run one at a time.",
                    fs.getScheme());
        }
        RunLock l = new RunLock(fs, root, staleMinutes);
        l.acquire(runId);
        lock = l;
        repair(runId);
        protectPatientLevel(patientLevelMode);
    }

    /**
     * The folders that hold patient-level rows, named relative to the output: the restricted tier, the quarantine
     * (rejected rows as read, which may include NHS numbers), every snapshot, staging and trash folder of the ops
     * tier (they hold quarantine snapshots) and the work folder (validated input rows, Spark's local files).
     */
    public static final List<String> PATIENT_LEVEL_FOLDERS = List.of(OutputTable.Tier.RESTRICTED.folder,
            OutputTable.Tier.OPS.folder + "/quarantine", OutputTable.Tier.OPS.folder + "/" + SNAPSHOTS,
            OutputTable.Tier.OPS.folder + "/_staging", OutputTable.Tier.OPS.folder + "/_trash", WORK);

    /**
     * Creates the patient-level folders with the configured mode (owner only by default) and sets it on ones that
     * exist, so an output written by an earlier version is locked down too. Only the folders themselves: a file
     * below a folder others cannot enter is out of their reach whatever its own mode.
     */
    private void protectPatientLevel(int patientLevelMode) {
        FsPermission mode = new FsPermission(String.valueOf(patientLevelMode));
        for (String folder : PATIENT_LEVEL_FOLDERS) {
            Path p = new Path(root, folder);
            try {
                fs.mkdirs(p);
                fs.setPermission(p, mode);
            } catch (IOException e) {
                throw new PhmUserException(display(folder) + ": cannot set its permissions to " + mode + " ("
                        + Errors.firstLine(e) + "); the output must be on a file system that keeps permissions "
                        + "(local, HDFS) or one whose access the site controls (object store bucket policy).");
            }
        }
    }

    /**
     * Under the lock, makes the output what its pointers say: registers the runs of an output written by an
     * earlier version, removes what dead runs left (unpublished snapshots and their manifests, staging, trash,
     * temporary and work folders), points {@code latest.json} at the latest as-of date (never earlier than it
     * was), and rebuilds any view partition that is not a whole copy of its published snapshot. A date whose view
     * cannot be repaired is reported and left for the next run; it does not stop this one.
     */
    void repair(String currentRun) {
        try {
            migrateLegacy(currentRun);
            NavigableMap<LocalDate, Publication> published = publications();
            Set<String> pointed = new HashSet<>();
            published.values().forEach(p -> pointed.add(p.runId));
            latest().ifPresent(p -> pointed.add(p.runId));
            for (String run : pointed) {
                // A run that died between its pointer switch and marking its manifest is published all the same.
                JsonNode m = manifest(run);
                if (m != null && COMPLETE.equals(m.path("status").asText())) {
                    ((ObjectNode) m).put("status", PUBLISHED);
                    Fs.writeAtomically(fs, new Path(root, RUNS + "/" + run + "/" + MANIFEST), JSON.writeValueAsString(m),
                            currentRun);
                }
            }
            for (OutputTable.Tier tier : OutputTable.Tier.values()) {
                for (FileStatus s : Fs.list(fs, new Path(root, tier.folder + "/" + SNAPSHOTS))) {
                    String run = s.getPath().getName();
                    if (!run.equals(currentRun) && !pointed.contains(run) && !PUBLISHED.equals(status(run))) {
                        LOG.info("Removing the snapshot of run {}, which was never published", run);
                        Fs.delete(fs, s.getPath());
                    }
                }
                for (String aside : List.of("_staging", "_trash")) {
                    Fs.delete(fs, new Path(root, tier.folder + "/" + aside));
                }
            }
            for (FileStatus r : Fs.list(fs, new Path(root, RUNS))) {
                String run = r.getPath().getName();
                if (r.isDirectory() && !run.equals("as_of") && !run.equals(currentRun)) {
                    if (!pointed.contains(run) && COMPLETE.equals(status(run))) {
                        Fs.delete(fs, r.getPath());
                    } else {
                        deleteTemporaryFiles(r.getPath());
                    }
                }
            }
            deleteTemporaryFiles(new Path(root, RUNS));
            deleteTemporaryFiles(new Path(root, RUNS + "/as_of"));
            for (FileStatus w : Fs.list(fs, new Path(root, WORK))) {
                String run = w.getPath().getName();
                // Work kept on purpose (run.keep_work) belongs to a published run; a dead run's work goes.
                if (!run.equals(currentRun) && !PUBLISHED.equals(status(run))) {
                    Fs.delete(fs, w.getPath());
                }
            }
            if (!published.isEmpty()) {
                Publication last = published.get(PublicationRules.latest(published.keySet()));
                LocalDate current = latest().map(p -> p.asOf).orElse(null);
                if (PublicationRules.becomesLatest(current, last.asOf)
                        && !latest().map(p -> p.runId.equals(last.runId)).orElse(false)) {
                    Fs.writeAtomically(fs, new Path(root, LATEST), pointerJson(last), currentRun);
                }
            }
            for (Publication p : published.values()) {
                try {
                    refreshViews(p, currentRun, false);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Could not repair the folder view for {} (run {}): {}; readers following the pointer are "
                            + "not affected, and the next run tries again", p.asOf, p.runId, Errors.firstLine(e));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot check the output at " + Fs.display(location) + " ("
                    + Errors.firstLine(e) + ")", e);
        }
    }

    private void deleteTemporaryFiles(Path folder) throws IOException {
        for (FileStatus f : Fs.list(fs, folder)) {
            if (f.isFile() && f.getPath().getName().startsWith(".") && f.getPath().getName().endsWith(".tmp")) {
                Fs.delete(fs, f.getPath());
            }
        }
    }

    /**
     * An output written by the previous version has folder views, one {@code latest.json} and manifests without a
     * {@code tables} list. Each as-of date's newest such run is registered with a pointer (it is what its folder
     * views hold), so it stays readable and {@code latest.json} keeps naming it.
     */
    private void migrateLegacy(String currentRun) throws IOException {
        Map<LocalDate, String> newest = new TreeMap<>();
        for (FileStatus r : Fs.list(fs, new Path(root, RUNS))) {
            String run = r.getPath().getName();
            JsonNode m = r.isDirectory() && !run.equals(currentRun) ? manifest(run) : null;
            if (m != null && !m.has("tables") && m.has("as_of_date")) {
                LocalDate d = LocalDate.parse(m.get("as_of_date").asText());
                newest.merge(d, run, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        for (Map.Entry<LocalDate, String> e : newest.entrySet()) {
            if (published(e.getKey()).isEmpty()) {
                LOG.info("Registering run {} for {}, published by an earlier version of phm", e.getValue(), e.getKey());
                ObjectNode m = (ObjectNode) manifest(e.getValue());
                m.put("status", LEGACY);
                Fs.writeAtomically(fs, new Path(root, RUNS + "/" + e.getValue() + "/" + MANIFEST),
                        JSON.writeValueAsString(m), currentRun);
                Fs.writeAtomically(fs, pointerPath(e.getKey()), pointerJson(new Publication(e.getValue(), e.getKey(),
                        RUNS + "/" + e.getValue() + "/" + MANIFEST)), currentRun);
            }
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
        return new Path(root, WORK + "/" + runId).toString();
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
        Path manifestPath = new Path(root, p.manifest);
        ObjectNode manifest;
        try {
            manifest = (ObjectNode) JSON.readTree(manifestJson);
            manifest.put("status", COMPLETE);
            requireLock(runId);
            Fs.writeAtomically(fs, manifestPath, JSON.writeValueAsString(manifest), runId);
            CrashPoints.reached("manifest-written");
            requireLock(runId);
            Fs.writeAtomically(fs, pointerPath(asOf), pointerJson(p), runId);
            switched.add(runId);
        } catch (IOException e) {
            throw new IllegalStateException("Publishing run " + runId + " failed before it was published; the previous "
                    + "publication is unchanged (" + Errors.firstLine(e) + ")", e);
        }
        try {
            CrashPoints.reached("pointer-switched");
            manifest.put("status", PUBLISHED);
            Fs.writeAtomically(fs, manifestPath, JSON.writeValueAsString(manifest), runId);
            if (PublicationRules.becomesLatest(latest().map(l -> l.asOf).orElse(null), asOf)) {
                Fs.writeAtomically(fs, new Path(root, LATEST), pointerJson(p), runId);
            }
            CrashPoints.reached("latest-written");
            refreshViews(p, runId, true);
            CrashPoints.reached("views-refreshed");
            prune(asOf, p.runId, keepSnapshots);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Run " + runId + " is published (" + display(RUNS + "/as_of/" + asOf
                    + ".json") + " names it) but the folder view could not be fully refreshed (" + Errors.firstLine(e)
                    + "); each table folder still holds one whole run, and the next phm run on this output repairs it", e);
        }
    }

    /** True when {@link #publish} switched the pointer to this run (whatever happened after). */
    public boolean switchedTo(String runId) {
        return switched.contains(runId);
    }

    private void requireLock(String runId) throws IOException {
        if (lock != null && !lock.stillHeldBy(runId)) {
            throw new IOException("another run has taken over the lock of this output");
        }
    }

    /**
     * Makes every view partition of p's as-of date a whole copy of p's snapshot: always when publishing, only the
     * stale ones when repairing. A table the run did not write has no partition for T in the view.
     */
    private void refreshViews(Publication p, String runId, boolean always) throws IOException {
        JsonNode m = manifest(p.runId);
        if (m == null) {
            throw new IOException("the manifest of published run " + p.runId + " is missing or unreadable");
        }
        if (LEGACY.equals(m.path("status").asText()) || !m.has("tables")) {
            return;
        }
        Set<String> written = new HashSet<>();
        m.get("tables").fieldNames().forEachRemaining(written::add);
        for (OutputTable t : registry.tables()) {
            Path view = new Path(viewPath(t, p.asOf));
            Path snapshot = new Path(snapshotPath(t, p.runId, p.asOf));
            boolean inRun = written.contains(t.path());
            boolean viewExists = fs.exists(view);
            boolean current = inRun ? viewExists && isCopyOf(view, snapshot, p.runId) : !viewExists;
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
                throw new IOException("the snapshot of " + t.path() + " for published run " + p.runId + " is missing");
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

    /** A view partition is a whole copy of a snapshot when it names the run and holds the same data files. */
    private boolean isCopyOf(Path view, Path snapshot, String runId) throws IOException {
        String marker = Fs.readText(fs, new Path(view, RUN_MARKER));
        return marker != null && marker.trim().equals(runId) && fs.exists(snapshot)
                && dataFiles(view).equals(dataFiles(snapshot));
    }

    private Set<String> dataFiles(Path folder) throws IOException {
        Set<String> files = new TreeSet<>();
        for (FileStatus f : Fs.list(fs, folder)) {
            String n = f.getPath().getName();
            if (f.isFile() && !n.startsWith("_") && !n.startsWith(".")) {
                files.add(n + ":" + f.getLen());
            }
        }
        return files;
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

    private void tidyEmpty(Path p) {
        // A patient-level folder stays, empty, with its mode: one created again later would have the default.
        if (PATIENT_LEVEL_FOLDERS.stream().anyMatch(f -> new Path(root, f).equals(p))) {
            return;
        }
        try {
            if (fs.exists(p) && fs.listStatus(p).length == 0) {
                fs.delete(p, false);
            }
        } catch (IOException e) {
            LOG.debug("Could not tidy {}", p);
        }
    }

    /** Keeps the newest {@code keep} published snapshots of T (and the one a pointer names); removes the rest. */
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

    /**
     * Removes an unpublished run's snapshot, manifest and work space (after a failure). A run a pointer names is
     * never removed.
     */
    public void discard(String runId, boolean keepWork) {
        if (switchedTo(runId)) {
            LOG.error("Not removing run {}: it is published", runId);
            return;
        }
        for (OutputTable.Tier tier : OutputTable.Tier.values()) {
            Fs.delete(fs, new Path(root, tier.folder + "/" + SNAPSHOTS + "/" + runId));
            tidyEmpty(new Path(root, tier.folder + "/" + SNAPSHOTS));
            for (String aside : List.of("_staging", "_trash")) {
                Fs.delete(fs, new Path(root, tier.folder + "/" + aside + "/" + runId));
                tidyEmpty(new Path(root, tier.folder + "/" + aside));
            }
        }
        Fs.delete(fs, new Path(root, RUNS + "/" + runId));
        cleanWork(runId, keepWork);
    }

    public void cleanWork(String runId, boolean keepWork) {
        if (!keepWork) {
            Fs.delete(fs, new Path(workPath(runId)));
        }
        tidyEmpty(new Path(root, WORK));
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

    /** The pointer at p, or empty when there is none; an unreadable pointer stops the caller. */
    private Optional<Publication> pointer(Path p) {
        String text;
        try {
            text = Fs.readText(fs, p);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the pointer " + Fs.display(p.toString()) + " ("
                    + Errors.firstLine(e) + ")", e);
        }
        if (text == null) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(text);
            return Optional.of(new Publication(n.get("run_id").asText(), LocalDate.parse(n.get("as_of_date").asText()),
                    n.get("manifest").asText()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The pointer " + Fs.display(p.toString()) + " is damaged ("
                    + Errors.firstLine(e) + "); restore it from the manifests under " + display(RUNS), e);
        }
    }

    /** The published run with the latest as-of date. */
    public Optional<Publication> latest() {
        return pointer(new Path(root, LATEST));
    }

    /** Every as-of date's publication with its population and rows read per table, for the gates. */
    public PreviousPublication.Published publishedRuns() {
        try {
            java.util.TreeMap<LocalDate, PreviousPublication> m = new java.util.TreeMap<>();
            for (Publication p : publications().values()) {
                JsonNode manifest = manifest(p.runId);
                JsonNode counts = manifest == null ? null : manifest.path("row_counts");
                JsonNode n = counts == null ? null : counts.path("population_at_as_of");
                Map<String, Long> rows = new LinkedHashMap<>();
                if (counts != null) {
                    counts.path("inputs").fields().forEachRemaining(e -> {
                        if (e.getValue().path("rows_read").canConvertToLong()) {
                            rows.put(e.getKey(), e.getValue().path("rows_read").asLong());
                        }
                    });
                }
                m.put(p.asOf, new PreviousPublication(p.runId, p.asOf,
                        n == null || !n.canConvertToLong() ? null : n.asLong(), rows));
            }
            return new PreviousPublication.Published(m);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list the publications of " + Fs.display(location) + " ("
                    + Errors.firstLine(e) + ")", e);
        }
    }

    /** The published run for one as-of date. */
    public Optional<Publication> published(LocalDate asOf) {
        return pointer(pointerPath(asOf));
    }

    /** Every as-of date with a published run, oldest first. */
    public NavigableMap<LocalDate, Publication> publications() throws IOException {
        TreeMap<LocalDate, Publication> m = new TreeMap<>();
        for (FileStatus s : Fs.list(fs, new Path(root, RUNS + "/as_of"))) {
            String n = s.getPath().getName();
            if (n.endsWith(".json") && !n.startsWith(".")) {
                pointer(s.getPath()).ifPresent(p -> m.put(p.asOf, p));
            }
        }
        return m;
    }

    /** A run's manifest, or null when it has none. */
    public JsonNode manifest(String runId) {
        try {
            String text = Fs.readText(fs, new Path(root, RUNS + "/" + runId + "/" + MANIFEST));
            return text == null ? null : JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the manifest of run " + runId + " (" + Errors.firstLine(e) + ")", e);
        }
    }

    private String status(String runId) {
        JsonNode m = manifest(runId);
        return m == null ? null : m.path("status").asText(null);
    }

    /**
     * One table as published for an as-of date (the latest when null), read from the published run's snapshot,
     * so it never mixes runs; empty when nothing is published for that date or the run did not write the table.
     */
    public Optional<Dataset<Row>> read(SparkSession spark, OutputTable t, LocalDate asOf) {
        Optional<Publication> p = asOf == null ? latest() : published(asOf);
        return p.flatMap(x -> read(spark, t, x.runId, x.asOf));
    }

    /** One table of one run (published or a kept older snapshot); empty when the run did not write it. */
    public Optional<Dataset<Row>> read(SparkSession spark, OutputTable t, String runId, LocalDate asOf) {
        JsonNode m = manifest(runId);
        // A run published by an earlier version has no snapshot: its folder view holds it.
        boolean legacy = m != null && LEGACY.equals(m.path("status").asText());
        Path path = new Path(legacy ? viewPath(t, asOf) : snapshotPath(t, runId, asOf));
        try {
            if (!fs.exists(path)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + Fs.display(path.toString()) + " (" + Errors.firstLine(e) + ")", e);
        }
        return Optional.of(spark.read().schema(t.schema()).parquet(path.toString()));
    }

    @Override
    public void close() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }
}
