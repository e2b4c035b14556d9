package uk.nhs.phm.pipeline.indicators;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.nhs.phm.pipeline.Columns;
import uk.nhs.phm.pipeline.aggregate.GeographyLevel;
import uk.nhs.phm.pipeline.aggregate.SegmentSummary;
import uk.nhs.phm.pipeline.disclosure.DisclosureAudit;
import uk.nhs.phm.pipeline.disclosure.DisclosureControl;
import uk.nhs.phm.pipeline.disclosure.TableLayout;
import uk.nhs.phm.pipeline.disclosure.TableProtection;
import uk.nhs.phm.pipeline.features.FeatureInputs;
import uk.nhs.phm.pipeline.features.Geography;
import uk.nhs.phm.pipeline.features.Population;
import uk.nhs.phm.pipeline.features.Utilisation;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists.Condition;
import uk.nhs.phm.pipeline.schema.InputColumns;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.segment.Segmentation;
import uk.nhs.phm.pipeline.validate.OpsTables;

/**
 * {@code published/indicators}: counts in Spark ({@link IndicatorCounts}: one grouped pass per population for
 * every geography level, then disclosure decisions on the area counts), statistics in plain Java on the driver
 * ({@link IndicatorStatistics}). The table reaching the driver is small (areas × 19 age bands × 11 decile
 * values × some 25 measures: a few hundred thousand numbers at 1M people), and the statistics need every band
 * and decile of an area together, plus the ICB's value for each PCN; a typed map over groups would shuffle the
 * same numbers and serialise the module into tasks for no gain.
 */
public final class Indicators {
    public static final String INDICATOR_NAME = "indicator_name";
    public static final String METHOD = "method";
    public static final String UNIT = "unit";
    public static final String VALUE = "value";
    public static final String LOWER_95 = "lower_95";
    public static final String UPPER_95 = "upper_95";
    public static final String LOWER_998 = "lower_998";
    public static final String UPPER_998 = "upper_998";
    public static final String COMPARATOR_VALUE = "comparator_value";
    public static final String FUNNEL_LOWER_95 = "funnel_lower_95";
    public static final String FUNNEL_UPPER_95 = "funnel_upper_95";
    public static final String FUNNEL_LOWER_998 = "funnel_lower_998";
    public static final String FUNNEL_UPPER_998 = "funnel_upper_998";

    private static final StructType ROWS = new StructType()
            .add(SegmentSummary.GEOGRAPHY_LEVEL, DataTypes.StringType).add(SegmentSummary.GEOGRAPHY_CODE, DataTypes.StringType)
            .add(IndicatorCounts.INDICATOR_ID, DataTypes.StringType).add(INDICATOR_NAME, DataTypes.StringType)
            .add(METHOD, DataTypes.StringType).add(UNIT, DataTypes.StringType)
            .add(IndicatorCounts.NUMERATOR, DataTypes.LongType).add(IndicatorCounts.DENOMINATOR, DataTypes.LongType)
            .add(VALUE, DataTypes.DoubleType).add(LOWER_95, DataTypes.DoubleType).add(UPPER_95, DataTypes.DoubleType)
            .add(LOWER_998, DataTypes.DoubleType).add(UPPER_998, DataTypes.DoubleType)
            .add(COMPARATOR_VALUE, DataTypes.DoubleType).add(FUNNEL_LOWER_95, DataTypes.DoubleType)
            .add(FUNNEL_UPPER_95, DataTypes.DoubleType).add(FUNNEL_LOWER_998, DataTypes.DoubleType)
            .add(FUNNEL_UPPER_998, DataTypes.DoubleType).add(DisclosureControl.SUPPRESSED, DataTypes.BooleanType);

    private Indicators() {
    }

    /**
     * The population the mortality indicator follows: the people registered and alive at T − 365 days
     * ({@link Population#atDate} at that date: age then, registration then), with the geography of that
     * registration ({@link Geography#attach}) and their date of death, if any, from the patients and deaths
     * tables.
     *
     * @param yearBefore the feature inputs at T − {@value IndicatorCounts#MORTALITY_WINDOW_DAYS} days
     */
    public static Dataset<Row> mortalityBase(FeatureInputs yearBefore) {
        Dataset<Row> patients = yearBefore.data.get(InputTable.PATIENTS);
        Dataset<Row> deaths = yearBefore.data.get(InputTable.DEATHS);
        Dataset<Row> people = Population.atDate(patients, yearBefore.data.get(InputTable.REGISTRATIONS), deaths,
                yearBefore.settings);
        return Geography.attach(people, yearBefore.reference, yearBefore.settings.imdVersion)
                .join(Population.deathDates(patients, deaths, IndicatorCounts.DEATH_DATE),
                        Columns.names(InputColumns.PERSON_ID), "left");
    }

