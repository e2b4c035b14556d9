package uk.nhs.phm.jobs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import uk.nhs.phm.pipeline.PhmUserException;

/**
 * All-or-nothing publication of one run. Every table is written under {@code <output>/_staging/<run_id>/}
 * first; {@link #commit} then swaps each table's {@code as_of_date=T} partition into place, keeping the
 * previous partitions aside until every swap has succeeded (and putting them back if one fails), and only
 * then writes the manifest and the {@code latest} pointer. A lock file stops two runs publishing to the same
 * output at once. Uses the Hadoop FileSystem API, so the output may be local, HDFS or object storage.
 */
public final class Publisher implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(Publisher.class);
    public static final String LOCK_FILE = "_phm.lock";

    private final FileSystem fs;
    private final Path output;
    private final Path lock;
    private final String runId;
    private boolean locked;

    public Publisher(Configuration hadoop, String output, String runId) {
        try {
            this.output = new Path(output);
            this.fs = this.output.getFileSystem(hadoop);
            this.lock = new Path(this.output, LOCK_FILE);
            this.runId = runId;
        } catch (IOException e) {
            throw new PhmUserException("--output " + output + ": cannot open the output location (" + e.getMessage() + ").");
        }
    }

    /** Takes the output lock, or fails naming the lock file if another run holds it. */
    public void lock() {
        boolean held;
        try {
            if (fs.exists(output) && !fs.getFileStatus(output).isDirectory()) {
                throw new PhmUserException("--output " + output + ": is a file; give a folder (it is created if "
                        + "missing).");
            }
            held = fs.exists(lock);
        } catch (IOException e) {
            held = false;
        }
        if (held) {
            throw new PhmUserException("Another phm run is using " + output + " (lock file " + lock + "). Wait for it "
                    + "to finish; if no run is active (a run was killed), delete the lock file and run again.");
        }
        try {
            fs.mkdirs(output);
            try (OutputStream o = fs.create(lock, false)) {
                o.write(("run_id=" + runId + "\n").getBytes(StandardCharsets.UTF_8));
            }
            locked = true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            throw new PhmUserException("Another phm run has just started on " + output + " (lock file " + lock
                    + "); wait for it to finish.");
        } catch (IOException e) {
            throw new PhmUserException("--output " + output + ": cannot write there (" + e.getMessage()
                    + "); choose a folder this user can write to.");
        }
    }

    public String staging() {
        return new Path(output, "_staging/" + runId).toString();
    }

    public String work() {
        return new Path(output, "_work/" + runId).toString();
    }

    /**
     * Moves every staged partition into place.
     *
     * @param partitions paths relative to the staging folder, e.g. {@code published/segment_summary/as_of_date=2026-09-30}
     */
    public void commit(List<String> partitions) {
        Path stagingRoot = new Path(staging());
        Path trash = new Path(output, "_trash/" + runId);
        List<String[]> done = new ArrayList<>();
        try {
            for (String rel : partitions) {
                Path from = new Path(stagingRoot, rel);
                Path to = new Path(output, rel);
                Path aside = new Path(trash, rel);
                boolean hadOld = fs.exists(to);
                if (hadOld) {
                    fs.mkdirs(aside.getParent());
                    rename(to, aside);
                    // Recorded before the second rename, so a failure there still puts the old partition back.
                    done.add(new String[] {rel, "replaced"});
                } else {
                    done.add(new String[] {rel, "new"});
                }
                fs.mkdirs(to.getParent());
                rename(from, to);
            }
        } catch (IOException | RuntimeException e) {
            rollBack(done, trash);
            throw new IllegalStateException("Publishing failed; the previous outputs were restored", e);
        }
        delete(trash);
        delete(stagingRoot);
    }

    private void rollBack(List<String[]> done, Path trash) {
        for (String[] d : done) {
            try {
                Path to = new Path(output, d[0]);
                if (fs.exists(to)) {
                    fs.delete(to, true);
                }
                if (d[1].equals("replaced")) {
                    rename(new Path(trash, d[0]), to);
                }
            } catch (IOException e) {
                LOG.error("Could not restore {} after a failed publish; the previous version is under {}", d[0], trash);
            }
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("rename " + from + " -> " + to + " failed");
        }
    }

    /** The text of a small file under the output, or null when it does not exist. */
    public String readText(String relative) {
        Path p = new Path(output, relative);
        try {
            if (!fs.exists(p)) {
                return null;
            }
            try (var in = fs.open(p)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes a small text file atomically (write aside, then rename over). */
    public void writeText(String relative, String text) {
        Path target = new Path(output, relative);
        Path tmp = new Path(output, relative + "." + runId + ".tmp");
        try {
            fs.mkdirs(target.getParent());
            try (OutputStream o = fs.create(tmp, true)) {
                o.write(text.getBytes(StandardCharsets.UTF_8));
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            rename(tmp, target);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + target, e);
        }
    }

    public void delete(String path) {
        delete(new Path(path));
    }

    private void delete(Path p) {
        try {
            fs.delete(p, true);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", p, e.getMessage());
        }
    }

    /** Removes this run's staging and work folders (after a failure; a success already removed them). */
    public void cleanUp(boolean keepWork) {
        delete(new Path(staging()));
        if (!keepWork) {
            delete(new Path(work()));
        }
        tidyEmpty(new Path(output, "_staging"));
        tidyEmpty(new Path(output, "_work"));
        tidyEmpty(new Path(output, "_trash"));
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

    @Override
    public void close() {
        if (locked) {
            delete(lock);
            locked = false;
        }
    }
}
