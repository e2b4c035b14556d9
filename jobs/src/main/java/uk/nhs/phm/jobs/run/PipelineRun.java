package uk.nhs.phm.jobs.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import uk.nhs.phm.jobs.io.InputFiles;
import uk.nhs.phm.jobs.io.InputReader;
import uk.nhs.phm.jobs.io.Publisher;
import uk.nhs.phm.jobs.io.ReferenceLoader;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.aggregate.GeographyLevel;
import uk.nhs.phm.pipeline.aggregate.GeographyNames;
import uk.nhs.phm.pipeline.aggregate.SegmentSummary;
import uk.nhs.phm.pipeline.disclosure.DisclosureControl;
import uk.nhs.phm.pipeline.features.FeatureSettings;
import uk.nhs.phm.pipeline.features.InputData;
import uk.nhs.phm.pipeline.features.PersonFeatures;
import uk.nhs.phm.pipeline.output.OutputTables;
import uk.nhs.phm.pipeline.reference.ConditionCodeLists;
import uk.nhs.phm.pipeline.reference.ReferenceData;
import uk.nhs.phm.pipeline.schema.ColumnSpec;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.segment.CohortRule;
import uk.nhs.phm.pipeline.segment.SegmentRule;
import uk.nhs.phm.pipeline.segment.Segmentation;
import uk.nhs.phm.pipeline.validate.RowValidator;
import uk.nhs.phm.pipeline.validate.ValidationSummary;

/**
 * One nightly run: read and validate every input table, compute features at T, segment, aggregate, apply
 * disclosure control, and publish all outputs for T or none. Only this class and the io package touch paths;
 * the stages it calls are pure Dataset transforms. Logs carry counts and table names, never person-level values.
 */
public final class PipelineRun {
    private static final Logger LOG = LogManager.getLogger(PipelineRun.class);
    /** Tables whose dates define the default as-of date (the latest activity in the extract). */
    private static final List<InputTable> ACTIVITY = List.of(InputTable.GP_EVENTS, InputTable.MEDICATIONS,
            InputTable.INPATIENT_SPELLS, InputTable.AE_ATTENDANCES, InputTable.OUTPATIENT_APPOINTMENTS,
            InputTable.COMMUNITY_CONTACTS, InputTable.MENTAL_HEALTH_CONTACTS);

    private final PhmConfig cfg;
    private final boolean validateOnly;
    private final LocalDate extractDate;

    public PipelineRun(PhmConfig cfg, boolean validateOnly, LocalDate extractDate) {
        this.cfg = cfg;
        this.validateOnly = validateOnly;
        this.extractDate = extractDate;
    }

    public static String newRunId() {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    }

    public RunResult execute() {
        long started = System.currentTimeMillis();
        Instant startedAt = Instant.now();
        Path input = cfg.path("input");
        if (!Files.isDirectory(input)) {
            throw new PhmUserException("--input " + input + ": not a folder; give the folder that holds the extract "
                    + "(one <table>.csv, .csv.gz, .parquet or <table>/ folder per table).");
        }
        FeatureSettings settings = new FeatureSettings(null, cfg.integer("lookback.utilisation_days", 1, 3650),
                cfg.integer("lookback.recent_days", 1, 3650), imdVersion());
        DisclosureControl dc = new DisclosureControl(cfg.integer("disclosure.threshold", 1, 1000),
                cfg.integer("disclosure.rounding", 1, 1000));
        List<SegmentRule> rules = ReferenceLoader.segmentRules(cfg.path("segments.rules"));
        List<CohortRule> cohorts = ReferenceLoader.cohortRules(cfg.path("cohorts.rules"));
        LocalDate asOfOption = cfg.date("as_of");
        if (asOfOption != null && asOfOption.isAfter(extractDate)) {
            throw new PhmUserException(cfg.where("as_of") + ": as-of date " + asOfOption + " is after today ("
                    + extractDate + "); give a date on or before the extract date.");
        }

        String runId = newRunId();
        SparkSession spark = startSpark();
        String output = validateOnly ? tempDir() : cfg.path("output").toString();
        try (StageMetrics metrics = new StageMetrics();
             Publisher publisher = new Publisher(spark.sparkContext().hadoopConfiguration(), output, runId)) {
            publisher.lock();
            try {
                return run(spark, publisher, input, settings, dc, rules, cohorts, asOfOption, runId, metrics,
                        startedAt, started);
            } finally {
                publisher.cleanUp(cfg.bool("run.keep_work"));
                if (validateOnly) {
                    publisher.delete(output);
                }
            }
        }
    }

