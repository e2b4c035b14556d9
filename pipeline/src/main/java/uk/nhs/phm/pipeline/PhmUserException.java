package uk.nhs.phm.pipeline;

/**
 * A mistake the user can fix: bad input file, bad configuration, bad option.
 * The CLI prints {@link #getMessage()} on one line (no stack trace) and exits with code 2.
 * Messages must name the file, the column (where there is one) and the fix, and must never
 * contain person-level values.
 */
public class PhmUserException extends RuntimeException {
    public PhmUserException(String message) {
        super(message);
    }

    public PhmUserException(String message, Throwable cause) {
        super(message, cause);
    }
}
