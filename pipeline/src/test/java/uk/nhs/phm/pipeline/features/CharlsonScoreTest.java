package uk.nhs.phm.pipeline.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.nhs.phm.pipeline.testing.Fixtures.row;
import static uk.nhs.phm.pipeline.testing.Fixtures.typed;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.config.CsvTable;
import uk.nhs.phm.pipeline.reference.CharlsonIndex;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.testing.TestReference;

/**
 * {@code charlson} through the production path (diagnoses → normalised codes → Quan 2005 prefixes → categories
 * → {@link CharlsonIndex#score}). The published cases' {@code shmi} rows are out of scope (phm ships the Quan 2005
 * map only); every {@code quan2005} case is asserted under both weightings, with the hierarchy.
 */
class CharlsonScoreTest {
    private static final LocalDate T = LocalDate.of(2026, 3, 31);

    private static Map<String, Integer> scores(Dataset<Row> spells, String weighting) {
        Map<String, Integer> m = new HashMap<>();
        CharlsonScore.scores(spells, TestReference.charlson(weighting), T).collectAsList()
                .forEach(r -> m.put(r.getString(0), r.getInt(1)));
        return m;
    }

    @Test
    void everyPublishedQuanCaseScoresAsTheRPackageWithTheHierarchy() throws IOException {
        List<CsvTable.Record> cases;
        try (InputStream in = getClass().getResourceAsStream("/verification/charlson/charlson_cases.csv");
             Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            cases = CsvTable.parse("charlson_cases.csv", r).records.stream()
                    .filter(c -> c.get("map").equals("quan2005")).toList();
        }
        assertEquals(9, cases.size());
        // One person per case, one spell discharged a year before T: the first code primary, the rest secondary.
        List<String[]> spells = new ArrayList<>();
        for (CsvTable.Record c : cases) {
            String[] codes = c.get("codes").isEmpty() ? new String[] {null} : c.get("codes").split(" ");
            String secondary = codes.length > 1 ? String.join("|", List.of(codes).subList(1, codes.length)) : null;
            spells.add(row("s_" + c.get("case"), c.get("case"), null, "2025-03-01", "2025-03-31", "21", codes[0],
                    secondary, null, null, null));
        }
        Dataset<Row> typedSpells = typed(InputTable.INPATIENT_SPELLS, spells.toArray(new String[0][]));
        for (String w : List.of("charlson1987", "quan2011")) {
            Map<String, Integer> got = scores(typedSpells, w);
            for (CsvTable.Record c : cases) {
                // A person without a Charlson diagnosis has no row here; the family fills 0 for them.
                assertEquals(Integer.parseInt(c.get(w + "_assign0=True")), got.getOrDefault(c.get("case"), 0),
                        c.get("case") + " " + w);
            }
        }
    }

    @Test
    void fiveYearWindowAtDischargeNormalisedCodesAndTheHierarchyAcrossSpells() {
        Dataset<Row> spells = typed(InputTable.INPATIENT_SPELLS,
                // i21.9 (mi), E11.2 (diabwc), C78.7 (metacanc): lower case and dots still match.
                row("s1", "in_window", null, "2024-04-20", "2024-05-01", "21", "i21.9", "E11.2|C78.7", null, null, null),
                // Discharged on T − 5 years exactly: outside (T − 5 years, T]. The next day: inside.
                row("s2", "edge", null, "2021-03-20", "2021-03-31", "21", "C18.7", null, null, null, null),
                row("s3", "edge", null, "2021-03-25", "2021-04-01", "21", "I50.0", null, null, null, null),
                // Mild liver disease in one spell, severe in another (discharged on T): severe only, 3 points.
                row("s4", "on_t", null, "2025-01-01", "2025-01-10", "21", "K70.3", null, null, null, null),
                row("s5", "on_t", null, "2026-03-25", "2026-03-31", "21", "k72.1", null, null, null, null),
                // Spaces inside the code are removed: N 18.5 is N185 (renal, 2 points).
                row("s6", "spaced", null, "2025-01-01", "2025-01-10", "21", " N 18.5", null, null, null, null),
                row("s7", "after_t", null, "2026-03-25", "2026-04-01", "21", "I21.9", null, null, null, null),
                row("s8", "open_spell", null, "2026-03-01", null, "21", "I21.9", null, null, null, null),
                row("s9", "not_charlson", null, "2025-01-01", "2025-01-10", "21", "I10", null, null, null, null));
        assertEquals(Map.of("in_window", 9, "edge", 1, "on_t", 3, "spaced", 2), scores(spells, "charlson1987"));
        // Quan 2011: MI 0, diabetes with complications 1, metastatic 6; CHF 2; severe liver 4; renal 1.
        assertEquals(Map.of("in_window", 7, "edge", 2, "on_t", 4, "spaced", 1), scores(spells, "quan2011"));
    }
}
