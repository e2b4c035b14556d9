package uk.nhs.phm.jobs.run;

import java.io.IOException;
import java.net.URI;
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
 * after a crash, by the next run (it removes dead runs' work folders); with an output on another file system, an
 * owner-only temporary folder removed at the end of the run. Only when {@code spark.local.dir} is not configured,
 * and only when this process starts Spark (a session that already exists keeps its own folders).
 */
final class SparkLocalDir {
    static final String KEY = "spark.local.dir";

    private SparkLocalDir() {
    }

    /**
     * {@code <output>/_work/<run_id>/spark}, created owner-only; for an output on another file system (HDFS, S3,
     * ABFS), an owner-only temporary folder; null when Spark's own choice stands or the folder cannot be made
     * (the store then reports the output it cannot write, naming it, before Spark needs the folder).
     */
    static Path forRun(String output, String runId, Map<String, String> spark) {
        if (!applies(spark)) {
            return null;
        }
        Path out = localPath(output);
        if (out == null) {
            try {
                return Files.createTempDirectory("phm-spark-");
            } catch (IOException e) {
                return null;
            }
        }
        Path work = out.resolve(OutputStore.WORK);
        for (Path p : java.util.List.of(work, work.resolve(runId), work.resolve(runId).resolve("spark"))) {
            if (!createOwnerOnly(p)) {
                return null;
            }
        }
        return work.resolve(runId).resolve("spark");
    }

    /** {@code <folder>/spark} for a run without an output (validation), or null. */
    static Path under(Path folder, Map<String, String> spark) {
        Path p = folder == null || !applies(spark) ? null : folder.resolve("spark");
        return p != null && createOwnerOnly(p) ? p : null;
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

    /** Creates the folder (owner-only where the file system has POSIX modes); false when it cannot be made. */
    private static boolean createOwnerOnly(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            return false;
        }
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system, or not ours to change: the folder's own access rules apply.
        }
        return true;
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
