package uk.nhs.phm.pipeline.features;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.phm.pipeline.Columns;
import uk.nhs.phm.pipeline.reference.ReferenceData;

/**
 * Geography and deprivation from the registration that holds on T: practice → PCN → sub-ICB → ICB (2026
 * practice map); LSOA (2011 or 2021 code) → LSOA 2021 → local authority (Place); IMD 2019 on LSOA 2011 and
 * IMD 2025 on LSOA 2021. A person whose LSOA is missing or unknown keeps null codes (reported as
 * "unknown" in aggregates).
 */
public final class Geography {
    private Geography() {
    }

    /**
     * Every LSOA code that may appear on a registration, 2011 or 2021, mapped to both vintages. A 2021 code
     * maps to itself; a 2011 code that was split maps to the lowest-numbered 2021 code (deterministic). The
     * 2011 code of a 2021 LSOA (for IMD 2019) is the lowest-numbered 2011 code that maps to it.
     */
    static Dataset<Row> lsoaVintages(ReferenceData ref) {
        Dataset<Row> lsoa21to11 = ref.lsoa11To21.groupBy(col("lsoa21_code"))
                .agg(min("lsoa11_code").alias("lsoa11_code"));
        Dataset<Row> from2021 = ref.lsoa21.select(col("lsoa21_code").alias("source_code"), col("lsoa21_code"))
                .join(lsoa21to11, Columns.names("lsoa21_code"), "left")
                .withColumn("lsoa_vintage", lit("2021"));
        Dataset<Row> from2011 = ref.lsoa11To21.groupBy(col("lsoa11_code"))
                .agg(min("lsoa21_code").alias("lsoa21_code"))
                .join(ref.lsoa21.select(col("lsoa21_code").alias("source_code")),
                        col("lsoa11_code").equalTo(col("source_code")), "left_anti")
                .select(col("lsoa11_code").alias("source_code"), col("lsoa21_code"), col("lsoa11_code"))
                .withColumn("lsoa_vintage", lit("2011"));
        return from2021.unionByName(from2011);
    }

    /**
     * Adds practice/PCN/ICB, LSOA 2021, Place, IMD deciles and core20 to a table with
     * {@code practice_code} and {@code lsoa_code_recorded}.
     */
    public static Dataset<Row> attach(Dataset<Row> people, ReferenceData ref, int imdVersion) {
        Dataset<Row> lsoa = broadcast(lsoaVintages(ref)
                .join(ref.lsoa21.select("lsoa21_code", "lsoa21_name", "lad_code", "lad_name"),
                        Columns.names("lsoa21_code"), "left")
                .join(ref.imd2025.select(col("lsoa21_code"), col("imd_decile").alias("imd2025_decile")),
                        Columns.names("lsoa21_code"), "left")
                .join(ref.imd2019.select(col("lsoa11_code"), col("imd_decile").alias("imd2019_decile")),
                        Columns.names("lsoa11_code"), "left"));
        Dataset<Row> practices = broadcast(ref.practices.select("practice_code", "practice_name", "pcn_code",
                "pcn_name", "sub_icb_code", "icb_code", "icb_name"));
        String imd = imdVersion == 2019 ? "imd2019_decile" : "imd2025_decile";
        return people
                .withColumn("_lsoa_key", upper(trim(col("lsoa_code_recorded"))))
                .join(lsoa, col("_lsoa_key").equalTo(col("source_code")), "left")
                .drop("_lsoa_key", "source_code")
                .withColumnRenamed("lsoa21_code", "lsoa_code")
                .withColumnRenamed("lsoa21_name", "lsoa_name")
                .withColumnRenamed("lad_code", "place_code")
                .withColumnRenamed("lad_name", "place_name")
                .join(practices, Columns.names("practice_code"), "left")
                .withColumn("imd_decile", col(imd))
                .withColumn("core20", when(col("imd_decile").isNull(), lit(null).cast("boolean"))
                        .otherwise(col("imd_decile").leq(2)));
    }
}
