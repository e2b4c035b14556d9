package uk.nhs.phm.pipeline.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import uk.nhs.phm.pipeline.testing.SparkTestSession;

/** Tables compared as multisets of rows, ignoring the run id; maps compared by content. */
class TableComparisonTest {
    private static final StructType SCHEMA = new StructType().add("run_id", DataTypes.StringType)
            .add("code", DataTypes.StringType).add("n", DataTypes.LongType)
            .add("m", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType));

    private static Dataset<Row> table(String run, Object[]... rows) {
        return SparkTestSession.get().createDataFrame(java.util.Arrays.stream(rows).map(r -> RowFactory.create(
                run, r[0], r[1], scala.jdk.javaapi.CollectionConverters.asScala(Map.of("x", 1.0)))).toList(), SCHEMA);
    }

    @Test
    void rowsAreCountedOnEachSideIncludingRepeatsAndNulls() {
        Dataset<Row> left = table("r1", new Object[] {"a", 1L}, new Object[] {"a", 1L}, new Object[] {"b", null});
        Dataset<Row> right = table("r2", new Object[] {"a", 1L}, new Object[] {"b", null}, new Object[] {"c", 3L});
        TableComparison.Result r = TableComparison.compare(left, right, List.of("run_id"));
        assertEquals(3, r.leftRows);
        assertEquals(3, r.rightRows);
        assertEquals(1, r.onlyLeft, "the second (a, 1)");
        assertEquals(1, r.onlyRight, "(c, 3)");
        assertFalse(r.identical());
        assertTrue(TableComparison.compare(left, left.orderBy("code"), List.of("run_id")).identical());
        assertTrue(TableComparison.compare(table("x"), table("y"), List.of("run_id")).identical(), "both empty");
    }
}
