package uk.nhs.phm.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.PhmUserException;

/** Parsing one setting's value: the message says what is wrong with the value actually given. */
class SettingTest {
    private static final Setting<LocalDate> DATE = Setting.date("as_of", "test");

    private static String error(String value) {
        return assertThrows(PhmUserException.class, () -> DATE.parse(value, "--as-of")).getMessage();
    }

    @Test
    void dateInTheRightFormParses() {
        assertEquals(LocalDate.of(2024, 2, 29), DATE.parse("2024-02-29", "--as-of"));
        assertEquals(LocalDate.of(2026, 3, 31), DATE.parse(" 2026-03-31 ", "--as-of"));
        assertNull(DATE.parse("", "--as-of"), "empty means not set");
    }

    @Test
    void dateInAnotherFormAsksForTheForm() {
        assertEquals("--as-of: 'as_of' is '31/01/2026'; give a date as YYYY-MM-DD.", error("31/01/2026"));
        assertEquals("--as-of: 'as_of' is '2026-1-31'; give a date as YYYY-MM-DD.", error("2026-1-31"));
    }

    @Test
    void dateInTheRightFormThatIsNoDaySaysSo() {
        assertEquals("--as-of: 'as_of' is '2026-02-30'; 2026-02-30 is not a calendar date (February 2026 has 28 "
                + "days).", error("2026-02-30"));
        assertEquals("--as-of: 'as_of' is '2025-02-29'; 2025-02-29 is not a calendar date (February 2025 has 28 "
                + "days).", error("2025-02-29"));
        assertEquals("--as-of: 'as_of' is '2026-13-01'; 2026-13-01 is not a calendar date (months are 01 to 12).",
                error("2026-13-01"));
        assertEquals("--as-of: 'as_of' is '2026-04-31'; 2026-04-31 is not a calendar date (April 2026 has 30 days).",
                error("2026-04-31"));
    }
}
