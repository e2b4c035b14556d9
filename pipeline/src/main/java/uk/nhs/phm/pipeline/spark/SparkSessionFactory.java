package uk.nhs.phm.pipeline.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;
import uk.nhs.phm.pipeline.Errors;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.config.Settings;

/**
 * The one place a SparkSession is built, for the CLI and for every test. Mandatory settings always apply (the
 * stages' results depend on them); defaults apply unless configuration ({@code spark.*} keys) overrides them.
 * The master defaults to embedded local mode and is never hard-coded elsewhere.
 *
 * <p>It lives in {@code pipeline} (not {@code jobs}) only so that the stages' own tests run in the same SQL mode
 * as production; no stage calls it: stages receive their Datasets.
 */
public final class SparkSessionFactory {
    private static final Logger LOG = LogManager.getLogger(SparkSessionFactory.class);
    private SparkSessionFactory() {
    }

    /** Settings the pipeline's correctness depends on; not overridable. */
    public static Map<String, String> mandatory() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spark.sql.session.timeZone", "UTC");
        // Parquet that any reader opens: standard timestamps, no legacy INT96.
        m.put("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        m.put("spark.sql.parquet.writeLegacyFormat", "false");
        m.put("spark.sql.sources.partitionOverwriteMode", "dynamic");
        // The validation pass relies on a value that does not parse becoming null, not an error.
        m.put("spark.sql.ansi.enabled", "false");
        // Spark 4 reads CSV only in UTF-8/16/32, ASCII and Latin-1 unless told otherwise; NHS extracts written by
        // Windows tools come in windows-1252 (input.encoding).
        m.put("spark.sql.legacy.javaCharsets", "true");
        // A damaged or vanished input file stops the run (a user error naming the file); skipping it would
        // publish figures short of its rows with nothing to say so.
        m.put("spark.sql.files.ignoreCorruptFiles", "false");
        m.put("spark.sql.files.ignoreMissingFiles", "false");
        return m;
    }

    /** Sensible defaults for one machine; a cluster run overrides them in conf or with --set spark.x=y. */
    public static Map<String, String> defaults() {
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

    /** Test mode: two local cores, few partitions, no UI, driver on loopback; everything else as production. */
    public static Map<String, String> testSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spark.master", "local[2]");
        m.put("spark.app.name", "phm-tests");
        m.put("spark.sql.shuffle.partitions", "2");
        m.put("spark.default.parallelism", "2");
        m.put("spark.driver.host", "127.0.0.1");
        m.put("spark.driver.bindAddress", "127.0.0.1");
        return m;
    }

    /** The effective settings: defaults, then overrides, then the mandatory ones. */
    public static Map<String, String> resolve(Map<String, String> overrides) {
        Map<String, String> settings = new LinkedHashMap<>(defaults());
        overrides.forEach((k, v) -> {
            if (k.startsWith("spark.") && v != null && !v.isBlank()) {
                settings.put(k, v);
            }
        });
        settings.putAll(mandatory());
        return settings;
    }

    /**
     * Builds (or returns the running) session. Spark refuses a bad master URL or setting at start-up: that is a
     * configuration mistake, reported as a user error naming the keys to check.
     *
     * @param overrides spark.* settings from configuration and command line, applied over the defaults
     */
    public static SparkSession create(Map<String, String> overrides) {
        SparkSession.Builder b = SparkSession.builder();
        resolve(overrides).forEach((k, v) -> {
            LOG.debug("Spark setting {} = {}", k, Settings.looksSecret(k) ? "***" : v);
            b.config(k, v);
        });
        try {
            return b.getOrCreate();
        } catch (RuntimeException e) {
            throw new PhmUserException("Spark could not start with the configured spark.* settings ("
                    + Errors.firstLine(e) + "); check spark.master (or --master) and the other spark.* keys.", e);
        }
    }

    /** The session every test shares, built the production way in test mode. */
    public static SparkSession forTests() {
        return create(testSettings());
    }
}
