package uk.nhs.phm.pipeline.features;

import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The scores the output contract names whose methods land in a later release: the emergency-admission risk
 * score and tier. Until then each is a typed null, never a guess, so that rules and outputs can name them now.
 * This is the one place that says which columns are not computed yet; each moves to its own family when its
 * method lands (the eFI, Charlson and CMMS have: {@link Frailty}, {@link CharlsonScore},
 * {@link CambridgeMultimorbidityScore}).
 */
public final class PendingScores implements FeatureFamily {
    public static final String RISK_SCORE = "risk_score";
    public static final String RISK_TIER = "risk_tier";

    public static final PendingScores FAMILY = new PendingScores();

    private static final List<FeatureColumn> COLUMNS = List.of(
            FeatureColumn.nullable(RISK_SCORE, DataTypes.DoubleType),
            FeatureColumn.nullable(RISK_TIER, DataTypes.StringType));

    private PendingScores() {
    }

    @Override
    public String name() {
        return "pending scores (typed nulls)";
    }

    @Override
    public List<FeatureColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Dataset<Row> addTo(Dataset<Row> people, FeatureInputs in) {
        Dataset<Row> out = people;
        for (FeatureColumn c : COLUMNS) {
            out = out.withColumn(c.name, lit(null).cast(c.type));
        }
        return out;
    }
}
