package uk.nhs.phm.jobs.io;


import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.nhs.phm.pipeline.Errors;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.run.InputSource;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.validate.FileFault;
import uk.nhs.phm.pipeline.validate.HeaderPolicy;
import uk.nhs.phm.pipeline.validate.InputLayout;
import uk.nhs.phm.pipeline.validate.RawColumns;
import uk.nhs.phm.pipeline.validate.RawTable;
import uk.nhs.phm.pipeline.validate.FeedFormat;
import uk.nhs.phm.pipeline.validate.RowValidator;
import uk.nhs.phm.pipeline.validate.TableOrigin;

/**
 * Reads the extract through Hadoop's FileSystem (local, HDFS, S3, ABFS): finds each table's file or part files,
 * reads CSV headers to check them before Spark does, and gives the raw rows: every contract column as text with
 * an explicit schema (never inferred), malformed CSV lines kept in {@code _corrupt_record}, typed Parquet columns
 * turned back into text so both formats validate alike.
 */
public final class HadoopInputSource implements InputSource {
    private static final Logger LOG = LogManager.getLogger(HadoopInputSource.class);
    private static final int MAX_FILES_LOGGED = 20;
    private final SparkSession spark;
    private final String location;
    private final Path root;
    private final FileSystem fs;
    private final FeedFormat format;

    public HadoopInputSource(SparkSession spark, String location, FeedFormat format) {
        this.spark = spark;
        this.location = location;
        this.root = new Path(location);
        this.fs = Fs.fileSystem(root, spark.sparkContext().hadoopConfiguration());
        this.format = format;
        try {
            if (!fs.getFileStatus(root).isDirectory()) {
                throw notAFolder();
            }
        } catch (IOException e) {
            throw notAFolder();
        }
    }

    private PhmUserException notAFolder() {
        return new PhmUserException("--input " + Fs.display(location) + ": not a folder; give the folder that holds "
                + "the extract (one <table>.csv, .csv.gz, .parquet or <table>/ folder per table).");
    }

    @Override
    public String location() {
        return Fs.display(location);
    }

