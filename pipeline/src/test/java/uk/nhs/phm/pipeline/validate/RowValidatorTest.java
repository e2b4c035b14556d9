package uk.nhs.phm.pipeline.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.phm.pipeline.testing.Fixtures.raw;
import static uk.nhs.phm.pipeline.testing.Fixtures.row;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.testing.SparkTestSession;

class RowValidatorTest {
    private static final LocalDate EXTRACT = LocalDate.of(2026, 10, 1);

    private static Map<String, String> reasonsByKey(Dataset<Row> flagged, InputTable t, IdentifierPolicy p, String key) {
        return RowValidator.rejected(flagged, t, p).collectAsList().stream()
                .filter(r -> !r.isNullAt(r.fieldIndex(key)))
                .collect(Collectors.toMap(r -> r.getString(r.fieldIndex(key)), r -> r.getString(r.fieldIndex("reject_reason"))));
    }

    @Test
    void patientsRowRulesEachGiveTheirReason() {
        Dataset<Row> flagged = RowValidator.flag(raw(InputTable.PATIENTS,
                row("ok1", "1950", "4", "F", "A", null),
                row("nosex", "1950", null, null, null, null),
                row("badyear", "19x0", null, "M", null, null),
                row("badsex", "1950", null, "Q", null, null),
                row("old", "1899", null, "M", null, null),
                row("month13", "1950", "13", "M", null, null),
                row("future_death", "1950", null, "M", null, "2026-10-02"),
                row("bad_death", "1950", null, "M", null, "31/12/2024"),
                row("9434765919", "1950", null, "M", null, null),
                row("dup", "1960", null, "F", null, null),
                row("dup", "1950", null, "F", null, null),
                row(null, "1980", null, "F", null, null),
                // A possible NHS number is reported as such even when the row has other problems.
                row("4010232137", "1980", null, null, null, null),
                row("ok2", "1980", null, "U", "99", "2025-01-01")), InputTable.PATIENTS, EXTRACT, null, false, FeedFormat.CONTRACT);
        ValidationSummary s = new ValidationSummary(InputTable.PATIENTS,
                RowValidator.summarise(flagged, InputTable.PATIENTS, FeedFormat.CONTRACT).collectAsList());
        assertEquals(IdentifierPolicy.QUARANTINE_NHS_LIKE, s.policy);
        Map<String, String> reasons = reasonsByKey(flagged, InputTable.PATIENTS, s.policy, "person_id");
        assertEquals("missing_required_value:sex", reasons.get("nosex"));
        assertEquals("unparseable_int:year_of_birth", reasons.get("badyear"));
        assertEquals("invalid_code:sex", reasons.get("badsex"));
        assertEquals("out_of_range:year_of_birth", reasons.get("old"));
        assertEquals("out_of_range:month_of_birth", reasons.get("month13"));
        assertEquals("date_in_future:date_of_death", reasons.get("future_death"));
        assertEquals("unparseable_date:date_of_death", reasons.get("bad_death"));
        assertEquals("possible_nhs_number:person_id", reasons.get("9434765919"));
        // Of two rows with one key, the first in value order (year 1950 < 1960) is kept.
        assertEquals("duplicate_key:person_id", reasons.get("dup"));
        List<Row> kept = RowValidator.accepted(flagged, InputTable.PATIENTS, s.policy)
                .filter("person_id = 'dup'").collectAsList();
        assertEquals(1950, kept.get(0).getInt(1));
        assertEquals(14, s.rowsRead);
        assertEquals(3, s.rowsAccepted);
        assertEquals(11, s.rowsQuarantined);
        assertEquals(s.rowsRead, s.rowsAccepted + s.rowsQuarantined);
        assertEquals(1L, s.reasons.get("missing_required_value:person_id"));
        assertEquals(2L, s.reasons.get("possible_nhs_number:person_id"));
        assertEquals(11L, s.reasons.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void spellsCheckDatesCodesKeysAndOrphans() {
        Dataset<Row> known = raw(InputTable.PATIENTS, row("p1", "1950", null, "F", null, null))
                .select("person_id");
        Dataset<Row> flagged = RowValidator.flag(raw(InputTable.INPATIENT_SPELLS,
                row("s1", "p1", "RBD", "2025-01-01", "2025-01-05", "21", "I50.0", "E11.9|I10", null, "19", "3000"),
                row("s2", "p1", "RBD", "2025-02-01", "2025-01-30", "21", null, null, null, null, null),
                row("s3", "p1", "RBD", "2025-02-01", null, "99", null, null, null, null, null),
                row("s4", "p1", "RBD", "1899-12-31", null, "11", null, null, null, null, null),
                row("s5", "ghost", "RBD", "2025-02-01", null, "11", null, null, null, null, null),
                row("s6", "p1", "RBD", "2025-02-01", null, "2A", null, null, null, null, "-5"),
                row("s1", "p1", "RBD", "2025-03-01", null, "11", null, null, null, null, null),
                // Same key twice, the first copy (in value order) for an unknown person: the good copy is kept.
                row("s7", "a_ghost", "RBD", "2025-02-01", null, "11", null, null, null, null, null),
                row("s7", "p1", "RBD", "2025-02-01", null, "11", null, null, null, null, null)),
                InputTable.INPATIENT_SPELLS, EXTRACT, known, true, FeedFormat.CONTRACT);
        ValidationSummary s = new ValidationSummary(InputTable.INPATIENT_SPELLS,
                RowValidator.summarise(flagged, InputTable.INPATIENT_SPELLS, FeedFormat.CONTRACT).collectAsList());
        List<Row> rejected = RowValidator.rejected(flagged, InputTable.INPATIENT_SPELLS, s.policy).collectAsList();
        Map<String, Long> byReason = rejected.stream().collect(Collectors.groupingBy(
                r -> r.getString(r.fieldIndex("reject_reason")), Collectors.counting()));
        assertEquals(Map.of("end_before_start:discharge_date", 1L, "invalid_code:admission_method", 1L,
                "date_before_1900:admission_date", 1L, "orphan_person_id", 2L, "out_of_range:cost", 1L,
                "duplicate_key:spell_id", 1L), byReason);
        assertEquals(s.reasons, byReason);
        assertEquals(2, s.rowsAccepted);
        assertEquals(1, RowValidator.accepted(flagged, InputTable.INPATIENT_SPELLS, s.policy)
                .filter("spell_id = 's7' AND person_id = 'p1'").count());
        assertEquals(LocalDate.of(2025, 1, 5), s.latestDates.get("discharge_date"));
        // Quarantined rows keep their original text.
        Row orphan = rejected.stream().filter(r -> "s5".equals(r.getString(0))).findFirst().orElseThrow();
        assertEquals("ghost", orphan.getString(1));
    }

    @Test
    void tenDigitTokensAreAcceptedUnlessMostPassTheNhsCheck() {
        // Tokens that are themselves 10-digit numbers: one valid NHS-like value among four is chance, not identity.
        Dataset<Row> flagged = RowValidator.flag(raw(InputTable.PATIENTS,
                row("9434765919", "1950", null, "F", null, null),
                row("1234567890", "1950", null, "F", null, null),
                row("1111111112", "1950", null, "F", null, null),
                row("2222222220", "1950", null, "F", null, null)), InputTable.PATIENTS, EXTRACT, null, false, FeedFormat.CONTRACT);
        ValidationSummary s = new ValidationSummary(InputTable.PATIENTS,
                RowValidator.summarise(flagged, InputTable.PATIENTS, FeedFormat.CONTRACT).collectAsList());
        assertEquals(IdentifierPolicy.ACCEPT, s.policy);
        assertEquals(4, s.rowsAccepted);
        assertTrue(!s.looksLikeNhsNumbers());

        Dataset<Row> nhs = RowValidator.flag(raw(InputTable.PATIENTS,
                row("9434765919", "1950", null, "F", null, null),
                row("4010232137", "1950", null, "F", null, null),
                row("1234567890", "1950", null, "F", null, null)), InputTable.PATIENTS, EXTRACT, null, false, FeedFormat.CONTRACT);
        ValidationSummary n = new ValidationSummary(InputTable.PATIENTS,
                RowValidator.summarise(nhs, InputTable.PATIENTS, FeedFormat.CONTRACT).collectAsList());
        assertTrue(n.looksLikeNhsNumbers());
    }

    @Test
    void aColumnThatNeverParsesIsAFileLevelProblem() {
        Dataset<Row> flagged = RowValidator.flag(raw(InputTable.REGISTRATIONS,
                row("p1", "A81001", "01/02/2020", null, null),
                row("p2", "A81001", "02/02/2020", null, null)), InputTable.REGISTRATIONS, EXTRACT, null, false, FeedFormat.CONTRACT);
        ValidationSummary s = new ValidationSummary(InputTable.REGISTRATIONS,
                RowValidator.summarise(flagged, InputTable.REGISTRATIONS, FeedFormat.CONTRACT).collectAsList());
        assertEquals(List.of("start_date"), s.columnsUnparseableThroughout());
    }

    /** The feed's own spellings (NHS Data Dictionary codes, SQL Server NULL and datetime) read as the contract's. */
    @Test
    void realFeedEncodingsReadAsTheContract() {
        FeedFormat feed = new FeedFormat(FeedFormat.parseNullTokens("NULL,N/A"), true, "UTF-8", false);
        Dataset<Row> flagged = RowValidator.flag(raw(InputTable.PATIENTS,
                row("p1", "1950", "NULL", "1", "a", "2025-01-01 00:00:00.000"),
                row("p2", "1950", " null ", "2", "4", "2025-03-04T10:11:12"),
                row("p3", "1950", "n/a", "9", "0", "04/03/2025"),
                row("p4", "1950", null, "0", "99", "4/3/2025 23:59"),
                row("p5", "1950", null, "X", "NULL", "NULL"),
                row("p6", "1950", null, "m", "9", null),
                row("p7", "1950", null, "3", null, "2026-02-30"),
                row("p8", "1950", null, "F", null, "2025-01-01 25:00"),
                row("p9", "1950", null, "NULL", null, null)),
                InputTable.PATIENTS, EXTRACT, null, false, feed);
        ValidationSummary s = new ValidationSummary(InputTable.PATIENTS,
                RowValidator.summarise(flagged, InputTable.PATIENTS, feed).collectAsList());
        Map<String, Row> ok = RowValidator.accepted(flagged, InputTable.PATIENTS, s.policy).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r));
        assertEquals(List.of("p1", "p2", "p3", "p4", "p5", "p6"), ok.keySet().stream().sorted().toList());
        // Columns: person_id, year_of_birth, month_of_birth, sex, ethnic_category, date_of_death.
        assertTrue(ok.get("p1").isNullAt(2), "NULL in an optional number is no value");
        assertEquals(List.of("M", "F", "I", "U", "U", "M"), List.of("p1", "p2", "p3", "p4", "p5", "p6").stream()
                .map(p -> ok.get(p).getString(3)).toList());
        assertEquals(java.util.Arrays.asList("A", "H", "C", "99", null, "Z"), List.of("p1", "p2", "p3", "p4", "p5", "p6")
                .stream().map(p -> ok.get(p).getString(4)).toList());
        assertEquals(java.util.Arrays.asList("2025-01-01", "2025-03-04", "2025-03-04", "2025-03-04", null, null),
                List.of("p1", "p2", "p3", "p4", "p5", "p6").stream()
                        .map(p -> ok.get(p).isNullAt(5) ? null : ok.get(p).getDate(5).toString()).toList());
        Map<String, String> reasons = reasonsByKey(flagged, InputTable.PATIENTS, s.policy, "person_id");
        assertEquals("invalid_code:sex", reasons.get("p7"), "3 (indeterminate before 1996) is not a current code");
        assertEquals("unparseable_date:date_of_death", reasons.get("p8"), "hour 25 is not a time");
        assertEquals("missing_required_value:sex", reasons.get("p9"));
        // Coded values are shown as sent; other values by their shape only.
        assertEquals("'3'", s.examples.get("invalid_code:sex"));
        assertEquals("shaped like '9999-99-99 99:99'", s.examples.get("unparseable_date:date_of_death"));
    }

