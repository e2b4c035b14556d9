package uk.nhs.phm.pipeline.testing;

import uk.nhs.phm.pipeline.validate.FeedFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.validate.TypedColumns;

/**
 * Tiny named fixtures: input tables written as rows of strings in contract column order, typed the way the
 * validator would type them, so a test reads like the CSV it stands for.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** Raw (all-string) rows for the validator, plus the corrupt-record column (null). */
    public static Dataset<Row> raw(InputTable table, String[]... rows) {
        StructType schema = new StructType();
        for (String c : table.columnNames()) {
            schema = schema.add(c, "string");
        }
        schema = schema.add("_corrupt_record", "string");
        List<Row> out = new ArrayList<>();
        for (String[] r : rows) {
            Object[] v = Arrays.copyOf(r, r.length + 1, Object[].class);
            out.add(RowFactory.create(v));
        }
        return SparkTestSession.get().createDataFrame(out, schema);
    }

    /** Accepted (typed) rows, as the features stage receives them. */
    public static Dataset<Row> typed(InputTable table, String[]... rows) {
        Column[] typed = table.columns.stream()
                .map(c -> TypedColumns.parsed(c, FeedFormat.CONTRACT).cast(c.kind.sparkType).alias(c.name)).toArray(Column[]::new);
        return raw(table, rows).select(typed);
    }

    /** A small typed table from values given in schema order. */
    public static Dataset<Row> table(StructType schema, Object[]... rows) {
        List<Row> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(RowFactory.create(r));
        }
        return SparkTestSession.get().createDataFrame(out, schema);
    }

    public static String[] row(String... values) {
        return values;
    }
}
