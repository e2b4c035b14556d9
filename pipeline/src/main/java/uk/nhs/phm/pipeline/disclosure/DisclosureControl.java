package uk.nhs.phm.pipeline.disclosure;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.bround;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import uk.nhs.phm.pipeline.Columns;

/**
 * Disclosure control for aggregate outputs (methods.md): counts 1 to (threshold − 1) are suppressed, other
 * counts rounded to the nearest multiple of {@code roundTo}; rates and shares of suppressed cells are
 * suppressed; and secondary suppression so that no suppressed cell can be recovered by subtraction.
 *
 * <p>Secondary suppression works on groups of cells that add up, each with its total among them (see
 * {@link #suppressionFlags}).
 */
public final class DisclosureControl implements Serializable {
    public static final String SUPPRESSED = "suppressed";
    private static final int MAX_PASSES = 50;
    private static final String CELL = "_cell";

    public final int threshold;
    public final int roundTo;
    /** Published money is rounded to a multiple of this many pounds. */
    public final int moneyRoundTo;

    /**
     * @param threshold    counts from 1 to threshold − 1 are suppressed (8: suppress 1–7)
     * @param roundTo      other counts are rounded to a multiple of this
     * @param moneyRoundTo money is rounded to a multiple of this many pounds: a cost is a count times a tariff, and
     *                     to the pound it would give back the exact count behind a rounded one
     */
    public DisclosureControl(int threshold, int roundTo, int moneyRoundTo) {
        this.threshold = threshold;
        this.roundTo = roundTo;
        this.moneyRoundTo = moneyRoundTo;
    }

    public Column isSmall(Column count) {
        return count.geq(1).and(count.lt(threshold));
    }

    public Column rounded(Column count) {
        return bround(count.divide(roundTo), 0).multiply(roundTo).cast("long");
    }

    /**
     * Marks the cells to suppress for one count, in {@code flagColumn}.
     *
     * <p>Every cell belongs to one or more sibling groups, given as group-id expressions (null = not in that
     * group). A group is a set of cells that add up, with its total among them: the segments of an area with the
     * area's {@code all} row, or the child areas of a parent (for one segment) with the parent's own cell. In a
     * group where exactly one cell is suppressed, that cell could be recovered by addition or subtraction, so the
     * smallest other non-zero cell of the group is suppressed too (ties by cell id). Repeated until nothing
     * changes, since one new suppression can expose a cell in another group.
     *
     * @param cells    one row per cell
     * @param cellId   a unique, deterministic id per cell
     * @param initial  primary suppression: which cells start suppressed
     * @param groupIds the groups each cell belongs to
     */
    public Dataset<Row> suppressionFlags(Dataset<Row> cells, String countColumn, String flagColumn, Column initial,
                                         Column cellId, List<Column> groupIds) {
        Dataset<Row> df = cells.withColumn(CELL, cellId).withColumn(flagColumn, initial).localCheckpoint();
        Column[] groups = groupIds.toArray(new Column[0]);
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            Dataset<Row> memberships = df.select(col(CELL), col(countColumn).alias("_n"), col(flagColumn).alias("_f"),
                            explode(array(groups)).alias("_g"))
                    .filter(col("_g").isNotNull());
            WindowSpec group = Window.partitionBy("_g");
            Column candidate = col("_f").unary_$bang().and(col("_n").gt(0));
            WindowSpec order = Window.partitionBy("_g").orderBy(when(candidate, 0).otherwise(1), col("_n"), col(CELL));
            Dataset<Row> newly = memberships
                    .withColumn("_suppressed_in_group", sum(when(col("_f"), 1).otherwise(0)).over(group))
                    .withColumn("_rank", row_number().over(order))
                    .filter(col("_suppressed_in_group").equalTo(1).and(candidate).and(col("_rank").equalTo(1)))
                    .select(col(CELL)).distinct().withColumn("_new", lit(true))
                    .localCheckpoint();
            if (newly.isEmpty()) {
                return df.drop(CELL);
            }
            df = df.join(newly, Columns.names(CELL), "left")
                    .withColumn(flagColumn, col(flagColumn).or(coalesce(col("_new"), lit(false))))
                    .drop("_new")
                    .localCheckpoint();
        }
        throw new IllegalStateException("Secondary suppression did not settle after " + MAX_PASSES + " passes");
    }

    /** Applies a flag: a suppressed count is null, any other is rounded. */
    public Column publishCount(Column count, String flagColumn) {
        return when(col(flagColumn), lit(null).cast("long")).otherwise(rounded(count));
    }

    /**
     * Applies a flag to a money figure: null when suppressed, else rounded to {@link #moneyRoundTo} pounds. The
     * flag comes from {@link #suppressionFlags} on the money itself, starting from every cell where a count it is
     * built from is withheld, so the figure is never published beside a withheld count nor recoverable from its
     * siblings by subtraction.
     */
    public Column publishMoney(Column amount, String flagColumn) {
        return when(col(flagColumn), lit(null).cast("double"))
                .otherwise(bround(amount.cast("double").divide(moneyRoundTo), 0).multiply(moneyRoundTo));
    }

    /** Share of the geography total, from the published (rounded) figures so it reveals nothing more. */
    public static Column shareOfTotal(Column publishedCount, WindowSpec geography, Column isTotalRow) {
        Column total = max(when(isTotalRow, publishedCount)).over(geography);
        return when(publishedCount.isNull().or(total.isNull()).or(total.equalTo(0)), lit(null).cast("double"))
                .otherwise(publishedCount.divide(total));
    }
}
