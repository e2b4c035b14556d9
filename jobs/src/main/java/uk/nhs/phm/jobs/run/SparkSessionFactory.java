package uk.nhs.phm.jobs.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a SparkSession is built. Mandatory settings always apply; defaults apply unless the
 * configuration ({@code spark.*} keys) or the command line overrides them. The master defaults to
 * embedded local mode and is never hard-coded elsewhere.
 */
public final class SparkSessionFactory {
    private SparkSessionFactory() {
    }

    /** Settings the pipeline's correctness depends on; not overridable. */
    static Map<String, String> mandatory() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spark.sql.session.timeZone", "UTC");
        // Parquet that any reader opens: standard timestamps, no legacy INT96.
        m.put("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        m.put("spark.sql.parquet.writeLegacyFormat", "false");
        m.put("spark.sql.sources.partitionOverwriteMode", "dynamic");
        m.put("spark.sql.ansi.enabled", "false");
        return m;
    }

    /** Sensible defaults for one machine; a cluster run overrides them in conf or with --set spark.x=y. */
    static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spark.master", "local[*]");
        m.put("spark.app.name", "phm");
        m.put("spark.ui.enabled", "false");
        m.put("spark.sql.shuffle.partitions", "16");
        m.put("spark.sql.adaptive.enabled", "true");
        m.put("spark.sql.adaptive.coalescePartitions.enabled", "true");
        m.put("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        m.put("spark.sql.autoBroadcastJoinThreshold", String.valueOf(32L * 1024 * 1024));
        return m;
    }

    /**
     * Builds (or returns the running) session.
     *
     * @param overrides spark.* settings from configuration and command line, applied over the defaults
     */
    public static SparkSession create(Map<String, String> overrides) {
        Map<String, String> settings = new LinkedHashMap<>(defaults());
        overrides.forEach((k, v) -> {
            if (k.startsWith("spark.") && v != null && !v.isBlank()) {
                settings.put(k, v);
            }
        });
        settings.putAll(mandatory());
        SparkSession.Builder b = SparkSession.builder();
        settings.forEach(b::config);
        SparkSession spark = b.getOrCreate();
        return spark;
    }
}
