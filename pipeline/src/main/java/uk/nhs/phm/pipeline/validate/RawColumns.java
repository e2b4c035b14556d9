package uk.nhs.phm.pipeline.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * An input table in the raw form validation reads: every contract column as text, in contract order, a missing
 * optional column as null, plus {@value RowValidator#CORRUPT_RECORD}. Typed columns (a Parquet extract) are
 * turned back into the contract's text form, so both formats validate alike.
 */
public final class RawColumns {
    /** The dates of NHS records are UK civil dates. */
    public static final String UK_TIME_ZONE = "Europe/London";

    private RawColumns() {
    }

    /**
     * Typed columns as text: a date as YYYY-MM-DD; a timestamp as the UK date it falls on (a record at midnight
     * British Summer Time is 23:00 the day before in UTC, and belongs to the later day); a timestamp without a
     * time zone as its own date; anything else cast to text.
     */
    public static Dataset<Row> asText(Dataset<Row> typed) {
        List<Column> cols = new ArrayList<>();
        for (StructField f : typed.schema().fields()) {
            // Back-quoted, so a name with a dot is a name, not a field of a struct.
            Column c = col("`" + f.name().replace("`", "``") + "`");
            if (f.dataType() instanceof TimestampType) {
                c = date_format(from_utc_timestamp(c, UK_TIME_ZONE), "yyyy-MM-dd");
            } else if (f.dataType() instanceof DateType || f.dataType() instanceof TimestampNTZType) {
                c = date_format(c, "yyyy-MM-dd");
            }
            cols.add(c.cast(DataTypes.StringType).alias(f.name()));
        }
        return typed.select(cols.toArray(new Column[0]))
                .withColumn(RowValidator.CORRUPT_RECORD, lit(null).cast(DataTypes.StringType));
    }

    /** The contract's columns in contract order (absent optional ones as nulls) and the corrupt-record column. */
    public static Dataset<Row> contractColumns(InputTable t, Dataset<Row> text, List<String> header) {
        List<Column> cols = new ArrayList<>();
        for (String name : t.columnNames()) {
            cols.add(header.contains(name) ? col(name) : lit(null).cast(DataTypes.StringType).alias(name));
        }
        cols.add(col(RowValidator.CORRUPT_RECORD));
        return text.select(cols.toArray(new Column[0]));
    }
}
