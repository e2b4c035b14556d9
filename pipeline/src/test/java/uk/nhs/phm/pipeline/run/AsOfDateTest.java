package uk.nhs.phm.pipeline.run;

import uk.nhs.phm.pipeline.validate.FeedFormat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static uk.nhs.phm.pipeline.testing.Fixtures.row;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.testing.Fixtures;
import uk.nhs.phm.pipeline.validate.RowValidator;
import uk.nhs.phm.pipeline.validate.ValidationSummary;

/** The as-of date rule: the configured date, else the latest valid activity date in the accepted rows. */
class AsOfDateTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 10, 5);

    private static ValidationSummary summary(InputTable t, String[]... rows) {
        Dataset<Row> flagged = RowValidator.flag(Fixtures.raw(t, rows), t, TODAY, null, true, FeedFormat.CONTRACT);
        return new ValidationSummary(t, RowValidator.summarise(flagged, t, FeedFormat.CONTRACT).collectAsList());
    }

    @Test
    void latestActivityAcrossTablesNotRegistrationsOrRejectedRows() {
        Map<InputTable, ValidationSummary> s = new EnumMap<>(InputTable.class);
        s.put(InputTable.REGISTRATIONS, summary(InputTable.REGISTRATIONS, row("p", "A81001", "2026-10-01", null, null)));
        s.put(InputTable.GP_EVENTS, summary(InputTable.GP_EVENTS,
                row("p", "2026-09-28", "snomed", "1", null, null),
                // A date after today is rejected, so it is not the latest activity.
                row("p", "2026-10-06", "snomed", "1", null, null)));
        s.put(InputTable.AE_ATTENDANCES, summary(InputTable.AE_ATTENDANCES,
                row("a1", "p", null, "2026-09-30", null, null, null, null)));
        AsOfDate t = AsOfDate.resolve(null, s);
        assertEquals(LocalDate.of(2026, 9, 30), t.date);
        assertEquals(AsOfDate.LATEST_ACTIVITY, t.source);
        assertEquals(new AsOfDate(LocalDate.of(2025, 3, 31), AsOfDate.CONFIGURED).date,
                AsOfDate.resolve(LocalDate.of(2025, 3, 31), s).date);
    }

    @Test
    void withoutActivityTheLatestRegistrationThenAnError() {
        Map<InputTable, ValidationSummary> s = new EnumMap<>(InputTable.class);
        s.put(InputTable.REGISTRATIONS, summary(InputTable.REGISTRATIONS, row("p", "A81001", "2026-08-01", null, null)));
        assertEquals(LocalDate.of(2026, 8, 1), AsOfDate.resolve(null, s).date);
        s.put(InputTable.REGISTRATIONS, summary(InputTable.REGISTRATIONS, row("p", "A81001", "not a date", null, null)));
        assertThrows(PhmUserException.class, () -> AsOfDate.resolve(null, s));
    }

    @Test
    void aConfiguredDateAfterTodayIsRefusedNamingWhereItWasSet() {
        PhmUserException e = assertThrows(PhmUserException.class,
                () -> AsOfDate.checkConfigured(LocalDate.of(2026, 10, 6), TODAY, "command line"));
        assertEquals("command line: as-of date 2026-10-06 is after today (2026-10-05); give a date on or before the "
                + "extract date.", e.getMessage());
        AsOfDate.checkConfigured(TODAY, TODAY, "command line");
        AsOfDate.checkConfigured(null, TODAY, "command line");
    }

    @Test
    void aConfiguredDateBeforeMostActivityWarnsAndBeforeAlmostAllStops() {
        LocalDate t = LocalDate.of(2000, 1, 1);
        assertNull(AsOfDate.checkCoverage(t, 50, 100, "command line"), "half the activity is enough");
        assertNull(AsOfDate.checkCoverage(t, 0, 0, "command line"), "no activity at all: nothing to compare");
        assertEquals("as-of date 2000-01-01 is before 51.0% of the activity in the extract (49 of 100 records are "
                + "dated on or before it); features at T see little of the extract",
                AsOfDate.checkCoverage(t, 49, 100, "command line"));
        PhmUserException e = assertThrows(PhmUserException.class,
                () -> AsOfDate.checkCoverage(t, 9, 1000, "command line"));
        assertEquals("command line: as-of date 2000-01-01 is before 99.1% of the activity in the extract (9 of 1,000 "
                + "records are dated on or before it); check the year of --as-of (as_of), or leave it empty to use "
                + "the latest activity date.", e.getMessage());
    }
}
