package uk.nhs.phm.pipeline.aggregate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import uk.nhs.phm.pipeline.Columns;
import uk.nhs.phm.pipeline.disclosure.DisclosureControl;

/**
 * {@code segment_summary} before disclosure control: people and their 12-month activity per geography ×
 * segment × risk tier, for every level at once. Each person row is exploded into one row per level and the
 * whole table is grouped once (one scan, one shuffle); the per-geography totals (segment {@code all}) are
 * then summed from that small result.
 */
public final class SegmentSummary {
    /** Risk tier of every row until the risk model lands: the summary covers all tiers. */
    public static final String ALL_TIERS = "all";
    public static final String ALL_SEGMENTS = "all";
    private static final String MONEY = "decimal(38,4)";
    /** Activity counts published alongside {@code patients}, each disclosure-controlled as a count. */
    public static final List<String> ACTIVITY_MEASURES =
            List.of("nel_admissions_12m", "ae_attendances_12m", "bed_days_12m");

    private SegmentSummary() {
    }

    /**
     * @param patientSegments one row per person with geography codes, segment and 12-month activity
     * @param names           geography_level, geography_code, geography_name (see {@link GeographyNames})
     */
    public static Dataset<Row> aggregateByGeography(Dataset<Row> patientSegments, Dataset<Row> names) {
        List<Column> levels = new ArrayList<>();
        for (GeographyLevel g : GeographyLevel.values()) {
            Column parent = g.parentCodeColumn == null ? lit(GeographyLevel.ALL)
                    : coalesce(col(g.parentCodeColumn), lit(GeographyLevel.UNKNOWN));
            levels.add(struct(lit(g.label).alias("geography_level"),
                    coalesce(col(g.codeColumn), lit(GeographyLevel.UNKNOWN)).alias("geography_code"),
                    parent.alias("parent_code")));
        }
        // Money is summed as exact decimals so that a rerun adds up to the same figure whatever the order.
        Column[] measures = {count(lit(1)).alias("patients"),
            sum("nel_admissions_12m").alias("nel_admissions_12m"),
            sum("ae_attendances_12m").alias("ae_attendances_12m"),
            sum("bed_days_12m").alias("bed_days_12m"),
            sum(col("cost_12m").cast(MONEY)).alias("cost_12m")};
        Dataset<Row> bySegment = patientSegments
                .select(explode(array(levels.toArray(new Column[0]))).alias("g"), col("segment"),
                        col("nel_admissions_12m"), col("ae_attendances_12m"), col("bed_days_12m"), col("cost_12m"))
                .select(col("g.*"), col("segment"), col("nel_admissions_12m"), col("ae_attendances_12m"),
                        col("bed_days_12m"), col("cost_12m"))
                .groupBy("geography_level", "geography_code", "segment")
                // One row per area: a PCN whose practices lie in two ICBs is nested, for suppression, in the
                // lower-coded one.
                .agg(min("parent_code").alias("parent_code"), measures);
        Dataset<Row> totals = bySegment
                .groupBy("geography_level", "geography_code")
                .agg(min("parent_code").alias("parent_code"), sum("patients").alias("patients"),
                        sum("nel_admissions_12m").alias("nel_admissions_12m"),
                        sum("ae_attendances_12m").alias("ae_attendances_12m"),
                        sum("bed_days_12m").alias("bed_days_12m"),
                        sum("cost_12m").alias("cost_12m"))
                .withColumn("segment", lit(ALL_SEGMENTS));
        Dataset<Row> named = bySegment.unionByName(totals)
                .join(broadcast(names), Columns.names("geography_level", "geography_code"), "left")
                .withColumn("geography_name", coalesce(col("geography_name"),
                        when(col("geography_code").equalTo(GeographyLevel.UNKNOWN), lit("Unknown"))
                                .otherwise(col("geography_code"))));
        return named.withColumn("risk_tier", lit(ALL_TIERS));
    }

    /**
     * The groups of cells that add up, each with its total: the segments of an area with its {@code all} row;
     * the LSOAs of a Place (for one segment) with the Place's cell; the PCNs of an ICB with the ICB's cell; and
     * all Places together with all ICBs (both add up to the whole extract, so one suppressed cell among them
     * could be recovered from the rest).
     */
    public static List<Column> sumGroups() {
        Column level = col("geography_level");
        Column area = concat_ws("|", lit("area"), level, col("geography_code"), col("risk_tier"));
        Column nestLevel = when(col("parent_code").equalTo(GeographyLevel.ALL), lit("top")).otherwise(level);
        Column asChild = concat_ws("|", lit("nest"), nestLevel, col("parent_code"), col("segment"), col("risk_tier"));
        Column asParent = when(level.equalTo(GeographyLevel.PLACE.label),
                        concat_ws("|", lit("nest"), lit(GeographyLevel.LSOA.label), col("geography_code"), col("segment"),
                                col("risk_tier")))
                .when(level.equalTo(GeographyLevel.ICB.label),
                        concat_ws("|", lit("nest"), lit(GeographyLevel.PCN.label), col("geography_code"), col("segment"),
                                col("risk_tier")));
        return List.of(area, asChild, asParent);
    }

    /** The published table: disclosure control applied, columns in the order of the output contract. */
    public static Dataset<Row> publish(Dataset<Row> raw, DisclosureControl dc) {
        Column cell = concat_ws("|", col("geography_level"), col("geography_code"), col("segment"), col("risk_tier"));
        List<Column> groups = sumGroups();
        Dataset<Row> flagged = dc.suppressionFlags(raw, "patients", DisclosureControl.SUPPRESSED,
                dc.isSmall(col("patients")), cell, groups);
        // Each activity count is protected the same way: small values suppressed, and never recoverable from the
        // area's total or the Place/ICB above it. A cell whose people are suppressed starts suppressed too.
        for (String m : ACTIVITY_MEASURES) {
            flagged = dc.suppressionFlags(flagged, m, "_suppressed_" + m,
                    col(DisclosureControl.SUPPRESSED).or(dc.isSmall(col(m))), cell, groups);
        }
        Column patients = dc.publishCount(col("patients"), DisclosureControl.SUPPRESSED);
        WindowSpec area = Window.partitionBy("geography_level", "geography_code", "risk_tier");
        return flagged.select(col("geography_level"), col("geography_code"), col("geography_name"),
                col("segment"), col("risk_tier"), patients.alias("patients"),
                DisclosureControl.shareOfTotal(patients, area, col("segment").equalTo(ALL_SEGMENTS))
                        .alias("share_of_population"),
                dc.publishCount(col("nel_admissions_12m"), "_suppressed_nel_admissions_12m").alias("nel_admissions_12m"),
                dc.publishCount(col("ae_attendances_12m"), "_suppressed_ae_attendances_12m").alias("ae_attendances_12m"),
                dc.publishCount(col("bed_days_12m"), "_suppressed_bed_days_12m").alias("bed_days_12m"),
                dc.publishAmount(col("cost_12m")).alias("cost_12m"),
                col(DisclosureControl.SUPPRESSED),
                col("_suppressed_nel_admissions_12m").or(col("_suppressed_ae_attendances_12m"))
                        .or(col("_suppressed_bed_days_12m")).alias("activity_suppressed"));
    }
}
