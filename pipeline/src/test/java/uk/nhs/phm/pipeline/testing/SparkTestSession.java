package uk.nhs.phm.pipeline.testing;

import org.apache.spark.sql.SparkSession;

/** The one SparkSession every test shares: local[2], few shuffle partitions, no UI, loopback driver. */
public final class SparkTestSession {
    private static SparkSession spark;

    private SparkTestSession() {
    }

    public static synchronized SparkSession get() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("phm-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.adaptive.enabled", "false")
                    .getOrCreate();
        }
        return spark;
    }
}
