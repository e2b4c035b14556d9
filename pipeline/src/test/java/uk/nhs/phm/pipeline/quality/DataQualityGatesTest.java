package uk.nhs.phm.pipeline.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.config.Settings;
import uk.nhs.phm.pipeline.run.PreviousPublication;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.testing.SparkTestSession;
import uk.nhs.phm.pipeline.validate.FeedFormat;
import uk.nhs.phm.pipeline.validate.ValidatedTable;

/** The gates on hand-computed figures: which publication a run is compared with, and where each gate trips. */
class DataQualityGatesTest {
    private static final Settings DEFAULTS = Settings.defaults();

    private static PreviousPublication published(String run, String asOf, Long population, Map<String, Long> rows) {
        return new PreviousPublication(run, LocalDate.parse(asOf), population, rows);
    }

    @Test
    void aRunIsComparedWithItsOwnDateOrTheNearestEarlierOne() {
        TreeMap<LocalDate, PreviousPublication> m = new TreeMap<>();
        m.put(LocalDate.parse("2025-03-31"), published("r2025", "2025-03-31", 900L, Map.of()));
        m.put(LocalDate.parse("2026-09-30"), published("r2026", "2026-09-30", 1000L, Map.of()));
        PreviousPublication.Published p = new PreviousPublication.Published(m);
        assertEquals("r2026", p.forDate(LocalDate.parse("2026-10-01")).runId, "the nightly case: yesterday");
        assertEquals("r2026", p.forDate(LocalDate.parse("2026-09-30")).runId, "a rerun: the same date");
        assertEquals("r2025", p.forDate(LocalDate.parse("2025-12-31")).runId, "a backfill: the nearest earlier");
        assertEquals(PreviousPublication.NONE, p.forDate(LocalDate.parse("2020-01-01")), "before all: nothing");
    }

    @Test
    void thePopulationGateTripsAboveItsShareOnly() {
        PreviousPublication before = published("r1", "2026-09-30", 1000L, Map.of());
        assertTrue(DataQualityGates.population(800, before, DEFAULTS).passed(), "a fall of exactly 20% passes");
        DataQualityGates.Verdict v = DataQualityGates.population(799, before, DEFAULTS);
        assertFalse(v.passed());
        assertEquals("population at T: 799 against 1,000 in the run published for 2026-09-30, r1, a fall of 20.1%, "
                + "above the gate of 20%; check patients and registrations (phm validate shows what was "
                + "quarantined), or set gate.max_population_drop=0.21 if the fall is real", v.message());
        assertThrows(DataQualityGateException.class, () -> DataQualityGates.enforce(List.of(v)));
        assertTrue(DataQualityGates.population(0, PreviousPublication.NONE, DEFAULTS).passed());
        assertTrue(DataQualityGates.population(0, published("old", "2026-01-01", null, Map.of()), DEFAULTS).passed(),
                "an older manifest without a population: nothing to compare");
        assertTrue(DataQualityGates.population(5000, before, DEFAULTS).passed(), "a rise is not a breach");
    }

    @Test
    void aTableMissingTonightThatWasReadBeforeIsAFallOfAllItsRows() {
        PreviousPublication before = published("r1", "2026-09-30", 1000L, Map.of("gp_events", 400L));
        ValidatedTable absent = ValidatedTable.absent(SparkTestSession.get(), InputTable.GP_EVENTS);
        DataQualityGates.Verdict v = DataQualityGates.rowsRead(absent, before, DEFAULTS).orElseThrow();
        assertFalse(v.passed());
        assertTrue(v.message().startsWith("gp_events: 0 rows read (absent) against 400 in the run published for "
                + "2026-09-30, r1, a fall of 100%, above the gate of 50%"), v.message());
        assertTrue(DataQualityGates.rowsRead(ValidatedTable.absent(SparkTestSession.get(), InputTable.DEATHS), before,
                DEFAULTS).isEmpty(), "not read then either: nothing to compare");
    }

    @Test
    void aNullTextThatIsARealValueIsRefused() {
        assertEquals(java.util.Set.of("null", "n/a"), FeedFormat.parseNullTokens("NULL, N/A"));
        assertEquals(java.util.Set.of(), FeedFormat.parseNullTokens("none"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeedFormat.parseNullTokens("NULL,Other"));
        assertEquals("'Other' is a value of social_care_services.service_type; list only texts that never are real "
                + "values, e.g. NULL,N/A", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeedFormat.parseNullTokens("NULL,DNA"));
        assertThrows(IllegalArgumentException.class, () -> FeedFormat.parseNullTokens("NULL,-"));
        assertThrows(IllegalArgumentException.class, () -> FeedFormat.parseNullTokens("NULL,,N/A"));
    }
}
