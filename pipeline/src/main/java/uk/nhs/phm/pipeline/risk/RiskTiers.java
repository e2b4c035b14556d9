package uk.nhs.phm.pipeline.risk;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Risk tiers by rank of predicted risk within the ICS (methods.md "Risk tiers", the King's Fund pyramid): the top
 * 0.5% {@code very_high}, the next 4.5% {@code high}, the next 15% {@code moderate}, the rest {@code low}. Ranks
 * order by risk, highest first, then by {@code person_id}, so people with the same risk fall on the same side of a
 * boundary in every rerun. A person of rank r among n is in the first tier whose cumulative share reaches r / n.
 */
public final class RiskTiers {
    public static final String VERY_HIGH = "very_high";
    public static final String HIGH = "high";
    public static final String MODERATE = "moderate";
    public static final String LOW = "low";
    public static final List<String> TIERS = List.of(VERY_HIGH, HIGH, MODERATE, LOW);
    /** Shares of the population in each tier but the last, highest risk first. */
    public static final double[] DEFAULT_SHARES = {0.005, 0.045, 0.15};

    private RiskTiers() {
    }

    /**
     * The people with {@code tierColumn} added.
     *
     * @param scored     one row per person with {@code personId} and {@code riskColumn} (non-null)
     * @param shares     each tier's share of the population but the last's, highest risk first; they sum below 1
     */
    public static Dataset<Row> assign(Dataset<Row> scored, String personId, String riskColumn, String tierColumn,
                                      double[] shares) {
        if (shares.length != TIERS.size() - 1) {
            throw new IllegalArgumentException("give " + (TIERS.size() - 1) + " tier shares, not " + shares.length);
        }
        // One ordering over the whole ICS: a rank is only meaningful against everyone.
        Column rank = row_number().over(Window.orderBy(col(riskColumn).desc(), col(personId).asc()));
        Column n = count(lit(1)).over(Window.partitionBy());
        Column share = rank.divide(n);
        double cumulative = 0;
        Column tier = null;
        for (int i = 0; i < shares.length; i++) {
            cumulative += shares[i];
            // A tiny tolerance so that, e.g., rank 5 of 1,000 (exactly 0.5%) is very_high despite binary fractions.
            Column inTier = share.leq(cumulative + 1e-12);
            tier = tier == null ? when(inTier, TIERS.get(i)) : tier.when(inTier, TIERS.get(i));
        }
        return scored.withColumn(tierColumn, tier.otherwise(LOW));
    }
}