    private RunResult run(SparkSession spark, Publisher publisher, Path input, FeatureSettings base,
                          DisclosureControl dc, List<SegmentRule> rules, List<CohortRule> cohorts,
                          LocalDate asOfOption, String runId, StageMetrics metrics, Instant startedAt, long started) {
        InputReader reader = new InputReader(spark, cfg.bool("input.csv.multiline"));
        String work = publisher.work();
        Map<String, ValidationSummary> summaries = new LinkedHashMap<>();
        Map<String, InputFiles> sources = new LinkedHashMap<>();
        Map<String, List<String>> extra = new TreeMap<>();
        Map<String, Dataset<Row>> flaggedByTable = new LinkedHashMap<>();
        List<String> absent = new ArrayList<>();
        InputData accepted = new InputData();
        Dataset<Row> personIds = null;
        long personCount = 0;

        LOG.info("Run {}: reading {} (extract date {})", runId, input, extractDate);
        for (InputTable t : InputTable.values()) {
            InputFiles files = InputFiles.locate(input, t);
            if (files == null) {
                if (t.required) {
                    throw new PhmUserException(input + ": required table '" + t.tableName + "' not found; supply "
                            + t.tableName + ".csv, " + t.tableName + ".csv.gz, " + t.tableName + ".parquet or a folder "
                            + t.tableName + "/ of part files.");
                }
                absent.add(t.tableName);
                LOG.info("  {}: absent (optional; its features are 0/null)", t.tableName);
                continue;
            }
            InputReader.RawTable raw = reader.read(files);
            Dataset<Row> flagged = RowValidator.flag(raw.raw, t, extractDate, personIds,
                    personCount <= cfg.integer("join.broadcast_person_limit", 0, Integer.MAX_VALUE));
            String path = work + "/validated/" + t.tableName;
            writeValidated(flagged, files, path);
            // The schema is given so that a table with a header and no rows (no partition folders) reads back empty.
            flagged = spark.read().schema(flagged.schema()).parquet(path);
            ValidationSummary s = new ValidationSummary(t, RowValidator.summarise(flagged, t).collectAsList());
            checkFileLevel(files, s);
            summaries.put(t.tableName, s);
            sources.put(t.tableName, files);
            flaggedByTable.put(t.tableName, flagged);
            if (!raw.extraColumns.isEmpty()) {
                extra.put(t.tableName, raw.extraColumns);
            }
            Dataset<Row> ok = RowValidator.accepted(flagged, t, s.policy);
            accepted.with(t, ok);
            if (t == InputTable.PATIENTS) {
                personIds = ok.select(InputTable.Cols.PERSON_ID);
                personCount = s.rowsAccepted;
            }
            metrics.end("validate " + t.tableName, s.rowsRead);
            LOG.info("  {}: {} rows read, {} accepted, {} quarantined", t.tableName, s.rowsRead, s.rowsAccepted,
                    s.rowsQuarantined);
        }

        LocalDate asOf = asOfOption;
        String asOfSource = "configured";
        if (asOf == null) {
            asOf = latestActivity(summaries);
            asOfSource = "latest activity date in the extract";
        }
        FeatureSettings settings = new FeatureSettings(asOf, base.utilisationDays, base.recentDays, base.imdVersion);
        LOG.info("As-of date T = {} ({})", asOf, asOfSource);
        String partition = OutputTables.AS_OF_DATE + "=" + asOf;
        String staging = publisher.staging();
        Map<String, String> outputs = new LinkedHashMap<>();
        List<String> partitions = new ArrayList<>();

        Dataset<Row> dataQuality = dataQuality(spark, runId, summaries, sources, absent, extra);
        Dataset<Row> reasons = quarantineReasons(spark, runId, summaries);
        if (validateOnly) {
            return new RunResult(runId, asOf, asOfSource, summaries, absent, extra, Map.of(), 0, outputs,
                    metrics.stages(), System.currentTimeMillis() - started);
        }

        ReferenceData ref = ReferenceLoader.referenceData(spark, cfg.path("reference.dir"));
        ConditionCodeLists lists = ReferenceLoader.conditionCodeLists(spark, cfg.path("codelists.conditions"),
                cfg.path("codelists.condition_codes"));
        PersonFeatures.Result features = PersonFeatures.build(accepted, ref, lists, settings);
        Segmentation.validate(features.features, rules, cohorts, cfg.path("segments.rules").toString(),
                cfg.path("cohorts.rules").toString());
        Dataset<Row> segmented = Segmentation.cohorts(Segmentation.assign(features.features, rules), cohorts);
        String psRel = "restricted/patient_segments/" + partition;
        OutputTables.conform(segmented, OutputTables.PATIENT_SEGMENTS).write().parquet(staging + "/" + psRel);
        Dataset<Row> patientSegments = spark.read().parquet(staging + "/" + psRel);
        long population = patientSegments.count();
        long acceptedRows = summaries.values().stream().mapToLong(v -> v.rowsAccepted).sum();
        metrics.end("features + segmentation", acceptedRows);
        LOG.info("Population at T: {} people", population);
        partitions.add(psRel);

        String ssRel = "published/segment_summary/" + partition;
        Dataset<Row> summaryRaw = SegmentSummary.aggregateByGeography(patientSegments, GeographyNames.from(ref));
        OutputTables.conform(SegmentSummary.publish(summaryRaw, dc), OutputTables.SEGMENT_SUMMARY)
                .coalesce(1).write().parquet(staging + "/" + ssRel);
        partitions.add(ssRel);
        metrics.end("segment_summary (aggregation + disclosure control)", population);

        writeSmall(dataQuality, staging, "ops/data_quality/" + partition, partitions);
        writeSmall(reasons, staging, "ops/quarantine_reasons/" + partition, partitions);
        Dataset<Row> unmapped = features.unmappedCodes == null
                ? spark.createDataFrame(List.of(), OutputTables.UNMAPPED_CODES)
                : features.unmappedCodes.withColumn("run_id", lit(runId));
        writeSmall(OutputTables.conform(unmapped, OutputTables.UNMAPPED_CODES).orderBy("table_name", "code_system", "code"),
                staging, "ops/unmapped_codes/" + partition, partitions);
        long quarantined = 0;
        for (Map.Entry<String, Dataset<Row>> e : flaggedByTable.entrySet()) {
            InputTable t = InputTable.byName(e.getKey()).orElseThrow();
            ValidationSummary s = summaries.get(e.getKey());
            String rel = "ops/quarantine/" + t.tableName + "/" + partition;
            RowValidator.rejected(e.getValue(), t, s.policy).withColumn("run_id", lit(runId))
                    .coalesce(1).write().parquet(staging + "/" + rel);
            partitions.add(rel);
            quarantined += s.rowsQuarantined;
        }
        metrics.end("ops outputs (data quality, quarantine, unmapped codes)", quarantined);

        Map<String, Long> mix = segmentMix(spark.read().parquet(staging + "/" + ssRel));
        publisher.commit(partitions);
        metrics.end("publish", partitions.size());
        for (String p : partitions) {
            outputs.put(p.substring(0, p.indexOf("/" + OutputTables.AS_OF_DATE)), cfg.path("output").resolve(p).toString());
        }
        long wall = System.currentTimeMillis() - started;
        RunResult result = new RunResult(runId, asOf, asOfSource, summaries, absent, extra, mix,
                mix.get(SegmentSummary.ALL_SEGMENTS) == null ? 0L : mix.get(SegmentSummary.ALL_SEGMENTS), outputs, metrics.stages(), wall);
        String manifest = RunManifest.json(result, cfg, sources, startedAt, Instant.now(), population);
        publisher.writeText("ops/runs/" + runId + "/manifest.json", manifest);
        // latest.json names the run with the latest as-of date, so a backfill of an earlier date does not
        // move dashboards back in time; the backfill's own manifest is still in ops/runs/.
        LocalDate current = RunManifest.asOfOfPointer(publisher.readText("ops/runs/latest.json"));
        if (current == null || !current.isAfter(asOf)) {
            publisher.writeText("ops/runs/latest.json", RunManifest.latestPointer(result));
        }
        outputs.put("ops/runs/" + runId + "/manifest.json",
                cfg.path("output").resolve("ops/runs/" + runId + "/manifest.json").toString());
        return result;
    }

