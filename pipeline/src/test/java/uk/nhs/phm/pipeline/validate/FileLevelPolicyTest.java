package uk.nhs.phm.pipeline.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipException;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * A read failure in the validation pass, as Spark delivers it (the file's exception wrapped in Spark's), becomes
 * one user error naming the file; a failure that is not a damaged input file stays what it was.
 */
class FileLevelPolicyTest {
    private static TableOrigin folder(TableOrigin.Format format, String... names) {
        return new TableOrigin(InputTable.GP_EVENTS, "/data/extract/gp_events", format, List.of(names).stream()
                .map(n -> new TableOrigin.SourceFile("file:/data/extract/gp_events/" + n, "/data/extract/gp_events/" + n,
                        10))
                .toList());
    }

    /** What Spark 4.1 throws when a task fails reading a file. */
    private static SparkException sparkReading(String file, Throwable cause) {
        return new SparkException("[FAILED_READ_FILE.NO_HINT] Encountered error while reading file file://" + file
                + ".  SQLSTATE: KD001", cause);
    }

    private static String message(Optional<PhmUserException> e) {
        assertTrue(e.isPresent(), "a user error");
        return e.get().getMessage();
    }

    @Test
    void truncatedGzipPartIsNamedEvenBesideAPlainPartOfTheSamePrefix() {
        TableOrigin csv = folder(TableOrigin.Format.CSV, "a.csv", "a.csv.gz");
        assertEquals("/data/extract/gp_events/a.csv.gz: the file is truncated or not gzip; re-export it.",
                message(FileLevelPolicy.readFailure(csv, sparkReading("/data/extract/gp_events/a.csv.gz",
                        new EOFException("Unexpected end of input stream")))));
        assertEquals("/data/extract/gp_events/a.csv.gz: the file is truncated or not gzip; re-export it.",
                message(FileLevelPolicy.readFailure(csv, sparkReading("/data/extract/gp_events/a.csv.gz",
                        new ZipException("Not in GZIP format")))));
    }

    @Test
    void damagedParquetPartIsNamed() {
        TableOrigin pq = folder(TableOrigin.Format.PARQUET, "part-1.parquet", "part-10.parquet");
        String file = "/data/extract/gp_events/part-1.parquet";
        assertEquals(file + ": not a complete Parquet file (truncated, or its footer or a page is damaged); "
                + "re-export it.", message(FileLevelPolicy.readFailure(pq, sparkReading(file,
                new RuntimeException("file:" + file + " is not a Parquet file. Expected magic number at tail")))));
        // Another Parquet failure (parts that disagree about a type) still names the part.
        assertTrue(message(FileLevelPolicy.readFailure(pq, sparkReading(file, new UnsupportedOperationException())))
                .startsWith(file + ": cannot read the Parquet data (UnsupportedOperationException)"));
    }

    @Test
    void permissionsAndVanishedFilesAreNamed() {
        TableOrigin csv = folder(TableOrigin.Format.CSV, "part-0.csv");
        String file = "/data/extract/gp_events/part-0.csv";
        assertEquals(file + ": this user may not read it (permission denied); check its permissions.",
                message(FileLevelPolicy.readFailure(csv, sparkReading(file,
                        new FileNotFoundException(file + " (Permission denied)")))));
        assertTrue(message(FileLevelPolicy.readFailure(csv, sparkReading(file, new FileNotFoundException(file))))
                .startsWith(file + ": the file disappeared while phm was reading it"));
    }

    @Test
    void decodingFailureNamingNoFileBlamesTheTablesCompressedFiles() {
        TableOrigin csv = folder(TableOrigin.Format.CSV, "a.csv", "b.csv.gz", "c.csv.gz");
        assertEquals("/data/extract/gp_events (one of b.csv.gz, c.csv.gz): the file is truncated or not gzip; "
                + "re-export it.", message(FileLevelPolicy.readFailure(csv,
                new RuntimeException("task failed", new EOFException("Unexpected end of ZLIB input stream")))));
    }

    @Test
    void failuresThatAreNotADamagedInputFileAreLeftAlone() {
        TableOrigin csv = folder(TableOrigin.Format.CSV, "a.csv.gz");
        // A permission or an end of file without a file named may be the scratch space's or the output's.
        assertEquals(Optional.empty(), FileLevelPolicy.readFailure(csv,
                new RuntimeException("write failed", new java.nio.file.AccessDeniedException("/out/_work/x"))));
        assertEquals(Optional.empty(), FileLevelPolicy.readFailure(csv, new RuntimeException(new EOFException())));
        assertEquals(Optional.empty(), FileLevelPolicy.readFailure(csv, sparkReading("/data/extract/gp_events/a.csv.gz",
                new IllegalStateException("a bug"))));
        // A user error raised inside a task is rethrown as it is.
        assertEquals(Optional.empty(), FileLevelPolicy.readFailure(csv, sparkReading("/data/extract/gp_events/a.csv.gz",
                new PhmUserException("already explained"))));
    }
}