    /** The stratified counts of both populations as one table (see {@link IndicatorCounts#strata}). */
    public static Dataset<Row> strata(Dataset<Row> peopleAtT, Dataset<Row> mortalityBase, List<Condition> conditions,
                                      LocalDate asOf) {
        List<String> ltcNames = conditions.stream().filter(c -> c.ltc).map(c -> c.name).toList();
        Map<String, org.apache.spark.sql.Column> atT = IndicatorCounts.measuresAtT(ltcNames);
        Map<String, org.apache.spark.sql.Column> yearBefore = IndicatorCounts.measuresYearBefore(asOf);
        List<String> measures = new ArrayList<>(atT.keySet());
        measures.addAll(yearBefore.keySet());
        return IndicatorCounts.combine(List.of(IndicatorCounts.strata(peopleAtT, atT),
                IndicatorCounts.strata(mortalityBase, yearBefore)), measures);
    }

    /**
     * An area's figures that {@code segment_summary} publishes too, in its {@code all} row: the population at T,
     * emergency admissions and A&E attendances, null where that table withholds them. The indicators publish
     * these same figures, so they must be withheld in both tables or neither: they are taken from there.
     */
    public record SharedFigures(Long population, Long nelAdmissions, Long aeAttendances) {
    }

    /** {@link SharedFigures} per area ({@link IndicatorStatistics#areaKey}) from the published segment summary. */
    public static Map<String, SharedFigures> sharedFigures(Dataset<Row> segmentSummary) {
        Map<String, SharedFigures> out = new HashMap<>();
        for (Row r : segmentSummary.filter(col(Segmentation.SEGMENT).equalTo(SegmentSummary.ALL_SEGMENTS)
                        .and(col(SegmentSummary.RISK_TIER).equalTo(SegmentSummary.ALL_TIERS)))
                .select(SegmentSummary.GEOGRAPHY_LEVEL, SegmentSummary.GEOGRAPHY_CODE, SegmentSummary.PATIENTS,
                        Utilisation.NEL_ADMISSIONS_12M, Utilisation.AE_ATTENDANCES_12M).collectAsList()) {
            out.put(IndicatorStatistics.areaKey(r.getString(0), r.getString(1)), new SharedFigures(
                    r.isNullAt(2) ? null : r.getLong(2), r.isNullAt(3) ? null : r.getLong(3),
                    r.isNullAt(4) ? null : r.getLong(4)));
        }
        return out;
    }

    /** The published table and how disclosure control withheld its counts. */
    public record Published(Dataset<Row> table, List<TableProtection.MeasureStats> stats) {
    }

