package uk.nhs.phm.pipeline.validate;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import uk.nhs.phm.pipeline.schema.ColumnSpec;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * What validation found in one table, from the small grouped aggregate of {@link RowValidator#summarise}:
 * counts, reasons, completeness, the identifier policy and the latest date seen. Plain Java, so the
 * reconciliation {@code rows_read = rows_accepted + rows_quarantined} is checked here once.
 */
public final class ValidationSummary implements Serializable {
    public final InputTable table;
    public final long rowsRead;
    public final long rowsAccepted;
    public final long rowsQuarantined;
    public final IdentifierPolicy policy;
    /** reject_reason → rows, sorted by reason. */
    public final Map<String, Long> reasons;
    /** column → share of accepted rows where it is present (required and optional columns). */
    public final Map<String, Double> completeness;
    /** date column → latest valid date in accepted rows (absent where none). */
    public final Map<String, LocalDate> latestDates;
    /** Number of non-null values and of unparseable values per typed column, over all rows read. */
    public final Map<String, long[]> presentAndUnparseable;
    /** reject_reason → how one rejected value looked (see {@link ValueShape}), where the reason names a value. */
    public final Map<String, String> examples;
    /** Rows with text that was not valid in the input's character set (shown as U+FFFD). */
    public final long undecodableRows;
    /** Malformed lines with an odd number of quotes: a quoted field held a line break (multi-line CSV). */
    public final long splitQuotedLines;
    public final long tenDigitIds;
    public final long nhsLikeIds;
    static final long FORMAT_EVIDENCE = 100;

    public ValidationSummary(InputTable table, List<Row> groups) {
        this.table = table;
        long read = 0;
        long ten = 0;
        long nhs = 0;
        long undecodable = 0;
        long split = 0;
        for (Row g : groups) {
            long n = g.getLong(g.fieldIndex("rows"));
            read += n;
            undecodable += g.getLong(g.fieldIndex(RowValidator.UNDECODABLE_ROWS));
            split += g.getLong(g.fieldIndex(RowValidator.SPLIT_QUOTED_LINES));
            if (g.getBoolean(g.fieldIndex(RowValidator.TEN_DIGITS))) {
                ten += n;
            }
            if (g.getBoolean(g.fieldIndex(RowValidator.NHS_LIKE))) {
                nhs += n;
            }
        }
        this.rowsRead = read;
        this.undecodableRows = undecodable;
        this.splitQuotedLines = split;
        this.tenDigitIds = ten;
        this.nhsLikeIds = nhs;
        this.policy = ten * 2 > read ? IdentifierPolicy.ACCEPT : IdentifierPolicy.QUARANTINE_NHS_LIKE;

        Map<String, Long> byReason = new TreeMap<>();
        Map<String, Long> present = new LinkedHashMap<>();
        Map<String, long[]> presentUnparseable = new LinkedHashMap<>();
        Map<String, LocalDate> latest = new LinkedHashMap<>();
        Map<String, String> example = new TreeMap<>();
        long accepted = 0;
        for (Row g : groups) {
            long n = g.getLong(g.fieldIndex("rows"));
            String reason = reasonOf(g);
            for (ColumnSpec c : table.columns) {
                long p = g.getLong(g.fieldIndex("present__" + c.name));
                long[] pu = presentUnparseable.computeIfAbsent(c.name, k -> new long[2]);
                pu[0] += p;
                if (c.kind != ColumnSpec.Kind.STRING) {
                    pu[1] += g.getLong(g.fieldIndex("unparseable__" + c.name));
                }
            }
            if (reason != null) {
                byReason.merge(reason, n, Long::sum);
                String column = reason.substring(reason.indexOf(':') + 1);
                if ((reason.startsWith(RejectReasons.UNPARSEABLE) || reason.startsWith(RejectReasons.INVALID_CODE))
                        && List.of(g.schema().fieldNames()).contains(RowValidator.EXAMPLE + column)) {
                    String e = g.getString(g.fieldIndex(RowValidator.EXAMPLE + column));
                    if (e != null) {
                        example.merge(reason, e, (a, b) -> a.compareTo(b) <= 0 ? a : b);
                    }
                }
                continue;
            }
            accepted += n;
            for (ColumnSpec c : table.columns) {
                present.merge(c.name, g.getLong(g.fieldIndex("present__" + c.name)), Long::sum);
                if (c.kind == ColumnSpec.Kind.DATE) {
                    Object d = g.get(g.fieldIndex("max__" + c.name));
                    if (d != null) {
                        LocalDate ld = d instanceof java.sql.Date sd ? sd.toLocalDate() : (LocalDate) d;
                        latest.merge(c.name, ld, (a, b) -> a.isAfter(b) ? a : b);
                    }
                }
            }
        }
        this.rowsAccepted = accepted;
        this.rowsQuarantined = byReason.values().stream().mapToLong(Long::longValue).sum();
        if (rowsAccepted + rowsQuarantined != rowsRead) {
            throw new IllegalStateException("Reconciliation failed for " + table.tableName + ": read " + rowsRead
                    + " != accepted " + rowsAccepted + " + quarantined " + rowsQuarantined);
        }
        this.reasons = byReason;
        Map<String, Double> comp = new LinkedHashMap<>();
        for (ColumnSpec c : table.columns) {
            comp.put(c.name, accepted == 0 ? null : present.getOrDefault(c.name, 0L) / (double) accepted);
        }
        this.completeness = comp;
        this.latestDates = latest;
        this.examples = example;
        this.presentAndUnparseable = presentUnparseable;
    }

    /** The same order as {@link RowValidator#rejectReason}. */
    private String reasonOf(Row g) {
        if (policy == IdentifierPolicy.QUARANTINE_NHS_LIKE && g.getBoolean(g.fieldIndex(RowValidator.NHS_LIKE))) {
            return RejectReasons.POSSIBLE_NHS_NUMBER;
        }
        String row = g.getString(g.fieldIndex(RowValidator.ROW_REASON));
        if (row != null) {
            return row;
        }
        if (g.getBoolean(g.fieldIndex(RowValidator.DUPLICATE))) {
            return RejectReasons.DUPLICATE_KEY + table.primaryKey;
        }
        if (g.getBoolean(g.fieldIndex(RowValidator.ORPHAN))) {
            return RejectReasons.ORPHAN;
        }
        return null;
    }

    /** Share of rows read that were quarantined (0 for an empty table). */
    public double quarantinedShare() {
        return rowsRead == 0 ? 0 : rowsQuarantined / (double) rowsRead;
    }

    /** The reason that quarantined the most rows (ties: the first by name), or null when none was. */
    public String topReason() {
        return reasons.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(null);
    }

    /** True when the tokens are 10-digit numbers and far more pass the NHS-number check than chance allows. */
    public boolean looksLikeNhsNumbers() {
        return policy == IdentifierPolicy.ACCEPT && nhsLikeIds * 2 > rowsRead;
    }

    /**
     * A typed column whose every present value fails to parse: a file-level format problem, not row noise. Only
     * for a required column or one with at least {@value #FORMAT_EVIDENCE} values, so that one odd value in a
     * mostly empty optional column is quarantined as a row problem instead.
     */
    public List<String> columnsUnparseableThroughout() {
        return presentAndUnparseable.entrySet().stream()
                .filter(e -> e.getValue()[0] > 0 && e.getValue()[1] == e.getValue()[0])
                .filter(e -> e.getValue()[0] >= FORMAT_EVIDENCE || table.column(e.getKey()).orElseThrow().required)
                .map(Map.Entry::getKey)
                .toList();
    }
}
