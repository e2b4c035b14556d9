package uk.nhs.phm.pipeline.segment;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.phm.pipeline.Errors;
import uk.nhs.phm.pipeline.PhmUserException;

/**
 * Bridges to Health segmentation (methods.md): one segment per person, the highest-priority rule that holds
 * wins; {@code segment_reason} names that rule. Then the overlapping oversight cohorts.
 */
public final class Segmentation {
    public static final String SEGMENT = "segment";
    public static final String SUB_SEGMENT = "sub_segment";
    public static final String SEGMENT_REASON = "segment_reason";
    public static final String COHORTS = "cohorts";

    private Segmentation() {
    }

    /**
     * Adds segment, sub_segment and segment_reason. Rules are tried by priority, then in file order. A person
     * no rule holds for is a configuration error (the last rule should be a catch-all such as
     * {@code healthy_well,none,true}), reported rather than silently labelled.
     */
    public static Dataset<Row> assign(Dataset<Row> features, List<SegmentRule> rules) {
        List<SegmentRule> ordered = new ArrayList<>(rules);
        ordered.sort(Comparator.comparingInt(r -> r.priority));
        Column segment = lit(null).cast("string");
        Column reason = lit(null).cast("string");
        Column sub = lit(null).cast("string");
        // Built from the lowest priority up so the highest-priority rule is the outermost "when".
        for (int i = ordered.size() - 1; i >= 0; i--) {
            SegmentRule r = ordered.get(i);
            Column holds = coalesce(expr(r.condition).cast("boolean"), lit(false));
            segment = when(holds, lit(r.segment)).otherwise(segment);
            reason = when(holds, lit(r.reason())).otherwise(reason);
            Column subValue = r.subSegment == null ? lit(r.ruleId) : expr(r.subSegment).cast("string");
            sub = when(holds, subValue).otherwise(sub);
        }
        return features.withColumn(SEGMENT, segment)
                .withColumn(SUB_SEGMENT, sub)
                .withColumn(SEGMENT_REASON, reason);
    }

    /** Adds {@code cohorts}: the names of every cohort whose condition holds, '|'-separated, in file order. */
    public static Dataset<Row> cohorts(Dataset<Row> segmented, List<CohortRule> cohorts) {
        List<Column> members = new ArrayList<>();
        for (CohortRule c : cohorts) {
            members.add(when(coalesce(expr(c.condition).cast("boolean"), lit(false)), lit(c.cohort)));
        }
        Column joined = members.isEmpty() ? lit("") : array_join(array(members.toArray(new Column[0])), "|");
        return segmented.withColumn(COHORTS, joined);
    }

    /**
     * Checks the rules against the features' schema before anything runs: every condition must be a valid
     * boolean expression over existing columns, and the lowest-priority rule must be the catch-all {@code true}
     * so that every person gets a segment. Analysis only; no data is read.
     */
    public static void validate(Dataset<Row> features, List<SegmentRule> rules, List<CohortRule> cohorts,
                                String rulesFile, String cohortsFile) {
        if (rules.isEmpty()) {
            throw new PhmUserException(rulesFile + ": no segment rules; restore the shipped file or add rules.");
        }
        List<SegmentRule> ordered = new ArrayList<>(rules);
        ordered.sort(Comparator.comparingInt(r -> r.priority));
        SegmentRule last = ordered.get(ordered.size() - 1);
        if (!last.condition.trim().equalsIgnoreCase("true")) {
            throw new PhmUserException(rulesFile + ": the lowest-priority rule (" + last.reason() + ") must be the "
                    + "catch-all condition 'true' so that every person gets a segment.");
        }
        for (SegmentRule r : rules) {
            check(features, r.condition, rulesFile, "rule " + r.reason() + " condition");
            if (r.subSegment != null) {
                check(features, r.subSegment, rulesFile, "rule " + r.reason() + " sub_segment");
            }
        }
        Dataset<Row> segmented = assign(features.limit(0), rules);
        for (CohortRule c : cohorts) {
            check(segmented, c.condition, cohortsFile, "cohort " + c.cohort + " condition");
        }
    }

    private static void check(Dataset<Row> df, String sql, String file, String what) {
        try {
            df.limit(0).select(expr(sql)).schema();
        } catch (Exception e) {
            // Spark's AnalysisException and ParseException: a wrong column name or bad SQL in the rule file.
            throw new PhmUserException(file + ": " + what + " '" + sql + "' is not a valid expression over the "
                    + "person features (" + Errors.firstLine(e) + "); see docs/data-dictionary.md for the column names.", e);
        }
    }
}
