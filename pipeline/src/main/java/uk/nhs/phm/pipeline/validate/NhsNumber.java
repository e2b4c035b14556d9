package uk.nhs.phm.pipeline.validate;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * The NHS number modulus-11 check (NHS Data Dictionary), as a Spark column expression so it runs in the
 * scan without a UDF, and as plain Java for tests and the generator.
 */
public final class NhsNumber {
    private NhsNumber() {
    }

    /** True when the string is ten digits. */
    public static Column isTenDigits(Column value) {
        return value.rlike("^[0-9]{10}$");
    }

    /** True when {@code value} is ten digits whose check digit is valid. */
    public static Column passesModulus11(Column value) {
        Column sum = lit(0);
        for (int i = 0; i < 9; i++) {
            sum = sum.plus(substring(value, i + 1, 1).cast("int").multiply(10 - i));
        }
        Column check = lit(11).minus(pmod(sum, lit(11)));
        Column expected = when(check.equalTo(11), lit(0)).otherwise(check);
        Column lastDigit = substring(value, 10, 1).cast("int");
        return isTenDigits(value).and(check.notEqual(10)).and(expected.equalTo(lastDigit));
    }

    /** Plain-Java twin of {@link #passesModulus11(Column)}. */
    public static boolean isValid(String s) {
        if (s == null || !s.matches("[0-9]{10}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (s.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == s.charAt(9) - '0';
    }
}
