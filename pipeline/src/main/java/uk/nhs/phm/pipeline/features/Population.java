package uk.nhs.phm.pipeline.features;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import uk.nhs.phm.pipeline.Columns;
import uk.nhs.phm.pipeline.schema.InputColumns;

/**
 * The population at T (methods.md): registered at a practice on T (start ≤ T, end null or after T) and not
 * dead on or before T, with age, age band, sex and ethnic group at T.
 */
public final class Population {
    public static final String AGE = "age";
    public static final String AGE_BAND = "age_band";
    public static final String ETHNIC_GROUP = "ethnic_group";
    /** The LSOA code as recorded on the registration (2011 or 2021); {@link Geography} maps it. */
    public static final String LSOA_CODE_RECORDED = "lsoa_code_recorded";
    public static final String REGISTRATION_START = "registration_start";

    /** The columns of the people at T: the base every feature family adds to. */
    public static final List<FeatureColumn> COLUMNS = List.of(
            FeatureColumn.nullable(InputColumns.PERSON_ID, DataTypes.StringType),
            FeatureColumn.nullable(InputColumns.SEX, DataTypes.StringType),
            FeatureColumn.nullable(InputColumns.ETHNIC_CATEGORY, DataTypes.StringType),
            FeatureColumn.nullable(InputColumns.PRACTICE_CODE, DataTypes.StringType),
            FeatureColumn.nullable(LSOA_CODE_RECORDED, DataTypes.StringType),
            FeatureColumn.nullable(REGISTRATION_START, DataTypes.DateType),
            FeatureColumn.nullable(AGE, DataTypes.IntegerType),
            FeatureColumn.nullable(AGE_BAND, DataTypes.StringType),
            FeatureColumn.nullable(ETHNIC_GROUP, DataTypes.StringType));
    /** ESP 2013 five-year bands (19), so rates can be standardised without re-banding. */
    public static final String[] AGE_BANDS = {"0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39",
        "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"};

    private Population() {
    }

    /**
     * People registered and alive at T, one row each, with the registration that holds on T (the latest
     * started; ties by practice code, then LSOA, so reruns agree).
     *
     * @param deaths person_id, date_of_death from the deaths table (empty when that table is absent)
     */
    public static Dataset<Row> atDate(Dataset<Row> patients, Dataset<Row> registrations, Dataset<Row> deaths,
                                      FeatureSettings s) {
        Column t = lit(Date.valueOf(s.asOf));
        String person = InputColumns.PERSON_ID;
        Dataset<Row> active = registrations
                .filter(col(InputColumns.START_DATE).leq(t).and(col(InputColumns.END_DATE).isNull()
                        .or(col(InputColumns.END_DATE).gt(t))))
                .withColumn("_rn", row_number().over(Window.partitionBy(person)
                        .orderBy(col(InputColumns.START_DATE).desc(), col(InputColumns.PRACTICE_CODE).asc(),
                                col(InputColumns.LSOA_CODE).asc_nulls_last())))
                .filter(col("_rn").equalTo(1))
                .select(col(person), col(InputColumns.PRACTICE_CODE), col(InputColumns.LSOA_CODE).alias(LSOA_CODE_RECORDED),
                        col(InputColumns.START_DATE).alias(REGISTRATION_START));

        Dataset<Row> deathDates = deathDates(patients, deaths, "_death_date");

        Column birthMonth = coalesce(col(InputColumns.MONTH_OF_BIRTH), lit(7));
        // Birthday taken as the 1st of the birth month (1 July when the month is unknown).
        Column age = lit(s.asOf.getYear()).minus(col(InputColumns.YEAR_OF_BIRTH))
                .minus(when(lit(s.asOf.getMonthValue()).lt(birthMonth), 1).otherwise(0));

        return patients.select(person, InputColumns.YEAR_OF_BIRTH, InputColumns.MONTH_OF_BIRTH, InputColumns.SEX,
                        InputColumns.ETHNIC_CATEGORY)
                .join(active, person)
                .join(deathDates, Columns.names(person), "left")
                .filter(col("_death_date").isNull().or(col("_death_date").gt(t)))
                .withColumn(AGE, age)
                // Born after T (a backfill for an earlier date): not yet in the population.
                .filter(col(AGE).geq(0))
                .withColumn(AGE_BAND, ageBand(col(AGE)))
                .withColumn(ETHNIC_GROUP, ethnicGroup(col(InputColumns.ETHNIC_CATEGORY)))
                .drop("_death_date", InputColumns.YEAR_OF_BIRTH, InputColumns.MONTH_OF_BIRTH);
    }

    /**
     * Each person's date of death, one row per person who has one: the earliest of the patients table's
     * {@code date_of_death} and the deaths table's (the registration of death may correct the GP record).
     */
    public static Dataset<Row> deathDates(Dataset<Row> patients, Dataset<Row> deaths, String dateColumn) {
        String person = InputColumns.PERSON_ID;
        return patients.select(col(person), col(InputColumns.DATE_OF_DEATH))
                .filter(col(InputColumns.DATE_OF_DEATH).isNotNull())
                .unionByName(deaths.select(col(person), col(InputColumns.DATE_OF_DEATH)))
                .groupBy(person).agg(min(InputColumns.DATE_OF_DEATH).alias(dateColumn));
    }

    public static Column ageBand(Column age) {
        Column band = lit(AGE_BANDS[AGE_BANDS.length - 1]);
        for (int i = AGE_BANDS.length - 2; i >= 0; i--) {
            band = when(age.lt((i + 1) * 5), lit(AGE_BANDS[i])).otherwise(band);
        }
        return band;
    }

    /** NHS ethnic category (Data Dictionary) to the five ONS high-level groups, or "Not known". */
    public static Column ethnicGroup(Column category) {
        return when(category.isin("A", "B", "C"), lit("White"))
                .when(category.isin("D", "E", "F", "G"), lit("Mixed"))
                .when(category.isin("H", "J", "K", "L"), lit("Asian"))
                .when(category.isin("M", "N", "P"), lit("Black"))
                .when(category.isin("R", "S"), lit("Other"))
                .otherwise(lit("Not known"));
    }
}