    @Override
    public Optional<RawTable> read(InputTable table) {
        TableOrigin origin = locate(table);
        if (origin == null) {
            LOG.debug("Input {}: none of {} in {}", table.tableName, InputLayout.SUFFIXES.stream()
                    .map(s -> s.isEmpty() ? table.tableName + "/" : table.tableName + s).toList(), location());
            return Optional.empty();
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Input {}: {} ({}, {} file(s), {} bytes)", table.tableName, origin.location,
                    origin.format.name().toLowerCase(java.util.Locale.ROOT), origin.files.size(),
                    origin.files.stream().mapToLong(f -> f.bytes).sum());
            // Paths and sizes only; a folder of thousands of parts is not listed in full.
            origin.files.stream().limit(MAX_FILES_LOGGED).filter(f -> !f.display.equals(origin.location))
                    .forEach(f -> LOG.debug("Input {}:   {} ({} bytes)", table.tableName, f.display, f.bytes));
            if (origin.files.size() > MAX_FILES_LOGGED) {
                LOG.debug("Input {}:   … and {} more files", table.tableName, origin.files.size() - MAX_FILES_LOGGED);
            }
        }
        return Optional.of(origin.format == TableOrigin.Format.CSV ? readCsv(origin) : readParquet(origin));
    }

    /** The table's files, or null when the extract does not have it. */
    TableOrigin locate(InputTable table) {
        try {
            List<String> existing = new ArrayList<>();
            for (String suffix : InputLayout.SUFFIXES) {
                if (fs.exists(new Path(root, table.tableName + suffix))) {
                    existing.add(table.tableName + suffix);
                }
            }
            String entry = InputLayout.chooseEntry(location(), table, existing);
            if (entry == null) {
                return null;
            }
            Path p = new Path(root, entry);
            FileStatus st = fs.getFileStatus(p);
            if (st.isFile()) {
                return new TableOrigin(table, Fs.display(p.toString()), InputLayout.formatOfFile(entry),
                        List.of(sourceFile(st)));
            }
            List<FileStatus> parts = new ArrayList<>();
            for (FileStatus f : listFolder(p)) {
                if (f.isFile() && InputLayout.isDataFile(f.getPath().getName())) {
                    parts.add(f);
                }
            }
            parts.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
            TableOrigin.Format format = InputLayout.formatOfParts(Fs.display(p.toString()), table,
                    parts.stream().map(f -> f.getPath().getName()).toList());
            return new TableOrigin(table, Fs.display(p.toString()), format,
                    parts.stream().map(HadoopInputSource::sourceFile).toList());
        } catch (IOException e) {
            throw new PhmUserException(location() + ": cannot list the extract (" + Errors.firstLine(e) + ").");
        }
    }

    /** A table's folder of parts; one this user may not list is named, as a file would be. */
    private FileStatus[] listFolder(Path folder) throws IOException {
        try {
            return fs.listStatus(folder);
        } catch (IOException e) {
            if (FileFault.of(e, folder.getName()).orElse(null) == FileFault.NOT_PERMITTED) {
                throw FileFault.NOT_PERMITTED.error(Fs.display(folder.toString()), e);
            }
            throw e;
        }
    }

    private static TableOrigin.SourceFile sourceFile(FileStatus f) {
        String path = f.getPath().toString();
        return new TableOrigin.SourceFile(path, Fs.display(path), f.getLen());
    }

    private RawTable readCsv(TableOrigin in) {
        List<String> paths = in.paths();
        List<String> header = csvHeader(paths.get(0));
        for (String part : paths.subList(1, paths.size())) {
            if (!csvHeader(part).equals(header)) {
                throw HeaderPolicy.partHeaderDiffers(Fs.display(part), new Path(paths.get(0)).getName(), in.table);
            }
        }
        List<String> extra = HeaderPolicy.check(in, header);
        HeaderPolicy.checkHasRows(in, () -> paths.stream().allMatch(this::csvHasNoRows));
        StructType schema = new StructType();
        for (String h : header) {
            schema = schema.add(h, DataTypes.StringType, true);
        }
        schema = schema.add(RowValidator.CORRUPT_RECORD, DataTypes.StringType, true);
        Dataset<Row> df = spark.read()
                .schema(schema)
                .option("header", "true")
                .option("enforceSchema", "true")
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", RowValidator.CORRUPT_RECORD)
                .option("quote", "\"")
                .option("escape", "\"")
                .option("multiLine", String.valueOf(format.csvMultiline))
                .option("encoding", format.encoding)
                .option("nullValue", "")
                .csv(paths.toArray(new String[0]));
        return new RawTable(in, RawColumns.contractColumns(in.table, df, header), extra);
    }

    private RawTable readParquet(TableOrigin in) {
        for (TableOrigin.SourceFile part : in.files) {
            checkParquetFooter(part);
        }
        Dataset<Row> df;
        try {
            df = spark.read().parquet(in.paths().toArray(new String[0]));
        } catch (Exception e) {
            // Exception: Spark's SparkException is checked, and thrown from Scala undeclared.
            throw new PhmUserException(in.fileNamedIn(e).map(f -> f.display).orElse(in.location)
                    + ": cannot read as Parquet (" + Errors.firstLine(e) + "); check the files are complete Parquet "
                    + "files.", e);
        }
        List<String> header = List.of(df.columns());
        List<String> extra = HeaderPolicy.check(in, header);
        return new RawTable(in, RawColumns.contractColumns(in.table, RawColumns.asText(df), header), extra);
    }

    /**
     * Reads a Parquet part's footer (its last bytes: the schema and where the row groups are), so that a part cut
     * short or not Parquet at all is named before Spark starts, rather than failing a task mid-run. Cheap: the
     * data pages are not read.
     */
    private void checkParquetFooter(TableOrigin.SourceFile part) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(part.path), conf))) {
            reader.getFooter();
        } catch (IOException e) {
            // Not a damaged file (a store that did not answer, say): the environment's problem, not the user's.
            throw FileFault.of(e, part.path).map(f -> (RuntimeException) f.error(part.display, e))
                    .orElseGet(() -> new UncheckedIOException(part.display + ": cannot read the Parquet footer", e));
        } catch (RuntimeException e) {
            throw FileFault.of(e, part.path).map(f -> (RuntimeException) f.error(part.display, e)).orElse(e);
        }
    }

    private BufferedReader open(String file) throws IOException {
        InputStream raw = fs.open(new Path(file));
        InputStream in = file.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        return new BufferedReader(new InputStreamReader(in, Charset.forName(format.encoding)));
    }

    /** The header columns of a CSV part (BOM and surrounding quotes/spaces removed). */
    List<String> csvHeader(String file) {
        try (BufferedReader r = open(file)) {
            String line = r.readLine();
            if (line == null || line.isBlank()) {
                throw HeaderPolicy.emptyFile(Fs.display(file));
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            CsvParserSettings settings = new CsvParserSettings();
            settings.setLineSeparatorDetectionEnabled(true);
            settings.setNullValue("");
            settings.setEmptyValue("");
            settings.trimValues(true);
            String[] cols = new CsvParser(settings).parseLine(line);
            List<String> out = new ArrayList<>();
            for (String c : cols == null ? new String[0] : cols) {
                out.add(c == null ? "" : c.trim());
            }
            return out;
        } catch (IOException e) {
            throw FileFault.of(e, file).map(f -> f.error(Fs.display(file), e)).orElseGet(() -> new PhmUserException(
                    Fs.display(file) + ": cannot read the file (" + Errors.firstLine(e) + "); check it is a readable "
                    + "UTF-8 CSV (gzip allowed as .csv.gz).", e));
        }
    }

    /** True when a CSV part has a header and no data rows. */
    boolean csvHasNoRows(String file) {
        try (BufferedReader r = open(file)) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw FileFault.of(e, file).map(f -> f.error(Fs.display(file), e)).orElseGet(() -> new PhmUserException(
                    Fs.display(file) + ": cannot read the file (" + Errors.firstLine(e) + ").", e));
        }
    }

    public static Configuration hadoop(SparkSession spark) {
        return spark.sparkContext().hadoopConfiguration();
    }
}
