package uk.nhs.phm.pipeline.disclosure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Disclosure control for aggregate outputs (methods.md), one component every published aggregate calls through
 * {@link #protect}: counts 1 to (threshold − 1) are suppressed, other counts rounded to the nearest multiple of
 * {@code roundTo}; money is withheld with the counts it is built from and rounded to {@code moneyRoundTo} pounds;
 * then secondary suppression until the {@link RecoverabilityAuditor} finds no withheld figure that the published
 * ones determine (see {@link SecondarySuppression}). The cells are aggregates, so the work is done on the driver.
 */
public final class DisclosureControl implements Serializable {
    public static final String SUPPRESSED = "suppressed";

    public final int threshold;
    public final int roundTo;
    /** Published money is rounded to a multiple of this many pounds. */
    public final int moneyRoundTo;

    /**
     * @param threshold    counts from 1 to threshold − 1 are suppressed (8: suppress 1–7)
     * @param roundTo      other counts are rounded to a multiple of this
     * @param moneyRoundTo money is rounded to a multiple of this many pounds: a cost is a count times a tariff, and
     *                     to the pound it would give back the exact count behind a rounded one
     */
    public DisclosureControl(int threshold, int roundTo, int moneyRoundTo) {
        this.threshold = threshold;
        this.roundTo = roundTo;
        this.moneyRoundTo = moneyRoundTo;
    }

    /** A table after {@link #protect}, and how many figures of each measure were withheld and why. */
    public record ProtectedTable(Dataset<Row> published, List<TableProtection.MeasureStats> stats) {
    }

    /** The boolean column {@link #protect} adds for a measure: true where the figure is withheld. */
    public static String withheldFlag(String measure) {
        return "_withheld_" + measure;
    }

    /**
     * The table with every measure of {@code layout} disclosure-controlled: withheld figures null, counts rounded to
     * {@link #roundTo} (long), money to {@link #moneyRoundTo} pounds (double); other columns as they were, plus a
     * {@link #withheldFlag} per measure. Derived figures (shares, rates) are computed afterwards from the published
     * figures, so they are null wherever an input is.
     *
     * @param raw        one row per cell with the true figures
     * @param membership one row per distinct combination of area codes of the table's levels, the columns named
     *                   as the levels (see {@link GeographyMembership})
     */
    public ProtectedTable protect(Dataset<Row> raw, TableLayout layout, Dataset<Row> membership) {
        List<Row> rows = raw.collectAsList();
        List<TableProtection.Cell> cells = cells(rows, raw.schema(), layout, false);
        TableProtection.Outcome outcome = TableProtection.protect(cells, layout, membership(membership, layout),
                threshold);
        StructType schema = raw.schema();
        List<StructField> fields = new ArrayList<>();
        for (StructField f : schema.fields()) {
            int m = indexOfMeasure(layout, f.name());
            fields.add(m < 0 ? f : DataTypes.createStructField(f.name(),
                    layout.measures().get(m).kind() == TableLayout.Kind.COUNT ? DataTypes.LongType : DataTypes.DoubleType,
                    true));
        }
        for (TableLayout.Measure m : layout.measures()) {
            fields.add(DataTypes.createStructField(withheldFlag(m.name()), DataTypes.BooleanType, false));
        }
        List<Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            Object[] values = new Object[fields.size()];
            for (int f = 0; f < schema.fields().length; f++) {
                int m = indexOfMeasure(layout, schema.fields()[f].name());
                if (m < 0) {
                    values[f] = r.get(f);
                } else if (outcome.withheld()[m][i]) {
                    values[f] = null;
                } else {
                    double v = cells.get(i).values()[m];
                    // Not a conditional expression: it would promote the long to a double.
                    if (layout.measures().get(m).kind() == TableLayout.Kind.COUNT) {
                        values[f] = roundCount(v);
                    } else {
                        values[f] = roundMoney(v);
                    }
                }
            }
            for (int m = 0; m < layout.measures().size(); m++) {
                values[schema.fields().length + m] = outcome.withheld()[m][i];
            }
            out.add(RowFactory.create(values));
        }
        Dataset<Row> published = raw.sparkSession().createDataFrame(out, DataTypes.createStructType(fields));
        return new ProtectedTable(published, outcome.stats());
    }

    /** A published table as the audit sees it: a figure is withheld where it is null. */
    public static DisclosureAudit.PublishedTable published(Dataset<Row> published, TableLayout layout) {
        List<Row> rows = published.collectAsList();
        List<TableProtection.Cell> cells = cells(rows, published.schema(), layout, true);
        boolean[][] withheld = new boolean[layout.measures().size()][rows.size()];
        for (int m = 0; m < layout.measures().size(); m++) {
            int f = published.schema().fieldIndex(layout.measures().get(m).name());
            for (int i = 0; i < rows.size(); i++) {
                withheld[m][i] = rows.get(i).isNullAt(f);
            }
        }
        return new DisclosureAudit.PublishedTable(layout, cells, withheld);
    }

    /** The distinct combinations of area codes, the columns named as the layout's levels. */
    public static GeographyMembership membership(Dataset<Row> membership, TableLayout layout) {
        Column[] levels = layout.levels().stream().map(l -> col(l).cast("string")).toArray(Column[]::new);
        List<String[]> combinations = new ArrayList<>();
        for (Row r : membership.select(levels).distinct().collectAsList()) {
            String[] codes = new String[layout.levels().size()];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = r.getString(i);
            }
            combinations.add(codes);
        }
        return new GeographyMembership(layout.levels(), combinations);
    }

    private static List<TableProtection.Cell> cells(List<Row> rows, StructType schema, TableLayout layout,
                                                    boolean nullAsZero) {
        int level = schema.fieldIndex(layout.levelColumn());
        int code = schema.fieldIndex(layout.codeColumn());
        int category = layout.categoryColumn() == null ? -1 : schema.fieldIndex(layout.categoryColumn());
        int[] keys = layout.keyColumns().stream().mapToInt(schema::fieldIndex).toArray();
        int[] measures = layout.measures().stream().mapToInt(m -> schema.fieldIndex(m.name())).toArray();
        List<TableProtection.Cell> cells = new ArrayList<>(rows.size());
        for (Row r : rows) {
            List<String> key = new ArrayList<>();
            for (int k : keys) {
                key.add(String.valueOf(r.get(k)));
            }
            double[] values = new double[measures.length];
            for (int m = 0; m < measures.length; m++) {
                if (r.isNullAt(measures[m])) {
                    if (!nullAsZero) {
                        throw new IllegalArgumentException(layout.tableName() + ": " + layout.measures().get(m).name()
                                + " is null before disclosure control");
                    }
                } else {
                    values[m] = ((Number) r.get(measures[m])).doubleValue();
                }
            }
            cells.add(new TableProtection.Cell(key, category < 0 ? null : r.getString(category), r.getString(level),
                    r.getString(code), values));
        }
        return cells;
    }

    private static int indexOfMeasure(TableLayout layout, String column) {
        for (int m = 0; m < layout.measures().size(); m++) {
            if (layout.measures().get(m).name().equals(column)) {
                return m;
            }
        }
        return -1;
    }

    /** Nearest multiple of {@link #roundTo}, halves to even (as Spark's {@code bround}). */
    public long roundCount(double count) {
        return (long) (Math.rint(count / roundTo) * roundTo);
    }

    /** Nearest multiple of {@link #moneyRoundTo} pounds, halves to even. */
    public double roundMoney(double amount) {
        return Math.rint(amount / moneyRoundTo) * moneyRoundTo;
    }

    /** Share of the geography total, from the published (rounded) figures so it reveals nothing more. */
    public static Column shareOfTotal(Column publishedCount, WindowSpec geography, Column isTotalRow) {
        Column total = max(when(isTotalRow, publishedCount)).over(geography);
        return when(publishedCount.isNull().or(total.isNull()).or(total.equalTo(0)), lit(null).cast("double"))
                .otherwise(publishedCount.divide(total));
    }
}
