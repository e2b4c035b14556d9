package uk.nhs.phm.jobs.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import uk.nhs.phm.pipeline.Errors;
import uk.nhs.phm.pipeline.PhmUserException;

/**
 * One writer per output location. The lock file is created only if absent (atomically), so two runs started
 * together cannot both hold it, and records the run, owner, host, process and start time. The holder refreshes
 * the file's modification time every half minute. A lock whose process is gone (same host) or that has not been
 * refreshed for the configured time (another host) is taken over, with a log line, instead of waiting for a person.
 */
final class RunLock implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(RunLock.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FILE = "_phm.lock";
    private static final long HEARTBEAT_SECONDS = 30;

    private final FileSystem fs;
    private final Path lock;
    private final Path takeover;
    private final long staleMillis;
    private ScheduledExecutorService heartbeat;

    RunLock(FileSystem fs, Path output, int staleMinutes) {
        this.fs = fs;
        this.lock = new Path(output, FILE);
        this.takeover = new Path(output, FILE + ".takeover");
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

    static String describe(String runId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("owner", System.getProperty("user.name"));
        m.put("host", host());
        m.put("pid", ProcessHandle.current().pid());
        m.put("started_at", Instant.now().toString());
        try {
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void acquire(String runId) {
        String me = describe(runId);
        try {
            if (Fs.createExclusive(fs, lock, me)) {
                startHeartbeat();
                return;
            }
            String held = Fs.readText(fs, lock);
            String stale = staleReason(held);
            if (stale == null) {
                throw new PhmUserException("Another phm run is using this output (" + summary(held) + "; lock file "
                        + Fs.display(lock.toString()) + "). Wait for it to finish; a lock from a run that died is taken "
                        + "over automatically once its process is gone.");
            }
            takeOver(held, stale, me);
            startHeartbeat();
        } catch (IOException e) {
            throw new PhmUserException("--output " + Fs.display(lock.getParent().toString()) + ": cannot write there ("
                    + Errors.firstLine(e) + "); choose a folder this user can write to.");
        }
    }

    /** Why the lock described by {@code held} is stale, or null when its holder may still be running. */
    String staleReason(String held) throws IOException {
        long age = System.currentTimeMillis() - fs.getFileStatus(lock).getModificationTime();
        JsonNode n = parse(held);
        if (n != null && host().equals(n.path("host").asText()) && n.has("pid")) {
            long pid = n.get("pid").asLong();
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (!alive) {
                return "its process " + pid + " on this host is gone";
            }
        }
        if (age > staleMillis) {
            return "not refreshed for " + age / 60_000 + " minutes";
        }
        return null;
    }

    /**
     * Takes over a stale lock. A second marker, itself created only if absent, makes the takeover one run's: two
     * runs finding the same stale lock cannot both delete it and both create their own.
     */
    private void takeOver(String held, String reason, String me) throws IOException {
        if (!Fs.createExclusive(fs, takeover, me)) {
            long age = System.currentTimeMillis() - fs.getFileStatus(takeover).getModificationTime();
            if (age < 2 * 60_000L) {
                throw new PhmUserException("Another phm run is taking over the stale lock of this output ("
                        + Fs.display(lock.toString()) + "); wait for it to finish.");
            }
            Fs.delete(fs, takeover);
            if (!Fs.createExclusive(fs, takeover, me)) {
                throw new PhmUserException("Another phm run is taking over the stale lock of this output; try again.");
            }
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

    private void startHeartbeat() {
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "phm-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(() -> {
            try {
                fs.setTimes(lock, System.currentTimeMillis(), -1);
            } catch (IOException | RuntimeException e) {
                LOG.debug("Could not refresh the lock: {}", e.getMessage());
            }
        }, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
            heartbeat = null;
            Fs.delete(fs, lock);
        }
    }
}
