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
        Dataset<Row> lsoa = ref.lsoa21.select(lit(GeographyLevel.LSOA.label).alias(SegmentSummary.GEOGRAPHY_LEVEL),
                col(ReferenceData.LSOA21_CODE).alias(SegmentSummary.GEOGRAPHY_CODE), col(ReferenceData.LSOA21_NAME).alias(SegmentSummary.GEOGRAPHY_NAME));
        Dataset<Row> place = ref.lsoa21.groupBy(col(ReferenceData.LAD_CODE).alias(SegmentSummary.GEOGRAPHY_CODE))
                .agg(min(ReferenceData.LAD_NAME).alias(SegmentSummary.GEOGRAPHY_NAME))
                .withColumn(SegmentSummary.GEOGRAPHY_LEVEL, lit(GeographyLevel.PLACE.label));
        Dataset<Row> pcn = ref.practices.groupBy(col(ReferenceData.PCN_CODE).alias(SegmentSummary.GEOGRAPHY_CODE))
                .agg(min(ReferenceData.PCN_NAME).alias(SegmentSummary.GEOGRAPHY_NAME))
                .withColumn(SegmentSummary.GEOGRAPHY_LEVEL, lit(GeographyLevel.PCN.label));
        Dataset<Row> icb = ref.practices.groupBy(col(ReferenceData.ICB_CODE).alias(SegmentSummary.GEOGRAPHY_CODE))
                .agg(min(ReferenceData.ICB_NAME).alias(SegmentSummary.GEOGRAPHY_NAME))
                .withColumn(SegmentSummary.GEOGRAPHY_LEVEL, lit(GeographyLevel.ICB.label));
        return lsoa.unionByName(place).unionByName(pcn).unionByName(icb);
    }
}
