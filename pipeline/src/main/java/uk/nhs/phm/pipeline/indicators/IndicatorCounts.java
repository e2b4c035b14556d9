package uk.nhs.phm.pipeline.indicators;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.phm.pipeline.aggregate.GeographyLevel;
import uk.nhs.phm.pipeline.aggregate.SegmentSummary;
import uk.nhs.phm.pipeline.disclosure.DisclosureControl;
import uk.nhs.phm.pipeline.disclosure.TableLayout;
import uk.nhs.phm.pipeline.features.Conditions;
import uk.nhs.phm.pipeline.features.Geography;
import uk.nhs.phm.pipeline.features.Frailty;
import uk.nhs.phm.pipeline.features.Population;
import uk.nhs.phm.pipeline.features.Utilisation;
import uk.nhs.phm.pipeline.stats.StandardPopulation;

/**
 * The counts behind the indicators, in Spark. Each population is grouped once, for every geography level at
 * once (each person row is exploded into one row per level, as {@code segment_summary} does), by geography ×
 * ESP2013 five-year band × IMD decile, with every numerator and denominator as one named sum in one {@code agg}:
 * the stratified counts ({@link #strata}). The area totals per indicator ({@link #areaCounts}) are summed from
 * that small result and are a plain table of numerator and denominator per geography × indicator, which
 * disclosure control ({@link #protect}) decides on before any rate or ratio is computed.
 */
public final class IndicatorCounts {
    public static final String GEOGRAPHY_LEVEL = SegmentSummary.GEOGRAPHY_LEVEL;
    public static final String GEOGRAPHY_CODE = SegmentSummary.GEOGRAPHY_CODE;
    /** The area a row nests in for comparison: the ICB of a PCN, the Place of an LSOA, {@value #TOP} above. */
    public static final String PARENT_CODE = "parent_code";
    public static final String TOP = "all";
    /** ESP2013 band index 0..18 ({@link StandardPopulation#esp2013Band}). */
    public static final String ESP_BAND = "esp_band";
    public static final String IMD_DECILE = Geography.IMD_DECILE;
    public static final String INDICATOR_ID = "indicator_id";
    public static final String NUMERATOR = "numerator";
    public static final String DENOMINATOR = "denominator";

    // Measures of the population at T.
    public static final String POPULATION = "population";
    public static final String NEL_ADMISSIONS = "nel_admissions";
    public static final String AE_ATTENDANCES = "ae_attendances";
    public static final String POPULATION_65PLUS = "population_65plus";
    public static final String FRAIL_65PLUS = "frail_65plus";
    // Measures of the population at T − 365 days.
    public static final String POPULATION_YEAR_BEFORE = "population_year_before";
    public static final String DEATHS = "deaths";

    /** Age from which frailty is counted (the eFI is defined for people aged 65 and over). */
    public static final int FRAILTY_MIN_AGE = 65;
    /** eFI categories counted as frail in the frailty indicator. */
    public static final List<String> FRAIL_CATEGORIES = List.of("moderate", "severe");
    /** Mortality looks back this many days: deaths in (T − 365, T] among the people registered at T − 365. */
    public static final int MORTALITY_WINDOW_DAYS = 365;
    /** Date of death of a person of the population a year before T (a working column of the mortality base). */
    public static final String DEATH_DATE = "death_date";

    private IndicatorCounts() {
    }

    public static String ltcMeasure(String condition) {
        return "ltc_" + condition;
    }

