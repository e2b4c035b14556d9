package uk.nhs.phm.pipeline.validate;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import uk.nhs.phm.pipeline.output.OutputTables;

/**
 * The data-quality report of a run (ops/data_quality and ops/quarantine_reasons), from what validation found:
 * a row per input table (loaded or absent) and a row per table and reject reason. Counts and column names only.
 */
public final class OpsTables {
    public static final String RUN_ID = "run_id";
    public static final String TABLE_NAME = "table_name";
    public static final String STATUS = "status";
    public static final String SOURCE_FORMAT = "source_format";
    public static final String ROWS_READ = "rows_read";
    public static final String ROWS_ACCEPTED = "rows_accepted";
    public static final String ROWS_QUARANTINED = "rows_quarantined";
    public static final String ROWS_UNDECODABLE = "rows_undecodable";
    public static final String LATEST_DATE = "latest_date";
    public static final String EXTRA_COLUMNS = "extra_columns";
    public static final String COMPLETENESS = "completeness";
    public static final String ROWS = "rows";
    public static final String LOADED = "loaded";
    public static final String ABSENT = "absent";

    private OpsTables() {
    }

    public static Dataset<Row> dataQuality(SparkSession spark, String runId, List<ValidatedTable> tables) {
        List<Row> rows = new ArrayList<>();
        for (ValidatedTable v : tables) {
            if (!v.present()) {
                rows.add(RowFactory.create(runId, v.table.tableName, ABSENT, null, 0L, 0L, 0L, 0L, null, null, null));
                continue;
            }
            ValidationSummary s = v.summary;
            LocalDate latest = s.latestDates.values().stream().max(LocalDate::compareTo).orElse(null);
            Map<String, Double> comp = new LinkedHashMap<>(s.completeness);
            comp.values().removeIf(Objects::isNull);
            rows.add(RowFactory.create(runId, v.table.tableName, LOADED, v.origin.format.name().toLowerCase(Locale.ROOT),
                    s.rowsRead, s.rowsAccepted, s.rowsQuarantined, s.undecodableRows, latest == null ? null : Date.valueOf(latest),
                    v.extraColumns.isEmpty() ? null : String.join("|", v.extraColumns),
                    scala.jdk.javaapi.CollectionConverters.asScala(comp)));
        }
        return spark.createDataFrame(rows, OutputTables.DATA_QUALITY.schema());
    }

    public static Dataset<Row> quarantineReasons(SparkSession spark, String runId, List<ValidatedTable> tables) {
        List<Row> rows = new ArrayList<>();
        for (ValidatedTable v : tables) {
            if (v.present()) {
                v.summary.reasons.forEach((reason, n) -> rows.add(RowFactory.create(runId, v.table.tableName, reason, n)));
            }
        }
        return spark.createDataFrame(rows, OutputTables.QUARANTINE_REASONS.schema());
    }
}
