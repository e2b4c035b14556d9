package uk.nhs.phm.jobs.run;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import uk.nhs.phm.jobs.io.OutputStore;

/**
 * Where Spark keeps its local files (shuffle blocks and spills: patient-level rows). By default Spark uses the
 * system's temporary folder, readable by other users and left behind when a run is killed. A run puts them in its
 * own work folder instead, {@code <output>/_work/<run_id>/spark}, owner-only, removed at the end of the run and,
 * after a crash, by the next run (it removes dead runs' work folders). Only when the output is on the local file
 * system and {@code spark.local.dir} is not configured; and only when this process starts Spark (a session that
 * already exists keeps its own folders).
 */
final class SparkLocalDir {
    static final String KEY = "spark.local.dir";

    private SparkLocalDir() {
    }

    /** {@code <output>/_work/<run_id>/spark}, created owner-only, or null when Spark's own choice stands. */
    static Path underOutput(String output, String runId, Map<String, String> spark) {
        Path out = localPath(output);
        if (out == null || !applies(spark)) {
            return null;
        }
        Path work = out.resolve(OutputStore.WORK);
        create(out);
        createOwnerOnly(work);
        createOwnerOnly(work.resolve(runId));
        return createOwnerOnly(work.resolve(runId).resolve("spark"));
    }

    /** {@code <folder>/spark} for a run without an output (validation), or null. */
    static Path under(Path folder, Map<String, String> spark) {
        return folder == null || !applies(spark) ? null : createOwnerOnly(folder.resolve("spark"));
    }

    private static boolean applies(Map<String, String> spark) {
        return !spark.containsKey(KEY) && System.getenv("SPARK_LOCAL_DIRS") == null
                && SparkSession.getDefaultSession().isEmpty();
    }

    /** The output as a local path, or null when it is on another file system (HDFS, S3, ABFS). */
    static Path localPath(String output) {
        URI uri = new org.apache.hadoop.fs.Path(output).toUri();
        if (uri.getScheme() == null) {
            return Paths.get(output).toAbsolutePath().normalize();
        }
        return "file".equals(uri.getScheme()) ? Paths.get(uri) : null;
    }

    private static void create(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            // The store reports an output it cannot create, naming the folder; Spark then uses its default.
        }
    }

    private static Path createOwnerOnly(Path p) {
        try {
            Files.createDirectories(p);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException | FileSystemException e) {
            // Not a POSIX file system, or not ours to change: the folder's own access rules apply.
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create " + p + " for Spark's local files", e);
        }
        return p;
    }

    /** Removes the folder and everything in it (best effort: the next run removes what is left). */
    static void remove(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // Left for the next run, which removes dead runs' work folders.
        }
    }
}
