package uk.nhs.phm.jobs.io;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import uk.nhs.phm.pipeline.run.Scratch;

/**
 * Scratch space as Parquet: a run's work folder under the output ({@code _work/<run_id>}, removed by the store
 * after the run), or a temporary local folder removed on close (for validation, which has no output).
 */
public final class WorkScratch implements Scratch, AutoCloseable {
    private final SparkSession spark;
    private final String root;
    private final java.nio.file.Path temporary;

    public WorkScratch(SparkSession spark, String root) {
        this(spark, root, null);
    }

    private WorkScratch(SparkSession spark, String root, java.nio.file.Path temporary) {
        this.spark = spark;
        this.root = root;
        this.temporary = temporary;
    }

    /**
     * Scratch space in a new temporary folder (owner-only, as Java creates them), deleted on {@link #close}; give
     * it a session with {@link #on} before use.
     */
    public static WorkScratch temporary() {
        try {
            java.nio.file.Path dir = Files.createTempDirectory("phm-work-");
            return new WorkScratch(null, dir.toUri().toString(), dir);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a temporary folder for scratch space", e);
        }
    }

    /** The same scratch space used through {@code spark} (closing it removes nothing: this one owns the folder). */
    public WorkScratch on(SparkSession session) {
        return new WorkScratch(session, root, null);
    }

    /** The temporary folder, or null for a run's work folder under the output. */
    public java.nio.file.Path localFolder() {
        return temporary;
    }

    @Override
    public Dataset<Row> materialise(String name, Dataset<Row> rows, String... partitionBy) {
        String path = root + "/" + name;
        rows.write().mode(SaveMode.Overwrite).partitionBy(partitionBy).parquet(path);
        // The schema is given so that a table with a header and no rows (no partition folders) reads back empty.
        return spark.read().schema(rows.schema()).parquet(path);
    }

    @Override
    public void close() {
        if (temporary == null) {
            return;
        }
        try (var walk = Files.walk(temporary)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: the folder is under the system's temporary folder.
        }
    }
}
