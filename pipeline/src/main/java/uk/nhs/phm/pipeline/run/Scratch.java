package uk.nhs.phm.pipeline.run;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Run-private working storage (a port: the edge implements it in the output store's work area, removed after
 * the run). A stage that would otherwise recompute an expensive result materialises it once here.
 */
public interface Scratch {
    /** Writes the rows once (Parquet, partitioned by the given columns) and returns them read back. */
    Dataset<Row> materialise(String name, Dataset<Row> rows, String... partitionBy);
}
