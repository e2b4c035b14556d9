package uk.nhs.phm.pipeline.features;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.phm.pipeline.schema.AdmissionMethods;

/**
 * Twelve-month utilisation and cost, window (T − 365 days, T] (methods.md). Each source is reduced by one
 * grouped pass of conditional aggregates; nothing dated after T is read. Admissions count by admission date;
 * bed days count the days of any stay that fall inside the window (up to T); social-care cost is the weekly
 * cost times the weeks of the service inside the window.
 */
public final class Utilisation {
    /** Count and cost columns this stage adds, with the value a person without records gets. */
    public static final List<String> COUNT_COLUMNS = List.of("nel_admissions_12m", "elective_admissions_12m",
            "maternity_admissions_12m", "bed_days_12m", "ae_attendances_12m", "op_attendances_12m",
            "op_dna_12m", "community_contacts_12m", "mh_contacts_12m", "social_care_services_12m");
    public static final List<String> COST_COLUMNS = List.of("inpatient_cost_12m", "ae_cost_12m", "op_cost_12m",
            "community_cost_12m", "mh_cost_12m", "social_care_cost_12m");

    private static final String MONEY = "decimal(18,4)";

    private Utilisation() {
    }

    private static Column inWindow(Column date, FeatureSettings s) {
        return date.gt(lit(Date.valueOf(s.utilisationStart()))).and(date.leq(lit(Date.valueOf(s.asOf))));
    }

    /**
     * Money as an exact decimal: summed in whatever order the partitions arrive, decimals give the same total on
     * every rerun, where doubles may differ in the last bits.
     */
    private static Column costOrZero(Column cost) {
        return coalesce(cost, lit(0)).cast(MONEY);
    }

    private static Column money(Column sum) {
        return sum.cast("double");
    }

    /** Per-person utilisation from every source present (absent sources give no rows). */
    public static Map<String, Dataset<Row>> bySource(Dataset<Row> inpatient, Dataset<Row> ae, Dataset<Row> outpatient,
                                                     Dataset<Row> community, Dataset<Row> mentalHealth,
                                                     Dataset<Row> socialCare, FeatureSettings s) {
        Column t = lit(Date.valueOf(s.asOf));
        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        if (inpatient != null) {
            Column windowStart = lit(Date.valueOf(s.utilisationStart()));
            Column admitted = inWindow(col("admission_date"), s);
            Column end = least(coalesce(col("discharge_date"), t), t);
            // Bed days are the midnights of any stay that fall inside the window, so a long stay that began
            // before the window still counts its days inside it.
            Column bedDays = greatest(datediff(end, greatest(col("admission_date"), windowStart)), lit(0));
            // A spell's cost is known at discharge: a discharge after T is after T's view.
            Column knownCost = when(admitted.and(col("discharge_date").isNull().or(col("discharge_date").leq(t))),
                    costOrZero(col("cost"))).otherwise(costOrZero(lit(null)));
            Column overlaps = col("admission_date").leq(t).and(coalesce(col("discharge_date"), t).gt(windowStart));
            out.put("inpatient_spells", inpatient.filter(overlaps).groupBy("person_id").agg(
                    count(when(admitted.and(col("admission_method").isin(AdmissionMethods.EMERGENCY.toArray())), 1))
                            .alias("nel_admissions_12m"),
                    count(when(admitted.and(col("admission_method").isin(AdmissionMethods.ELECTIVE.toArray())), 1))
                            .alias("elective_admissions_12m"),
                    count(when(admitted.and(col("admission_method").isin(AdmissionMethods.MATERNITY.toArray())), 1))
                            .alias("maternity_admissions_12m"),
                    sum(bedDays).cast("long").alias("bed_days_12m"),
                    money(sum(knownCost)).alias("inpatient_cost_12m")));
        }
        if (ae != null) {
            out.put("ae_attendances", ae.filter(inWindow(col("arrival_date"), s)).groupBy("person_id").agg(
                    count(lit(1)).alias("ae_attendances_12m"),
                    money(sum(costOrZero(col("cost")))).alias("ae_cost_12m")));
        }
        if (outpatient != null) {
            Column attended = col("attendance_status").equalTo("attended");
            out.put("outpatient_appointments", outpatient.filter(inWindow(col("appointment_date"), s))
                    .groupBy("person_id").agg(
                            count(when(attended, 1)).alias("op_attendances_12m"),
                            count(when(col("attendance_status").equalTo("dna"), 1)).alias("op_dna_12m"),
                            money(sum(when(attended, costOrZero(col("cost"))).otherwise(costOrZero(lit(null))))).alias("op_cost_12m")));
        }
        if (community != null) {
            out.put("community_contacts", community.filter(inWindow(col("contact_date"), s)).groupBy("person_id")
                    .agg(count(lit(1)).alias("community_contacts_12m"),
                            money(sum(costOrZero(col("cost")))).alias("community_cost_12m")));
        }
        if (mentalHealth != null) {
            out.put("mental_health_contacts", mentalHealth.filter(inWindow(col("contact_date"), s))
                    .groupBy("person_id").agg(count(lit(1)).alias("mh_contacts_12m"),
                            money(sum(costOrZero(col("cost")))).alias("mh_cost_12m")));
        }
        if (socialCare != null) {
            Column windowStart = lit(Date.valueOf(s.utilisationStart()));
            Column from = greatest(col("start_date"), windowStart);
            Column to = least(coalesce(col("end_date"), t), t);
            Column days = greatest(datediff(to, from), lit(0));
            out.put("social_care_services", socialCare
                    .filter(col("start_date").leq(t).and(col("end_date").isNull().or(col("end_date").gt(windowStart))))
                    .groupBy("person_id").agg(
                            count(lit(1)).alias("social_care_services_12m"),
                            money(sum(costOrZero(col("weekly_cost").multiply(days).divide(7.0))))
                                    .alias("social_care_cost_12m")));
        }
        return out;
    }

    /** Every column this stage adds, with the value a person without records (or an absent source) gets. */
    public static Map<String, Column> zeros() {
        Map<String, Column> z = new LinkedHashMap<>();
        COUNT_COLUMNS.forEach(c -> z.put(c, lit(0L)));
        COST_COLUMNS.forEach(c -> z.put(c, lit(0.0)));
        return z;
    }

    /** {@code cost_12m}: the sum of the per-source costs (after {@link #zeros} has filled the gaps). */
    public static Column totalCost() {
        Column total = lit(0.0);
        for (String c : COST_COLUMNS) {
            total = total.plus(col(c));
        }
        return total;
    }
}
