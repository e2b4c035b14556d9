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
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import uk.nhs.phm.pipeline.Columns;
import uk.nhs.phm.pipeline.reference.CodeListFile;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists;
import uk.nhs.phm.pipeline.reference.EfiDeficits;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists.Condition;
import uk.nhs.phm.pipeline.schema.InputColumns;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.validate.OpsTables;

/**
 * Condition flags from coded records up to T (methods.md "Long-term conditions").
 *
 * <p>Coded records (GP events and inpatient diagnoses) are reduced to their distinct codes first, the code
 * lists are matched against that small set (exact for SNOMED/Read/CTV3, prefix for ICD-10 after removing dots),
 * and the resulting code → condition map is broadcast-joined back. So the prefix search never runs over every
 * record, and the same distinct-code pass yields the unmapped-code report.
 */
public final class Conditions implements FeatureFamily {
    /** Prefix of the "ever, up to T" flag column; {@code cond_x_12m} is the recent flag. */
    public static final String PREFIX = "cond_";
    public static final String RECENT_SUFFIX = "_12m";
    public static final String LTC_COUNT = "ltc_count";
    public static final String LTC_LIST = "ltc_list";
    /** Columns of the coded records and of the code reports. */
    public static final String RECORD_DATE = "record_date";
    public static final String SOURCE_TABLE = "source_table";

    private final ConditionCodeLists lists;
    private final List<FeatureColumn> columns;

    public Conditions(ConditionCodeLists lists) {
        this.lists = lists;
        List<FeatureColumn> c = new ArrayList<>();
        for (Condition x : lists.conditions) {
            c.add(new FeatureColumn(PREFIX + x.name, DataTypes.BooleanType, lit(false)));
            c.add(new FeatureColumn(PREFIX + x.name + RECENT_SUFFIX, DataTypes.BooleanType, lit(false)));
        }
        c.add(new FeatureColumn(LTC_COUNT, DataTypes.IntegerType, lit(0)));
        c.add(new FeatureColumn(LTC_LIST, DataTypes.StringType, lit("")));
        this.columns = List.copyOf(c);
    }

    @Override
    public String name() {
        return "conditions";
    }

    @Override
    public List<FeatureColumn> columns() {
        return columns;
    }

    @Override
    public Dataset<Row> addTo(Dataset<Row> people, FeatureInputs in) {
        Dataset<Row> records = codedRecords(in.data.get(InputTable.GP_EVENTS), in.data.get(InputTable.INPATIENT_SPELLS));
        Dataset<Row> matched = matchCodes(distinctCodes(records), lists);
        Dataset<Row> flagged = Columns.leftJoin(people, flags(records, matched, lists, in.settings), InputColumns.PERSON_ID);
        return FeatureColumn.fillDefaults(flagged, columns);
    }

    /**
     * The unmapped-codes report of the coded records dated up to T (table_name, code_system, code, rows): what T's
     * features could not use, so a rerun for the same T reports the same codes whatever was recorded since.
     */
    public static Dataset<Row> unmappedCodes(FeatureInputs in) {
        Dataset<Row> records = codedRecords(in.data.get(InputTable.GP_EVENTS), in.data.get(InputTable.INPATIENT_SPELLS))
                .filter(col(RECORD_DATE).leq(lit(Date.valueOf(in.settings.asOf))));
        Dataset<Row> distinct = distinctCodes(records);
        Dataset<Row> unmappedByConditions = unmapped(distinct, matchCodes(distinct, in.codeLists));
        // A GP code that only an eFI deficit uses is used by T's features too, so it is not unmapped; the eFI reads
        // only gp_events, so the same code in another table still is.
        Dataset<Row> efiMatched = matchCodes(distinct, in.efiDeficits.codes, EfiDeficits.DEFICIT)
                .select(InputColumns.CODE_SYSTEM, InputColumns.CODE).distinct()
                .withColumn(OpsTables.TABLE_NAME, lit(InputTable.GP_EVENTS.tableName));
        return unmappedByConditions.join(efiMatched,
                Columns.names(OpsTables.TABLE_NAME, InputColumns.CODE_SYSTEM, InputColumns.CODE), "left_anti");
    }

    /** Coded records as (person_id, record_date, code_system, code, source_table). */
    public static Dataset<Row> codedRecords(Dataset<Row> gpEvents, Dataset<Row> inpatientSpells) {
        Dataset<Row> gp = gpEvents.select(col(InputColumns.PERSON_ID), col(InputColumns.EVENT_DATE).alias(RECORD_DATE),
                col(InputColumns.CODE_SYSTEM), col(InputColumns.CODE),
                lit(InputTable.GP_EVENTS.tableName).alias(SOURCE_TABLE));
        Dataset<Row> spells = inpatientDiagnoses(inpatientSpells)
                .select(col(InputColumns.PERSON_ID), col(RECORD_DATE), lit("icd10").alias(InputColumns.CODE_SYSTEM),
                        col(InputColumns.CODE), lit(InputTable.INPATIENT_SPELLS.tableName).alias(SOURCE_TABLE));
        return gp.unionByName(spells);
    }

