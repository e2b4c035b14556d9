package uk.nhs.phm.pipeline;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;

/**
 * Money is summed as an exact decimal: added in whatever order the partitions arrive, decimals give the same
 * total on every rerun, where doubles may differ in the last bits. One amount fits 14 integer digits and 4
 * decimals (a compact, long-backed decimal); Spark widens a sum of them by itself.
 */
public final class Money {
    public static final String DECIMAL = "decimal(18,4)";

    private Money() {
    }

    /** An amount as the exact decimal (null stays null). */
    public static Column exact(Column amount) {
        return amount.cast(DECIMAL);
    }

    /** An amount as the exact decimal, a missing one as zero. */
    public static Column orZero(Column amount) {
        return coalesce(amount, lit(0)).cast(DECIMAL);
    }

    /** A summed amount as published: a double. */
    public static Column published(Column sum) {
        return sum.cast("double");
    }
}
