package uk.nhs.phm.pipeline.features;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.nhs.phm.pipeline.Columns;
import uk.nhs.phm.pipeline.reference.CambridgeMultimorbidity;
import uk.nhs.phm.pipeline.reference.CambridgeMultimorbidity.Rule;
import uk.nhs.phm.pipeline.schema.InputColumns;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * {@code cmms}: the Cambridge Multimorbidity Score at T (Payne 2020, general-outcome weights; methods.md
 * "Scores"). Each condition is found by its rules (conf/codelists/cmms_codes.csv): a GP code up to T (cancer:
 * in the last 5 years), at least 4 BNF prescriptions in the 12 months to T, or the project's own QOF-register
 * flag ({@code cond_*}, so this family runs after {@link Conditions}). Each person's rule hits are scored by
 * {@link CambridgeMultimorbidity#score}.
 */
public final class CambridgeMultimorbidityScore implements FeatureFamily {
    public static final String CMMS = "cmms";
    private static final String HIT = "_hit";
    private static final String NORM = "_norm";
    private static final String KEY = "_key";
    private static final String RECORD_DATE = "_date";
    private static final String ISSUE_ID = "_issue";
    private static final StructType RULES = new StructType()
            .add("_condition", DataTypes.StringType).add("_rule", DataTypes.StringType)
            .add("_system", DataTypes.StringType).add("_code", DataTypes.StringType)
            .add("_prefix", DataTypes.BooleanType).add("_window", DataTypes.IntegerType)
            .add("_min", DataTypes.IntegerType);

    private static final List<FeatureColumn> COLUMNS =
            List.of(new FeatureColumn(CMMS, DataTypes.DoubleType, lit(0.0)));

    private final CambridgeMultimorbidity lists;

    public CambridgeMultimorbidityScore(CambridgeMultimorbidity lists) {
        this.lists = lists;
    }

    @Override
    public String name() {
        return "Cambridge Multimorbidity Score";
    }

    @Override
    public List<FeatureColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Dataset<Row> addTo(Dataset<Row> people, FeatureInputs in) {
        Date t = Date.valueOf(in.settings.asOf);
        Dataset<Row> rules = people.sparkSession().createDataFrame(lists.rules.stream().map(r -> RowFactory.create(
                r.condition, r.rule, r.codeSystem, r.code, r.prefix, r.windowMonths, r.minIssues)).toList(), RULES);
        Dataset<Row> hits = flagHits(people)
                .unionByName(codeHits(in.data.get(InputTable.GP_EVENTS), rules, t))
                .unionByName(prescriptionHits(in.data.get(InputTable.MEDICATIONS), rules, t));
        CambridgeMultimorbidity scoring = lists;
        UserDefinedFunction score = udf((UDF1<scala.collection.Seq<String>, Double>) h ->
                scoring.score(scala.jdk.javaapi.CollectionConverters.asJava(h)), DataTypes.DoubleType);
        Dataset<Row> scores = hits.groupBy(InputColumns.PERSON_ID).agg(collect_set(col(HIT)).alias(HIT))
                .select(col(InputColumns.PERSON_ID), score.apply(col(HIT)).alias(CMMS));
        return FeatureColumn.fillDefaults(Columns.leftJoin(people, scores, InputColumns.PERSON_ID), COLUMNS);
    }

    /** (person_id, hit) for the conditions found by the project's own flags at T. */
    private Dataset<Row> flagHits(Dataset<Row> people) {
        List<Column> flags = new ArrayList<>();
        for (Rule r : lists.rules) {
            if (r.rule.equals(CambridgeMultimorbidity.CONDITION_FLAG)) {
                flags.add(when(col(Conditions.PREFIX + r.code), lit(CambridgeMultimorbidity.hit(r.condition, r.rule))));
            }
        }
        if (flags.isEmpty()) {
            flags.add(lit(null).cast(DataTypes.StringType));
        }
        return people.select(col(InputColumns.PERSON_ID),
                explode(array_compact(array(flags.toArray(new Column[0])))).alias(HIT));
    }

    /**
     * (person_id, hit) for GP events up to T whose code a code rule lists, within the rule's window. Read v2 is
     * matched on its first five characters (the term code dropped); a prefix rule (a Read code with its children)
     * matches every code under it. Distinct codes are matched first, so the prefix search never runs per record.
     */
    static Dataset<Row> codeHits(Dataset<Row> gpEvents, Dataset<Row> rules, Date t) {
        Dataset<Row> events = gpEvents.filter(col(InputColumns.EVENT_DATE).leq(lit(t)))
                .select(col(InputColumns.PERSON_ID), col(InputColumns.EVENT_DATE).alias(RECORD_DATE),
                        col(InputColumns.CODE_SYSTEM), col(InputColumns.CODE));
        Dataset<Row> codes = events.select(InputColumns.CODE_SYSTEM, InputColumns.CODE).distinct()
                .withColumn(NORM, when(col(InputColumns.CODE_SYSTEM).equalTo("read2"),
                        substring(trim(col(InputColumns.CODE)), 1, 5)).otherwise(trim(col(InputColumns.CODE))));
        Dataset<Row> matched = matchByPrefix(codes, rules.filter(col("_rule").equalTo(CambridgeMultimorbidity.CODE)),
                col(InputColumns.CODE_SYSTEM).equalTo("read2"))
                .select(InputColumns.CODE_SYSTEM, InputColumns.CODE, "_condition", "_rule", "_window").distinct();
        return events.join(broadcast(matched), Columns.names(InputColumns.CODE_SYSTEM, InputColumns.CODE))
                .filter(col("_window").isNull().or(col(RECORD_DATE).gt(add_months(lit(t), expr("-_window")))))
                .select(col(InputColumns.PERSON_ID), hitColumn());
    }

    /**
     * (person_id, hit) for the conditions with at least min_issues medication issues in (T − window_months, T] whose
     * code a prescriptions rule lists (BNF by prefix). An issue counts once per condition even if two of its
     * prefixes match it.
     */
    static Dataset<Row> prescriptionHits(Dataset<Row> medications, Dataset<Row> rules, Date t) {
        Dataset<Row> issues = medications.filter(col(InputColumns.ISSUE_DATE).leq(lit(t)))
                .select(col(InputColumns.PERSON_ID), col(InputColumns.ISSUE_DATE).alias(RECORD_DATE),
                        col(InputColumns.CODE_SYSTEM), col(InputColumns.CODE))
                .withColumn(ISSUE_ID, monotonically_increasing_id());
        Dataset<Row> codes = issues.select(InputColumns.CODE_SYSTEM, InputColumns.CODE).distinct()
                .withColumn(NORM, trim(col(InputColumns.CODE)));
        Dataset<Row> matched = matchByPrefix(codes, rules.filter(col("_rule").equalTo(CambridgeMultimorbidity.PRESCRIPTIONS)),
                        lit(true))
                .select(InputColumns.CODE_SYSTEM, InputColumns.CODE, "_condition", "_rule", "_window", "_min").distinct();
        return issues.join(broadcast(matched), Columns.names(InputColumns.CODE_SYSTEM, InputColumns.CODE))
                .filter(col(RECORD_DATE).gt(add_months(lit(t), expr("-_window"))))
                .groupBy(col(InputColumns.PERSON_ID), col("_condition"), col("_rule"))
                .agg(countDistinct(col(ISSUE_ID)).alias("_issues"), first(col("_min")).alias("_min"))
                .filter(col("_issues").geq(col("_min")))
                .select(col(InputColumns.PERSON_ID), hitColumn());
    }

    /** The {@link CambridgeMultimorbidity#hit} of a matched rule row, built in Spark. */
    private static Column hitColumn() {
        return concat_ws(CambridgeMultimorbidity.HIT_SEPARATOR, col("_condition"), col("_rule")).alias(HIT);
    }

    /** Distinct codes joined to the rules that list them: exact on the normalised code, or by prefix where allowed. */
    private static Dataset<Row> matchByPrefix(Dataset<Row> codes, Dataset<Row> rules, Column prefixesAllowed) {
        Dataset<Row> keys = codes.withColumn(KEY, explode(when(prefixesAllowed,
                        expr("transform(sequence(1, greatest(length(" + NORM + "), 1)), i -> substring(" + NORM + ", 1, i))"))
                .otherwise(array(col(NORM)))));
        Column on = col(InputColumns.CODE_SYSTEM).equalTo(col("_system")).and(col(KEY).equalTo(col("_code")))
                .and(col("_prefix").or(col(KEY).equalTo(col(NORM))));
        return keys.join(broadcast(rules), on);
    }
}
