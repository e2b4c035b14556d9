package uk.nhs.phm.pipeline.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.phm.pipeline.output.OutputTable;

/** What one stage produced: values for later stages, and output tables for the store. */
public final class StageResult {
    final Map<Key<?>, Object> values = new LinkedHashMap<>();
    final Map<OutputTable, Dataset<Row>> outputs = new LinkedHashMap<>();

    public static StageResult of() {
        return new StageResult();
    }

    public <T> StageResult put(Key<T> key, T value) {
        values.put(key, value);
        return this;
    }

    /** An output table's rows (conformed and written by the store; later stages read the stored rows). */
    public StageResult output(OutputTable table, Dataset<Row> rows) {
        outputs.put(table, rows);
        return this;
    }

    public Map<OutputTable, Dataset<Row>> outputs() {
        return Collections.unmodifiableMap(outputs);
    }
}
