package uk.nhs.phm.pipeline.features;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists.Condition;

/**
 * Condition flags from coded records up to T (methods.md "Long-term conditions").
 *
 * <p>Coded records (GP events and inpatient diagnoses) are reduced to their distinct codes first, the code
 * lists are matched against that small set (exact for SNOMED/Read/CTV3, prefix for ICD-10 after removing dots),
 * and the resulting code → condition map is broadcast-joined back. So the prefix search never runs over every
 * record, and the same distinct-code pass yields the unmapped-code report.
 */
public final class Conditions {
    /** Prefix of the "ever, up to T" flag column; {@code cond_x_12m} is the recent flag. */
    public static final String PREFIX = "cond_";

    private Conditions() {
    }

    /** Coded records as (person_id, record_date, code_system, code, source_table). */
    public static Dataset<Row> codedRecords(Dataset<Row> gpEvents, Dataset<Row> inpatientSpells) {
        List<Dataset<Row>> parts = new ArrayList<>();
        if (gpEvents != null) {
            parts.add(gpEvents.select(col("person_id"), col("event_date").alias("record_date"), col("code_system"),
                    col("code"), lit("gp_events").alias("source_table")));
        }
        if (inpatientSpells != null) {
            Column codes = array_compact(expr("concat(array(primary_diagnosis), "
                    + "coalesce(split(secondary_diagnoses, '[|]'), array()))"));
            // A spell is coded after discharge, so its diagnoses are dated then (admission while still in
            // hospital): a backfill for T never sees the codes of a spell that ended after T.
            parts.add(inpatientSpells.select(col("person_id"),
                            coalesce(col("discharge_date"), col("admission_date")).alias("record_date"),
                            explode(codes).alias("code"))
                    .filter(trim(col("code")).notEqual(""))
                    .select(col("person_id"), col("record_date"), lit("icd10").alias("code_system"), col("code"),
                            lit("inpatient_spells").alias("source_table")));
        }
        if (parts.isEmpty()) {
            return null;
        }
        Dataset<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.unionByName(parts.get(i));
        }
        return all;
    }

    /** The code as it is matched: ICD-10 without dots/spaces, upper case; Read v2 without its term code. */
    static Column normalisedCode(Column system, Column code) {
        Column c = trim(code);
        return when(system.equalTo("icd10"), upper(regexp_replace(c, "[.\\s]", "")))
                .when(system.equalTo("read2"), substring(c, 1, 5))
                .otherwise(c);
    }

    /** Distinct (source_table, code_system, code) with record counts: small, and the input to matching. */
    public static Dataset<Row> distinctCodes(Dataset<Row> records) {
        return records.groupBy("source_table", "code_system", "code").agg(count(lit(1)).alias("rows"));
    }

    /** code_system, code → condition for every distinct code that matches a list (a code may match several). */
    public static Dataset<Row> matchCodes(Dataset<Row> distinctCodes, ConditionCodeLists lists) {
        Dataset<Row> codes = distinctCodes.select("code_system", "code").distinct()
                .withColumn("_norm", normalisedCode(col("code_system"), col("code")));
        // Candidate keys: the whole normalised code, plus every prefix of an ICD-10 code.
        Dataset<Row> keys = codes.withColumn("_key", explode(
                when(col("code_system").equalTo("icd10"),
                        expr("transform(sequence(1, greatest(length(_norm), 1)), i -> substring(_norm, 1, i))"))
                        .otherwise(array(col("_norm")))));
        Dataset<Row> list = lists.codes.select(col("condition"), col("code_system").alias("_sys"),
                col("code").alias("_list_code"), col("match"));
        Column on = col("code_system").equalTo(col("_sys")).and(col("_key").equalTo(col("_list_code")))
                .and(col("match").equalTo("prefix").or(col("_key").equalTo(col("_norm"))));
        return keys.join(broadcast(list), on).select("code_system", "code", "condition").distinct();
    }

    /** Distinct codes that matched no list: the unmapped-codes report (no person-level values). */
    public static Dataset<Row> unmapped(Dataset<Row> distinctCodes, Dataset<Row> matched) {
        return distinctCodes.join(matched.select("code_system", "code").distinct(),
                        uk.nhs.phm.pipeline.Columns.names("code_system", "code"), "left_anti")
                .select(col("source_table").alias("table_name"), col("code_system"), col("code"), col("rows"));
    }

    /**
     * One row per person with a coded record up to T: for every condition, {@code cond_x} (recorded up to T and
     * not resolved since) and {@code cond_x_12m} (recorded in the recent window), plus {@code ltc_count}
     * and {@code ltc_list}.
     */
    public static Dataset<Row> flags(Dataset<Row> records, Dataset<Row> matched, ConditionCodeLists lists,
                                     FeatureSettings s) {
        Column t = lit(Date.valueOf(s.asOf));
        Column recentStart = lit(Date.valueOf(s.recentStart()));
        Dataset<Row> hits = records.filter(col("record_date").leq(t))
                .join(broadcast(matched), uk.nhs.phm.pipeline.Columns.names("code_system", "code"));
        List<Column> aggs = new ArrayList<>();
        for (Condition c : lists.conditions) {
            Column isC = col("condition").equalTo(c.name);
            aggs.add(max(when(isC, col("record_date"))).alias("_last_" + c.name));
            aggs.add(max(when(isC.and(col("record_date").gt(recentStart)), lit(true))).alias("_recent_" + c.name));
        }
        Dataset<Row> perPerson = hits.groupBy("person_id")
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));

        List<Column> out = new ArrayList<>();
        out.add(col("person_id"));
        List<Column> ltcNames = new ArrayList<>();
        Column ltcCount = lit(0);
        for (Condition c : lists.conditions) {
            Column last = col("_last_" + c.name);
            Column flag = last.isNotNull();
            if (c.resolvedBy != null) {
                // QOF logic: a resolved code dated after the latest diagnosis removes it.
                Column resolved = col("_last_" + c.resolvedBy);
                flag = flag.and(resolved.isNull().or(last.geq(resolved)));
            }
            out.add(flag.alias(PREFIX + c.name));
            out.add(col("_recent_" + c.name).isNotNull().alias(PREFIX + c.name + "_12m"));
            if (c.ltc) {
                ltcCount = ltcCount.plus(when(flag, 1).otherwise(0));
                ltcNames.add(when(flag, lit(c.name)));
            }
        }
        out.add(ltcCount.alias("ltc_count"));
        out.add(array_join(array(ltcNames.toArray(new Column[0])), "|").alias("ltc_list"));
        return perPerson.select(out.toArray(new Column[0]));
    }

    /** Every column {@link #flags} adds, with the value a person without any coded record gets. */
    public static Map<String, Column> defaults(ConditionCodeLists lists) {
        Map<String, Column> d = new LinkedHashMap<>();
        for (Condition c : lists.conditions) {
            d.put(PREFIX + c.name, lit(false));
            d.put(PREFIX + c.name + "_12m", lit(false));
        }
        d.put("ltc_count", lit(0));
        d.put("ltc_list", lit(""));
        return d;
    }
}
