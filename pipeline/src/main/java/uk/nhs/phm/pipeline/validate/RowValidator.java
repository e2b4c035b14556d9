package uk.nhs.phm.pipeline.validate;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static uk.nhs.phm.pipeline.validate.TypedColumns.isPresent;
import static uk.nhs.phm.pipeline.validate.TypedColumns.parsed;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import uk.nhs.phm.pipeline.schema.ColumnSpec;
import uk.nhs.phm.pipeline.schema.InputColumns;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * Row-level validation of one input table (input contract, "Row-level rules").
 *
 * <p>{@link #flag} adds flag columns to the raw rows (all contract columns as strings) in one pass: each column
 * parsed once into its contract type, the first failing per-row rule, whether the person_id looks like an NHS
 * number, duplicate keys and orphans. The
 * NHS-number rule depends on the whole file (are the tokens themselves 10-digit numbers?), so it is resolved
 * afterwards from {@link #summarise}; {@link #rejectReason} then gives every row its final reason
 * (null = accepted), and {@link #accepted} / {@link #rejected} split the rows. Nothing is dropped:
 * accepted + rejected = read, by construction.
 */
public final class RowValidator {
    public static final String CORRUPT_RECORD = "_corrupt_record";
    public static final String ROW_REASON = "_row_reason";
    public static final String TEN_DIGITS = "_ten_digit_id";
    public static final String NHS_LIKE = "_nhs_like_id";
    public static final String DUPLICATE = "_duplicate";
    public static final String ORPHAN = "_orphan";
    public static final String REJECT_REASON = "reject_reason";
    /** The whole line of a CSV row that did not parse, kept in the quarantine table. */
    public static final String RAW_RECORD = "raw_record";
    /** Partition column of the validated work table: rows that may be rejected (about 1%). */
    public static final String SUSPECT = "_suspect";
    /** Prefix of the typed (parsed) copy of each contract column, computed once in the validation pass. */
    public static final String TYPED = "_t_";
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    /** What a decoder puts where bytes are not valid in the character set read: U+FFFD. */
    public static final String REPLACEMENT_CHARACTER = "\uFFFD";
    /** Summary columns: rows with undecodable text; malformed lines with an odd number of quote characters. */
    static final String UNDECODABLE_ROWS = "undecodable_rows";
    static final String SPLIT_QUOTED_LINES = "split_quoted_lines";
    /** Prefix of the summary column holding the shape of one wrong value of a column. */
    static final String EXAMPLE = "example__";

    private RowValidator() {
    }

    /**
     * Flags every raw row.
     *
     * @param raw          contract columns as strings (missing optional columns as null), optionally
     *                     {@value #CORRUPT_RECORD}
     * @param extractDate  the day the run starts: later dates are from the future
     * @param knownPersons accepted patients' {@code person_id} (one column), or null for the patients table
     * @param broadcastKnown send the known ids to every task instead of shuffling the table by person_id:
     *                       much faster for event tables when the ids fit in memory (a few million)
     */
    public static Dataset<Row> flag(Dataset<Row> raw, InputTable table, LocalDate extractDate,
                                    Dataset<Row> knownPersons, boolean broadcastKnown, FeedFormat format) {
        Dataset<Row> df = raw;
        if (!List.of(df.columns()).contains(CORRUPT_RECORD)) {
            df = df.withColumn(CORRUPT_RECORD, lit(null).cast("string"));
        }
        for (ColumnSpec c : table.columns) {
            df = df.withColumn(TYPED + c.name, parsed(c, format).cast(c.kind.sparkType));
        }
        Column personId = col(TYPED + InputColumns.PERSON_ID);
        df = df.withColumn(ROW_REASON, rowReason(table, extractDate, format))
                .withColumn(TEN_DIGITS, coalesce(NhsNumber.isTenDigits(personId), lit(false)))
                .withColumn(NHS_LIKE, coalesce(NhsNumber.passesModulus11(personId), lit(false)));
        if (knownPersons != null) {
            Dataset<Row> known = knownPersons.select(col(InputColumns.PERSON_ID).alias("_known_id")).distinct()
                    .withColumn("_known", lit(true));
            if (broadcastKnown) {
                known = broadcast(known);
            }
            df = df.join(known, personId.equalTo(col("_known_id")), "left")
                    .withColumn(ORPHAN, col("_known").isNull())
                    .drop("_known_id", "_known");
        } else {
            df = df.withColumn(ORPHAN, lit(false));
        }
        if (table.primaryKey != null) {
            // Keep one row per key deterministically, choosing among rows with no other problem (a known person,
            // not NHS-number-like first), then the first in the order of all its values.
            Column clean = col(ROW_REASON).isNull().and(col(ORPHAN).unary_$bang());
            List<Column> order = new ArrayList<>();
            order.add(col(NHS_LIKE).asc());
            table.columnNames().forEach(c -> order.add(col(c).asc_nulls_first()));
            WindowSpec w = Window.partitionBy(col(TYPED + table.primaryKey), clean).orderBy(order.toArray(new Column[0]));
            df = df.withColumn(DUPLICATE, coalesce(clean.and(row_number().over(w).gt(1)), lit(false)));
        } else {
            df = df.withColumn(DUPLICATE, lit(false));
        }
        return df.withColumn(SUSPECT, col(ROW_REASON).isNotNull().or(col(NHS_LIKE)).or(col(DUPLICATE)).or(col(ORPHAN)));
    }

    private static Column typed(ColumnSpec c) {
        return col(TYPED + c.name);
    }

    /** The first per-row rule the row fails, or null. Rules are checked in the order listed. */
    static Column rowReason(InputTable table, LocalDate extractDate, FeedFormat format) {
        List<Column> checks = new ArrayList<>();
        checks.add(when(col(CORRUPT_RECORD).isNotNull(), lit(RejectReasons.MALFORMED_ROW)));
        for (ColumnSpec c : table.columns) {
            if (c.required) {
                checks.add(when(isPresent(c.name, format).unary_$bang(), lit(RejectReasons.MISSING_REQUIRED + c.name)));
            }
        }
        for (ColumnSpec c : table.columns) {
            if (c.kind != ColumnSpec.Kind.STRING) {
                checks.add(when(isPresent(c.name, format).and(typed(c).isNull()),
                        lit(RejectReasons.UNPARSEABLE + c.kind.name().toLowerCase() + ":" + c.name)));
            }
            if (c.allowed != null) {
                checks.add(when(typed(c).isNotNull().and(typed(c).isin(c.allowed.toArray()).unary_$bang()),
                        lit(RejectReasons.INVALID_CODE + c.name)));
            }
            if (c.kind == ColumnSpec.Kind.DATE) {
                checks.add(when(typed(c).lt(lit(java.sql.Date.valueOf(EARLIEST))),
                        lit(RejectReasons.DATE_BEFORE_1900 + c.name)));
                checks.add(when(typed(c).gt(lit(java.sql.Date.valueOf(extractDate))),
                        lit(RejectReasons.DATE_IN_FUTURE + c.name)));
            }
        }
        if (table == InputTable.PATIENTS) {
            ColumnSpec yob = table.column(InputColumns.YEAR_OF_BIRTH).orElseThrow();
            ColumnSpec mob = table.column(InputColumns.MONTH_OF_BIRTH).orElseThrow();
            checks.add(when(typed(yob).lt(1900).or(typed(yob).gt(extractDate.getYear())),
                    lit(RejectReasons.OUT_OF_RANGE + InputColumns.YEAR_OF_BIRTH)));
            checks.add(when(typed(mob).lt(1).or(typed(mob).gt(12)), lit(RejectReasons.OUT_OF_RANGE + InputColumns.MONTH_OF_BIRTH)));
        }
        if (table.startColumn != null) {
            Column start = typed(table.column(table.startColumn).orElseThrow());
            Column end = typed(table.column(table.endColumn).orElseThrow());
            checks.add(when(end.lt(start), lit(RejectReasons.END_BEFORE_START + table.endColumn)));
        }
        if (table.columnNames().contains(InputColumns.COST) || table.columnNames().contains(InputColumns.WEEKLY_COST)) {
            String costCol = table.columnNames().contains(InputColumns.COST) ? InputColumns.COST : InputColumns.WEEKLY_COST;
            checks.add(when(typed(table.column(costCol).orElseThrow()).lt(0), lit(RejectReasons.OUT_OF_RANGE + costCol)));
        }
        return coalesce(checks.toArray(new Column[0]));
    }

    /** The final reject reason (null = accepted), once the identifier policy for the file is known. */
    public static Column rejectReason(InputTable table, IdentifierPolicy policy) {
        Column nhs = policy == IdentifierPolicy.QUARANTINE_NHS_LIKE
                ? when(col(NHS_LIKE), lit(RejectReasons.POSSIBLE_NHS_NUMBER))
                : lit(null).cast("string");
        // A possible NHS number is named first whatever else is wrong with the row, so the report counts them all.
        return coalesce(nhs, col(ROW_REASON),
                when(col(DUPLICATE), lit(RejectReasons.DUPLICATE_KEY + table.primaryKey)),
                when(col(ORPHAN), lit(RejectReasons.ORPHAN)));
    }

    /**
     * A malformed CSV line with an odd number of quote characters: read one line at a time, a quoted field that
     * holds a line break is cut in two, and at least one half is malformed with an unbalanced quote.
     */
    static Column oddQuoteCount(Column rawLine) {
        Column quotes = length(rawLine).minus(length(regexp_replace(rawLine, "\"", "")));
        return coalesce(pmod(quotes, lit(2)).equalTo(1), lit(false));
    }

    /** Accepted rows, typed as the contract says (the values parsed in the validation pass). */
    public static Dataset<Row> accepted(Dataset<Row> flagged, InputTable table, IdentifierPolicy policy) {
        Column[] cols = table.columns.stream().map(c -> typed(c).alias(c.name)).toArray(Column[]::new);
        return flagged.filter(rejectReason(table, policy).isNull()).select(cols);
    }

    /** Rejected rows with their original (string) fields and {@value #REJECT_REASON}. */
    public static Dataset<Row> rejected(Dataset<Row> flagged, InputTable table, IdentifierPolicy policy) {
        List<Column> cols = new ArrayList<>();
        for (String c : table.columnNames()) {
            cols.add(col(c));
        }
        cols.add(col(CORRUPT_RECORD).alias(RAW_RECORD));
        cols.add(rejectReason(table, policy).alias(REJECT_REASON));
        // Only suspect rows can be rejected: on the partitioned work table this reads about 1% of the rows.
        return flagged.filter(col(SUSPECT).and(rejectReason(table, policy).isNotNull()))
                .select(cols.toArray(new Column[0]));
    }

    /**
     * One small aggregate of the flagged rows, grouped by the flags (a few dozen rows at most, no
     * person-level values): row counts, non-null counts per column over all rows, unparseable counts per
     * typed column and the latest parsed date per date column. {@link ValidationSummary} reads it.
     */
    public static Dataset<Row> summarise(Dataset<Row> flagged, InputTable table, FeedFormat format) {
        List<Column> aggs = new ArrayList<>();
        aggs.add(count(lit(1)).alias("rows"));
        Column undecodable = lit(false);
        for (String c : table.columnNames()) {
            undecodable = undecodable.or(coalesce(col(c).contains(REPLACEMENT_CHARACTER), lit(false)));
        }
        aggs.add(count(when(undecodable, lit(1))).alias(UNDECODABLE_ROWS));
        aggs.add(count(when(oddQuoteCount(col(CORRUPT_RECORD)), lit(1))).alias(SPLIT_QUOTED_LINES));
        for (ColumnSpec c : table.columns) {
            aggs.add(count(when(isPresent(c.name, format), lit(1))).alias("present__" + c.name));
            if (c.kind != ColumnSpec.Kind.STRING) {
                aggs.add(count(when(typed(c).isNull().and(isPresent(c.name, format)), lit(1))).alias("unparseable__" + c.name));
            }
            if (c.kind != ColumnSpec.Kind.STRING || c.allowed != null) {
                Column wrong = isPresent(c.name, format).and(typed(c).isNull()
                        .or(c.allowed == null ? lit(false) : typed(c).isin(c.allowed.toArray()).unary_$bang()));
                aggs.add(min(when(wrong, ValueShape.of(c, col(c.name)))).alias(EXAMPLE + c.name));
            }
            if (c.kind == ColumnSpec.Kind.DATE) {
                aggs.add(max(typed(c)).alias("max__" + c.name));
            }
        }
        return flagged.groupBy(col(ROW_REASON), col(TEN_DIGITS), col(NHS_LIKE), col(DUPLICATE), col(ORPHAN))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));
    }
}
