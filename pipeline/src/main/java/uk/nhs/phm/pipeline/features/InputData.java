package uk.nhs.phm.pipeline.features;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.phm.pipeline.schema.InputTable;

/** The accepted (validated, typed) input tables of one run; an absent optional table is simply missing. */
public final class InputData implements Serializable {
    private final Map<InputTable, Dataset<Row>> tables = new EnumMap<>(InputTable.class);

    public InputData with(InputTable table, Dataset<Row> accepted) {
        tables.put(table, accepted);
        return this;
    }

    /** The accepted rows, or null when the source was absent. */
    public Dataset<Row> get(InputTable table) {
        return tables.get(table);
    }
}
