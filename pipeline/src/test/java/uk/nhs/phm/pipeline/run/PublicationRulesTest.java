package uk.nhs.phm.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicationRulesTest {
    private static final LocalDate T = LocalDate.of(2026, 9, 30);

    @Test
    void latestIsTheLatestAsOfDateSoABackfillDoesNotMoveIt() {
        assertTrue(PublicationRules.becomesLatest(null, T), "the first run");
        assertTrue(PublicationRules.becomesLatest(T, T), "a rerun of the latest date");
        assertTrue(PublicationRules.becomesLatest(T.minusDays(1), T));
        assertFalse(PublicationRules.becomesLatest(T, T.minusMonths(6)), "a backfill");
        assertEquals(T, PublicationRules.latest(List.of(T.minusMonths(6), T, T.minusDays(1))));
        assertNull(PublicationRules.latest(List.of()));
    }

    @Test
    void theNewestSnapshotsAndThePublishedOneAreKept() {
        List<String> runs = List.of("20260101T000000Z-a", "20260301T000000Z-c", "20260201T000000Z-b",
                "20260401T000000Z-d");
        assertEquals(List.of("20260201T000000Z-b", "20260101T000000Z-a"),
                PublicationRules.snapshotsToRemove(runs, "20260401T000000Z-d", 2));
        // A published run older than the newest ones (a rerun failed after writing its snapshot) stays.
        assertEquals(List.of("20260201T000000Z-b"), PublicationRules.snapshotsToRemove(runs, "20260101T000000Z-a", 2));
        assertEquals(List.of(), PublicationRules.snapshotsToRemove(runs, "x", 4));
    }
}
