package uk.nhs.phm.pipeline.reference;

import java.io.Serializable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The reference tables the features need (conf/reference, see its PROVENANCE.md), as Datasets so a
 * stage can broadcast-join them. Loaded at the edge (jobs); tests build small ones in memory.
 */
public final class ReferenceData implements Serializable {
    public static final StructType PRACTICES = new StructType()
            .add("practice_code", DataTypes.StringType).add("practice_name", DataTypes.StringType)
            .add("pcn_code", DataTypes.StringType).add("pcn_name", DataTypes.StringType)
            .add("sub_icb_code", DataTypes.StringType).add("sub_icb_name", DataTypes.StringType)
            .add("icb_code", DataTypes.StringType).add("icb_name", DataTypes.StringType);
    public static final StructType LSOA21 = new StructType()
            .add("lsoa21_code", DataTypes.StringType).add("lsoa21_name", DataTypes.StringType)
            .add("lad_code", DataTypes.StringType).add("lad_name", DataTypes.StringType)
            .add("sub_icb_code", DataTypes.StringType).add("icb_code", DataTypes.StringType);
    public static final StructType LSOA11_TO_21 = new StructType()
            .add("lsoa11_code", DataTypes.StringType).add("lsoa21_code", DataTypes.StringType)
            .add("change_code", DataTypes.StringType);
    public static final StructType IMD2019 = new StructType()
            .add("lsoa11_code", DataTypes.StringType).add("imd_decile", DataTypes.IntegerType)
            .add("imd_score", DataTypes.DoubleType);
    public static final StructType IMD2025 = new StructType()
            .add("lsoa21_code", DataTypes.StringType).add("imd_decile", DataTypes.IntegerType)
            .add("imd_score", DataTypes.DoubleType);

    public final Dataset<Row> practices;
    public final Dataset<Row> lsoa21;
    public final Dataset<Row> lsoa11To21;
    public final Dataset<Row> imd2019;
    public final Dataset<Row> imd2025;

    public ReferenceData(Dataset<Row> practices, Dataset<Row> lsoa21, Dataset<Row> lsoa11To21,
                         Dataset<Row> imd2019, Dataset<Row> imd2025) {
        this.practices = practices;
        this.lsoa21 = lsoa21;
        this.lsoa11To21 = lsoa11To21;
        this.imd2019 = imd2019;
        this.imd2025 = imd2025;
    }
}