    /**
     * Per-person values of the measures of the population at T, from {@code restricted/patient_segments}: one
     * person, their 12-month emergency admissions and A&amp;E attendances, a 1 for each long-term condition in
     * their {@code ltc_list} (the same flags as the features' {@code cond_x} columns of LTCs), and whether they
     * are 65+ and, if so, moderately or severely frail (a null eFI category counts as not frail).
     */
    public static Map<String, Column> measuresAtT(List<String> ltcNames) {
        Map<String, Column> m = new LinkedHashMap<>();
        m.put(POPULATION, lit(1L));
        m.put(NEL_ADMISSIONS, coalesce(col(Utilisation.NEL_ADMISSIONS_12M), lit(0L)));
        m.put(AE_ATTENDANCES, coalesce(col(Utilisation.AE_ATTENDANCES_12M), lit(0L)));
        Column ltcs = split(coalesce(col(Conditions.LTC_LIST), lit("")), "[|]");
        for (String c : ltcNames) {
            m.put(ltcMeasure(c), when(array_contains(ltcs, c), 1L).otherwise(0L));
        }
        Column aged65 = col(Population.AGE).geq(FRAILTY_MIN_AGE);
        m.put(POPULATION_65PLUS, when(aged65, 1L).otherwise(0L));
        m.put(FRAIL_65PLUS, when(aged65.and(col(Frailty.EFI_CATEGORY).isin(FRAIL_CATEGORIES.toArray())), 1L)
                .otherwise(0L));
        return m;
    }

    /**
     * Per-person values of the mortality measures, from the population at T − 365 days with its geography and
     * {@value #DEATH_DATE}: one person, and a 1 when they died in (T − 365, T].
     */
    public static Map<String, Column> measuresYearBefore(LocalDate asOf) {
        Map<String, Column> m = new LinkedHashMap<>();
        m.put(POPULATION_YEAR_BEFORE, lit(1L));
        m.put(DEATHS, when(col(DEATH_DATE).gt(lit(Date.valueOf(asOf.minusDays(MORTALITY_WINDOW_DAYS))))
                .and(col(DEATH_DATE).leq(lit(Date.valueOf(asOf)))), 1L).otherwise(0L));
        return m;
    }

    /**
     * The stratified counts: one row per geography level × area × ESP2013 band × IMD decile (null when the LSOA
     * is unknown) with at least one person, each measure summed, in one grouped pass over the people.
     *
     * @param people   one row per person with geography codes, {@code age}, {@code imd_decile} and what the
     *                 measures read
     * @param measures measure name → per-person value
     */
    public static Dataset<Row> strata(Dataset<Row> people, Map<String, Column> measures) {
        List<Column> levels = new ArrayList<>();
        for (GeographyLevel g : GeographyLevel.values()) {
            String parentColumn = parentCodeColumn(g);
            Column parent = parentColumn == null ? lit(TOP)
                    : coalesce(col(parentColumn), lit(GeographyLevel.UNKNOWN));
            levels.add(struct(lit(g.label).alias(GEOGRAPHY_LEVEL),
                    coalesce(col(g.codeColumn), lit(GeographyLevel.UNKNOWN)).alias(GEOGRAPHY_CODE),
                    parent.alias(PARENT_CODE)));
        }
        List<Column> perPerson = new ArrayList<>(List.of(col("g.*"),
                least(floor(col(Population.AGE).divide(5)), lit(StandardPopulation.ESP2013_BANDS.size() - 1))
                        .cast("int").alias(ESP_BAND),
                col(IMD_DECILE)));
        List<Column> sums = new ArrayList<>();
        measures.forEach((name, value) -> {
            perPerson.add(value.alias(name));
            sums.add(sum(name).alias(name));
        });
        // One row per area: a PCN whose practices lie in two ICBs is nested in (and compared with) the
        // lower-coded one, as segment_summary nests it.
        sums.add(0, min(PARENT_CODE).alias(PARENT_CODE));
        return people.withColumn("g", explode(array(levels.toArray(new Column[0]))))
                .select(perPerson.toArray(new Column[0]))
                .groupBy(GEOGRAPHY_LEVEL, GEOGRAPHY_CODE, ESP_BAND, IMD_DECILE)
                .agg(sums.get(0), sums.subList(1, sums.size()).toArray(new Column[0]));
    }

