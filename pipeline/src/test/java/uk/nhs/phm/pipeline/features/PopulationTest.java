package uk.nhs.phm.pipeline.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.nhs.phm.pipeline.testing.Fixtures.row;
import static uk.nhs.phm.pipeline.testing.Fixtures.typed;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.testing.RowAssert;

class PopulationTest {
    private static final FeatureSettings T = FeatureSettings.defaults(LocalDate.of(2026, 3, 31));

    @Test
    void populationAtTIsRegisteredOnTAndAliveAfterT() {
        Dataset<Row> patients = typed(InputTable.PATIENTS,
                row("in", "1950", "4", "F", "A", null),
                row("starts_after_t", "1950", "4", "F", "A", null),
                row("ends_on_t", "1950", "4", "F", "A", null),
                row("ends_after_t", "1950", "3", "M", "H", null),
                row("died_on_t", "1950", "4", "F", "A", "2026-03-31"),
                row("died_after_t", "1950", null, "F", "Z", "2026-04-01"),
                row("death_in_deaths_table", "1950", "4", "F", "A", null),
                row("moved", "2025", "12", "M", "M", null),
                row("born_after_t", "2026", "6", "F", null, null));
        Dataset<Row> regs = typed(InputTable.REGISTRATIONS,
                row("in", "A81001", "2010-01-01", null, "E01000001"),
                row("starts_after_t", "A81001", "2026-04-01", null, null),
                row("ends_on_t", "A81001", "2010-01-01", "2026-03-31", null),
                row("ends_after_t", "A81001", "2010-01-01", "2026-04-01", null),
                row("died_on_t", "A81001", "2010-01-01", null, null),
                row("died_after_t", "A81001", "2010-01-01", null, null),
                row("death_in_deaths_table", "A81001", "2010-01-01", null, null),
                row("moved", "A81001", "2025-12-01", "2026-02-01", "E01000001"),
                row("moved", "A81002", "2026-02-01", null, "E01000010"),
                row("born_after_t", "A81001", "2026-01-01", null, null));
        Dataset<Row> deaths = typed(InputTable.DEATHS, row("death_in_deaths_table", "2026-01-10", "home", "I21.9"));

        Dataset<Row> pop = Population.atDate(patients, regs, deaths, T);
        assertEquals(Set.of("in", "ends_after_t", "died_after_t", "moved"),
                Set.copyOf(pop.select("person_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList()));
        // Ages at 2026-03-31, birthday taken as the 1st of the birth month (1 July when unknown):
        // born April 1950 -> 75; born March 1950 -> 76 (1 March passed); month unknown -> 75; born Dec 2025 -> 0.
        RowAssert.assertRows(pop, "person_id", Map.of(
                "in", Map.of("age", 75, "age_band", "75-79", "ethnic_group", "White", "practice_code", "A81001"),
                "ends_after_t", Map.of("age", 76, "age_band", "75-79", "ethnic_group", "Asian"),
                "died_after_t", Map.of("age", 75, "ethnic_group", "Not known"),
                "moved", Map.of("age", 0, "age_band", "0-4", "ethnic_group", "Black", "practice_code", "A81002",
                        "lsoa_code_recorded", "E01000010")));
    }

    @Test
    void ageBandsFollowEsp2013() {
        Dataset<Row> ages = uk.nhs.phm.pipeline.testing.SparkTestSession.get().range(0, 100).toDF("age")
                .withColumn("band", Population.ageBand(org.apache.spark.sql.functions.col("age").cast("int")));
        Map<String, Row> byAge = RowAssert.byKey(ages, "age");
        assertEquals("0-4", byAge.get("4").getString(1));
        assertEquals("5-9", byAge.get("5").getString(1));
        assertEquals("85-89", byAge.get("89").getString(1));
        assertEquals("90+", byAge.get("90").getString(1));
        assertEquals("90+", byAge.get("99").getString(1));
        assertEquals(19, ages.select("band").distinct().count());
    }
}
