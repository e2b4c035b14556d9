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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import uk.nhs.phm.pipeline.Columns;
import uk.nhs.phm.pipeline.Money;
import uk.nhs.phm.pipeline.schema.AdmissionMethods;
import uk.nhs.phm.pipeline.schema.InputColumns;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * Twelve-month utilisation and cost, window (T − 365 days, T] (methods.md). Each source is reduced by one
 * grouped pass of conditional aggregates; nothing dated after T is read. Admissions count by admission date;
 * bed days count the days of any stay that fall inside the window (up to T); social-care cost is the weekly
 * cost times the weeks of the service inside the window.
 */
public final class Utilisation implements FeatureFamily {
    public static final String NEL_ADMISSIONS_12M = "nel_admissions_12m";
    public static final String ELECTIVE_ADMISSIONS_12M = "elective_admissions_12m";
    public static final String MATERNITY_ADMISSIONS_12M = "maternity_admissions_12m";
    public static final String BED_DAYS_12M = "bed_days_12m";
    public static final String AE_ATTENDANCES_12M = "ae_attendances_12m";
    public static final String OP_ATTENDANCES_12M = "op_attendances_12m";
    public static final String OP_DNA_12M = "op_dna_12m";
    public static final String COMMUNITY_CONTACTS_12M = "community_contacts_12m";
    public static final String MH_CONTACTS_12M = "mh_contacts_12m";
    public static final String SOCIAL_CARE_SERVICES_12M = "social_care_services_12m";
    public static final String INPATIENT_COST_12M = "inpatient_cost_12m";
    public static final String AE_COST_12M = "ae_cost_12m";
    public static final String OP_COST_12M = "op_cost_12m";
    public static final String COMMUNITY_COST_12M = "community_cost_12m";
    public static final String MH_COST_12M = "mh_cost_12m";
    public static final String SOCIAL_CARE_COST_12M = "social_care_cost_12m";
    public static final String COST_12M = "cost_12m";
    /** A maternity admission or a maternity code in the recent window. */
    public static final String MATERNITY_12M = "maternity_12m";

    /** Count and cost columns each person gets, zero without records. */
    public static final List<String> COUNT_COLUMNS = List.of(NEL_ADMISSIONS_12M, ELECTIVE_ADMISSIONS_12M,
            MATERNITY_ADMISSIONS_12M, BED_DAYS_12M, AE_ATTENDANCES_12M, OP_ATTENDANCES_12M, OP_DNA_12M,
            COMMUNITY_CONTACTS_12M, MH_CONTACTS_12M, SOCIAL_CARE_SERVICES_12M);
    public static final List<String> COST_COLUMNS = List.of(INPATIENT_COST_12M, AE_COST_12M, OP_COST_12M,
            COMMUNITY_COST_12M, MH_COST_12M, SOCIAL_CARE_COST_12M);

    public static final Utilisation FAMILY = new Utilisation();

    private static final List<FeatureColumn> COLUMNS;

    static {
        List<FeatureColumn> c = new ArrayList<>();
        COUNT_COLUMNS.forEach(n -> c.add(new FeatureColumn(n, DataTypes.LongType, lit(0L))));
        COST_COLUMNS.forEach(n -> c.add(new FeatureColumn(n, DataTypes.DoubleType, lit(0.0))));
        c.add(FeatureColumn.nullable(COST_12M, DataTypes.DoubleType));
        c.add(FeatureColumn.nullable(MATERNITY_12M, DataTypes.BooleanType));
        COLUMNS = List.copyOf(c);
    }

    private Utilisation() {
    }

    @Override
    public String name() {
        return "utilisation";
    }

    @Override
    public List<FeatureColumn> columns() {
        return COLUMNS;
    }

    /** Needs the conditions family first: {@value #MATERNITY_12M} also counts maternity codes. */
    @Override
    public Dataset<Row> addTo(Dataset<Row> people, FeatureInputs in) {
        Dataset<Row> out = people;
        for (Dataset<Row> perPerson : bySource(in.data.get(InputTable.INPATIENT_SPELLS),
                in.data.get(InputTable.AE_ATTENDANCES), in.data.get(InputTable.OUTPATIENT_APPOINTMENTS),
                in.data.get(InputTable.COMMUNITY_CONTACTS), in.data.get(InputTable.MENTAL_HEALTH_CONTACTS),
                in.data.get(InputTable.SOCIAL_CARE_SERVICES), in.settings).values()) {
            out = Columns.leftJoin(out, perPerson, InputColumns.PERSON_ID);
        }
        return FeatureColumn.fillDefaults(out, COLUMNS)
                .withColumn(COST_12M, totalCost())
                .withColumn(MATERNITY_12M, col(MATERNITY_ADMISSIONS_12M).gt(0)
                        .or(col(Conditions.PREFIX + "maternity" + Conditions.RECENT_SUFFIX).equalTo(true)));
    }

    private static Column inWindow(Column date, FeatureSettings s) {
        return date.gt(lit(Date.valueOf(s.utilisationStart()))).and(date.leq(lit(Date.valueOf(s.asOf))));
    }

