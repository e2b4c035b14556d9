package uk.nhs.phm.pipeline.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.phm.pipeline.reference.ReferenceData;

/** geography_level, geography_code → geography_name for every level, from the reference data. */
public final class GeographyNames {
    private GeographyNames() {
    }

    public static Dataset<Row> from(ReferenceData ref) {
        Dataset<Row> lsoa = ref.lsoa21.select(lit(GeographyLevel.LSOA.label).alias("geography_level"),
                col("lsoa21_code").alias("geography_code"), col("lsoa21_name").alias("geography_name"));
        Dataset<Row> place = ref.lsoa21.groupBy(col("lad_code").alias("geography_code"))
                .agg(min("lad_name").alias("geography_name"))
                .withColumn("geography_level", lit(GeographyLevel.PLACE.label));
        Dataset<Row> pcn = ref.practices.groupBy(col("pcn_code").alias("geography_code"))
                .agg(min("pcn_name").alias("geography_name"))
                .withColumn("geography_level", lit(GeographyLevel.PCN.label));
        Dataset<Row> icb = ref.practices.groupBy(col("icb_code").alias("geography_code"))
                .agg(min("icb_name").alias("geography_name"))
                .withColumn("geography_level", lit(GeographyLevel.ICB.label));
        return lsoa.unionByName(place).unionByName(pcn).unionByName(icb);
    }
}
