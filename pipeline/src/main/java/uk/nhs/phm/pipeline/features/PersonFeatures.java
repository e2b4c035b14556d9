package uk.nhs.phm.pipeline.features;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.phm.pipeline.Columns;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists;
import uk.nhs.phm.pipeline.reference.ReferenceData;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * Each person's features at T: one row per person in the population at T (methods.md), joined once per
 * source by person_id. Point-in-time: every source is filtered to dates on or before T before it is used.
 */
public final class PersonFeatures {
    private PersonFeatures() {
    }

    /** Features plus the two by-products of the coded-record pass used by the ops outputs. */
    public static final class Result {
        public final Dataset<Row> features;
        /** table_name, code_system, code, rows for codes that matched no code list (null without coded data). */
        public final Dataset<Row> unmappedCodes;

        Result(Dataset<Row> features, Dataset<Row> unmappedCodes) {
            this.features = features;
            this.unmappedCodes = unmappedCodes;
        }
    }

    public static Result build(InputData in, ReferenceData ref, ConditionCodeLists lists, FeatureSettings s) {
        Dataset<Row> people = Population.atDate(in.get(InputTable.PATIENTS), in.get(InputTable.REGISTRATIONS),
                in.get(InputTable.DEATHS), s);
        people = Geography.attach(people, ref, s.imdVersion);

        Dataset<Row> unmapped = null;
        Dataset<Row> records = Conditions.codedRecords(in.get(InputTable.GP_EVENTS), in.get(InputTable.INPATIENT_SPELLS));
        if (records != null) {
            Dataset<Row> distinct = Conditions.distinctCodes(records);
            Dataset<Row> matched = Conditions.matchCodes(distinct, lists);
            unmapped = Conditions.unmapped(distinct, matched);
            people = Columns.leftJoin(people, Conditions.flags(records, matched, lists, s), "person_id");
        }
        people = fillDefaults(people, Conditions.defaults(lists));

        Map<String, Dataset<Row>> use = Utilisation.bySource(in.get(InputTable.INPATIENT_SPELLS),
                in.get(InputTable.AE_ATTENDANCES), in.get(InputTable.OUTPATIENT_APPOINTMENTS),
                in.get(InputTable.COMMUNITY_CONTACTS), in.get(InputTable.MENTAL_HEALTH_CONTACTS),
                in.get(InputTable.SOCIAL_CARE_SERVICES), s);
        for (Dataset<Row> perPerson : use.values()) {
            people = Columns.leftJoin(people, perPerson, "person_id");
        }
        people = fillDefaults(people, Utilisation.zeros())
                .withColumn("cost_12m", Utilisation.totalCost())
                .withColumn("maternity_12m", col("maternity_admissions_12m").gt(0)
                        .or(col(Conditions.PREFIX + "maternity_12m").equalTo(true)))
                .withColumn("as_of_date", lit(java.sql.Date.valueOf(s.asOf)));
        // Scores whose methods are not built yet are typed nulls, never guesses, so that rules and outputs can
        // name them now (e.g. the eFI part of frailty_dementia simply never fires until eFI lands).
        people = people.withColumn("efi", lit(null).cast("double"))
                .withColumn("efi_category", lit(null).cast("string"))
                .withColumn("charlson", lit(null).cast("int"))
                .withColumn("cmms", lit(null).cast("double"))
                .withColumn("risk_score", lit(null).cast("double"))
                .withColumn("risk_tier", lit(null).cast("string"));
        return new Result(people, unmapped);
    }

    /** Replaces nulls (no record in that source, or the source absent) by each column's default. */
    static Dataset<Row> fillDefaults(Dataset<Row> df, Map<String, Column> defaults) {
        List<String> present = List.of(df.columns());
        List<Column> cols = new ArrayList<>();
        for (String c : present) {
            if (!defaults.containsKey(c)) {
                cols.add(col(c));
            }
        }
        defaults.forEach((name, value) -> cols.add(
                (present.contains(name) ? coalesce(col(name), value) : value).alias(name)));
        return df.select(cols.toArray(new Column[0]));
    }
}
