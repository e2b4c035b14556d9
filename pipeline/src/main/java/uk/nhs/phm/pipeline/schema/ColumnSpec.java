package uk.nhs.phm.pipeline.schema;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** One column of an input table: its name, type, whether it is required and its allowed values. */
public final class ColumnSpec implements Serializable {
    /** Logical types of the input contract. */
    public enum Kind {
        STRING(DataTypes.StringType), INT(DataTypes.IntegerType), DATE(DataTypes.DateType),
        DECIMAL(DataTypes.DoubleType), BOOLEAN(DataTypes.BooleanType);

        public final DataType sparkType;

        Kind(DataType sparkType) {
            this.sparkType = sparkType;
        }
    }

    public final String name;
    public final Kind kind;
    public final boolean required;
    /** Allowed values (compared after trimming, case-sensitively), or null for any value. */
    public final Set<String> allowed;
    /**
     * Other codes for the same values (e.g. the NHS Data Dictionary's numeric sex codes), upper-case, each to its
     * contract value; a column with synonyms is read ignoring case. Empty for most columns.
     */
    public final Map<String, String> synonyms;

    private ColumnSpec(String name, Kind kind, boolean required, Set<String> allowed, Map<String, String> synonyms) {
        this.name = name;
        this.kind = kind;
        this.required = required;
        this.allowed = allowed;
        this.synonyms = synonyms;
    }

    /** The same column, also reading {@code synonyms} (upper-case code to contract value) and ignoring case. */
    public ColumnSpec withSynonyms(Map<String, String> codes) {
        for (String v : codes.values()) {
            if (allowed == null || !allowed.contains(v)) {
                throw new IllegalArgumentException(name + ": synonym target " + v + " is not an allowed value");
            }
        }
        return new ColumnSpec(name, kind, required, allowed, Map.copyOf(codes));
    }

    public static ColumnSpec req(String name, Kind kind) {
        return new ColumnSpec(name, kind, true, null, Map.of());
    }

    public static ColumnSpec opt(String name, Kind kind) {
        return new ColumnSpec(name, kind, false, null, Map.of());
    }

    public static ColumnSpec req(String name, List<String> allowed) {
        return new ColumnSpec(name, Kind.STRING, true, Set.copyOf(allowed), Map.of());
    }

    public static ColumnSpec opt(String name, List<String> allowed) {
        return new ColumnSpec(name, Kind.STRING, false, Set.copyOf(allowed), Map.of());
    }

    @Override
    public String toString() {
        return name + ":" + kind + (required ? " (required)" : "");
    }
}