    @Test
    void contractFormatKeepsNullTextAndDayFirstDatesAsValues() {
        Dataset<Row> flagged = RowValidator.flag(raw(InputTable.REGISTRATIONS,
                row("p1", "A81001", "2020-01-01", "NULL", null),
                row("p2", "A81001", "2020-01-01", "31/12/2020", "E01000001"),
                row("p3", "A81001", "2020-01-01", "2026-02-30", "E01000001\uFFFD")),
                InputTable.REGISTRATIONS, EXTRACT, null, false, FeedFormat.CONTRACT);
        ValidationSummary s = new ValidationSummary(InputTable.REGISTRATIONS,
                RowValidator.summarise(flagged, InputTable.REGISTRATIONS, FeedFormat.CONTRACT).collectAsList());
        assertEquals(Map.of("unparseable_date:end_date", 3L), s.reasons);
        assertEquals("shaped like '99/99/9999'", s.examples.get("unparseable_date:end_date"), "the first shape in order");
        assertEquals(1, s.undecodableRows);
        assertEquals(3, s.rowsQuarantined);
    }

    @Test
    void aMalformedLineWithAnOddNumberOfQuotesIsACutRecord() {
        List<Row> r = SparkTestSession.get().sql("SELECT 'a,\"b' AS l UNION ALL SELECT 'c\",d' UNION ALL "
                + "SELECT 'a,\"b\"\"c\"' UNION ALL SELECT CAST(NULL AS STRING)").select(
                RowValidator.oddQuoteCount(org.apache.spark.sql.functions.col("l"))).collectAsList();
        assertEquals(List.of(true, true, false, false), r.stream().map(x -> x.getBoolean(0)).toList());
    }
}