    /**
     * The validation pass is where Spark first reads every byte of the table. A CSV problem there is a row
     * problem (quarantined), but a Parquet part that is truncated or disagrees with the others about a column's
     * type is a file problem: report it as one.
     */
    private static void writeValidated(Dataset<Row> flagged, InputFiles files, String path) {
        try {
            flagged.write().mode(SaveMode.Overwrite).partitionBy(RowValidator.SUSPECT).parquet(path);
        } catch (RuntimeException e) {
            if (files.format != InputFiles.Format.PARQUET) {
                throw e;
            }
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new PhmUserException(files.location + ": cannot read the Parquet data (" + root.getClass().getSimpleName()
                    + "); check every part file is complete and gives each column the same type.", e);
        }
    }

    private static void writeSmall(Dataset<Row> df, String staging, String rel, List<String> partitions) {
        df.coalesce(1).write().parquet(staging + "/" + rel);
        partitions.add(rel);
    }

    /** Stops the run on problems with the whole file rather than with some rows. */
    private void checkFileLevel(InputFiles files, ValidationSummary s) {
        if (s.looksLikeNhsNumbers()) {
            throw new PhmUserException(files.location + ": column 'person_id' looks like NHS numbers (" + s.nhsLikeIds
                    + " of " + s.rowsRead + " values are 10 digits passing the NHS-number check, far more than the "
                    + "1 in 11 chance allows); supply pseudonymised tokens, never NHS numbers.");
        }
        for (String c : s.columnsUnparseableThroughout()) {
            ColumnSpec spec = s.table.column(c).orElseThrow();
            String form = switch (spec.kind) {
                case DATE -> "a date in YYYY-MM-DD form";
                case INT -> "a whole number";
                case DECIMAL -> "a number";
                case BOOLEAN -> "true or false";
                default -> "valid";
            };
            throw new PhmUserException(files.location + ": column '" + c + "' has no value that is " + form + " ("
                    + s.presentAndUnparseable.get(c)[0] + " values checked); re-export the column as " + form + ".");
        }
        if (s.table.required && s.rowsAccepted == 0) {
            throw new PhmUserException(files.location + ": no row passed validation (" + s.rowsRead + " read, reasons "
                    + s.reasons + "); fix the extract, see the input contract.");
        }
    }

