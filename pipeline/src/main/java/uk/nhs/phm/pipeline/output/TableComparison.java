package uk.nhs.phm.pipeline.output;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * Row-by-row comparison of two versions of an output table (e.g. before and after an upgrade), as multisets
 * of rows: the same rows the same number of times, in any order. Columns that differ by design between runs
 * (the run id) are left out. One row of counts reaches the driver.
 */
public final class TableComparison {
    /** The outcome for one table. */
    public static final class Result {
        public final long leftRows;
        public final long rightRows;
        public final long onlyLeft;
        public final long onlyRight;

        Result(long leftRows, long rightRows, long onlyLeft, long onlyRight) {
            this.leftRows = leftRows;
            this.rightRows = rightRows;
            this.onlyLeft = onlyLeft;
            this.onlyRight = onlyRight;
        }

        public boolean identical() {
            return onlyLeft == 0 && onlyRight == 0;
        }
    }

    private static final String SIDE = "_side";

    private TableComparison() {
    }

    /**
     * One pass over both tables: rows are tagged by side and grouped by every column, so each distinct row is
     * counted on each side, and one aggregate of that gives the four figures.
     */
    public static Result compare(Dataset<Row> left, Dataset<Row> right, List<String> ignoredColumns) {
        Dataset<Row> l = comparable(left, ignoredColumns);
        Dataset<Row> r = comparable(right, ignoredColumns);
        Column[] keys = java.util.Arrays.stream(l.columns()).map(functions::col).toArray(Column[]::new);
        Dataset<Row> perRow = l.withColumn(SIDE, lit(1)).unionByName(r.withColumn(SIDE, lit(2)))
                .groupBy(keys)
                .agg(sum(when(col(SIDE).equalTo(1), 1L).otherwise(0L)).alias("_l"),
                        sum(when(col(SIDE).equalTo(2), 1L).otherwise(0L)).alias("_r"));
        Row t = perRow.agg(sum("_l"), sum("_r"), sum(greatest(col("_l").minus(col("_r")), lit(0L))),
                sum(greatest(col("_r").minus(col("_l")), lit(0L)))).first();
        return new Result(longOrZero(t, 0), longOrZero(t, 1), longOrZero(t, 2), longOrZero(t, 3));
    }

    private static long longOrZero(Row r, int i) {
        return r.isNullAt(i) ? 0 : r.getLong(i);
    }

    /** Columns in a fixed order, maps as sorted JSON (set operations cannot compare maps). */
    private static Dataset<Row> comparable(Dataset<Row> df, List<String> ignored) {
        List<Column> cols = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            if (ignored.contains(f.name())) {
                continue;
            }
            cols.add(f.dataType() instanceof MapType ? to_json(array_sort(map_entries(col(f.name())))).alias(f.name())
                    : col(f.name()));
        }
        return df.select(cols.toArray(new Column[0]));
    }
}
