package uk.nhs.phm.pipeline.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.testing.SparkTestSession;

class NhsNumberTest {
    // 943 476 5919 is NHS Digital's published example of a valid NHS number: 9*10+4*9+3*8+4*7+7*6+6*5+5*4+9*3+1*2
    // = 299, 299 mod 11 = 2, 11 - 2 = 9 = the check digit.
    @Test
    void publishedExampleIsValidAndNeighboursAreNot() {
        assertTrue(NhsNumber.isValid("9434765919"));
        assertFalse(NhsNumber.isValid("9434765918"));
        assertFalse(NhsNumber.isValid("943476591"));
        assertFalse(NhsNumber.isValid("P9434765919"));
    }

    @Test
    void checkDigitTenIsNeverValid() {
        // Weights are 10 down to 2 over the first nine digits.
        // 1000000001: sum 10, 10 mod 11 = 10, 11 - 10 = 1 = check digit.
        assertTrue(NhsNumber.isValid("1000000001"));
        // 0000000019: sum 1*2 = 2, 11 - 2 = 9 = check digit.
        assertTrue(NhsNumber.isValid("0000000019"));
        // 000000006x: sum 6*2 = 12, 12 mod 11 = 1, 11 - 1 = 10: no digit can be valid.
        for (int d = 0; d <= 9; d++) {
            assertFalse(NhsNumber.isValid("000000006" + d));
        }
        // 0000000000: sum 0, 11 - 0 = 11 means check digit 0.
        assertTrue(NhsNumber.isValid("0000000000"));
    }

    @Test
    void sparkExpressionAgreesWithJava() {
        List<String> values = List.of("9434765919", "9434765918", "1000000001", "0000000060", "0000000000", "4010232137", "abc", "");
        List<Row> rows = SparkTestSession.get().createDataset(values, org.apache.spark.sql.Encoders.STRING()).toDF("v")
                .select(functions.col("v"), NhsNumber.passesModulus11(functions.col("v")).alias("ok"))
                .collectAsList();
        for (Row r : rows) {
            assertEquals(NhsNumber.isValid(r.getString(0)), r.getBoolean(1), "value " + r.getString(0));
        }
    }
}
