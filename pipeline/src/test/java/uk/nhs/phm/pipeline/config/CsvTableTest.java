package uk.nhs.phm.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.segment.SegmentRule;

/** Small configuration CSVs: RFC 4180 quoting, line numbers in messages. */
class CsvTableTest {
    private static CsvTable parse(String text) {
        return CsvTable.parse("rules.csv", new StringReader(text));
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() {
        CsvTable t = parse("\uFEFFcohort,condition\r\n"
                + "a,\"segment IN ('x', 'y')\"\r\n"
                + "\r\n"
                + "b,\"say \"\"hi\"\"\"\r\n"
                + "c,\"two\r\nlines\"\r\n"
                + "d,last\r\n");
        assertEquals(List.of("cohort", "condition"), t.header);
        assertEquals(4, t.records.size());
        assertEquals("segment IN ('x', 'y')", t.records.get(0).get("condition"));
        assertEquals("say \"hi\"", t.records.get(1).get("condition"));
        assertEquals("two\nlines", t.records.get(2).get("condition").replace("\r", ""));
        assertEquals(List.of(2L, 4L, 5L, 7L), t.records.stream().map(r -> r.line).toList(), "lines as in the file");
    }

    @Test
    void errorsNameTheFileTheLineAndTheColumn() {
        PhmUserException e = assertThrows(PhmUserException.class, () -> SegmentRule.parse(
                parse("priority,segment,rule_id,condition,sub_segment\n1,a,x,true,\nfirst,b,y,true,\n")));
        assertEquals("rules.csv, line 3: column 'priority' is 'first'; it must be a whole number (1 = highest "
                + "priority).", e.getMessage());
        e = assertThrows(PhmUserException.class, () -> SegmentRule.parse(parse("priority,segment,condition\n")));
        assertTrue(e.getMessage().startsWith("rules.csv: required column 'rule_id' is missing"), e.getMessage());
        e = assertThrows(PhmUserException.class, () -> parse(""));
        assertEquals("rules.csv: the file is empty; it needs a header row.", e.getMessage());
    }
}
