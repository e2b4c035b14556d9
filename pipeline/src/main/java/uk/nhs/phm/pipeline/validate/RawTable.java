package uk.nhs.phm.pipeline.validate;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One input table as read, before validation: every contract column as text (a missing optional column as
 * null) plus {@value RowValidator#CORRUPT_RECORD}, where it came from, and the columns the contract does not name.
 */
public final class RawTable {
    public final TableOrigin origin;
    public final Dataset<Row> rows;
    public final List<String> extraColumns;

    public RawTable(TableOrigin origin, Dataset<Row> rows, List<String> extraColumns) {
        this.origin = origin;
        this.rows = rows;
        this.extraColumns = List.copyOf(extraColumns);
    }
}
