package uk.nhs.phm.jobs.cli;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import uk.nhs.phm.jobs.io.GeneratorCsvSink;
import uk.nhs.phm.jobs.io.GeneratorRatesLoader;
import uk.nhs.phm.jobs.io.GeneratorReferenceLoader;
import uk.nhs.phm.pipeline.spark.SparkSessionFactory;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.schema.ColumnSpec;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.synth.GenerationSummary;
import uk.nhs.phm.pipeline.synth.GeneratorRates;
import uk.nhs.phm.pipeline.synth.GeneratorReference;
import uk.nhs.phm.pipeline.synth.GeneratorSettings;
import uk.nhs.phm.pipeline.synth.SyntheticIcsGenerator;
import uk.nhs.phm.pipeline.validate.FeedFormat;
import uk.nhs.phm.pipeline.validate.TypedColumns;

/** {@code phm generate}: a synthetic input-contract extract for the real practices and LSOAs of one ICB. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = "Write a synthetic, linked care-record extract (every table of input contract v1) for the real "
                + "practices and LSOAs of one ICB: realistic ages, conditions, deaths, registrations and activity, "
                + "plus a small share of deliberately bad rows. The same arguments give byte-identical CSV files.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./phm generate --icb QVV --patients 20000 --seed 42 --output /tmp/extract",
            "  ./phm generate --icb QE1 --patients 1000000 --output /data/synthetic --gzip",
            "  ./phm generate --icb QVV --output /tmp/pq --format parquet --bad-row-share 0",
            "  ./phm generate --icb QVV --output /tmp/old --end-date 2025-03-31"})
public final class GenerateCommand implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(GenerateCommand.class);

    @Mixin
    LoggingMixin logging;

    @Option(names = "--icb", required = true, paramLabel = "CODE",
            description = "ODS code of the ICB, e.g. QVV (Dorset). Practices and LSOAs are that ICB's real ones.")
    String icb;

    @Option(names = "--patients", paramLabel = "N", defaultValue = "10000",
            description = "People in the patients table, including those who died or left (default: ${DEFAULT-VALUE}).")
    int patients;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Random seed; the same seed and options give the same files (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Directory to write the tables to.")
    Path output;

    @Option(names = "--format", paramLabel = "csv|parquet", defaultValue = "csv",
            description = "csv (one <table>.csv each) or parquet (one <table>.parquet folder each; rows with"
                    + " unparseable values, which typed Parquet cannot hold, are left out) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--gzip", description = "Write <table>.csv.gz instead of <table>.csv.")
    boolean gzip;

    @Option(names = "--end-date", paramLabel = "YYYY-MM-DD", defaultValue = "2026-09-30",
            description = "Last day of the activity history, which covers the three years up to it"
                    + " (default: ${DEFAULT-VALUE}).")
    String endDate;

    @Option(names = "--bad-row-share", paramLabel = "SHARE", defaultValue = "0.005",
            description = "Share of rows made deliberately bad (unparseable dates, unknown codes, orphans, duplicate"
                    + " keys, future dates, end before start), 0 to 0.2 (default: ${DEFAULT-VALUE}).")
    double badRowShare;

    @Option(names = "--reference-dir", paramLabel = "DIR",
            description = "Reference data (default: conf/reference under the phm home).")
    Path referenceDir;

    @Option(names = "--codelists-dir", paramLabel = "DIR",
            description = "Condition code lists (default: conf/codelists under the phm home).")
    Path codelistsDir;

    @Override
    public Integer call() throws IOException {
        logging.apply();
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("csv") && !fmt.equals("parquet")) {
            throw new PhmUserException("--format must be csv or parquet (got '" + format + "')");
        }
        if (fmt.equals("parquet") && gzip) {
            throw new PhmUserException("--gzip applies to CSV only; Parquet is compressed already");
        }
        LocalDate end;
        try {
            end = LocalDate.parse(endDate);
        } catch (DateTimeParseException e) {
            throw new PhmUserException("--end-date must be a date YYYY-MM-DD (got '" + endDate + "')");
        }
        Path home = Paths.get(System.getProperty("phm.home", "."));
        // The model's rates: the version-controlled file under the phm home, so an extract is reproducible
        // from the commit it was generated at.
        GeneratorRates rates = GeneratorRatesLoader.load(home.resolve(GeneratorRates.SHIPPED_FILE));
        GeneratorSettings settings = new GeneratorSettings(patients, seed, end, badRowShare, rates);
        Path refDir = referenceDir != null ? referenceDir : home.resolve("conf/reference");
        Path codeDir = codelistsDir != null ? codelistsDir : home.resolve("conf/codelists");
        GeneratorReference ref = GeneratorReferenceLoader.load(refDir, codeDir, icb.trim().toUpperCase(Locale.ROOT));
        LOG.debug("ICB {}: {} practices, {} LSOAs", ref.icbCode, ref.practices.size(), ref.lsoas.size());

        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new PhmUserException("--output " + output + " exists and is not a directory");
        }
        Files.createDirectories(output);
        long t0 = System.nanoTime();
        GenerationSummary summary;
        Path csvDir = fmt.equals("csv") ? output : Files.createTempDirectory(output, ".generate-csv-");
        try {
            try (GeneratorCsvSink sink = new GeneratorCsvSink(csvDir, gzip)) {
                summary = SyntheticIcsGenerator.generate(ref, settings, sink);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (fmt.equals("parquet")) {
                toParquet(csvDir, output);
            }
            printSummary(ref, summary, fmt, seconds, (System.nanoTime() - t0) / 1e9);
        } finally {
            if (!csvDir.equals(output)) {
                deleteTree(csvDir);
            }
        }
        return ExitCodes.OK;
    }

    private void printSummary(GeneratorReference ref, GenerationSummary s, String fmt, double generateSeconds,
                              double totalSeconds) {
        System.out.printf(Locale.ROOT, "phm generate: ICB %s (%d practices, %d LSOAs), %,d people, seed %d,"
                        + " history to %s%n", ref.icbCode, ref.practices.size(), ref.lsoas.size(), s.people, seed,
                endDate);
        for (InputTable t : InputTable.values()) {
            System.out.printf(Locale.ROOT, "  %-24s %,12d rows  (%,d deliberately bad)%n", t.tableName,
                    s.rows.get(t), s.badRows.get(t));
        }
        System.out.printf(Locale.ROOT, "  %-24s %,12d rows  (%,d deliberately bad, %.2f%%)%n", "total", s.totalRows(),
                s.totalBadRows(), 100.0 * s.totalBadRows() / Math.max(1, s.totalRows()));
        System.out.printf(Locale.ROOT, "Generated in %.1f s (%,.0f people/s, %,.0f rows/s)%s; %s written to %s%n",
                generateSeconds, s.people / generateSeconds, s.totalRows() / generateSeconds,
                fmt.equals("parquet") ? String.format(Locale.ROOT, ", %.1f s with Parquet conversion", totalSeconds) : "",
                fmt.equals("csv") ? (gzip ? "gzip CSV" : "CSV") : "Parquet", output.toAbsolutePath());
    }

    /**
     * Converts each CSV table to typed Parquet. Values are parsed exactly as validation parses them
     * ({@link TypedColumns#parsed}: trimmed, empty is null, dates only from strict YYYY-MM-DD text), so the
     * Parquet extract and the CSV extract validate alike. A row is left out only when a present value does
     * not parse: exactly the deliberately unparseable rows, which typed Parquet cannot represent. Every
     * other bad row is kept.
     */
    private static void toParquet(Path csvDir, Path output) {
        SparkSession spark = SparkSessionFactory.create(Map.of());
        for (InputTable t : InputTable.values()) {
            List<StructField> raw = new ArrayList<>();
            for (ColumnSpec c : t.columns) {
                raw.add(DataTypes.createStructField(c.name, DataTypes.StringType, true));
            }
            StructType rawSchema = DataTypes.createStructType(raw);
            Dataset<Row> in = spark.read().option("header", "true").option("mode", "PERMISSIVE")
                    .schema(rawSchema).csv(csvDir.resolve(GeneratorCsvSink.fileName(t, false)).toString());
            List<Column> typed = new ArrayList<>();
            Column parseable = lit(true);
            for (ColumnSpec c : t.columns) {
                Column value = TypedColumns.parsed(c, FeedFormat.CONTRACT).cast(c.kind.sparkType);
                typed.add(value.alias(c.name));
                parseable = parseable.and(not(TypedColumns.isPresent(c.name, FeedFormat.CONTRACT)).or(value.isNotNull()));
            }
            in.filter(parseable).select(typed.toArray(new Column[0]))
                    .write().mode(SaveMode.Overwrite).parquet(output.resolve(t.tableName + ".parquet").toString());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
