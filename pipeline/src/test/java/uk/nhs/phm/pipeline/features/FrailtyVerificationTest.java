package uk.nhs.phm.pipeline.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.config.CsvTable;
import uk.nhs.phm.pipeline.reference.EfiDeficits;

/**
 * The eFI against the verification files (src/test/resources/verification/efi, see PROVENANCE.md there): every
 * count of deficits 0–36 gives the published eFI and category, and the shipped deficit list is Clegg's 36.
 * Pure Java: the values come from the same functions the feature's Spark columns are checked against in
 * {@link FrailtyTest}.
 */
class FrailtyVerificationTest {
    private static CsvTable resource(String name) throws Exception {
        try (Reader r = new InputStreamReader(FrailtyVerificationTest.class.getResourceAsStream("/verification/efi/" + name),
                StandardCharsets.UTF_8)) {
            return CsvTable.parse(name, r);
        }
    }

    static List<CsvTable.Record> cases() throws Exception {
        return resource("efi_cases.csv").records;
    }

    @Test
    void everyCountGivesThePublishedEfiAndCategory() throws Exception {
        List<CsvTable.Record> cases = cases();
        assertEquals(37, cases.size(), "0 to 36 deficits");
        for (CsvTable.Record c : cases) {
            int n = Integer.parseInt(c.get("n_deficits_present"));
            double expected = Double.parseDouble(c.get("efi"));
            double efi = Frailty.efi(n);
            assertEquals(expected, efi, Math.max(Math.abs(expected), 1e-300) * 1e-9, "eFI of " + n + " deficits");
            assertEquals(c.get("category"), Frailty.category(n).label, "category of " + n + " deficits");
        }
    }

    /** The boundaries by hand: 4/36 = 0.111 fit, 5/36 mild, 8/36 = 0.222 mild, 9/36 = 0.25, 12/36, 13/36 = 0.361. */
    @Test
    void boundariesAreDecidedOnTheCountNotOnARoundedShare() {
        assertEquals(Frailty.Category.FIT, Frailty.category(4));
        assertEquals(Frailty.Category.MILD, Frailty.category(5));
        assertEquals(Frailty.Category.MILD, Frailty.category(8));
        assertEquals(Frailty.Category.MODERATE, Frailty.category(9));
        assertEquals(Frailty.Category.MODERATE, Frailty.category(12));
        assertEquals(Frailty.Category.SEVERE, Frailty.category(13));
        assertEquals(Frailty.Category.SEVERE, Frailty.category(36));
    }

    /** conf/codelists/efi_deficits.csv is the 36 deficits of the verification file, in Clegg's order. */
    @Test
    void theShippedDeficitListIsClegg36() throws Exception {
        CsvTable shipped;
        try (Reader r = Files.newBufferedReader(Path.of("..", "conf", "codelists", "efi_deficits.csv"))) {
            shipped = CsvTable.parse("conf/codelists/efi_deficits.csv", r);
        }
        List<EfiDeficits.Deficit> deficits = EfiDeficits.parseDeficits(shipped);
        List<CsvTable.Record> clegg = resource("efi_36_deficits.csv").records;
        assertEquals(EfiDeficits.COUNT, clegg.size());
        assertEquals(clegg.size(), deficits.size());
        for (int i = 0; i < clegg.size(); i++) {
            CsvTable.Record v = clegg.get(i);
            EfiDeficits.Deficit d = deficits.get(i);
            assertEquals(Integer.parseInt(v.get("n")), d.number);
            assertEquals(v.get("deficit_clegg2016"), d.label);
            String codeSet = v.get("gmsde_codeset");
            if (codeSet.startsWith("efi-")) {
                assertEquals(EfiDeficits.RULE_CODES, d.rule, d.name);
                assertEquals(codeSet.substring(4).replace('-', '_'), d.name, "the GM SDE code set of " + d.label);
            } else {
                assertEquals(EfiDeficits.RULE_POLYPHARMACY, d.rule, d.label + " is the medication rule");
            }
        }
    }
}
