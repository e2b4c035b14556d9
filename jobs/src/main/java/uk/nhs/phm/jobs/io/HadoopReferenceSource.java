package uk.nhs.phm.jobs.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import uk.nhs.phm.pipeline.Errors;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.config.CsvTable;
import uk.nhs.phm.pipeline.config.Setting;
import uk.nhs.phm.pipeline.config.Settings;
import uk.nhs.phm.pipeline.run.ReferenceSource;

/**
 * Reference data, code lists and rules from the locations the settings name, through Hadoop's FileSystem. Small
 * configuration CSVs are parsed on the driver ({@link CsvTable#parse}); reference tables are read by Spark with an explicit schema. A missing file or column is a
 * configuration error naming the file and the column.
 */
public final class HadoopReferenceSource implements ReferenceSource {
    private final SparkSession spark;
    private final Settings settings;

    public HadoopReferenceSource(SparkSession spark, Settings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    private String location(Setting<String> s, String fileName) {
        String base = settings.get(s);
        return fileName == null ? base : new Path(base, fileName).toString();
    }

    @Override
    public CsvTable configFile(Setting<String> setting) {
        String loc = location(setting, null);
        Path p = new Path(loc);
        FileSystem fs = Fs.fileSystem(p, spark.sparkContext().hadoopConfiguration());
        String shown = Fs.display(loc);
        try {
            if (!fs.exists(p) || !fs.getFileStatus(p).isFile()) {
                throw new PhmUserException(shown + ": configuration file not found (" + setting.key + ", set in "
                        + settings.where(setting.key) + "); restore it from the project or point " + setting.key
                        + " at your own copy.");
            }
            try (Reader r = new InputStreamReader(fs.open(p), StandardCharsets.UTF_8)) {
                return CsvTable.parse(shown, r);
            }
        } catch (IOException e) {
            throw new PhmUserException(shown + ": cannot read (" + Errors.firstLine(e) + ").");
        }
    }

    @Override
    public Dataset<Row> table(Setting<String> setting, String fileName, StructType schema) {
        String loc = location(setting, fileName);
        Path p = new Path(loc);
        FileSystem fs = Fs.fileSystem(p, spark.sparkContext().hadoopConfiguration());
        String shown = Fs.display(loc);
        List<String> header;
        try {
            if (!fs.exists(p) || !fs.getFileStatus(p).isFile()) {
                throw new PhmUserException(shown + ": reference file not found (" + setting.key + ", set in "
                        + settings.where(setting.key) + "); restore it from the project (see the PROVENANCE.md beside "
                        + "it) or set " + setting.key + " to a location that has it.");
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
                String first = r.readLine();
                header = CsvTable.parse(shown, new StringReader(first == null ? "" : first)).header;
            }
        } catch (IOException e) {
            throw new PhmUserException(shown + ": cannot read (" + Errors.firstLine(e) + ").");
        }
        for (StructField f : schema.fields()) {
            if (!header.contains(f.name())) {
                throw new PhmUserException(shown + ": required column '" + f.name() + "' is missing; the file must have "
                        + "the columns " + List.of(schema.fieldNames()) + ".");
            }
        }
        // Read as text by header name, then cast: reference files may carry extra columns in any order.
        StructType asText = new StructType();
        for (String h : header) {
            asText = asText.add(h, DataTypes.StringType);
        }
        Dataset<Row> text = spark.read().schema(asText).option("header", "true").option("escape", "\"").csv(loc);
        return text.select(Arrays.stream(schema.fields())
                .map(f -> functions.col(f.name()).cast(f.dataType()).alias(f.name())).toArray(Column[]::new));
    }
}
