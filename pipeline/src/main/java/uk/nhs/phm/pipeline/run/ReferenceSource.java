package uk.nhs.phm.pipeline.run;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import uk.nhs.phm.pipeline.config.CsvTable;
import uk.nhs.phm.pipeline.config.Setting;

/**
 * Reference data, code lists and rules, read at the edge (a port: implemented over Hadoop's FileSystem, so a
 * site may point any of them at its own copy, local or remote). Parsing and checking are the pipeline's.
 */
public interface ReferenceSource {
    /** A small configuration CSV (rules, condition list) named by a path setting, with line numbers. */
    CsvTable configFile(Setting<String> path);

    /**
     * A reference table read with an explicit schema: the file {@code fileName} in the folder a path setting
     * names, or (fileName null) the file the setting names. Every schema column must be in its header.
     */
    Dataset<Row> table(Setting<String> path, String fileName, StructType schema);
}
