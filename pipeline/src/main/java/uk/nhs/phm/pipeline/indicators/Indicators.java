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
import uk.nhs.phm.pipeline.disclosure.DisclosureControl;
import uk.nhs.phm.pipeline.features.FeatureInputs;
import uk.nhs.phm.pipeline.features.Geography;
import uk.nhs.phm.pipeline.features.Population;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists.Condition;
import uk.nhs.phm.pipeline.schema.InputColumns;
import uk.nhs.phm.pipeline.schema.InputTable;
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
     * The published table (without {@code as_of_date}, which the store adds).
     *
     * @param peopleAtT     restricted/patient_segments at T
     * @param mortalityBase {@link #mortalityBase} for T
     * @param names         geography_level, geography_code, geography_name
     */
    public static Dataset<Row> compute(Dataset<Row> peopleAtT, Dataset<Row> mortalityBase, List<Condition> conditions,
                                       LocalDate asOf, DisclosureControl dc, Dataset<Row> names, String runId) {
        List<Indicator> catalogue = Indicator.catalogue(conditions);
        // Read twice (area totals and the driver's copy): computed once.
        Dataset<Row> strata = strata(peopleAtT, mortalityBase, conditions, asOf).localCheckpoint();
        List<PublishedCount> counts = new ArrayList<>();
        for (Row r : IndicatorCounts.suppress(IndicatorCounts.areaCounts(strata, catalogue), dc).collectAsList()) {
            counts.add(new PublishedCount(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                    r.isNullAt(4) ? null : r.getLong(4), r.isNullAt(5) ? null : r.getLong(5), r.getBoolean(6)));
        }
        List<IndicatorRow> rows = IndicatorStatistics.compute(counts, collectStrata(strata), catalogue);
        List<Row> out = new ArrayList<>(rows.size());
        for (IndicatorRow r : rows) {
            out.add(RowFactory.create(r.geographyLevel(), r.geographyCode(), r.indicatorId(), r.indicatorName(),
                    r.method(), r.unit(), r.numerator(), r.denominator(), r.value(), r.lower95(), r.upper95(),
                    r.lower998(), r.upper998(), r.comparatorValue(), r.funnelLower95(), r.funnelUpper95(),
                    r.funnelLower998(), r.funnelUpper998(), r.suppressed()));
        }
        return peopleAtT.sparkSession().createDataFrame(out, ROWS)
                .join(broadcast(names), Columns.names(SegmentSummary.GEOGRAPHY_LEVEL, SegmentSummary.GEOGRAPHY_CODE), "left")
                .withColumn(SegmentSummary.GEOGRAPHY_NAME, coalesce(col(SegmentSummary.GEOGRAPHY_NAME),
                        when(col(SegmentSummary.GEOGRAPHY_CODE).equalTo(GeographyLevel.UNKNOWN), lit("Unknown"))
                                .otherwise(col(SegmentSummary.GEOGRAPHY_CODE))))
                .withColumn(OpsTables.RUN_ID, lit(runId));
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
}