    /**
     * The published table (without {@code as_of_date}, which the store adds).
     *
     * @param peopleAtT     restricted/patient_segments at T
     * @param mortalityBase {@link #mortalityBase} for T
     * @param membership    the distinct combinations of area codes of both populations ({@link #membership})
     * @param shared        the figures {@code segment_summary} publishes too ({@link #sharedFigures})
     * @param names         geography_level, geography_code, geography_name
     */
    public static Published compute(Dataset<Row> peopleAtT, Dataset<Row> mortalityBase, List<Condition> conditions,
                                    LocalDate asOf, DisclosureControl dc, Dataset<Row> membership,
                                    Map<String, SharedFigures> shared, Dataset<Row> names, String runId) {
        List<Indicator> catalogue = Indicator.catalogue(conditions);
        Map<String, Indicator> byId = new HashMap<>();
        catalogue.forEach(i -> byId.put(i.id(), i));
        // Read twice (area totals and the driver's copy): computed once.
        Dataset<Row> strata = strata(peopleAtT, mortalityBase, conditions, asOf).localCheckpoint();
        DisclosureControl.ProtectedTable p = IndicatorCounts.protect(IndicatorCounts.areaCounts(strata, catalogue),
                membership, dc);
        List<PublishedCount> counts = new ArrayList<>();
        for (Row r : p.published().collectAsList()) {
            String level = r.getAs(IndicatorCounts.GEOGRAPHY_LEVEL);
            String code = r.getAs(IndicatorCounts.GEOGRAPHY_CODE);
            Indicator indicator = byId.get(r.<String>getAs(IndicatorCounts.INDICATOR_ID));
            Long numerator = r.getAs(IndicatorCounts.NUMERATOR);
            Long denominator = r.getAs(IndicatorCounts.DENOMINATOR);
            SharedFigures s = shared.get(IndicatorStatistics.areaKey(level, code));
            if (s != null) {
                numerator = sharedOr(indicator.numerator(), s, numerator);
                denominator = sharedOr(indicator.denominator(), s, denominator);
            }
            counts.add(new PublishedCount(level, code, r.getAs(IndicatorCounts.PARENT_CODE), indicator.id(),
                    numerator, denominator, numerator == null || denominator == null));
        }
        List<IndicatorRow> rows = IndicatorStatistics.compute(counts, collectStrata(strata), catalogue);
        List<Row> out = new ArrayList<>(rows.size());
        for (IndicatorRow r : rows) {
            out.add(RowFactory.create(r.geographyLevel(), r.geographyCode(), r.indicatorId(), r.indicatorName(),
                    r.method(), r.unit(), r.numerator(), r.denominator(), r.value(), r.lower95(), r.upper95(),
                    r.lower998(), r.upper998(), r.comparatorValue(), r.funnelLower95(), r.funnelUpper95(),
                    r.funnelLower998(), r.funnelUpper998(), r.suppressed()));
        }
        Dataset<Row> table = peopleAtT.sparkSession().createDataFrame(out, ROWS)
                .join(broadcast(names), Columns.names(SegmentSummary.GEOGRAPHY_LEVEL, SegmentSummary.GEOGRAPHY_CODE), "left")
                .withColumn(SegmentSummary.GEOGRAPHY_NAME, coalesce(col(SegmentSummary.GEOGRAPHY_NAME),
                        when(col(SegmentSummary.GEOGRAPHY_CODE).equalTo(GeographyLevel.UNKNOWN), lit("Unknown"))
                                .otherwise(col(SegmentSummary.GEOGRAPHY_CODE))))
                .withColumn(OpsTables.RUN_ID, lit(runId));
        return new Published(table, p.stats());
    }

    /** The figure {@code segment_summary} publishes for this measure, or the indicators' own for another. */
    private static Long sharedOr(String measure, SharedFigures s, Long own) {
        return switch (measure) {
            case IndicatorCounts.POPULATION -> s.population();
            case IndicatorCounts.NEL_ADMISSIONS -> s.nelAdmissions();
            case IndicatorCounts.AE_ATTENDANCES -> s.aeAttendances();
            default -> own;
        };
    }

    /**
     * The distinct combinations of area codes (one column per level, named as the level) of the people at T and
     * of the mortality population: how the areas of different levels add up, for disclosure control and its
     * audit. Which LSOA is in which Place, and which PCN in which ICB, comes from the same reference data at both
     * dates, so the two populations never disagree about nesting.
     */
    public static Dataset<Row> membership(Dataset<Row> peopleAtT, Dataset<Row> mortalityBase) {
        return SegmentSummary.membership(peopleAtT).union(SegmentSummary.membership(mortalityBase)).distinct();
    }

    /** The stratified counts on the driver, per area ({@link IndicatorStatistics#areaKey}). */
    static Map<String, AreaStrata> collectStrata(Dataset<Row> strata) {
        String[] columns = strata.columns();
        List<String> measures = new ArrayList<>();
        for (String c : columns) {
            if (!List.of(IndicatorCounts.GEOGRAPHY_LEVEL, IndicatorCounts.GEOGRAPHY_CODE, IndicatorCounts.PARENT_CODE,
                    IndicatorCounts.ESP_BAND, IndicatorCounts.IMD_DECILE).contains(c)) {
                measures.add(c);
            }
        }
        Map<String, AreaStrata> byArea = new HashMap<>();
        for (Row r : strata.collectAsList()) {
            String key = IndicatorStatistics.areaKey(r.getAs(IndicatorCounts.GEOGRAPHY_LEVEL), r.getAs(IndicatorCounts.GEOGRAPHY_CODE));
            AreaStrata s = byArea.computeIfAbsent(key, k -> new AreaStrata());
            int band = r.<Integer>getAs(IndicatorCounts.ESP_BAND);
            Integer decile = r.getAs(IndicatorCounts.IMD_DECILE);
            for (String m : measures) {
                s.add(m, decile, band, r.<Long>getAs(m));
            }
        }
        return byArea;
    }