    /**
     * Several stratified tables (e.g. at T and at T − 365 days) as one, each measure 0 where its table has no
     * such stratum row.
     */
    public static Dataset<Row> combine(List<Dataset<Row>> strata, List<String> allMeasures) {
        Dataset<Row> all = null;
        for (Dataset<Row> s : strata) {
            List<String> have = List.of(s.columns());
            List<Column> cols = new ArrayList<>(List.of(col(GEOGRAPHY_LEVEL), col(GEOGRAPHY_CODE), col(PARENT_CODE),
                    col(ESP_BAND), col(IMD_DECILE)));
            for (String m : allMeasures) {
                cols.add(have.contains(m) ? col(m).cast("long").alias(m) : lit(0L).alias(m));
            }
            Dataset<Row> aligned = s.select(cols.toArray(new Column[0]));
            all = all == null ? aligned : all.unionByName(aligned);
        }
        return all;
    }

    /**
     * Numerator and denominator per geography × indicator (unrounded), summed from the stratified counts; an
     * indicator whose denominator is 0 in an area (e.g. nobody aged 65+) has no row there.
     */
    public static Dataset<Row> areaCounts(Dataset<Row> strata, List<Indicator> indicators) {
        List<String> measures = new ArrayList<>();
        for (Indicator i : indicators) {
            for (String m : List.of(i.numerator(), i.denominator())) {
                if (!measures.contains(m)) {
                    measures.add(m);
                }
            }
        }
        List<Column> totals = new ArrayList<>();
        for (String m : measures) {
            totals.add(sum(m).alias(m));
        }
        List<Column> perIndicator = new ArrayList<>();
        for (Indicator i : indicators) {
            perIndicator.add(struct(lit(i.id()).alias(INDICATOR_ID), col(i.numerator()).alias(NUMERATOR),
                    col(i.denominator()).alias(DENOMINATOR)));
        }
        return strata.groupBy(GEOGRAPHY_LEVEL, GEOGRAPHY_CODE)
                .agg(min(PARENT_CODE).alias(PARENT_CODE), totals.toArray(new Column[0]))
                .select(col(GEOGRAPHY_LEVEL), col(GEOGRAPHY_CODE), col(PARENT_CODE),
                        explode(array(perIndicator.toArray(new Column[0]))).alias("i"))
                .select(col(GEOGRAPHY_LEVEL), col(GEOGRAPHY_CODE), col(PARENT_CODE), col("i.*"))
                .filter(col(DENOMINATOR).gt(0));
    }

    /** The person-table column of the area a level's rows are compared with (null: the top). */
    static String parentCodeColumn(GeographyLevel g) {
        return switch (g) {
            case LSOA -> Geography.PLACE_CODE;
            case PCN -> Geography.ICB_CODE;
            case PLACE, ICB -> null;
        };
    }

    /**
     * How disclosure control sees the area counts: per indicator, a denominator and a numerator per area, adding
     * up across the geography levels as the people fall into them ({@link DisclosureControl#protect}); a
     * numerator is withheld wherever its denominator is (a rate of a withheld population would give it back).
     */
    public static final TableLayout LAYOUT = new TableLayout("indicators", GEOGRAPHY_LEVEL, GEOGRAPHY_CODE,
            SegmentSummary.LAYOUT.levels(), null, null, List.of(INDICATOR_ID),
            List.of(TableLayout.Measure.count(DENOMINATOR), TableLayout.Measure.count(NUMERATOR, DENOMINATOR)));

    /**
     * Disclosure decisions on the area counts, before any statistic is computed: a count of 1–7 is withheld, a
     * numerator beside a withheld denominator too, and then more until no withheld figure can be worked out from
     * the published ones across the LSOA, PCN, Place and ICB levels (the shared component,
     * {@link DisclosureControl#protect}). Counts as published: rounded, null when withheld.
     *
     * @param membership the distinct combinations of area codes of the people counted (see
     *                   {@link SegmentSummary#membership})
     */
    public static DisclosureControl.ProtectedTable protect(Dataset<Row> areaCounts, Dataset<Row> membership,
                                                           DisclosureControl dc) {
        return dc.protect(areaCounts.select(col(GEOGRAPHY_LEVEL), col(GEOGRAPHY_CODE), col(PARENT_CODE),
                col(INDICATOR_ID), col(NUMERATOR), col(DENOMINATOR)), LAYOUT, membership);
    }
}
