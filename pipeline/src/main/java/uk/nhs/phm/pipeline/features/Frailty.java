package uk.nhs.phm.pipeline.features;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import uk.nhs.phm.pipeline.Columns;
import uk.nhs.phm.pipeline.reference.EfiDeficits;
import uk.nhs.phm.pipeline.schema.InputColumns;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * The electronic Frailty Index at T (Clegg et al. 2016, Age Ageing 45:353; methods.md "Scores"): the share of the
 * 36 deficits present, for people aged 65 or over at T; null below 65.
 *
 * <p>A deficit is present when a GP event dated on or before T carries one of its codes (ever, like the LTC
 * registers), except polypharmacy: at least {@value #POLYPHARMACY_MEDICATIONS} distinct medication codes issued in
 * the recent window (T − {@code lookback.recent_days}, T]. Matching is that of the condition lists (Read v2 on its
 * first five characters), and a deficit counts once however many of its codes a person has.
 */
public final class Frailty implements FeatureFamily {
    public static final String EFI = "efi";
    public static final String EFI_CATEGORY = "efi_category";
    /** The eFI is computed from this age at T (Clegg's population); below it both columns are null. */
    public static final int MIN_AGE = 65;
    /** Distinct medication codes in the recent window that make the polypharmacy deficit. */
    public static final int POLYPHARMACY_MEDICATIONS = 5;

    /** The categories and the largest eFI, in hundredths, each includes (fit ≤ 0.12, mild ≤ 0.24, moderate ≤ 0.36). */
    public enum Category {
        FIT("fit", 12), MILD("mild", 24), MODERATE("moderate", 36), SEVERE("severe", 100);

        public final String label;
        final int upToHundredths;

        Category(String label, int upToHundredths) {
            this.label = label;
            this.upToHundredths = upToHundredths;
        }
    }

    public static final Frailty FAMILY = new Frailty();

    private static final String DEFICITS_PRESENT = "_efi_deficits_present";
    private static final List<FeatureColumn> COLUMNS = List.of(
            FeatureColumn.nullable(EFI, DataTypes.DoubleType),
            FeatureColumn.nullable(EFI_CATEGORY, DataTypes.StringType));

    private Frailty() {
    }

    @Override
    public String name() {
        return "frailty (eFI)";
    }

    @Override
    public List<FeatureColumn> columns() {
        return COLUMNS;
    }

    /** The eFI of a count of deficits present: their share of the 36. */
    public static double efi(int deficitsPresent) {
        return (double) deficitsPresent / EfiDeficits.COUNT;
    }

    /**
     * The category of a count of deficits present. Compared in whole numbers (count × 100 ≤ bound × 36), so that
     * a boundary is decided exactly: 13/36 = 0.361… is severe, and no eFI sits on a bound by rounding.
     */
    public static Category category(int deficitsPresent) {
        for (Category c : Category.values()) {
            if (deficitsPresent * 100 <= c.upToHundredths * EfiDeficits.COUNT) {
                return c;
            }
        }
        return Category.SEVERE;
    }

    /** {@link #efi} as a Column over a count of deficits present. */
    static Column efiOf(Column deficitsPresent) {
        return deficitsPresent.cast(DataTypes.DoubleType).divide(EfiDeficits.COUNT);
    }

    /** {@link #category} as a Column over a count of deficits present. */
    static Column categoryOf(Column deficitsPresent) {
        Column out = lit(Category.SEVERE.label);
        Category[] all = Category.values();
        for (int i = all.length - 2; i >= 0; i--) {
            out = when(deficitsPresent.multiply(100).leq(all[i].upToHundredths * EfiDeficits.COUNT), lit(all[i].label))
                    .otherwise(out);
        }
        return out;
    }

    @Override
    public Dataset<Row> addTo(Dataset<Row> people, FeatureInputs in) {
        Column n = coalesce(col(DEFICITS_PRESENT), lit(0));
        Column eligible = col(Population.AGE).geq(MIN_AGE);
        return Columns.leftJoin(people, deficitsPresent(in), InputColumns.PERSON_ID)
                .withColumn(EFI, when(eligible, efiOf(n)))
                .withColumn(EFI_CATEGORY, when(eligible, categoryOf(n)))
                .drop(DEFICITS_PRESENT);
    }

    /** One row per person with at least one deficit at T: person_id and the number of distinct deficits present. */
    static Dataset<Row> deficitsPresent(FeatureInputs in) {
        Column t = lit(Date.valueOf(in.settings.asOf));
        Dataset<Row> gp = in.data.get(InputTable.GP_EVENTS).filter(col(InputColumns.EVENT_DATE).leq(t))
                .select(col(InputColumns.PERSON_ID), col(InputColumns.CODE_SYSTEM), col(InputColumns.CODE),
                        lit(InputTable.GP_EVENTS.tableName).alias(Conditions.SOURCE_TABLE));
        // Match the few distinct codes, not every event, then join the small code → deficit map back.
        Dataset<Row> matched = Conditions.matchCodes(Conditions.distinctCodes(gp), in.efiDeficits.codes,
                EfiDeficits.DEFICIT);
        Dataset<Row> present = gp.join(broadcast(matched), Columns.names(InputColumns.CODE_SYSTEM, InputColumns.CODE))
                .select(InputColumns.PERSON_ID, EfiDeficits.DEFICIT);
        String polypharmacy = in.efiDeficits.polypharmacy();
        if (polypharmacy != null) {
            Dataset<Row> medications = in.data.get(InputTable.MEDICATIONS)
                    .filter(col(InputColumns.ISSUE_DATE).gt(lit(Date.valueOf(in.settings.recentStart())))
                            .and(col(InputColumns.ISSUE_DATE).leq(t)));
            Dataset<Row> many = medications.groupBy(InputColumns.PERSON_ID)
                    .agg(countDistinct(col(InputColumns.CODE_SYSTEM), col(InputColumns.CODE)).alias("_medications"))
                    .filter(col("_medications").geq(POLYPHARMACY_MEDICATIONS))
                    .select(col(InputColumns.PERSON_ID), lit(polypharmacy).alias(EfiDeficits.DEFICIT));
            present = present.unionByName(many);
        }
        return present.groupBy(InputColumns.PERSON_ID)
                .agg(countDistinct(col(EfiDeficits.DEFICIT)).cast(DataTypes.IntegerType).alias(DEFICITS_PRESENT));
    }
}
