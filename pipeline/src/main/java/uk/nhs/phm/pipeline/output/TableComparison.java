package uk.nhs.phm.pipeline.output;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.to_json;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * Row-by-row comparison of two versions of an output table (e.g. before and after an upgrade), as multisets
 * of rows: the same rows the same number of times, in any order. Columns that differ by design between runs
 * (the run id) are left out. Counts only reach the driver.
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

    private TableComparison() {
    }

    public static Result compare(Dataset<Row> left, Dataset<Row> right, List<String> ignoredColumns) {
        Dataset<Row> l = comparable(left, ignoredColumns);
        Dataset<Row> r = comparable(right, ignoredColumns).select(l.columns()[0],
                java.util.Arrays.copyOfRange(l.columns(), 1, l.columns().length));
        return new Result(l.count(), r.count(), l.exceptAll(r).count(), r.exceptAll(l).count());
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
