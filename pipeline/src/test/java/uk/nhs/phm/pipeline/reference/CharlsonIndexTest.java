package uk.nhs.phm.pipeline.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.config.CsvTable;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.testing.TestReference;

/**
 * The Charlson scoring function against the published cases (verification/charlson, R package comorbidity),
 * and the checks of the map and weight files. The cases' {@code shmi} map rows are out of scope: phm ships the
 * Quan 2005 map only, so only the {@code quan2005} rows are asserted.
 */
class CharlsonIndexTest {
    static final String DIR = "/verification/charlson/";

    static CsvTable resource(String name) throws IOException {
        try (InputStream in = CharlsonIndexTest.class.getResourceAsStream(DIR + name);
             Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return CsvTable.parse(name, r);
        }
    }

    /** The quan2005 cases of verification/charlson/charlson_cases.csv. */
    static List<CsvTable.Record> quanCases() throws IOException {
        List<CsvTable.Record> cases = resource("charlson_cases.csv").records.stream()
                .filter(r -> r.get("map").equals("quan2005")).toList();
        assertEquals(9, cases.size(), "the nine quan2005 cases of the verification file");
        return cases;
    }

    static List<String> words(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }

    @Test
    void everyQuanCaseScoresAsPublishedWithAndWithoutTheHierarchy() throws IOException {
        CharlsonIndex index = CharlsonIndex.parse(resource("charlson_icd10_quan2005_map.csv"),
                TestReference.shipped("charlson_weights.csv"), "charlson1987");
        for (CsvTable.Record c : quanCases()) {
            List<String> categories = words(c.get("categories"));
            for (String w : List.of("charlson1987", "quan2011")) {
                assertEquals(Integer.parseInt(c.get(w + "_assign0=True")),
                        CharlsonIndex.score(categories, index.weightsByWeighting.get(w), true), c.get("case") + " " + w);
                // Off, the milder category counts too: the hierarchy is what changes these scores.
                assertEquals(Integer.parseInt(c.get(w + "_assign0=False")),
                        CharlsonIndex.score(categories, index.weightsByWeighting.get(w), false), c.get("case") + " " + w);
            }
        }
    }

    @Test
    void theShippedFilesAreTheVerificationMapAndWeights() throws IOException {
        CharlsonIndex shipped = TestReference.charlson("quan2011");
        CharlsonIndex verification = CharlsonIndex.parse(resource("charlson_icd10_quan2005_map.csv"),
                resource("charlson_weights.csv"), "quan2011");
        assertEquals(289, shipped.prefixes.size());
        assertEquals(verification.prefixes.stream().map(p -> p.category + ":" + p.icd10Prefix).toList(),
                shipped.prefixes.stream().map(p -> p.category + ":" + p.icd10Prefix).toList());
        assertEquals(verification.weightsByWeighting, shipped.weightsByWeighting);
        assertEquals(17, shipped.weightsByWeighting.get("charlson1987").size());
        // Spot checks against Charlson 1987 / Quan 2011: metastatic solid tumour 6/6, CHF 1/2, MI 1/0.
        assertEquals(6, shipped.weightsByWeighting.get("quan2011").get("metacanc"));
        assertEquals(2, shipped.weightsByWeighting.get("quan2011").get("chf"));
        assertEquals(0, shipped.weightsByWeighting.get("quan2011").get("mi"));
        assertEquals(1, shipped.weightsByWeighting.get("charlson1987").get("mi"));
    }

    private static final String WEIGHTS = """
            category,category_name,charlson1987,quan2011
            mi,Myocardial infarction,1,0
            mld,Mild liver disease,1,2
            msld,Moderate or severe liver disease,3,4
            diab,Diabetes,1,0
            diabwc,Diabetes with complications,2,1
            canc,Cancer,2,2
            metacanc,Metastatic solid tumour,6,6
            """;

    private static String error(String map, String weights) {
        return assertThrows(PhmUserException.class, () -> CharlsonIndex.parse(TestReference.csv("map.csv", map),
                TestReference.csv("weights.csv", weights), "charlson1987")).getMessage();
    }

    @Test
    void aMapCategoryWithoutWeightsIsRefusedNamingTheLine() {
        String m = error("category,icd10_prefix\nmi,I21\nchd,I25\n", WEIGHTS);
        assertTrue(m.startsWith("map.csv, line 3: category 'chd' is not in weights.csv; use one of [mi, mld, msld, "), m);
    }

    @Test
    void anEmptyPrefixIsRefused() {
        String m = error("category,icd10_prefix\nmi,I21\nmi, \n", WEIGHTS);
        assertTrue(m.startsWith("map.csv, line 3: column 'icd10_prefix' is empty"), m);
    }

    @Test
    void aMissingOrNonIntegerWeightIsRefused() {
        String missing = error("category,icd10_prefix\nmi,I21\n", WEIGHTS.replace("mi,Myocardial infarction,1,0",
                "mi,Myocardial infarction,1,"));
        assertEquals("weights.csv, line 2: category 'mi' has no weight in column 'quan2011'; give a whole number (0 if "
                + "the weighting does not score it).", missing);
        String decimal = error("category,icd10_prefix\nmi,I21\n", WEIGHTS.replace("msld,Moderate or severe liver "
                + "disease,3,4", "msld,Moderate or severe liver disease,3.5,4"));
        assertEquals("weights.csv, line 4: column 'charlson1987' is '3.5'; a weight must be a whole number.", decimal);
    }

    @Test
    void aHierarchyCategoryMissingFromTheWeightsIsRefused() {
        String m = error("category,icd10_prefix\nmi,I21\n", WEIGHTS.replace("diabwc,Diabetes with complications,2,1\n", ""));
        assertTrue(m.startsWith("weights.csv: category 'diabwc' is missing"), m);
    }

    @Test
    void anUnknownWeightingIsAUserErrorNamingTheSettingAndTheAllowedValues() {
        assertEquals("quan2011", PhmSettings.CHARLSON_WEIGHTING.parse("quan2011", "command line"));
        PhmUserException e = assertThrows(PhmUserException.class,
                () -> PhmSettings.CHARLSON_WEIGHTING.parse("quan", "command line"));
        assertEquals("command line: 'scores.charlson_weights' is 'quan'; it must be one of charlson1987, quan2011.",
                e.getMessage());
    }
}
