package uk.nhs.phm.pipeline.features;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * The accepted (validated, typed) input tables of one run. An optional table that was not supplied is an
 * empty Dataset with the contract's schema, so no stage needs a null check: no rows simply give no features.
 */
public final class InputData implements Serializable {
    private final Map<InputTable, Dataset<Row>> tables = new EnumMap<>(InputTable.class);
    private final transient SparkSession spark;

    public InputData(SparkSession spark) {
        this.spark = spark;
    }

    public InputData with(InputTable table, Dataset<Row> accepted) {
        tables.put(table, accepted);
        return this;
    }

    /** The accepted rows; an empty typed Dataset when the source was absent. */
    public Dataset<Row> get(InputTable table) {
        Dataset<Row> d = tables.get(table);
        return d != null ? d : empty(spark, table);
    }

    /** A table with the contract's columns and types and no rows. */
    public static Dataset<Row> empty(SparkSession spark, InputTable table) {
        return spark.createDataFrame(List.<Row>of(), table.schema());
    }

    /** The same tables with every one empty: the features' schema without reading data. */
    public InputData emptied() {
        InputData e = new InputData(spark);
        for (InputTable t : InputTable.values()) {
            e.with(t, empty(spark, t));
        }
        return e;
    }
}
