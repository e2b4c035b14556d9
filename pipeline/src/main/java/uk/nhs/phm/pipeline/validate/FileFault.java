package uk.nhs.phm.pipeline.validate;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.ZipException;
import uk.nhs.phm.pipeline.PhmUserException;

/**
 * Why a file of the extract could not be read at all (input contract, "File-level rules"): a gzip file cut short
 * or not gzip, a Parquet file cut short or damaged, a file this user may not read, a file that went away while it
 * was read. Each is the user's to fix, so each stops the run with one line naming the file and the fix.
 *
 * <p>The fault is recognised from the exception reading the file threw, wherever it was read: by the reader at
 * the edge (headers, Parquet footers) or inside a Spark task, where it arrives wrapped several layers deep. It is
 * matched on the JDK's exception types and on the messages of Hadoop, Parquet and Spark (by text, not by class:
 * this stays free of any file system). A failure that fits none of these is not guessed at: it stays an internal
 * error with its stack trace.
 */
public enum FileFault {
    DAMAGED_GZIP("the file is truncated or not gzip; re-export it."),
    DAMAGED_PARQUET("not a complete Parquet file (truncated, or its footer or a page is damaged); re-export it."),
    NOT_PERMITTED("this user may not read it (permission denied); check its permissions."),
    GONE("the file disappeared while phm was reading it (moved, replaced or deleted); rerun once the extract is "
            + "complete.");

    private final String fix;

    FileFault(String fix) {
        this.fix = fix;
    }

    /** The one-line error: the file (as the user gave it) and what to do. */
    public PhmUserException error(String file, Throwable cause) {
        return new PhmUserException(file + ": " + fix, cause);
    }

    /**
     * The fault behind a failure to read {@code fileName} (a name or path: only its ending is looked at), or none
     * when the failure is not one of these.
     */
    public static Optional<FileFault> of(Throwable failure, String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        // Permissions first: Hadoop's local file system reports a file it may not open as "not found".
        if (any(failure, c -> c instanceof AccessDeniedException
                || c.getClass().getSimpleName().equals("AccessControlException")
                || message(c).contains("permission denied"))) {
            return Optional.of(NOT_PERMITTED);
        }
        if (name.endsWith(".gz") && any(failure, c -> c instanceof ZipException || c instanceof EOFException
                || c instanceof java.util.zip.DataFormatException || gzipDecoding(c))) {
            return Optional.of(DAMAGED_GZIP);
        }
        if (name.endsWith(".parquet") && any(failure, c -> c instanceof EOFException
                || c.getClass().getName().startsWith("org.apache.parquet.")
                || message(c).contains("is not a parquet file") || message(c).contains("magic number")
                || message(c).contains("footer") || message(c).contains("org.apache.parquet.format"))) {
            return Optional.of(DAMAGED_PARQUET);
        }
        if (any(failure, c -> c instanceof FileNotFoundException || c instanceof NoSuchFileException
                || message(c).contains("file_not_exist"))) {
            return Optional.of(GONE);
        }
        return Optional.empty();
    }

    /**
     * Whether the failure can only have come from decompressing or decoding an input file, so that it may be
     * blamed on a table's files even when no message names the file (unlike, say, a permission or an end of file,
     * which could equally be the output's or Spark's scratch space).
     */
    public static boolean decodingInput(Throwable failure) {
        return any(failure, c -> c instanceof ZipException || c instanceof java.util.zip.DataFormatException
                || message(c).contains("end of zlib input stream") || message(c).contains("end of input stream")
                || gzipDecoding(c) || message(c).contains("is not a parquet file"));
    }

    /**
     * Hadoop's own gzip reader reports a damaged (not merely short) stream as a plain IOException: a CRC failure,
     * "not a gzip file", or the inflater's "invalid ..." / "incorrect ..." messages.
     */
    private static boolean gzipDecoding(Throwable c) {
        String m = message(c);
        return c instanceof java.io.IOException && (m.contains("gzip") || m.contains("crc")
                || m.startsWith("invalid ") || m.contains("incorrect header check") || m.contains("incorrect data check")
                || m.contains("unknown compression method"));
    }

    private static boolean any(Throwable failure, Predicate<Throwable> test) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (test.test(c)) {
                return true;
            }
        }
        return false;
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    }
}