    /** Per-person utilisation from every source (a source without rows gives no rows). */
    public static Map<String, Dataset<Row>> bySource(Dataset<Row> inpatient, Dataset<Row> ae, Dataset<Row> outpatient,
                                                     Dataset<Row> community, Dataset<Row> mentalHealth,
                                                     Dataset<Row> socialCare, FeatureSettings s) {
        Column t = lit(Date.valueOf(s.asOf));
        Column windowStart = lit(Date.valueOf(s.utilisationStart()));
        String person = InputColumns.PERSON_ID;
        Column noCost = Money.orZero(lit(null));
        Map<String, Dataset<Row>> out = new LinkedHashMap<>();

        Column admission = col(InputColumns.ADMISSION_DATE);
        Column discharge = col(InputColumns.DISCHARGE_DATE);
        Column method = col(InputColumns.ADMISSION_METHOD);
        Column admitted = inWindow(admission, s);
        Column end = least(coalesce(discharge, t), t);
        // Bed days are the midnights of any stay that fall inside the window, so a long stay that began
        // before the window still counts its days inside it.
        Column bedDays = greatest(datediff(end, greatest(admission, windowStart)), lit(0));
        // A spell's cost is known at discharge: a spell discharged after T, or not yet discharged when the extract
        // was taken, has no cost in T's view. So a rerun for an old T gives the same figure whether the extract
        // was taken while the person was in hospital or after they left.
        Column knownCost = when(admitted.and(discharge.isNotNull()).and(discharge.leq(t)),
                Money.orZero(col(InputColumns.COST))).otherwise(noCost);
        Column overlaps = admission.leq(t).and(coalesce(discharge, t).gt(windowStart));
        out.put(InputTable.INPATIENT_SPELLS.tableName, inpatient.filter(overlaps).groupBy(person).agg(
                count(when(admitted.and(method.isin(AdmissionMethods.EMERGENCY.toArray())), 1)).alias(NEL_ADMISSIONS_12M),
                count(when(admitted.and(method.isin(AdmissionMethods.ELECTIVE.toArray())), 1)).alias(ELECTIVE_ADMISSIONS_12M),
                count(when(admitted.and(method.isin(AdmissionMethods.MATERNITY.toArray())), 1)).alias(MATERNITY_ADMISSIONS_12M),
                sum(bedDays).cast("long").alias(BED_DAYS_12M),
                Money.published(sum(knownCost)).alias(INPATIENT_COST_12M)));

        out.put(InputTable.AE_ATTENDANCES.tableName, ae.filter(inWindow(col(InputColumns.ARRIVAL_DATE), s))
                .groupBy(person).agg(
                        count(lit(1)).alias(AE_ATTENDANCES_12M),
                        Money.published(sum(Money.orZero(col(InputColumns.COST)))).alias(AE_COST_12M)));

        Column attended = col(InputColumns.ATTENDANCE_STATUS).equalTo("attended");
        out.put(InputTable.OUTPATIENT_APPOINTMENTS.tableName, outpatient
                .filter(inWindow(col(InputColumns.APPOINTMENT_DATE), s)).groupBy(person).agg(
                        count(when(attended, 1)).alias(OP_ATTENDANCES_12M),
                        count(when(col(InputColumns.ATTENDANCE_STATUS).equalTo("dna"), 1)).alias(OP_DNA_12M),
                        Money.published(sum(when(attended, Money.orZero(col(InputColumns.COST))).otherwise(noCost)))
                                .alias(OP_COST_12M)));

        out.put(InputTable.COMMUNITY_CONTACTS.tableName, community.filter(inWindow(col(InputColumns.CONTACT_DATE), s))
                .groupBy(person).agg(count(lit(1)).alias(COMMUNITY_CONTACTS_12M),
                        Money.published(sum(Money.orZero(col(InputColumns.COST)))).alias(COMMUNITY_COST_12M)));

        out.put(InputTable.MENTAL_HEALTH_CONTACTS.tableName, mentalHealth
                .filter(inWindow(col(InputColumns.CONTACT_DATE), s)).groupBy(person)
                .agg(count(lit(1)).alias(MH_CONTACTS_12M),
                        Money.published(sum(Money.orZero(col(InputColumns.COST)))).alias(MH_COST_12M)));

        Column from = greatest(col(InputColumns.START_DATE), windowStart);
        Column to = least(coalesce(col(InputColumns.END_DATE), t), t);
        Column days = greatest(datediff(to, from), lit(0));
        out.put(InputTable.SOCIAL_CARE_SERVICES.tableName, socialCare
                .filter(col(InputColumns.START_DATE).leq(t).and(col(InputColumns.END_DATE).isNull()
                        .or(col(InputColumns.END_DATE).gt(windowStart))))
                .groupBy(person).agg(
                        count(lit(1)).alias(SOCIAL_CARE_SERVICES_12M),
                        Money.published(sum(Money.orZero(col(InputColumns.WEEKLY_COST).multiply(days).divide(7.0))))
                                .alias(SOCIAL_CARE_COST_12M)));
        return out;
    }

    /** {@code cost_12m}: the sum of the per-source costs (after the defaults have filled the gaps). */
    public static Column totalCost() {
        Column total = lit(0.0);
        for (String c : COST_COLUMNS) {
            total = total.plus(col(c));
        }
        return total;
    }
}