    private static LocalDate latestActivity(Map<String, ValidationSummary> summaries) {
        LocalDate latest = null;
        for (InputTable t : ACTIVITY) {
            ValidationSummary s = summaries.get(t.tableName);
            if (s != null) {
                for (LocalDate d : s.latestDates.values()) {
                    latest = latest == null || d.isAfter(latest) ? d : latest;
                }
            }
        }
        if (latest == null) {
            latest = summaries.get(InputTable.REGISTRATIONS.tableName).latestDates.get("start_date");
        }
        if (latest == null) {
            throw new PhmUserException("No activity dates in the extract to take the as-of date from; give --as-of YYYY-MM-DD.");
        }
        return latest;
    }

    /** Spark refuses a bad master URL or setting at start-up: that is a configuration mistake, not a bug. */
    private SparkSession startSpark() {
        try {
            return SparkSessionFactory.create(cfg.sparkSettings());
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\\n")[0];
            throw new PhmUserException("Spark could not start with the configured spark.* settings (" + msg
                    + "); check spark.master (" + cfg.where("spark.master") + ", or --master) and the other spark.* "
                    + "keys.", e);
        }
    }

    private int imdVersion() {
        int v = cfg.integer("imd.version", 2019, 2025);
        if (v != 2019 && v != 2025) {
            throw new PhmUserException(cfg.where("imd.version") + ": 'imd.version' is " + v + "; it must be 2019 or 2025.");
        }
        return v;
    }

    private static Dataset<Row> dataQuality(SparkSession spark, String runId, Map<String, ValidationSummary> summaries,
                                            Map<String, InputFiles> sources, List<String> absent,
                                            Map<String, List<String>> extra) {
        List<Row> rows = new ArrayList<>();
        for (InputTable t : InputTable.values()) {
            ValidationSummary s = summaries.get(t.tableName);
            if (s == null) {
                rows.add(RowFactory.create(runId, t.tableName, "absent", null, 0L, 0L, 0L, null, null, null));
                continue;
            }
            LocalDate latest = s.latestDates.values().stream().max(LocalDate::compareTo).orElse(null);
            Map<String, Double> comp = new LinkedHashMap<>(s.completeness);
            comp.values().removeIf(java.util.Objects::isNull);
            rows.add(RowFactory.create(runId, t.tableName, "loaded",
                    sources.get(t.tableName).format.name().toLowerCase(), s.rowsRead, s.rowsAccepted, s.rowsQuarantined,
                    latest == null ? null : java.sql.Date.valueOf(latest),
                    extra.containsKey(t.tableName) ? String.join("|", extra.get(t.tableName)) : null,
                    scala.jdk.javaapi.CollectionConverters.asScala(comp)));
        }
        return spark.createDataFrame(rows, OutputTables.DATA_QUALITY);
    }

    private static Dataset<Row> quarantineReasons(SparkSession spark, String runId, Map<String, ValidationSummary> summaries) {
        List<Row> rows = new ArrayList<>();
        summaries.forEach((table, s) -> s.reasons.forEach((reason, n) -> rows.add(RowFactory.create(runId, table, reason, n))));
        return spark.createDataFrame(rows, OutputTables.QUARANTINE_REASONS);
    }

    /**
     * Published people per segment over the whole extract, from the ICB level (disclosure-controlled); null
     * where every ICB cell of the segment is suppressed.
     */
    private static Map<String, Long> segmentMix(Dataset<Row> published) {
        Map<String, Long> mix = new LinkedHashMap<>();
        for (Row r : published.filter(col("geography_level").equalTo(GeographyLevel.ICB.label))
                .groupBy("segment").agg(org.apache.spark.sql.functions.sum("patients").alias("patients"))
                .orderBy("segment").collectAsList()) {
            mix.put(r.getString(0), r.isNullAt(1) ? null : r.getLong(1));
        }
        return mix;
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("phm-validate-").toString();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a temporary folder for validation", e);
        }
    }
}