    /**
     * Every ICD-10 diagnosis of the inpatient spells (primary and secondary) as (person_id, record_date, code), as
     * recorded (not normalised). A spell is coded after discharge, so its diagnoses are dated then; a spell not yet
     * discharged has no date and counts for no T. So a rerun for an old T gives the same answer whether the extract
     * was taken while the person was in hospital or after they left (then the discharge is after T).
     */
    public static Dataset<Row> inpatientDiagnoses(Dataset<Row> inpatientSpells) {
        Column codes = array_compact(expr("concat(array(" + InputColumns.PRIMARY_DIAGNOSIS + "), "
                + "coalesce(split(" + InputColumns.SECONDARY_DIAGNOSES + ", '[|]'), array()))"));
        return inpatientSpells.select(col(InputColumns.PERSON_ID),
                        col(InputColumns.DISCHARGE_DATE).alias(RECORD_DATE),
                        explode(codes).alias(InputColumns.CODE))
                .filter(trim(col(InputColumns.CODE)).notEqual(""));
    }

    /**
     * The code as it is matched: ICD-10 without dots/spaces, upper case; Read v2 without its term code (the code
     * lists are stored the same way, see {@code CodeListFile}).
     */
    static Column normalisedCode(Column system, Column code) {
        Column c = trim(code);
        return when(system.equalTo("icd10"), upper(regexp_replace(c, "[.\\s]", "")))
                .when(system.equalTo("read2"), substring(c, 1, 5))
                .otherwise(c);
    }

    /** Distinct (source_table, code_system, code) with record counts: small, and the input to matching. */
    public static Dataset<Row> distinctCodes(Dataset<Row> records) {
        return records.groupBy(SOURCE_TABLE, InputColumns.CODE_SYSTEM, InputColumns.CODE)
                .agg(count(lit(1)).alias(OpsTables.ROWS));
    }

    /** code_system, code → condition for every distinct code that matches a list (a code may match several). */
    public static Dataset<Row> matchCodes(Dataset<Row> distinctCodes, ConditionCodeLists lists) {
        return matchCodes(distinctCodes, lists.codes, ConditionCodeLists.CONDITION);
    }

    /**
     * code_system, code → name for every distinct code that matches a code list (columns {@code nameColumn},
     * code_system, code, match, as {@code CodeListFile} checks them); a code may match several names.
     */
    public static Dataset<Row> matchCodes(Dataset<Row> distinctCodes, Dataset<Row> listCodes, String nameColumn) {
        Dataset<Row> codes = distinctCodes.select(InputColumns.CODE_SYSTEM, InputColumns.CODE).distinct()
                .withColumn("_norm", normalisedCode(col(InputColumns.CODE_SYSTEM), col(InputColumns.CODE)));
        // Candidate keys: the whole normalised code, plus every prefix of an ICD-10 code.
        Dataset<Row> keys = codes.withColumn("_key", explode(
                when(col(InputColumns.CODE_SYSTEM).equalTo("icd10"),
                        expr("transform(sequence(1, greatest(length(_norm), 1)), i -> substring(_norm, 1, i))"))
                        .otherwise(array(col("_norm")))));
        Dataset<Row> list = listCodes.select(col(nameColumn),
                col(InputColumns.CODE_SYSTEM).alias("_sys"), col(InputColumns.CODE).alias("_list_code"),
                col(CodeListFile.MATCH));
        Column on = col(InputColumns.CODE_SYSTEM).equalTo(col("_sys")).and(col("_key").equalTo(col("_list_code")))
                .and(col(CodeListFile.MATCH).equalTo(CodeListFile.PREFIX).or(col("_key").equalTo(col("_norm"))));
        return keys.join(broadcast(list), on)
                .select(InputColumns.CODE_SYSTEM, InputColumns.CODE, nameColumn).distinct();
    }

    /** Distinct codes that matched no list: the unmapped-codes report (no person-level values). */
    public static Dataset<Row> unmapped(Dataset<Row> distinctCodes, Dataset<Row> matched) {
        return distinctCodes.join(matched.select(InputColumns.CODE_SYSTEM, InputColumns.CODE).distinct(),
                        Columns.names(InputColumns.CODE_SYSTEM, InputColumns.CODE), "left_anti")
                .select(col(SOURCE_TABLE).alias(OpsTables.TABLE_NAME), col(InputColumns.CODE_SYSTEM), col(InputColumns.CODE),
                        col(OpsTables.ROWS));
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
        Dataset<Row> hits = records.filter(col(RECORD_DATE).leq(t))
                .join(broadcast(matched), Columns.names(InputColumns.CODE_SYSTEM, InputColumns.CODE));
        List<Column> aggs = new ArrayList<>();
        for (Condition c : lists.conditions) {
            Column isC = col(ConditionCodeLists.CONDITION).equalTo(c.name);
            aggs.add(max(when(isC, col(RECORD_DATE))).alias("_last_" + c.name));
            aggs.add(max(when(isC.and(col(RECORD_DATE).gt(recentStart)), lit(true))).alias("_recent_" + c.name));
        }
        Dataset<Row> perPerson = hits.groupBy(InputColumns.PERSON_ID)
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));

        List<Column> out = new ArrayList<>();
        out.add(col(InputColumns.PERSON_ID));
        java.util.SortedMap<String, Column> ltcNames = new java.util.TreeMap<>();
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
            out.add(col("_recent_" + c.name).isNotNull().alias(PREFIX + c.name + RECENT_SUFFIX));
            if (c.ltc) {
                ltcCount = ltcCount.plus(when(flag, 1).otherwise(0));
                ltcNames.put(c.name, when(flag, lit(c.name)));
            }
        }
        out.add(ltcCount.alias(LTC_COUNT));
        // Alphabetical, as documented, whatever the order of conditions.csv (a site's own list may be in any order).
        out.add(array_join(array(ltcNames.values().toArray(new Column[0])), "|").alias(LTC_LIST));
        return perPerson.select(out.toArray(new Column[0]));
    }
}
