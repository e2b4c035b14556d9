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

    private ExitCodes() {
    }
}
