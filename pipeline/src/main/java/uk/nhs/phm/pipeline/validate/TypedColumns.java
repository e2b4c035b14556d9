package uk.nhs.phm.pipeline.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import uk.nhs.phm.pipeline.schema.ColumnSpec;

/**
 * Parses the raw string form of an input column into its contract type. A value that does not parse
 * becomes null, so "present in the raw row but null when parsed" is exactly "unparseable".
 */
public final class TypedColumns {
    private static final String DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    private static final String INT_PATTERN = "^[+-]?[0-9]{1,9}$";
    private static final String DECIMAL_PATTERN = "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$";

    private TypedColumns() {
    }

    /** The raw value trimmed, with the empty string read as null (CSV: empty field = null). */
    public static Column cleaned(String name) {
        Column t = trim(col(name));
        return when(t.notEqual(""), t);
    }

    public static Column isPresent(String name) {
        return cleaned(name).isNotNull();
    }

    public static Column parsed(ColumnSpec spec) {
        Column v = cleaned(spec.name);
        return switch (spec.kind) {
            case STRING -> v;
            case INT -> when(v.rlike(INT_PATTERN), v.cast("int"));
            case DATE -> when(v.rlike(DATE_PATTERN), to_date(v, "yyyy-MM-dd"));
            case DECIMAL -> when(v.rlike(DECIMAL_PATTERN), v.cast("double"));
            case BOOLEAN -> when(lower(v).isin("true", "t", "1", "yes", "y"), lit(true))
                    .when(lower(v).isin("false", "f", "0", "no", "n"), lit(false));
        };
    }
}
