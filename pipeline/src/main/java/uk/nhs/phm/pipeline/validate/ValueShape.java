package uk.nhs.phm.pipeline.validate;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import uk.nhs.phm.pipeline.schema.ColumnSpec;

/**
 * A wrong value as it may be shown in a log or an error message. A code of a coded column (sex, code system)
 * cannot identify anyone and is shown as sent; anything else is shown by its shape only (digits of any script as 9,
 * capitals as A, other letters as a, other characters kept, at most 20), so "31/01/2026" reads "99/99/9999" and a person
 * token never appears.
 */
public final class ValueShape {
    static final int MAX_CODE_LENGTH = 4;
    static final int MAX_SHAPE_LENGTH = 20;

    private ValueShape() {
    }

    public static Column of(ColumnSpec spec, Column raw) {
        Column v = trim(raw);
        Column shape = regexp_replace(regexp_replace(regexp_replace(v, "\\p{N}", "9"), "\\p{Lu}", "A"), "[\\p{Ll}\\p{Lo}\\p{Lt}\\p{Lm}]", "a");
        shape = when(length(shape).gt(MAX_SHAPE_LENGTH), concat(substring(shape, 1, MAX_SHAPE_LENGTH), lit("…")))
                .otherwise(shape);
        Column shown = concat(lit("shaped like '"), shape, lit("'"));
        if (spec.allowed != null) {
            return when(length(v).leq(MAX_CODE_LENGTH), concat(lit("'"), v, lit("'"))).otherwise(shown);
        }
        return shown;
    }
}
