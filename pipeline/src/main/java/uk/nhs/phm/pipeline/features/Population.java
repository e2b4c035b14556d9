package uk.nhs.phm.pipeline.features;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import uk.nhs.phm.pipeline.Columns;

/**
 * The population at T (methods.md): registered at a practice on T (start ≤ T, end null or after T) and not
 * dead on or before T, with age, age band, sex and ethnic group at T.
 */
public final class Population {
    /** ESP 2013 five-year bands (19), so rates can be standardised without re-banding. */
    public static final String[] AGE_BANDS = {"0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39",
        "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"};

    private Population() {
    }

    /**
     * People registered and alive at T, one row each, with the registration that holds on T (the latest
     * started; ties by practice code, then LSOA, so reruns agree).
     *
     * @param deaths person_id, date_of_death from the deaths table, or null when that table is absent
     */
    public static Dataset<Row> atDate(Dataset<Row> patients, Dataset<Row> registrations, Dataset<Row> deaths,
                                      FeatureSettings s) {
        Column t = lit(Date.valueOf(s.asOf));
        Dataset<Row> active = registrations
                .filter(col("start_date").leq(t).and(col("end_date").isNull().or(col("end_date").gt(t))))
                .withColumn("_rn", row_number().over(Window.partitionBy("person_id")
                        .orderBy(col("start_date").desc(), col("practice_code").asc(), col("lsoa_code").asc_nulls_last())))
                .filter(col("_rn").equalTo(1))
                .select(col("person_id"), col("practice_code"), col("lsoa_code").alias("lsoa_code_recorded"),
                        col("start_date").alias("registration_start"));

        Dataset<Row> deathDates = patients.select(col("person_id"), col("date_of_death"))
                .filter(col("date_of_death").isNotNull());
        if (deaths != null) {
            deathDates = deathDates.unionByName(deaths.select(col("person_id"), col("date_of_death")));
        }
        deathDates = deathDates.groupBy("person_id").agg(min("date_of_death").alias("_death_date"));

        Column birthMonth = coalesce(col("month_of_birth"), lit(7));
        // Birthday taken as the 1st of the birth month (1 July when the month is unknown).
        Column age = lit(s.asOf.getYear()).minus(col("year_of_birth"))
                .minus(when(lit(s.asOf.getMonthValue()).lt(birthMonth), 1).otherwise(0));

        return patients.select("person_id", "year_of_birth", "month_of_birth", "sex", "ethnic_category")
                .join(active, "person_id")
                .join(deathDates, Columns.names("person_id"), "left")
                .filter(col("_death_date").isNull().or(col("_death_date").gt(t)))
                .withColumn("age", age)
                // Born after T (a backfill for an earlier date): not yet in the population.
                .filter(col("age").geq(0))
                .withColumn("age_band", ageBand(col("age")))
                .withColumn("ethnic_group", ethnicGroup(col("ethnic_category")))
                .drop("_death_date", "year_of_birth", "month_of_birth");
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
