package uk.nhs.phm.jobs.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.schema.ColumnSpec;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.validate.RowValidator;

/**
 * Reads one input table into its raw form: every contract column as a string (missing optional columns as
 * null) plus {@code _corrupt_record}, so that validation sees exactly what was in the file and can quarantine
 * what does not parse. CSV is read with an explicit all-string schema built from the header, never inferred.
 * File-level problems (empty file, direct identifiers, missing required column) stop the run here.
 */
public final class InputReader {
    /** A table as read: raw rows and what the data-quality report needs about the source. */
    public static final class RawTable {
        public final InputFiles files;
        public final Dataset<Row> raw;
        public final List<String> extraColumns;

        RawTable(InputFiles files, Dataset<Row> raw, List<String> extraColumns) {
            this.files = files;
            this.raw = raw;
            this.extraColumns = extraColumns;
        }
    }

    private final SparkSession spark;
    private final boolean multiline;

    public InputReader(SparkSession spark, boolean multiline) {
        this.spark = spark;
        this.multiline = multiline;
    }

    public RawTable read(InputFiles in) {
        return in.format == InputFiles.Format.CSV ? readCsv(in) : readParquet(in);
    }

    private RawTable readCsv(InputFiles in) {
        List<String> header = InputFiles.csvHeader(in.files.get(0));
        for (Path part : in.files.subList(1, in.files.size())) {
            if (!InputFiles.csvHeader(part).equals(header)) {
                throw new PhmUserException(part + ": its header differs from " + in.files.get(0).getFileName()
                        + "; every part file of '" + in.table.tableName + "' must have the same columns in the same order.");
            }
        }
        List<String> extra = checkColumns(in, header);
        if (in.table.required && in.files.stream().allMatch(InputFiles::csvHasNoRows)) {
            throw new PhmUserException(in.location + ": has a header but no rows; '" + in.table.tableName
                    + "' is required and must hold at least one record.");
        }
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
                .option("multiLine", String.valueOf(multiline))
                .option("encoding", "UTF-8")
                .option("nullValue", "")
                .csv(in.files.stream().map(Path::toString).toArray(String[]::new));
        return new RawTable(in, contractColumns(in.table, df, header), extra);
    }

    private RawTable readParquet(InputFiles in) {
        Dataset<Row> df;
        try {
            df = spark.read().parquet(in.files.stream().map(Path::toString).toArray(String[]::new));
        } catch (RuntimeException e) {
            throw new PhmUserException(in.location + ": cannot read as Parquet (" + firstLine(e)
                    + "); check the files are complete Parquet files.", e);
        }
        List<String> header = List.of(df.columns());
        List<String> extra = checkColumns(in, header);
        // Typed Parquet columns are turned back into the contract's text form, so both formats validate alike.
        List<Column> asText = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            // Back-quoted, so a name with a dot is a name, not a field of a struct.
            Column c = col("`" + f.name().replace("`", "``") + "`");
            if (f.dataType() instanceof DateType || f.dataType() instanceof TimestampType
                    || f.dataType() instanceof org.apache.spark.sql.types.TimestampNTZType) {
                c = date_format(c, "yyyy-MM-dd");
            }
            asText.add(c.cast(DataTypes.StringType).alias(f.name()));
        }
        Dataset<Row> text = df.select(asText.toArray(new Column[0]))
                .withColumn(RowValidator.CORRUPT_RECORD, lit(null).cast(DataTypes.StringType));
        return new RawTable(in, contractColumns(in.table, text, header), extra);
    }

    /** Refuses direct identifiers and missing required columns; returns the unknown extra columns. */
    private static List<String> checkColumns(InputFiles in, List<String> header) {
        InputTable t = in.table;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (h.isBlank()) {
                throw new PhmUserException(in.location + ": column " + (i + 1) + " of the header has no name; every "
                        + "column needs a name (remove trailing commas from the header row).");
            }
            if (!seen.add(h.toLowerCase(Locale.ROOT)) || h.equalsIgnoreCase(RowValidator.CORRUPT_RECORD)) {
                throw new PhmUserException(in.location + ": column '" + h + "' appears more than once in the header "
                        + "(names are compared ignoring case); keep one column of each name.");
            }
        }
        for (String h : header) {
            if (InputTable.DIRECT_IDENTIFIER_COLUMNS.contains(h.toLowerCase(Locale.ROOT))) {
                throw new PhmUserException(in.location + ": column '" + h + "' is a direct identifier; the pipeline "
                        + "never reads direct identifiers. Remove the column from the extract and use the "
                        + "pseudonymised person_id only.");
            }
        }
        for (ColumnSpec c : t.requiredColumns()) {
            if (!header.contains(c.name)) {
                String near = header.stream().filter(h -> h.equalsIgnoreCase(c.name)).findFirst()
                        .map(h -> " (found '" + h + "': column names are lower case)").orElse("");
                throw new PhmUserException(in.location + ": required column '" + c.name + "' is missing" + near
                        + "; the '" + t.tableName + "' table needs " + t.requiredColumns().stream().map(x -> x.name).toList()
                        + " (see the input contract).");
            }
        }
        List<String> extra = new ArrayList<>();
        for (String h : header) {
            if (!t.columnNames().contains(h)) {
                extra.add(h);
            }
        }
        return extra;
    }

    /** The contract's columns in contract order (absent optional ones as nulls) and the corrupt-record column. */
    private static Dataset<Row> contractColumns(InputTable t, Dataset<Row> df, List<String> header) {
        List<Column> cols = new ArrayList<>();
        for (String name : t.columnNames()) {
            cols.add(header.contains(name) ? col(name) : lit(null).cast(DataTypes.StringType).alias(name));
        }
        cols.add(col(RowValidator.CORRUPT_RECORD));
        return df.select(cols.toArray(new Column[0]));
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.split("\\n")[0];
    }
}
