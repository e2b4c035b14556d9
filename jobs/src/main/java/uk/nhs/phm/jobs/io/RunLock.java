package uk.nhs.phm.jobs.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import uk.nhs.phm.pipeline.Errors;
import uk.nhs.phm.pipeline.PhmUserException;

/**
 * One writer per output location. The lock file is created only if absent (atomically on local disk and HDFS),
 * so two runs started together cannot both hold it, and records the run, owner, host, machine boot, process and
 * its start time. The holder rewrites it every half minute (a heartbeat). A lock is taken over, with a log line,
 * when its process is gone (same machine: same host and boot, and no live process with that id and start time)
 * or when it has not been rewritten for the configured time, measured by the output filesystem's own clock (a
 * file written now), so clocks that disagree between hosts do not matter. A lock written by an earlier version of
 * phm is never taken over. Before its manifest and its pointer are written, a run checks that it still holds
 * the lock.
 */
final class RunLock implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(RunLock.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FILE = "_phm.lock";
    private static final long HEARTBEAT_SECONDS = 30;

    private final FileSystem fs;
    private final Path lock;
    private final Path takeover;
    private final Path clock;
    private final long staleMillis;
    private final AtomicLong beats = new AtomicLong();
    private ScheduledExecutorService heartbeat;
    private String runId;
    private final String startedAt = Instant.now().toString();

    RunLock(FileSystem fs, Path output, int staleMinutes) {
        this.fs = fs;
        this.lock = new Path(output, FILE);
        this.takeover = new Path(output, FILE + ".takeover");
        this.clock = new Path(output, FILE + ".clock");
        this.staleMillis = staleMinutes * 60_000L;
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String h = System.getenv("HOSTNAME");
            return h == null ? "unknown" : h;
        }
    }

    /** The Linux boot id: the same host name on another machine or after a reboot has another. */
    static String bootId() {
        try {
            return Files.readString(java.nio.file.Path.of("/proc/sys/kernel/random/boot_id")).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    String describe(String runId, long beat) {
        ObjectNode m = JSON.createObjectNode();
        m.put("run_id", runId);
        m.put("owner", System.getProperty("user.name"));
        m.put("host", host());
        m.put("boot_id", bootId());
        m.put("pid", ProcessHandle.current().pid());
        m.put("process_started", ProcessHandle.current().info().startInstant().map(Instant::toString).orElse(""));
        m.put("started_at", startedAt);
        m.put("heartbeat", beat);
        return m.toString();
    }

    void acquire(String id) {
        try {
            boolean created = Fs.createExclusive(fs, lock, describe(id, 0));
            String held = created ? null : Fs.readText(fs, lock);
            if (!created && held == null) {
                // The holder finished between our attempt and our look: try once more.
                created = Fs.createExclusive(fs, lock, describe(id, 0));
                held = created ? null : Fs.readText(fs, lock);
            }
            if (!created) {
                String stale = held == null ? null : staleReason(lock, held);
                if (stale == null) {
                    throw new PhmUserException("Another phm run is using this output (" + summary(held) + "; lock file "
                            + Fs.display(lock.toString()) + "). Wait for it to finish; a lock from a run that died is "
                            + "taken over automatically once its process is gone."
                            + (parse(held) == null && held != null ? " This lock was written by an earlier version of "
                            + "phm: if no run is active, delete the file." : ""));
                }
                takeOver(held, stale, describe(id, 0));
            }
            runId = id;
            startHeartbeat();
        } catch (IOException e) {
            throw new PhmUserException("--output " + Fs.display(lock.getParent().toString()) + ": cannot write there ("
                    + Errors.firstLine(e) + "); choose a folder this user can write to.");
        }
    }

    /** Why the lock file described by {@code held} is stale, or null when its holder may still be running. */
    String staleReason(Path file, String held) throws IOException {
        JsonNode n = parse(held);
        if (n == null) {
            return null;
        }
        if (host().equals(n.path("host").asText()) && bootId().equals(n.path("boot_id").asText()) && n.has("pid")) {
            long pid = n.get("pid").asLong();
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            String started = n.path("process_started").asText("");
            boolean same = p.isPresent() && p.get().isAlive() && (started.isEmpty()
                    || p.get().info().startInstant().map(Instant::toString).orElse("").equals(started));
            if (!same) {
                return "its process " + pid + " on this machine is gone";
            }
            return null;
        }
        long age = fsNow() - fs.getFileStatus(file).getModificationTime();
        if (age > staleMillis) {
            return "not refreshed for " + age / 60_000 + " minutes";
        }
        return null;
    }

    /** Now, by the output filesystem's clock: the modification time of a file written now. */
    private long fsNow() throws IOException {
        Fs.writeAtomically(fs, clock, String.valueOf(System.currentTimeMillis()), "clock");
        long now = fs.getFileStatus(clock).getModificationTime();
        Fs.delete(fs, clock);
        return now;
    }

    /**
     * Takes over a stale lock. A second marker, itself created only if absent, makes the takeover one run's: two
     * runs finding the same stale lock cannot both delete it and both create their own.
     */
    private void takeOver(String held, String reason, String me) throws IOException {
        if (!Fs.createExclusive(fs, takeover, me)) {
            // A takeover marker left by a run that died while taking over is itself taken over.
            String marker = Fs.readText(fs, takeover);
            if (marker != null && staleReason(takeover, marker) != null) {
                Fs.delete(fs, takeover);
            }
        }
        if (!fs.exists(takeover) && !Fs.createExclusive(fs, takeover, me) || !me.equals(Fs.readText(fs, takeover))) {
            throw new PhmUserException("Another phm run is taking over the stale lock of this output ("
                    + Fs.display(lock.toString()) + "); wait for it, or, if no run is active, delete "
                    + Fs.display(takeover.toString()) + ".");
        }
        try {
            String now = Fs.readText(fs, lock);
            if (now != null && !now.equals(held)) {
                throw new PhmUserException("Another phm run has just taken this output (" + summary(now) + "); wait "
                        + "for it to finish.");
            }
            LOG.warn("Taking over the lock of an earlier run ({}): {}", summary(held), reason);
            Fs.delete(fs, lock);
            if (!Fs.createExclusive(fs, lock, me)) {
                throw new PhmUserException("Another phm run has just started on this output; wait for it to finish.");
            }
        } finally {
            Fs.delete(fs, takeover);
        }
    }

    /** True when the lock file still names this run (no other run has taken the output over). */
    boolean stillHeldBy(String id) {
        try {
            JsonNode n = parse(Fs.readText(fs, lock));
            return n != null && id.equals(n.path("run_id").asText());
        } catch (IOException e) {
            return false;
        }
    }

    private static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    static String summary(String held) {
        JsonNode n = parse(held);
        if (n == null) {
            return "holder unknown";
        }
        return "run " + n.path("run_id").asText("?") + ", process " + n.path("pid").asText("?") + " on "
                + n.path("host").asText("?") + " as " + n.path("owner").asText("?") + ", started "
                + n.path("started_at").asText("?");
    }

    /** Rewrites the lock every half minute, so its modification time shows the run is alive on any filesystem. */
    private void startHeartbeat() {
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "phm-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(() -> {
            try {
                if (stillHeldBy(runId)) {
                    Fs.writeAtomically(fs, lock, describe(runId, beats.incrementAndGet()), "heartbeat");
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not refresh the lock {}: {}", Fs.display(lock.toString()), Errors.firstLine(e));
            }
        }, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
            heartbeat = null;
            // Only our own lock: if another run took the output over, its lock stays.
            if (stillHeldBy(runId)) {
                Fs.delete(fs, lock);
            }
        }
    }
}
