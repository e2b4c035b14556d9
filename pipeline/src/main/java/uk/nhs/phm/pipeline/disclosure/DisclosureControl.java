package uk.nhs.phm.pipeline.disclosure;

import static org.apache.spark.sql.functions.bround;
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

/**
 * Disclosure control for aggregate outputs (methods.md): counts 1 to (threshold − 1) are suppressed, other
 * counts rounded to the nearest multiple of {@code roundTo}; rates and shares of suppressed cells are
 * suppressed; and secondary suppression so that no suppressed cell can be recovered by subtraction.
 *
 * <p>Secondary suppression works on sibling groups: the segments of one geography (whose total is the
 * {@code all} row), and the children of one parent geography for one segment (LSOAs in a Place, PCNs in an
 * ICB, Places and ICBs in the whole extract). Where exactly one cell of a group is suppressed, the smallest
 * other non-suppressed cell of the group is suppressed too; this repeats until nothing changes, since one
 * new suppression can expose a cell in another group.
 */
public final class DisclosureControl implements Serializable {
    public static final String SUPPRESSED = "suppressed";
    private static final int MAX_PASSES = 20;

    public final int threshold;
    public final int roundTo;

    /** @param threshold counts from 1 to threshold − 1 are suppressed (8: suppress 1–7) */
    public DisclosureControl(int threshold, int roundTo) {
        this.threshold = threshold;
        this.roundTo = roundTo;
    }

    public Column isSmall(Column count) {
        return count.geq(1).and(count.lt(threshold));
    }

    public Column rounded(Column count) {
        return bround(count.divide(roundTo), 0).multiply(roundTo).cast("long");
    }

    /** Marks the cells whose {@code patients}-style count must be suppressed, in {@link #SUPPRESSED}. */
    public Dataset<Row> suppressionFlags(Dataset<Row> cells, String countColumn, List<String> geographyKeys,
                                         List<String> hierarchyKeys, String segmentColumn, String allSegments,
                                         String codeColumn) {
        return suppressionFlags(cells, countColumn, SUPPRESSED, isSmall(col(countColumn)), geographyKeys,
                hierarchyKeys, segmentColumn, allSegments, codeColumn);
    }

    /**
     * Marks the cells to suppress for one count.
     *
     * @param cells         one row per cell
     * @param flagColumn    the boolean column to write (true = suppress this count)
     * @param initial       primary suppression: which cells start suppressed
     * @param geographyKeys the columns naming one geography (its segments are siblings)
     * @param hierarchyKeys the columns naming one parent geography and segment (its child areas are siblings)
     * @param segmentColumn the segment column; {@code allSegments} marks a geography's total row
     * @param codeColumn    the geography code column (orders sibling areas deterministically)
     */
    public Dataset<Row> suppressionFlags(Dataset<Row> cells, String countColumn, String flagColumn, Column initial,
                                         List<String> geographyKeys, List<String> hierarchyKeys,
                                         String segmentColumn, String allSegments, String codeColumn) {
        Dataset<Row> df = cells.withColumn(flagColumn, initial).localCheckpoint();
        long suppressed = df.filter(col(flagColumn)).count();
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            Column sibling = col(segmentColumn).notEqual(allSegments);
            df = suppressLoneCell(df, countColumn, flagColumn, geographyKeys, sibling, segmentColumn);
            df = suppressLoneCell(df, countColumn, flagColumn, hierarchyKeys, lit(true), codeColumn);
            df = df.localCheckpoint();
            long now = df.filter(col(flagColumn)).count();
            if (now == suppressed) {
                break;
            }
            suppressed = now;
        }
        return df;
    }

    /** In each group where exactly one member cell is suppressed, suppress the smallest other member. */
    private Dataset<Row> suppressLoneCell(Dataset<Row> df, String countColumn, String flagColumn,
                                          List<String> groupKeys, Column member, String tieBreak) {
        Column[] keys = groupKeys.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        WindowSpec group = Window.partitionBy(keys);
        Column suppressedMembers = sum(when(member.and(col(flagColumn)), 1).otherwise(0)).over(group);
        // Candidates first (members not yet suppressed with a non-zero count), smallest count, then by name.
        Column candidate = member.and(col(flagColumn).unary_$bang()).and(col(countColumn).gt(0));
        WindowSpec order = Window.partitionBy(keys).orderBy(when(candidate, 0).otherwise(1), col(countColumn),
                col(tieBreak));
        Column first = row_number().over(order).equalTo(1);
        return df.withColumn(flagColumn, col(flagColumn).or(
                suppressedMembers.equalTo(1).and(candidate).and(first)));
    }

    /** Applies a flag: a suppressed count is null, any other is rounded. */
    public Column publishCount(Column count, String flagColumn) {
        return when(col(flagColumn), lit(null).cast("long")).otherwise(rounded(count));
    }

    public Column publishAmount(Column amount) {
        return when(col(SUPPRESSED), lit(null).cast("double")).otherwise(bround(amount, 0));
    }

    /** Share of the geography total, from the published (rounded) figures so it reveals nothing more. */
    public static Column shareOfTotal(Column publishedCount, WindowSpec geography, Column isTotalRow) {
        Column total = max(when(isTotalRow, publishedCount)).over(geography);
        return when(publishedCount.isNull().or(total.isNull()).or(total.equalTo(0)), lit(null).cast("double"))
                .otherwise(publishedCount.divide(total));
    }
}
