package uk.nhs.phm.pipeline.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.nhs.phm.pipeline.testing.Fixtures.row;
import static uk.nhs.phm.pipeline.testing.Fixtures.typed;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.testing.Fixtures;
import uk.nhs.phm.pipeline.testing.SparkTestSession;
import uk.nhs.phm.pipeline.testing.TestReference;

/**
 * {@code cmms} of hand-made people at T = 2026-03-31 under five real conditions of the shipped lists (see
 * {@link TestReference#cmms}): AF 1.3 (QOF flag), Parkinson's 1.29 (Read v2 F12 and children), cancer 1.5
 * (SNOMED 363406005 in 5 years), constipation 1.03 (≥ 4 BNF 1.6 issues in 12 months), psoriasis/eczema 0.25
 * (Read M111 and ≥ 4 BNF 13.5 issues).
 */
class CambridgeMultimorbidityScoreTest {
    private static final LocalDate T = LocalDate.of(2026, 3, 31);

    @Test
    void eachKindOfRuleGivesTheHandComputedSum() {
        String[] people = {"af_flag", "read_term_code", "snomed_cancer", "old_cancer", "rx_3", "rx_4", "after_t",
            "eczema_no_rx", "eczema_rx", "several", "nothing"};
        StructType schema = new StructType().add("person_id", DataTypes.StringType)
                .add(Conditions.PREFIX + "atrial_fibrillation", DataTypes.BooleanType);
        Object[][] rows = new Object[people.length][];
        for (int i = 0; i < people.length; i++) {
            rows[i] = new Object[] {people[i], people[i].equals("af_flag") || people[i].equals("several")};
        }
        Dataset<Row> gp = typed(InputTable.GP_EVENTS,
                // Read v2 with its term code (00): matched on F12.. , a child of F12.
                row("read_term_code", "2010-01-01", "read2", "F12..00", null, null),
                row("several", "2010-01-01", "read2", "F1200", null, null),
                row("snomed_cancer", "2023-01-01", "snomed", "363406005", null, null),
                // More than five years before T: cancer counts only when diagnosed in (T − 5 years, T].
                row("old_cancer", "2021-03-31", "snomed", "363406005", null, null),
                row("after_t", "2026-04-01", "read2", "F12..00", null, null),
                row("eczema_no_rx", "2015-01-01", "read2", "M1110", null, null),
                row("eczema_rx", "2015-01-01", "read2", "M1110", null, null));
        Dataset<Row> meds = typed(InputTable.MEDICATIONS,
                // Three issues in (2025-03-31, 2026-03-31] and one on 2025-03-31 itself: 3 in the window, not 4.
                row("rx_3", "2025-03-31", "bnf", "0106040M0", null),
                row("rx_3", "2025-06-01", "bnf", "0106040M0", null),
                row("rx_3", "2025-09-01", "bnf", "0106020C0", null),
                row("rx_3", "2026-03-31", "bnf", "0106040M0", null),
                row("rx_4", "2025-04-01", "bnf", "0106040M0", null),
                row("rx_4", "2025-06-01", "bnf", "0106040M0", null),
                row("rx_4", "2025-06-01", "bnf", "0106040M0", null),
                row("rx_4", "2026-03-31", "bnf", "0106020C0", null),
                row("rx_4", "2026-04-01", "bnf", "0106020C0", null),
                row("several", "2025-05-01", "bnf", "0106040M0", null),
                row("several", "2025-06-01", "bnf", "0106040M0", null),
                row("several", "2025-07-01", "bnf", "0106040M0", null),
                row("several", "2025-08-01", "bnf", "0106040M0", null),
                row("eczema_rx", "2025-05-01", "bnf", "1305020D0", null),
                row("eczema_rx", "2025-06-01", "bnf", "1305020D0", null),
                row("eczema_rx", "2025-07-01", "bnf", "1305020D0", null),
                row("eczema_rx", "2025-08-01", "bnf", "1305020D0", null));
        InputData data = new InputData(SparkTestSession.get())
                .with(InputTable.GP_EVENTS, gp).with(InputTable.MEDICATIONS, meds);
        FeatureInputs in = new FeatureInputs(data, null, TestReference.codeLists(), null, TestReference.scoreLists(),
                FeatureSettings.defaults(T));
        Dataset<Row> out = new CambridgeMultimorbidityScore(TestReference.cmms())
                .addTo(Fixtures.table(schema, rows), in);
        Map<String, Double> got = new TreeMap<>();
        out.collectAsList().forEach(r -> got.put(r.getString(0), r.getDouble(r.fieldIndex("cmms"))));
        Map<String, Double> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("af_flag", 1.3), Map.entry("read_term_code", 1.29), Map.entry("snomed_cancer", 1.5),
                Map.entry("old_cancer", 0.0), Map.entry("rx_3", 0.0), Map.entry("rx_4", 1.03),
                Map.entry("after_t", 0.0), Map.entry("eczema_no_rx", 0.0), Map.entry("eczema_rx", 0.25),
                // AF 1.3 + Parkinson's 1.29 + constipation 1.03.
                Map.entry("several", 3.62), Map.entry("nothing", 0.0)));
        assertEquals(expected, got);
    }
}
