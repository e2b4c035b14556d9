package uk.nhs.phm.pipeline.aggregate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
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
import uk.nhs.phm.pipeline.disclosure.TableLayout;
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
            levels.add(struct(lit(g.label).alias(GEOGRAPHY_LEVEL),
                    coalesce(col(g.codeColumn), lit(GeographyLevel.UNKNOWN)).alias(GEOGRAPHY_CODE)));
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
                .agg(count(lit(1)).alias(PATIENTS), measures.toArray(new Column[0]));
        Dataset<Row> areaTotals = bySegment
                .groupBy(GEOGRAPHY_LEVEL, GEOGRAPHY_CODE)
                .agg(sum(PATIENTS).alias(PATIENTS), totals.toArray(new Column[0]))
                .withColumn(Segmentation.SEGMENT, lit(ALL_SEGMENTS));
        Dataset<Row> named = bySegment.unionByName(areaTotals)
                .join(broadcast(names), Columns.names(GEOGRAPHY_LEVEL, GEOGRAPHY_CODE), "left")
                .withColumn(GEOGRAPHY_NAME, coalesce(col(GEOGRAPHY_NAME),
                        when(col(GEOGRAPHY_CODE).equalTo(GeographyLevel.UNKNOWN), lit("Unknown"))
                                .otherwise(col(GEOGRAPHY_CODE))));
        return named.withColumn(RISK_TIER, lit(ALL_TIERS));
    }

    /**
     * How disclosure control sees the table: areas of four levels, segments adding up to each area's {@code all}
     * row, risk tiers apart; people first, each activity count withheld with its people, and cost (counts × tariffs)
     * withheld with every count, since cost ÷ tariff would give a withheld count back.
     */
    public static final TableLayout LAYOUT = new TableLayout("segment_summary", GEOGRAPHY_LEVEL, GEOGRAPHY_CODE,
            List.of(GeographyLevel.LSOA.label, GeographyLevel.PCN.label, GeographyLevel.PLACE.label,
                    GeographyLevel.ICB.label),
            Segmentation.SEGMENT, ALL_SEGMENTS, List.of(RISK_TIER), layoutMeasures());

    private static List<TableLayout.Measure> layoutMeasures() {
        List<TableLayout.Measure> measures = new ArrayList<>(List.of(TableLayout.Measure.count(PATIENTS)));
        List<String> counts = new ArrayList<>(List.of(PATIENTS));
        for (String m : ACTIVITY_MEASURES) {
            measures.add(TableLayout.Measure.count(m, PATIENTS));
            counts.add(m);
        }
        measures.add(TableLayout.Measure.money(Utilisation.COST_12M, counts.toArray(new String[0])));
        return measures;
    }

    /**
     * Which areas hold the same people: the distinct (lsoa, pcn, place, icb) codes of the person rows, unknown
     * geography as {@code unknown} exactly as {@link #aggregateByGeography} files it. LSOAs nest in Places, PCNs
     * mostly in ICBs (one whose practices lie in two ICBs ties them together); LSOAs and PCNs overlap.
     */
    public static Dataset<Row> membership(Dataset<Row> patientSegments) {
        List<Column> codes = new ArrayList<>();
        for (GeographyLevel g : GeographyLevel.values()) {
            codes.add(coalesce(col(g.codeColumn), lit(GeographyLevel.UNKNOWN)).alias(g.label));
        }
        return patientSegments.select(codes.toArray(new Column[0])).distinct();
    }

    /**
     * The published table (disclosure control applied, columns in the order of the output contract) and how many
     * figures were withheld and why.
     */
    public static DisclosureControl.ProtectedTable publish(Dataset<Row> raw, Dataset<Row> membership,
                                                           DisclosureControl dc) {
        DisclosureControl.ProtectedTable p = dc.protect(raw, LAYOUT, membership);
        Column patients = col(PATIENTS);
        WindowSpec area = Window.partitionBy(GEOGRAPHY_LEVEL, GEOGRAPHY_CODE, RISK_TIER);
        List<Column> out = new ArrayList<>(List.of(col(GEOGRAPHY_LEVEL), col(GEOGRAPHY_CODE), col(GEOGRAPHY_NAME),
                col(Segmentation.SEGMENT), col(RISK_TIER), patients,
                DisclosureControl.shareOfTotal(patients, area, col(Segmentation.SEGMENT).equalTo(ALL_SEGMENTS))
                        .alias(SHARE_OF_POPULATION)));
        Column anyActivityWithheld = lit(false);
        for (String m : ACTIVITY_MEASURES) {
            out.add(col(m));
            anyActivityWithheld = anyActivityWithheld.or(col(DisclosureControl.withheldFlag(m)));
        }
        out.add(col(Utilisation.COST_12M));
        anyActivityWithheld = anyActivityWithheld.or(col(DisclosureControl.withheldFlag(Utilisation.COST_12M)));
        out.add(col(DisclosureControl.withheldFlag(PATIENTS)).alias(DisclosureControl.SUPPRESSED));
        out.add(anyActivityWithheld.alias(ACTIVITY_SUPPRESSED));
        return new DisclosureControl.ProtectedTable(p.published().select(out.toArray(new Column[0])), p.stats());
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
