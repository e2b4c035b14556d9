package uk.nhs.phm.pipeline.aggregate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import uk.nhs.phm.pipeline.Columns;
import uk.nhs.phm.pipeline.Money;
import uk.nhs.phm.pipeline.disclosure.DisclosureControl;
import uk.nhs.phm.pipeline.features.Utilisation;
import uk.nhs.phm.pipeline.segment.Segmentation;

/**
 * {@code segment_summary} before disclosure control: people and their 12-month activity per geography ×
 * segment × risk tier, for every level at once. Each person row is exploded into one row per level and the
 * whole table is grouped once (one scan, one shuffle); the per-geography totals (segment {@code all}) are
 * then summed from that small result.
 */
public final class SegmentSummary {
    public static final String GEOGRAPHY_LEVEL = "geography_level";
    public static final String GEOGRAPHY_CODE = "geography_code";
    public static final String GEOGRAPHY_NAME = "geography_name";
    public static final String PARENT_CODE = "parent_code";
    public static final String RISK_TIER = "risk_tier";
    public static final String PATIENTS = "patients";
    public static final String SHARE_OF_POPULATION = "share_of_population";
    public static final String ACTIVITY_SUPPRESSED = "activity_suppressed";
    /** Risk tier of every row until the risk model lands: the summary covers all tiers. */
    public static final String ALL_TIERS = "all";
    public static final String ALL_SEGMENTS = "all";
    /** Activity counts published alongside {@code patients}, each disclosure-controlled as a count. */
    public static final List<String> ACTIVITY_MEASURES = List.of(Utilisation.NEL_ADMISSIONS_12M,
            Utilisation.AE_ATTENDANCES_12M, Utilisation.BED_DAYS_12M);

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
            levels.add(struct(lit(g.label).alias(GEOGRAPHY_LEVEL),
                    coalesce(col(g.codeColumn), lit(GeographyLevel.UNKNOWN)).alias(GEOGRAPHY_CODE),
                    parent.alias(PARENT_CODE)));
        }
        // Money is summed as exact decimals so that a rerun adds up to the same figure whatever the order.
        List<Column> measures = new ArrayList<>();
        List<Column> totals = new ArrayList<>();
        List<Column> carried = new ArrayList<>(List.of(col("g.*"), col(Segmentation.SEGMENT)));
        for (String m : ACTIVITY_MEASURES) {
            measures.add(sum(m).alias(m));
            totals.add(sum(m).alias(m));
            carried.add(col(m));
        }
        measures.add(sum(Money.exact(col(Utilisation.COST_12M))).alias(Utilisation.COST_12M));
        totals.add(sum(Utilisation.COST_12M).alias(Utilisation.COST_12M));
        carried.add(col(Utilisation.COST_12M));
        Dataset<Row> bySegment = patientSegments
                .withColumn("g", explode(array(levels.toArray(new Column[0]))))
                .select(carried.toArray(new Column[0]))
                .groupBy(GEOGRAPHY_LEVEL, GEOGRAPHY_CODE, Segmentation.SEGMENT)
                // One row per area: a PCN whose practices lie in two ICBs is nested, for suppression, in the
                // lower-coded one.
                .agg(min(PARENT_CODE).alias(PARENT_CODE), prepend(count(lit(1)).alias(PATIENTS), measures));
        Dataset<Row> areaTotals = bySegment
                .groupBy(GEOGRAPHY_LEVEL, GEOGRAPHY_CODE)
                .agg(min(PARENT_CODE).alias(PARENT_CODE), prepend(sum(PATIENTS).alias(PATIENTS), totals))
                .withColumn(Segmentation.SEGMENT, lit(ALL_SEGMENTS));
        Dataset<Row> named = bySegment.unionByName(areaTotals)
                .join(broadcast(names), Columns.names(GEOGRAPHY_LEVEL, GEOGRAPHY_CODE), "left")
                .withColumn(GEOGRAPHY_NAME, coalesce(col(GEOGRAPHY_NAME),
                        when(col(GEOGRAPHY_CODE).equalTo(GeographyLevel.UNKNOWN), lit("Unknown"))
                                .otherwise(col(GEOGRAPHY_CODE))));
        return named.withColumn(RISK_TIER, lit(ALL_TIERS));
    }

    private static Column[] prepend(Column first, List<Column> rest) {
        List<Column> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all.toArray(new Column[0]);
    }

    /**
     * The groups of cells that add up, each with its total: the segments of an area with its {@code all} row;
     * the LSOAs of a Place (for one segment) with the Place's cell; the PCNs of an ICB with the ICB's cell; and
     * all Places together with all ICBs (both add up to the whole extract, so one suppressed cell among them
     * could be recovered from the rest).
     */
    public static List<Column> sumGroups() {
        Column level = col(GEOGRAPHY_LEVEL);
        Column segment = col(Segmentation.SEGMENT);
        Column tier = col(RISK_TIER);
        Column area = concat_ws("|", lit("area"), level, col(GEOGRAPHY_CODE), tier);
        Column nestLevel = when(col(PARENT_CODE).equalTo(GeographyLevel.ALL), lit("top")).otherwise(level);
        Column asChild = concat_ws("|", lit("nest"), nestLevel, col(PARENT_CODE), segment, tier);
        Column asParent = when(level.equalTo(GeographyLevel.PLACE.label),
                        concat_ws("|", lit("nest"), lit(GeographyLevel.LSOA.label), col(GEOGRAPHY_CODE), segment, tier))
                .when(level.equalTo(GeographyLevel.ICB.label),
                        concat_ws("|", lit("nest"), lit(GeographyLevel.PCN.label), col(GEOGRAPHY_CODE), segment, tier));
        return List.of(area, asChild, asParent);
    }

    /** The published table: disclosure control applied, columns in the order of the output contract. */
    public static Dataset<Row> publish(Dataset<Row> raw, DisclosureControl dc) {
        Column cell = concat_ws("|", col(GEOGRAPHY_LEVEL), col(GEOGRAPHY_CODE), col(Segmentation.SEGMENT), col(RISK_TIER));
        List<Column> groups = sumGroups();
        Dataset<Row> flagged = dc.suppressionFlags(raw, PATIENTS, DisclosureControl.SUPPRESSED,
                dc.isSmall(col(PATIENTS)), cell, groups);
        // Each activity count is protected the same way: small values suppressed, and never recoverable from the
        // area's total or the Place/ICB above it. A cell whose people are suppressed starts suppressed too.
        Column anyCountWithheld = col(DisclosureControl.SUPPRESSED);
        for (String m : ACTIVITY_MEASURES) {
            flagged = dc.suppressionFlags(flagged, m, flag(m), col(DisclosureControl.SUPPRESSED).or(dc.isSmall(col(m))),
                    cell, groups);
            anyCountWithheld = anyCountWithheld.or(col(flag(m)));
        }
        // Cost is counts times tariffs: beside a withheld count it would give the count back (cost ÷ tariff), so it
        // is withheld wherever any of the cell's counts is, and then protected like a count so that it cannot be
        // recovered from the area's total or its siblings either.
        flagged = dc.suppressionFlags(flagged, Utilisation.COST_12M, flag(Utilisation.COST_12M), anyCountWithheld,
                cell, groups);
        Column patients = dc.publishCount(col(PATIENTS), DisclosureControl.SUPPRESSED);
        WindowSpec area = Window.partitionBy(GEOGRAPHY_LEVEL, GEOGRAPHY_CODE, RISK_TIER);
        List<Column> out = new ArrayList<>(List.of(col(GEOGRAPHY_LEVEL), col(GEOGRAPHY_CODE), col(GEOGRAPHY_NAME),
                col(Segmentation.SEGMENT), col(RISK_TIER), patients.alias(PATIENTS),
                DisclosureControl.shareOfTotal(patients, area, col(Segmentation.SEGMENT).equalTo(ALL_SEGMENTS))
                        .alias(SHARE_OF_POPULATION)));
        Column anyActivityWithheld = col(flag(Utilisation.COST_12M));
        for (String m : ACTIVITY_MEASURES) {
            out.add(dc.publishCount(col(m), flag(m)).alias(m));
            anyActivityWithheld = anyActivityWithheld.or(col(flag(m)));
        }
        out.add(dc.publishMoney(col(Utilisation.COST_12M), flag(Utilisation.COST_12M)).alias(Utilisation.COST_12M));
        out.add(col(DisclosureControl.SUPPRESSED));
        out.add(anyActivityWithheld.alias(ACTIVITY_SUPPRESSED));
        return flagged.select(out.toArray(new Column[0]));
    }

    private static String flag(String measure) {
        return "_suppressed_" + measure;
    }

    /**
     * Published people per segment over the whole extract, from the ICB level of the published table (so the
     * figures are disclosure-controlled); null where every ICB cell of the segment is suppressed. A few rows
     * reach the driver, never person-level values.
     */
    public static Map<String, Long> segmentMix(Dataset<Row> published) {
        Map<String, Long> mix = new LinkedHashMap<>();
        for (Row r : published.filter(col(GEOGRAPHY_LEVEL).equalTo(GeographyLevel.ICB.label))
                .groupBy(Segmentation.SEGMENT).agg(sum(PATIENTS).alias(PATIENTS))
                .orderBy(Segmentation.SEGMENT).collectAsList()) {
            mix.put(r.getString(0), r.isNullAt(1) ? null : r.getLong(1));
        }
        return mix;
    }
}
