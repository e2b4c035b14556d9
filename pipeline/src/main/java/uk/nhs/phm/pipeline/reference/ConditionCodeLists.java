package uk.nhs.phm.pipeline.reference;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Conditions (which are long-term conditions, which code resolves which) and their codes
 * (conf/codelists). The condition list is small and held on the driver; the codes are a Dataset.
 */
public final class ConditionCodeLists implements Serializable {
    public static final StructType CODES = new StructType()
            .add("condition", DataTypes.StringType).add("code_system", DataTypes.StringType)
            .add("code", DataTypes.StringType).add("match", DataTypes.StringType)
            .add("source", DataTypes.StringType);

    /** One condition: its name (a feature column is derived from it), label, LTC flag and resolving condition. */
    public static final class Condition implements Serializable {
        public final String name;
        public final String label;
        public final boolean ltc;
        public final String resolvedBy;

        public Condition(String name, String label, boolean ltc, String resolvedBy) {
            this.name = name;
            this.label = label;
            this.ltc = ltc;
            this.resolvedBy = resolvedBy == null || resolvedBy.isBlank() ? null : resolvedBy;
        }
    }

    public final List<Condition> conditions;
    public final Dataset<Row> codes;

    public ConditionCodeLists(List<Condition> conditions, Dataset<Row> codes) {
        this.conditions = List.copyOf(conditions);
        this.codes = codes;
    }
}
