package uk.nhs.phm.pipeline.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import org.apache.spark.sql.Column;
import uk.nhs.phm.pipeline.schema.ColumnSpec;

/**
 * Parses the raw string form of an input column into its contract type, as the feed writes it
 * ({@link FeedFormat}). A value that does not parse becomes null, so "present in the raw row but null when
 * parsed" is exactly "unparseable".
 */
public final class TypedColumns {
    /** An optional time after the date, as SQL Server's datetime and ISO 8601 write it; the date is what counts. */
    private static final String TIME = "([ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?)?";
    private static final String ISO_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}" + TIME + "$";
    private static final String DAY_FIRST_DATE = "^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}" + TIME + "$";
    private static final String INT_PATTERN = "^[+-]?[0-9]{1,9}$";
    private static final String DECIMAL_PATTERN = "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$";

    private TypedColumns() {
    }

    /** The raw value trimmed, with the empty string and the feed's null texts read as null. */
    public static Column cleaned(String name, FeedFormat format) {
        Column t = trim(col(name));
        Column present = t.notEqual("");
        if (!format.nullTokens.isEmpty()) {
            // The length test first: it spares the lower-casing (a copy per value) for every value longer than the
            // longest null text, which is nearly all of them.
            int longest = format.nullTokens.stream().mapToInt(String::length).max().orElse(0);
            present = present.and(length(t).leq(longest).and(lower(t).isin(format.nullTokens.toArray()))
                    .unary_$bang());
        }
        return when(present, t);
    }

    public static Column isPresent(String name, FeedFormat format) {
        return cleaned(name, format).isNotNull();
    }

    public static Column parsed(ColumnSpec spec, FeedFormat format) {
        Column v = cleaned(spec.name, format);
        return switch (spec.kind) {
            case STRING -> spec.synonyms.isEmpty() ? v : coded(upper(v), spec.synonyms);
            case INT -> when(v.rlike(INT_PATTERN), v.cast("int"));
            case DATE -> date(v, format);
            case DECIMAL -> when(v.rlike(DECIMAL_PATTERN), v.cast("double"));
            case BOOLEAN -> when(lower(v).isin("true", "t", "1", "yes", "y"), lit(true))
                    .when(lower(v).isin("false", "f", "0", "no", "n"), lit(false));
        };
    }

    /** A synonym as its contract value, anything else upper-cased (so the allowed-values check sees it). */
    private static Column coded(Column upper, Map<String, String> synonyms) {
        Column out = null;
        for (Map.Entry<String, String> e : synonyms.entrySet()) {
            out = out == null ? when(upper.equalTo(e.getKey()), lit(e.getValue()))
                    : out.when(upper.equalTo(e.getKey()), lit(e.getValue()));
        }
        return out.otherwise(upper);
    }

    /** YYYY-MM-DD with an optional time; DD/MM/YYYY too where the feed writes dates day-first. */
    private static Column date(Column v, FeedFormat format) {
        // to_date gives null for a day that is not in the calendar (2026-02-30): unparseable, as it should be.
        Column d = when(v.rlike(ISO_DATE), to_date(substring(v, 1, 10), "yyyy-MM-dd"));
        if (format.dayFirstDates) {
            d = d.when(v.rlike(DAY_FIRST_DATE), to_date(substring_index(substring_index(v, " ", 1), "T", 1), "d/M/yyyy"));
        }
        return d;
    }
}
