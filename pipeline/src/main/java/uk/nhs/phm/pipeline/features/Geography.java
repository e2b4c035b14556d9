package uk.nhs.phm.pipeline.features;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import uk.nhs.phm.pipeline.Columns;
import uk.nhs.phm.pipeline.reference.ReferenceData;
import uk.nhs.phm.pipeline.schema.InputColumns;

/**
 * Geography and deprivation from the registration that holds on T: practice → PCN → sub-ICB → ICB (2026
 * practice map); LSOA (2011 or 2021 code) → LSOA 2021 → local authority (Place); IMD 2019 on LSOA 2011 and
 * IMD 2025 on LSOA 2021. A person whose LSOA is missing or unknown keeps null codes (reported as
 * "unknown" in aggregates).
 */
public final class Geography implements FeatureFamily {
    public static final String LSOA_CODE = "lsoa_code";
    public static final String LSOA11_CODE = "lsoa11_code";
    public static final String LSOA_VINTAGE = "lsoa_vintage";
    public static final String LSOA_NAME = "lsoa_name";
    public static final String PLACE_CODE = "place_code";
    public static final String PLACE_NAME = "place_name";
    public static final String IMD2025_DECILE = "imd2025_decile";
    public static final String IMD2019_DECILE = "imd2019_decile";
    public static final String PRACTICE_NAME = "practice_name";
    public static final String PCN_CODE = "pcn_code";
    public static final String PCN_NAME = "pcn_name";
    public static final String SUB_ICB_CODE = "sub_icb_code";
    public static final String ICB_CODE = "icb_code";
    public static final String ICB_NAME = "icb_name";
    public static final String IMD_DECILE = "imd_decile";
    public static final String CORE20 = "core20";

    public static final Geography FAMILY = new Geography();

    private static final List<FeatureColumn> COLUMNS = List.of(
            FeatureColumn.nullable(LSOA_CODE, DataTypes.StringType),
            FeatureColumn.nullable(LSOA11_CODE, DataTypes.StringType),
            FeatureColumn.nullable(LSOA_VINTAGE, DataTypes.StringType),
            FeatureColumn.nullable(LSOA_NAME, DataTypes.StringType),
            FeatureColumn.nullable(PLACE_CODE, DataTypes.StringType),
            FeatureColumn.nullable(PLACE_NAME, DataTypes.StringType),
            FeatureColumn.nullable(IMD2025_DECILE, DataTypes.IntegerType),
            FeatureColumn.nullable(IMD2019_DECILE, DataTypes.IntegerType),
            FeatureColumn.nullable(PRACTICE_NAME, DataTypes.StringType),
            FeatureColumn.nullable(PCN_CODE, DataTypes.StringType),
            FeatureColumn.nullable(PCN_NAME, DataTypes.StringType),
            FeatureColumn.nullable(SUB_ICB_CODE, DataTypes.StringType),
            FeatureColumn.nullable(ICB_CODE, DataTypes.StringType),
            FeatureColumn.nullable(ICB_NAME, DataTypes.StringType),
            FeatureColumn.nullable(IMD_DECILE, DataTypes.IntegerType),
            FeatureColumn.nullable(CORE20, DataTypes.BooleanType));

    private Geography() {
    }

    @Override
    public String name() {
        return "geography";
    }

    @Override
    public List<FeatureColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Dataset<Row> addTo(Dataset<Row> people, FeatureInputs in) {
        return attach(people, in.reference, in.settings.imdVersion);
    }

    /**
     * Every LSOA code that may appear on a registration, 2011 or 2021, mapped to both vintages. A 2021 code
     * maps to itself; a 2011 code that was split maps to the lowest-numbered 2021 code (deterministic). The
     * 2011 code of a 2021 LSOA (for IMD 2019) is the lowest-numbered 2011 code that maps to it.
     */
    static Dataset<Row> lsoaVintages(ReferenceData ref) {
        Dataset<Row> lsoa21to11 = ref.lsoa11To21.groupBy(col(ReferenceData.LSOA21_CODE))
                .agg(min(ReferenceData.LSOA11_CODE).alias(LSOA11_CODE));
        Dataset<Row> from2021 = ref.lsoa21.select(col(ReferenceData.LSOA21_CODE).alias("source_code"),
                        col(ReferenceData.LSOA21_CODE))
                .join(lsoa21to11, Columns.names(ReferenceData.LSOA21_CODE), "left")
                .withColumn(LSOA_VINTAGE, lit("2021"));
        Dataset<Row> from2011 = ref.lsoa11To21.groupBy(col(ReferenceData.LSOA11_CODE))
                .agg(min(ReferenceData.LSOA21_CODE).alias(ReferenceData.LSOA21_CODE))
                .join(ref.lsoa21.select(col(ReferenceData.LSOA21_CODE).alias("source_code")),
                        col(ReferenceData.LSOA11_CODE).equalTo(col("source_code")), "left_anti")
                .select(col(ReferenceData.LSOA11_CODE).alias("source_code"), col(ReferenceData.LSOA21_CODE),
                        col(ReferenceData.LSOA11_CODE).alias(LSOA11_CODE))
                .withColumn(LSOA_VINTAGE, lit("2011"));
        return from2021.unionByName(from2011);
    }

    /**
     * Adds practice/PCN/ICB, LSOA 2021, Place, IMD deciles and core20 to a table with
     * {@code practice_code} and {@code lsoa_code_recorded}.
     */
    public static Dataset<Row> attach(Dataset<Row> people, ReferenceData ref, int imdVersion) {
        Dataset<Row> lsoa = broadcast(lsoaVintages(ref)
                .join(ref.lsoa21.select(ReferenceData.LSOA21_CODE, ReferenceData.LSOA21_NAME, ReferenceData.LAD_CODE,
                                ReferenceData.LAD_NAME), Columns.names(ReferenceData.LSOA21_CODE), "left")
                .join(ref.imd2025.select(col(ReferenceData.LSOA21_CODE), col(ReferenceData.IMD_DECILE).alias(IMD2025_DECILE)),
                        Columns.names(ReferenceData.LSOA21_CODE), "left")
                .join(ref.imd2019.select(col(ReferenceData.LSOA11_CODE), col(ReferenceData.IMD_DECILE).alias(IMD2019_DECILE)),
                        Columns.names(ReferenceData.LSOA11_CODE), "left"));
        Dataset<Row> practices = broadcast(ref.practices.select(InputColumns.PRACTICE_CODE, PRACTICE_NAME, PCN_CODE,
                PCN_NAME, SUB_ICB_CODE, ICB_CODE, ICB_NAME));
        String imd = imdVersion == 2019 ? IMD2019_DECILE : IMD2025_DECILE;
        return people
                .withColumn("_lsoa_key", upper(trim(col(Population.LSOA_CODE_RECORDED))))
                .join(lsoa, col("_lsoa_key").equalTo(col("source_code")), "left")
                .drop("_lsoa_key", "source_code")
                .withColumnRenamed(ReferenceData.LSOA21_CODE, LSOA_CODE)
                .withColumnRenamed(ReferenceData.LSOA21_NAME, LSOA_NAME)
                .withColumnRenamed(ReferenceData.LAD_CODE, PLACE_CODE)
                .withColumnRenamed(ReferenceData.LAD_NAME, PLACE_NAME)
                .join(practices, Columns.names(InputColumns.PRACTICE_CODE), "left")
                .withColumn(IMD_DECILE, col(imd))
                .withColumn(CORE20, when(col(IMD_DECILE).isNull(), lit(null).cast("boolean"))
                        .otherwise(col(IMD_DECILE).leq(2)));
    }
}
