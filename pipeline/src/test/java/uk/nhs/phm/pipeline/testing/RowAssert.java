package uk.nhs.phm.pipeline.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Compares a Dataset with expected rows by key and names the failing row and column. */
public final class RowAssert {
    private RowAssert() {
    }

    /** The rows of {@code df} keyed by the value of {@code keyColumn}. */
    public static Map<String, Row> byKey(Dataset<Row> df, String keyColumn) {
        Map<String, Row> m = new LinkedHashMap<>();
        for (Row r : df.collectAsList()) {
            String k = String.valueOf(r.get(r.fieldIndex(keyColumn)));
            if (m.put(k, r) != null) {
                fail("Duplicate key " + keyColumn + "=" + k);
            }
        }
        return m;
    }

    /**
     * Asserts that for each expected key the listed columns hold the expected values.
     *
     * @param expected key → (column → value); a value of Integer compares with any whole-number column type
     */
    public static void assertRows(Dataset<Row> df, String keyColumn, Map<String, Map<String, Object>> expected) {
        Map<String, Row> actual = byKey(df, keyColumn);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : expected.entrySet()) {
            Row r = actual.get(e.getKey());
            if (r == null) {
                problems.add("row " + keyColumn + "=" + e.getKey() + " missing (have " + actual.keySet() + ")");
                continue;
            }
            for (Map.Entry<String, Object> c : e.getValue().entrySet()) {
                Object got = r.get(r.fieldIndex(c.getKey()));
                if (!same(c.getValue(), got)) {
                    problems.add("row " + keyColumn + "=" + e.getKey() + " column " + c.getKey() + ": expected "
                            + c.getValue() + " but was " + got);
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    /** column → expected value, from alternating names and values (more than Map.of's ten pairs). */
    public static Map<String, Object> cols(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    static boolean same(Object expected, Object actual) {
        if (expected instanceof Number n && actual instanceof Number a) {
            if (expected instanceof Double || actual instanceof Double) {
                return Math.abs(n.doubleValue() - a.doubleValue()) < 1e-9;
            }
            return n.longValue() == a.longValue();
        }
        if (expected != null && actual != null && !(expected instanceof String) && actual.toString().equals(expected.toString())) {
            return true;
        }
        return Objects.equals(expected, actual);
    }
}
