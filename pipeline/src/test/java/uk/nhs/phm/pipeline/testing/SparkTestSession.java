package uk.nhs.phm.pipeline.testing;

import org.apache.spark.sql.SparkSession;
import uk.nhs.phm.pipeline.spark.SparkSessionFactory;

/**
 * The one SparkSession every test shares, built by the production factory in test mode: local[2], few
 * shuffle partitions, no UI, loopback driver, and the same mandatory SQL settings as a real run.
 */
public final class SparkTestSession {
    private SparkTestSession() {
    }

    public static synchronized SparkSession get() {
        return SparkSessionFactory.forTests();
    }
}
