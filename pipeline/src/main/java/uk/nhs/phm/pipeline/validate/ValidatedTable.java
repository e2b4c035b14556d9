package uk.nhs.phm.pipeline.validate;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import uk.nhs.phm.pipeline.features.InputData;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * One input table after validation: where it came from, what validation found, the flagged rows (materialised
 * once) and the accepted typed rows. An optional table not supplied is {@linkplain #absent absent}: no origin,
 * no summary, and an empty typed Dataset of accepted rows.
 */
public final class ValidatedTable {
    public final InputTable table;
    public final TableOrigin origin;
    public final ValidationSummary summary;
    public final Dataset<Row> flagged;
    public final Dataset<Row> accepted;
    public final List<String> extraColumns;

    public ValidatedTable(InputTable table, TableOrigin origin, ValidationSummary summary, Dataset<Row> flagged,
                          Dataset<Row> accepted, List<String> extraColumns) {
        this.table = table;
        this.origin = origin;
        this.summary = summary;
        this.flagged = flagged;
        this.accepted = accepted;
        this.extraColumns = List.copyOf(extraColumns);
    }

    public static ValidatedTable absent(SparkSession spark, InputTable table) {
        return new ValidatedTable(table, null, null, null, InputData.empty(spark, table), List.of());
    }

    public boolean present() {
        return origin != null;
    }

    /** Rejected rows with their original fields and reason (empty for an absent table). */
    public Dataset<Row> rejected() {
        return RowValidator.rejected(flagged, table, summary.policy);
    }
}
