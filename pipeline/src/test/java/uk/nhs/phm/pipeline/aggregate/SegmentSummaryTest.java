package uk.nhs.phm.pipeline.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.disclosure.DisclosureControl;
import uk.nhs.phm.pipeline.testing.Fixtures;

/**
 * Which rows {@code segment_summary} has, as the README describes them: one per area and segment with at least
 * one person, plus each area's {@code all} row. A segment with nobody in an area has no row (a reader takes it as
 * 0); an activity count of zero in a row that exists is published as 0, not withheld.
 */
class SegmentSummaryTest {
    private static final StructType PEOPLE = new StructType()
            .add("lsoa_code", DataTypes.StringType).add("place_code", DataTypes.StringType)
            .add("pcn_code", DataTypes.StringType).add("icb_code", DataTypes.StringType)
            .add("segment", DataTypes.StringType).add("nel_admissions_12m", DataTypes.LongType)
            .add("ae_attendances_12m", DataTypes.LongType).add("bed_days_12m", DataTypes.LongType)
            .add("cost_12m", DataTypes.DoubleType);
    private static final StructType NAMES = new StructType().add("geography_level", DataTypes.StringType)
            .add("geography_code", DataTypes.StringType).add("geography_name", DataTypes.StringType);

    @Test
    void aSegmentWithNobodyInAnAreaHasNoRowAndZeroActivityIsPublishedAsZero() {
        // LSOA A: 10 healthy people without admissions. LSOA B: 10 healthy, 10 with an LTC and 1 admission each.
        List<Object[]> people = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            people.add(new Object[] {"A", "P1", "N1", "Q1", "healthy_well", 0L, 0L, 0L, 0.0});
            people.add(new Object[] {"B", "P1", "N1", "Q1", "healthy_well", 0L, 0L, 0L, 0.0});
            people.add(new Object[] {"B", "P1", "N1", "Q1", "ltc", 1L, 0L, 2L, 100.0});
        }
        Dataset<Row> persons = Fixtures.table(PEOPLE, people.toArray(new Object[0][]));
        Dataset<Row> raw = SegmentSummary.aggregateByGeography(persons, Fixtures.table(NAMES));
        Dataset<Row> published = SegmentSummary.publish(raw, SegmentSummary.membership(persons),
                new DisclosureControl(8, 5, 1000)).published();

        Map<String, Long> patients = new TreeMap<>();
        for (Row r : published.filter("geography_level = 'lsoa'").collectAsList()) {
            patients.put(r.getString(r.fieldIndex("geography_code")) + "/" + r.getString(r.fieldIndex("segment")),
                    r.getLong(r.fieldIndex("patients")));
        }
        assertEquals(Map.of("A/all", 10L, "A/healthy_well", 10L, "B/all", 20L, "B/healthy_well", 10L, "B/ltc", 10L),
                patients, "no A/ltc row: nobody in A has an LTC");
        assertEquals(0, published.filter("patients = 0").count(), "no row of zero people");

        Row aHealthy = published.filter("geography_level = 'lsoa' AND geography_code = 'A' AND segment = 'healthy_well'")
                .first();
        assertEquals(0L, aHealthy.getLong(aHealthy.fieldIndex("nel_admissions_12m")), "zero activity is 0, not null");
        assertFalse(aHealthy.getBoolean(aHealthy.fieldIndex("activity_suppressed")));
        assertEquals(0.0, aHealthy.getDouble(aHealthy.fieldIndex("cost_12m")));
    }
}