    /**
     * How the disclosure audit reads the published table: numerator and denominator per area, indicator and
     * method (the SII and RII rows publish no counts), adding up across the geography levels.
     */
    public static final TableLayout AUDIT_LAYOUT = new TableLayout(IndicatorCounts.LAYOUT.tableName(),
            SegmentSummary.GEOGRAPHY_LEVEL, SegmentSummary.GEOGRAPHY_CODE, IndicatorCounts.LAYOUT.levels(), null, null,
            List.of(IndicatorCounts.INDICATOR_ID, METHOD), IndicatorCounts.LAYOUT.measures());

    /**
     * The published rows the audit reads: one per area and indicator, its first method's row. An indicator's other
     * rows (the DSR beside the crude rate) print the same numerator and denominator, written from the same protected
     * counts ({@link PublishedCount}), so auditing one row per count keeps the audit's cells the cells disclosure
     * control decided on, and its primary and derived counts comparable with the nulls.
     */
    public static Dataset<Row> countRows(Dataset<Row> published, List<Indicator> catalogue) {
        org.apache.spark.sql.Column first = lit(false);
        for (Indicator i : catalogue) {
            first = first.or(col(IndicatorCounts.INDICATOR_ID).equalTo(i.id()).and(col(METHOD).equalTo(i.methods().get(0))));
        }
        return published.filter(first);
    }

    /**
     * Every figure the indicators publish more than once, or that {@code segment_summary} publishes too, as
     * equality links for the disclosure audit: every denominator that is the population at T is the same figure in
     * every indicator and is
     * {@code segment_summary}'s {@code patients} of the area's {@code all} row, as the emergency-admission and A&E
     * numerators are its {@code nel_admissions_12m} and {@code ae_attendances_12m}. A figure withheld in one place
     * and published in another fails the audit.
     *
     * @param indicatorCells the audited cells of {@link #AUDIT_LAYOUT} (keys: indicator id, method), from
     *                       {@link #countRows}
     * @param summaryCells   the ids of {@code segment_summary}'s audited cells
     */
    public static List<DisclosureAudit.EqualityLink> auditLinks(List<TableProtection.Cell> indicatorCells,
                                                                java.util.Set<String> summaryCells,
                                                                List<Indicator> catalogue) {
        Map<String, Indicator> byId = new HashMap<>();
        catalogue.forEach(i -> byId.put(i.id(), i));
        String table = AUDIT_LAYOUT.tableName();
        List<DisclosureAudit.EqualityLink> links = new ArrayList<>();
        Map<String, String> firstPopulationCell = new HashMap<>();
        for (TableProtection.Cell c : indicatorCells) {
            Indicator indicator = byId.get(c.keys().get(0));
            String area = IndicatorStatistics.areaKey(c.level(), c.code());
            String summaryCell = TableLayout.cellId(List.of(SegmentSummary.ALL_TIERS), SegmentSummary.ALL_SEGMENTS,
                    c.level(), c.code());
            boolean inSummary = summaryCells.contains(summaryCell);
            if (indicator.denominator().equals(IndicatorCounts.POPULATION)) {
                String earlier = firstPopulationCell.putIfAbsent(area, c.id());
                if (earlier != null) {
                    links.add(new DisclosureAudit.EqualityLink(table, IndicatorCounts.DENOMINATOR, c.id(), table,
                            IndicatorCounts.DENOMINATOR, earlier));
                } else if (inSummary) {
                    links.add(new DisclosureAudit.EqualityLink(table, IndicatorCounts.DENOMINATOR, c.id(),
                            SegmentSummary.LAYOUT.tableName(), SegmentSummary.PATIENTS, summaryCell));
                }
            }
            String summaryMeasure = switch (indicator.numerator()) {
                case IndicatorCounts.NEL_ADMISSIONS -> Utilisation.NEL_ADMISSIONS_12M;
                case IndicatorCounts.AE_ATTENDANCES -> Utilisation.AE_ATTENDANCES_12M;
                default -> null;
            };
            if (summaryMeasure != null && inSummary) {
                links.add(new DisclosureAudit.EqualityLink(table, IndicatorCounts.NUMERATOR, c.id(),
                        SegmentSummary.LAYOUT.tableName(), summaryMeasure, summaryCell));
            }
        }
        return links;
    }
}
