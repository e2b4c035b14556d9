package uk.nhs.phm.jobs.run;

import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;
import sun.misc.Signal;

/**
 * SIGTERM (what cron, Airflow and Kubernetes send) and SIGINT (Ctrl-C) stop a run cleanly: the signal is noted,
 * Spark's running jobs are cancelled, and the run unwinds through its normal failure path, so nothing is published,
 * the lock is released and the run's snapshot and work folders are removed. Without this the JVM would start
 * shutting down at once, stopping Spark under the running stage and ending in a stack trace. A second signal exits
 * at once (what is left is removed by the next run). Installed by the CLI's main only, never in tests' JVMs.
 */
public final class StopSignals {
    private static final Logger LOG = LogManager.getLogger(StopSignals.class);
    private static volatile String received;
    /** A run that can stop cleanly is in progress; otherwise a signal ends the process at once. */
    private static volatile boolean stoppable;
    /** The run's publication switch happened: a signal no longer stops it from being published. */
    private static volatile boolean published;

    private StopSignals() {
    }

    /** The run was stopped by a signal: not an error of the run, nor of the user. */
    public static final class StoppedBySignal extends RuntimeException {
        public StoppedBySignal(String signal) {
            super("stopped by SIG" + signal);
        }
    }

    public static void install() {
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), StopSignals::onSignal);
            } catch (IllegalArgumentException e) {
                LOG.debug("Cannot handle SIG{} here ({}); the JVM's default applies", name, e.getMessage());
            }
        }
    }

    /** A run that stops cleanly on a signal starts ({@code true}) or has ended ({@code false}). */
    public static void stoppable(boolean running) {
        stoppable = running;
    }

    /** The run has switched to its publication: once begun, the switch completes whatever arrives. */
    public static void notePublished() {
        published = true;
    }

    /** True when a signal came but the run had already published. */
    public static boolean publishedAnyway() {
        return published;
    }

    private static void onSignal(Signal s) {
        if (received != null || !stoppable) {
            // A second signal, or a command with no run to stop (generate, compare): end now, as without phm's
            // handler. From another thread: System.exit waits for shutdown hooks, which must not wait for this one.
            new Thread(() -> System.exit(exitCode(s.getName())), "phm-exit-on-signal").start();
            return;
        }
        received = s.getName();
        LOG.warn("Received SIG{}: stopping the run; it is not published unless its publication switch has begun",
                received);
        try {
            if (SparkSession.getDefaultSession().isDefined()) {
                SparkSession.getDefaultSession().get().sparkContext().cancelAllJobs();
            }
        } catch (RuntimeException e) {
            // Spark already stopping: the check between stages stops the run all the same.
            LOG.debug("Could not cancel Spark's jobs: {}", e.getMessage());
        }
    }

    /** The signal received (TERM or INT), or null. */
    public static String received() {
        return received;
    }

    /** Called between stages and before publishing: a stopped run goes no further. */
    public static void throwIfStopped() {
        String s = received;
        if (s != null) {
            throw new StoppedBySignal(s);
        }
    }

    /** 128 + the signal's number, as shells report a process ended by it. */
    public static int exitCode(String signal) {
        return "INT".equals(signal) ? 130 : 143;
    }
}
