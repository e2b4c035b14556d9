package uk.nhs.phm.pipeline.reference;

import java.io.Serializable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.nhs.phm.pipeline.schema.InputColumns;

/**
 * The reference tables the features need (conf/reference, see its PROVENANCE.md), as Datasets so a
 * stage can broadcast-join them. Loaded at the edge (jobs); tests build small ones in memory.
 */
public final class ReferenceData implements Serializable {
    public static final String PRACTICE_NAME = "practice_name";
    public static final String PCN_CODE = "pcn_code";
    public static final String PCN_NAME = "pcn_name";
    public static final String SUB_ICB_CODE = "sub_icb_code";
    public static final String SUB_ICB_NAME = "sub_icb_name";
    public static final String ICB_CODE = "icb_code";
    public static final String ICB_NAME = "icb_name";
    public static final String LSOA21_CODE = "lsoa21_code";
    public static final String LSOA21_NAME = "lsoa21_name";
    public static final String LAD_CODE = "lad_code";
    public static final String LAD_NAME = "lad_name";
    public static final String LSOA11_CODE = "lsoa11_code";
    public static final String CHANGE_CODE = "change_code";
    public static final String IMD_DECILE = "imd_decile";
    public static final String IMD_SCORE = "imd_score";

    /** File names under {@code reference.dir}, each read with the schema beside it. */
    public static final String PRACTICES_FILE = "practices.csv";
    public static final String LSOA21_FILE = "lsoa21.csv";
    public static final String LSOA11_TO_21_FILE = "lsoa11_to_lsoa21.csv";
    public static final String IMD2019_FILE = "imd2019_lsoa11.csv";
    public static final String IMD2025_FILE = "imd2025_lsoa21.csv";

    public static final StructType PRACTICES = new StructType()
            .add(InputColumns.PRACTICE_CODE, DataTypes.StringType).add(PRACTICE_NAME, DataTypes.StringType)
            .add(PCN_CODE, DataTypes.StringType).add(PCN_NAME, DataTypes.StringType)
            .add(SUB_ICB_CODE, DataTypes.StringType).add(SUB_ICB_NAME, DataTypes.StringType)
            .add(ICB_CODE, DataTypes.StringType).add(ICB_NAME, DataTypes.StringType);
    public static final StructType LSOA21 = new StructType()
            .add(LSOA21_CODE, DataTypes.StringType).add(LSOA21_NAME, DataTypes.StringType)
            .add(LAD_CODE, DataTypes.StringType).add(LAD_NAME, DataTypes.StringType)
            .add(SUB_ICB_CODE, DataTypes.StringType).add(ICB_CODE, DataTypes.StringType);
    public static final StructType LSOA11_TO_21 = new StructType()
            .add(LSOA11_CODE, DataTypes.StringType).add(LSOA21_CODE, DataTypes.StringType)
            .add(CHANGE_CODE, DataTypes.StringType);
    public static final StructType IMD2019 = new StructType()
            .add(LSOA11_CODE, DataTypes.StringType).add(IMD_DECILE, DataTypes.IntegerType)
            .add(IMD_SCORE, DataTypes.DoubleType);
    public static final StructType IMD2025 = new StructType()
            .add(LSOA21_CODE, DataTypes.StringType).add(IMD_DECILE, DataTypes.IntegerType)
            .add(IMD_SCORE, DataTypes.DoubleType);

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
