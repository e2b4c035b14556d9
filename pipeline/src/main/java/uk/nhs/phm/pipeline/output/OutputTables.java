package uk.nhs.phm.pipeline.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Output contract v1 (outputs.md) as code: one schema per table, in column order, without the
 * {@code as_of_date} partition column. docs/data-dictionary.md documents every column and a test checks the
 * two agree.
 */
public final class OutputTables {
    public static final String AS_OF_DATE = "as_of_date";

    public static final StructType PATIENT_SEGMENTS = new StructType()
            .add("person_id", DataTypes.StringType)
            .add("practice_code", DataTypes.StringType)
            .add("pcn_code", DataTypes.StringType)
            .add("lsoa_code", DataTypes.StringType)
            .add("place_code", DataTypes.StringType)
            .add("icb_code", DataTypes.StringType)
            .add("age", DataTypes.IntegerType)
            .add("age_band", DataTypes.StringType)
            .add("sex", DataTypes.StringType)
            .add("ethnic_group", DataTypes.StringType)
            .add("imd_decile", DataTypes.IntegerType)
            .add("imd2019_decile", DataTypes.IntegerType)
            .add("imd2025_decile", DataTypes.IntegerType)
            .add("core20", DataTypes.BooleanType)
            .add("segment", DataTypes.StringType)
            .add("sub_segment", DataTypes.StringType)
            .add("segment_reason", DataTypes.StringType)
            .add("risk_score", DataTypes.DoubleType)
            .add("risk_tier", DataTypes.StringType)
            .add("ltc_count", DataTypes.IntegerType)
            .add("ltc_list", DataTypes.StringType)
            .add("efi", DataTypes.DoubleType)
            .add("efi_category", DataTypes.StringType)
            .add("charlson", DataTypes.IntegerType)
            .add("cmms", DataTypes.DoubleType)
            .add("nel_admissions_12m", DataTypes.LongType)
            .add("elective_admissions_12m", DataTypes.LongType)
            .add("ae_attendances_12m", DataTypes.LongType)
            .add("bed_days_12m", DataTypes.LongType)
            .add("op_attendances_12m", DataTypes.LongType)
            .add("community_contacts_12m", DataTypes.LongType)
            .add("mh_contacts_12m", DataTypes.LongType)
            .add("social_care_services_12m", DataTypes.LongType)
            .add("cost_12m", DataTypes.DoubleType)
            .add("cohorts", DataTypes.StringType);

    /** Score columns whose methods land in later releases: published as typed nulls, never as guesses. */
    public static final Set<String> NOT_YET_COMPUTED =
            Set.of("risk_score", "risk_tier", "efi", "efi_category", "charlson", "cmms");

    public static final StructType SEGMENT_SUMMARY = new StructType()
            .add("geography_level", DataTypes.StringType)
            .add("geography_code", DataTypes.StringType)
            .add("geography_name", DataTypes.StringType)
            .add("segment", DataTypes.StringType)
            .add("risk_tier", DataTypes.StringType)
            .add("patients", DataTypes.LongType)
            .add("share_of_population", DataTypes.DoubleType)
            .add("nel_admissions_12m", DataTypes.LongType)
            .add("ae_attendances_12m", DataTypes.LongType)
            .add("bed_days_12m", DataTypes.LongType)
            .add("cost_12m", DataTypes.DoubleType)
            .add("suppressed", DataTypes.BooleanType)
            .add("activity_suppressed", DataTypes.BooleanType);

    public static final StructType DATA_QUALITY = new StructType()
            .add("run_id", DataTypes.StringType)
            .add("table_name", DataTypes.StringType)
            .add("status", DataTypes.StringType)
            .add("source_format", DataTypes.StringType)
            .add("rows_read", DataTypes.LongType)
            .add("rows_accepted", DataTypes.LongType)
            .add("rows_quarantined", DataTypes.LongType)
            .add("latest_date", DataTypes.DateType)
            .add("extra_columns", DataTypes.StringType)
            .add("completeness", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType));

    public static final StructType QUARANTINE_REASONS = new StructType()
            .add("run_id", DataTypes.StringType)
            .add("table_name", DataTypes.StringType)
            .add("reject_reason", DataTypes.StringType)
            .add("rows", DataTypes.LongType);

    public static final StructType UNMAPPED_CODES = new StructType()
            .add("run_id", DataTypes.StringType)
            .add("table_name", DataTypes.StringType)
            .add("code_system", DataTypes.StringType)
            .add("code", DataTypes.StringType)
            .add("rows", DataTypes.LongType);

    private OutputTables() {
    }

    /** Selects a table's columns in contract order with contract types; missing not-yet-computed ones as nulls. */
    public static Dataset<Row> conform(Dataset<Row> df, StructType schema) {
        java.util.List<String> present = java.util.List.of(df.columns());
        Column[] cols = new Column[schema.fields().length];
        int i = 0;
        for (StructField f : schema.fields()) {
            DataType t = f.dataType();
            if (!present.contains(f.name()) && !NOT_YET_COMPUTED.contains(f.name())) {
                throw new IllegalStateException("Output column " + f.name() + " was not computed");
            }
            Column c = present.contains(f.name()) ? col(f.name()) : lit(null);
            cols[i++] = c.cast(t).alias(f.name());
        }
        return df.select(cols);
    }
}
