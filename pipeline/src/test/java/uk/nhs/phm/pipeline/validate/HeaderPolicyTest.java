package uk.nhs.phm.pipeline.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.schema.InputTable;

/** Header checks name the file and the column, and never repeat a value from a file without a header row. */
class HeaderPolicyTest {
    private static final TableOrigin PATIENTS = new TableOrigin(InputTable.PATIENTS, "extract/patients.csv",
            TableOrigin.Format.CSV, List.of());

    @Test
    void extraColumnsAreReturnedAndProblemsNameTheColumn() {
        assertEquals(List.of("gp_name"), HeaderPolicy.check(PATIENTS,
                List.of("person_id", "year_of_birth", "sex", "gp_name")));
        PhmUserException e = assertThrows(PhmUserException.class, () -> HeaderPolicy.check(PATIENTS,
                List.of("person_id", "year_of_birth", "sex", "SEX")));
        assertEquals("extract/patients.csv: column 'SEX' appears more than once in the header (names are compared "
                + "ignoring case); keep one column of each name.", e.getMessage());
    }

    @Test
    void aFileWithoutAHeaderRowDoesNotHaveItsFirstRecordRepeated() {
        // The first record of a headerless file, read as a header: two people born the same year.
        PhmUserException e = assertThrows(PhmUserException.class, () -> HeaderPolicy.check(PATIENTS,
                List.of("9434765919", "1950", "1950", "F")));
        assertFalse(e.getMessage().contains("9434765919") || e.getMessage().contains("'1950'"), e.getMessage());
        assertEquals("extract/patients.csv: column 3 (its name is not shown: it does not look like a column name; does "
                + "the file have a header row?) appears more than once in the header (names are compared ignoring case); "
                + "keep one column of each name.", e.getMessage());
    }
}
