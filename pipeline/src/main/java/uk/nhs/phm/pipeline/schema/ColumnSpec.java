package uk.nhs.phm.pipeline.schema;

import java.io.Serializable;
import java.util.List;
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

    private ColumnSpec(String name, Kind kind, boolean required, Set<String> allowed) {
        this.name = name;
        this.kind = kind;
        this.required = required;
        this.allowed = allowed;
    }

    public static ColumnSpec req(String name, Kind kind) {
        return new ColumnSpec(name, kind, true, null);
    }

    public static ColumnSpec opt(String name, Kind kind) {
        return new ColumnSpec(name, kind, false, null);
    }

    public static ColumnSpec req(String name, List<String> allowed) {
        return new ColumnSpec(name, Kind.STRING, true, Set.copyOf(allowed));
    }

    public static ColumnSpec opt(String name, List<String> allowed) {
        return new ColumnSpec(name, Kind.STRING, false, Set.copyOf(allowed));
    }

    @Override
    public String toString() {
        return name + ":" + kind + (required ? " (required)" : "");
    }
}
