package uk.nhs.phm.jobs.cli;

/** Process exit codes, documented in the README. */
public final class ExitCodes {
    public static final int OK = 0;
    /** phm compare: the outputs differ (as diff's exit code 1). */
    public static final int DIFFERENT = 1;
    /** Bad command line, input or configuration: the message says what to fix. */
    public static final int USER_ERROR = 2;
    /** A bug or an environment failure (disk full, out of memory): report it with the log. */
    public static final int INTERNAL_ERROR = 3;
    /** The extract was read but breaches a data-quality gate: nothing published, the message names the setting. */
    public static final int GATE = 4;
    /** Stopped by SIGINT (Ctrl-C): 128 + 2, as shells report it. Nothing published. */
    public static final int STOPPED_SIGINT = 130;
    /** Stopped by SIGTERM (cron, Airflow, Kubernetes): 128 + 15, as shells report it. Nothing published. */
    public static final int STOPPED_SIGTERM = 143;

    private ExitCodes() {
    }
}
