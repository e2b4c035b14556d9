package uk.nhs.phm.pipeline;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/** Small helpers for the Java side of the Spark API. */
public final class Columns {
    private Columns() {
    }

    public static Seq<String> names(String... names) {
        return CollectionConverters.asScala(Arrays.asList(names)).toSeq();
    }

    /** Left join on equal-named key columns, keeping one copy of the keys. */
    public static Dataset<Row> leftJoin(Dataset<Row> left, Dataset<Row> right, String... keys) {
        return left.join(right, names(keys), "left");
    }
}
