package uk.nhs.phm.pipeline.output;

import java.io.Serializable;
import org.apache.spark.sql.types.DataType;

/** One column of an output table: name, Spark type, meaning and unit, as the data dictionary shows them. */
public final class OutputColumn implements Serializable {
    public final String name;
    public final DataType type;
    public final String meaning;
    public final String unit;

    public OutputColumn(String name, DataType type, String meaning, String unit) {
        this.name = name;
        this.type = type;
        this.meaning = meaning;
        this.unit = unit;
    }

    public static OutputColumn of(String name, DataType type, String meaning) {
        return new OutputColumn(name, type, meaning, "");
    }

    public static OutputColumn of(String name, DataType type, String meaning, String unit) {
        return new OutputColumn(name, type, meaning, unit);
    }
}
