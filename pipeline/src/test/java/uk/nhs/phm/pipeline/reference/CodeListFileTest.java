package uk.nhs.phm.pipeline.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.config.CsvTable;

/** A site's own code list is checked line by line; every fault names the file, the line and the fix. */
class CodeListFileTest {
    private static final String FILE = "site/condition_codes.csv";
    private static final String HEADER = "condition,code_system,code,match,source\n";

    private static List<CodeListFile.Entry> check(String csv) {
        return CodeListFile.check(CsvTable.parse(FILE, new StringReader(csv)), ConditionCodeLists.CODE_FILE_COLUMNS,
                ConditionCodeLists.codeSystems(), List.of("asthma", "diabetes"), "site/conditions.csv");
    }

    private static String error(String csv) {
        return assertThrows(PhmUserException.class, () -> check(csv)).getMessage();
    }

    @Test
    void aGoodFileIsReadWithCodesAsTheMatcherComparesThem() {
        List<CodeListFile.Entry> e = check(HEADER
                + "asthma,icd10,j45.0,prefix,site\n"
                + "asthma,read2,H33..11,exact,site\n"
                + "diabetes,SNOMED,44054006,exact,site\n");
        assertEquals(List.of("J450", "H33..", "44054006"), e.stream().map(x -> x.code).toList());
        assertEquals(List.of("icd10", "read2", "snomed"), e.stream().map(x -> x.codeSystem).toList());
        assertEquals(List.of(2L, 3L, 4L), e.stream().map(x -> x.record.line).toList());
    }

    @Test
    void aMissingColumnNamesTheHeaderItNeeds() {
        assertEquals(FILE + ", line 1: the header has no column 'match'; the header must name the columns "
                        + "condition,code_system,code,match,source (others may follow).",
                error("condition,code_system,code,matching,source\nasthma,icd10,J45,prefix,site\n"));
    }

    @Test
    void anUnknownCodeSystemNamesTheLineAndTheAllowedSystems() {
        assertEquals(FILE + ", line 3: code_system 'opcs4' is not one the input contract allows where this list is "
                        + "matched; use one of ctv3, icd10, read2, snomed.",
                error(HEADER + "asthma,icd10,J45,prefix,site\nasthma,opcs4,X01,exact,site\n"));
    }

    @Test
    void aBadMatchValueNamesTheLineAndTheValuesAllowed() {
        assertEquals(FILE + ", line 2: match 'startswith' is not allowed with code_system icd10; write exact or prefix.",
                error(HEADER + "asthma,icd10,J45,startswith,site\n"));
        assertEquals(FILE + ", line 2: match 'prefix' is not allowed with code_system snomed; write exact (only icd10 codes "
                        + "may be matched by prefix).",
                error(HEADER + "asthma,snomed,195967001,prefix,site\n"));
    }

    @Test
    void anEmptyCodeNamesTheLine() {
        assertEquals(FILE + ", line 3: the code is empty; give the code or delete the line.",
                error(HEADER + "asthma,icd10,J45,prefix,site\ndiabetes,snomed, ,exact,site\n"));
    }

    @Test
    void aNameThatIsNotDeclaredNamesTheLineAndWhereNamesAreDeclared() {
        assertEquals(FILE + ", line 2: condition 'asthmaa' is not declared in site/conditions.csv; add it there or "
                        + "correct the name.",
                error(HEADER + "asthmaa,icd10,J45,prefix,site\n"));
    }

    @Test
    void aDeclaredNameWithNoCodesStopsTheRun() {
        assertEquals(FILE + ": condition 'diabetes' (declared in site/conditions.csv) has no codes; add its codes to "
                        + "this file or remove it from site/conditions.csv.",
                error(HEADER + "asthma,icd10,J45,prefix,site\n"));
    }

    @Test
    void eFiDeficitCodesAreCheckedAgainstTheGpEventCodeSystems() {
        assertEquals(Set.of("snomed", "ctv3", "read2", "icd10"), EfiDeficits.gpCodeSystems());
        CsvTable codes = CsvTable.parse("site/efi_deficit_codes.csv", new StringReader(
                "deficit,code_system,code,match,source\nfalls,dmd,1912002,exact,site\n"));
        PhmUserException e = assertThrows(PhmUserException.class, () -> CodeListFile.check(codes,
                EfiDeficits.CODE_FILE_COLUMNS, EfiDeficits.gpCodeSystems(), List.of("falls"), "efi_deficits.csv"));
        assertEquals("site/efi_deficit_codes.csv, line 2: code_system 'dmd' is not one the input contract allows where "
                + "this list is matched; use one of ctv3, icd10, read2, snomed.", e.getMessage());
    }

    @Test
    void theDeficitListMustHoldThe36DeficitsEachOnce() {
        StringBuilder csv = new StringBuilder("number,deficit,label,rule\n");
        for (int i = 1; i <= 35; i++) {
            csv.append(i).append(",d").append(i).append(",D").append(i).append(",codes\n");
        }
        String file = "site/efi_deficits.csv";
        assertEquals(file + ": the file lists 35 deficits; the eFI (Clegg 2016) has 36 and is their share, so list "
                        + "all 36 (replace the codes of a deficit in the codes file rather than removing it).",
                assertThrows(PhmUserException.class, () -> EfiDeficits.parseDeficits(
                        CsvTable.parse(file, new StringReader(csv.toString())))).getMessage());
        assertEquals(file + ", line 37: column 'rule' is 'medications'; it must be codes (found by its codes in "
                        + "gp_events) or polypharmacy.",
                assertThrows(PhmUserException.class, () -> EfiDeficits.parseDeficits(CsvTable.parse(file,
                        new StringReader(csv + "36,polypharmacy,Polypharmacy,medications\n")))).getMessage());
        assertEquals(file + ", line 37: deficit 'd3' is listed twice; each deficit is counted once, so keep one line.",
                assertThrows(PhmUserException.class, () -> EfiDeficits.parseDeficits(CsvTable.parse(file,
                        new StringReader(csv + "36,d3,D3,codes\n")))).getMessage());
    }
}
