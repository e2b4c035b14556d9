package uk.nhs.phm.pipeline.validate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static uk.nhs.phm.pipeline.validate.TypedColumns.cleaned;
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
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * Row-level validation of one input table (input contract, "Row-level rules").
 *
 * <p>{@link #flag} adds flag columns to the raw rows (all contract columns as strings) in one pass: the first
 * failing per-row rule, whether the person_id looks like an NHS number, duplicate keys and orphans. The
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
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private RowValidator() {
    }

    /**
     * Flags every raw row.
     *
     * @param raw          contract columns as strings (missing optional columns as null), optionally
     *                     {@value #CORRUPT_RECORD}
     * @param extractDate  the day the run starts: later dates are from the future
     * @param knownPersons accepted patients' {@code person_id} (one column), or null for the patients table
     */
    public static Dataset<Row> flag(Dataset<Row> raw, InputTable table, LocalDate extractDate,
                                    Dataset<Row> knownPersons) {
        Dataset<Row> df = raw;
        if (!List.of(df.columns()).contains(CORRUPT_RECORD)) {
            df = df.withColumn(CORRUPT_RECORD, lit(null).cast("string"));
        }
        df = df.withColumn(ROW_REASON, rowReason(table, extractDate))
                .withColumn(TEN_DIGITS, coalesce(NhsNumber.isTenDigits(cleaned(InputTable.Cols.PERSON_ID)), lit(false)))
                .withColumn(NHS_LIKE, coalesce(NhsNumber.passesModulus11(cleaned(InputTable.Cols.PERSON_ID)), lit(false)));
        if (table.primaryKey != null) {
            // Keep one row per key deterministically: the first in the order of all its values.
            WindowSpec w = Window.partitionBy(cleaned(table.primaryKey), col(ROW_REASON).isNull())
                    .orderBy(table.columnNames().stream().map(c -> col(c).asc_nulls_first()).toArray(Column[]::new));
            df = df.withColumn(DUPLICATE, coalesce(col(ROW_REASON).isNull().and(row_number().over(w).gt(1)), lit(false)));
        } else {
            df = df.withColumn(DUPLICATE, lit(false));
        }
        if (knownPersons != null) {
            Dataset<Row> known = knownPersons.select(col(InputTable.Cols.PERSON_ID).alias("_known_id")).distinct()
                    .withColumn("_known", lit(true));
            df = df.join(known, cleaned(InputTable.Cols.PERSON_ID).equalTo(col("_known_id")), "left")
                    .withColumn(ORPHAN, col("_known").isNull())
                    .drop("_known_id", "_known");
        } else {
            df = df.withColumn(ORPHAN, lit(false));
        }
        return df;
    }

    /** The first per-row rule the row fails, or null. Rules are checked in the order listed. */
    static Column rowReason(InputTable table, LocalDate extractDate) {
        List<Column> checks = new ArrayList<>();
        checks.add(when(col(CORRUPT_RECORD).isNotNull(), lit(RejectReasons.MALFORMED_ROW)));
        for (ColumnSpec c : table.columns) {
            if (c.required) {
                checks.add(when(isPresent(c.name).unary_$bang(), lit(RejectReasons.MISSING_REQUIRED + c.name)));
            }
        }
        for (ColumnSpec c : table.columns) {
            if (c.kind != ColumnSpec.Kind.STRING) {
                checks.add(when(isPresent(c.name).and(parsed(c).isNull()),
                        lit(RejectReasons.UNPARSEABLE + c.kind.name().toLowerCase() + ":" + c.name)));
            }
            if (c.allowed != null) {
                checks.add(when(isPresent(c.name).and(cleaned(c.name).isin(c.allowed.toArray()).unary_$bang()),
                        lit(RejectReasons.INVALID_CODE + c.name)));
            }
            if (c.kind == ColumnSpec.Kind.DATE) {
                checks.add(when(parsed(c).lt(lit(java.sql.Date.valueOf(EARLIEST))),
                        lit(RejectReasons.DATE_BEFORE_1900 + c.name)));
                checks.add(when(parsed(c).gt(lit(java.sql.Date.valueOf(extractDate))),
                        lit(RejectReasons.DATE_IN_FUTURE + c.name)));
            }
        }
        if (table == InputTable.PATIENTS) {
            ColumnSpec yob = table.column("year_of_birth").orElseThrow();
            ColumnSpec mob = table.column("month_of_birth").orElseThrow();
            checks.add(when(parsed(yob).lt(1900).or(parsed(yob).gt(extractDate.getYear())),
                    lit(RejectReasons.OUT_OF_RANGE + "year_of_birth")));
            checks.add(when(parsed(mob).lt(1).or(parsed(mob).gt(12)), lit(RejectReasons.OUT_OF_RANGE + "month_of_birth")));
        }
        if (table.startColumn != null) {
            Column start = parsed(table.column(table.startColumn).orElseThrow());
            Column end = parsed(table.column(table.endColumn).orElseThrow());
            checks.add(when(end.lt(start), lit(RejectReasons.END_BEFORE_START + table.endColumn)));
        }
        if (table.columnNames().contains("cost") || table.columnNames().contains("weekly_cost")) {
            String costCol = table.columnNames().contains("cost") ? "cost" : "weekly_cost";
            checks.add(when(parsed(table.column(costCol).orElseThrow()).lt(0), lit(RejectReasons.OUT_OF_RANGE + costCol)));
        }
        return coalesce(checks.toArray(new Column[0]));
    }

    /** The final reject reason (null = accepted), once the identifier policy for the file is known. */
    public static Column rejectReason(InputTable table, IdentifierPolicy policy) {
        Column nhs = policy == IdentifierPolicy.QUARANTINE_NHS_LIKE
                ? when(col(NHS_LIKE), lit(RejectReasons.POSSIBLE_NHS_NUMBER))
                : lit(null).cast("string");
        return coalesce(col(ROW_REASON), nhs,
                when(col(DUPLICATE), lit(RejectReasons.DUPLICATE_KEY + table.primaryKey)),
                when(col(ORPHAN), lit(RejectReasons.ORPHAN)));
    }

    /** Accepted rows, typed as the contract says. */
    public static Dataset<Row> accepted(Dataset<Row> flagged, InputTable table, IdentifierPolicy policy) {
        return flagged.filter(rejectReason(table, policy).isNull()).select(TypedColumns.typedSelection(table));
    }

    /** Rejected rows with their original (string) fields and {@value #REJECT_REASON}. */
    public static Dataset<Row> rejected(Dataset<Row> flagged, InputTable table, IdentifierPolicy policy) {
        List<Column> cols = new ArrayList<>();
        for (String c : table.columnNames()) {
            cols.add(col(c));
        }
        cols.add(col(CORRUPT_RECORD).alias("raw_record"));
        cols.add(rejectReason(table, policy).alias(REJECT_REASON));
        return flagged.filter(rejectReason(table, policy).isNotNull()).select(cols.toArray(new Column[0]));
    }

    /**
     * One small aggregate of the flagged rows, grouped by the flags (a few dozen rows at most, no
     * person-level values): row counts, non-null counts per column over all rows, unparseable counts per
     * typed column and the latest parsed date per date column. {@link ValidationSummary} reads it.
     */
    public static Dataset<Row> summarise(Dataset<Row> flagged, InputTable table) {
        List<Column> aggs = new ArrayList<>();
        aggs.add(count(lit(1)).alias("rows"));
        for (ColumnSpec c : table.columns) {
            aggs.add(count(cleaned(c.name)).alias("present__" + c.name));
            if (c.kind != ColumnSpec.Kind.STRING) {
                aggs.add(count(when(isPresent(c.name).and(parsed(c).isNull()), lit(1))).alias("unparseable__" + c.name));
            }
            if (c.kind == ColumnSpec.Kind.DATE) {
                aggs.add(max(parsed(c)).alias("max__" + c.name));
            }
        }
        return flagged.groupBy(col(ROW_REASON), col(TEN_DIGITS), col(NHS_LIKE), col(DUPLICATE), col(ORPHAN))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));
    }
}
