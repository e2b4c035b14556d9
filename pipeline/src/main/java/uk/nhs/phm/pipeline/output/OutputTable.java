package uk.nhs.phm.pipeline.output;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One output table's identity, in one place: its tier (who may see it), name, columns with types and meanings,
 * grain and how it is written. The store writes and reads it by this entry, the data dictionary is generated
 * from it, and the tests iterate the registry, so adding a table is one entry here plus the stage that fills it.
 */
public final class OutputTable implements Serializable {
    /** Who may see a table: the first folder of its path, so access can be granted per folder. */
    public enum Tier {
        /** Aggregates after disclosure control: safe to share. */
        PUBLISHED("published"),
        /** Patient-level, pseudonymised: for staff with a legitimate relationship only. */
        RESTRICTED("restricted"),
        /** For the BI team running the pipeline (quarantine tables are patient-level: restrict them too). */
        OPS("ops");

        public final String folder;

        Tier(String folder) {
            this.folder = folder;
        }
    }

    /** Every table is partitioned by the as-of date T of the run that wrote it. */
    public static final String AS_OF_DATE = "as_of_date";

    public final Tier tier;
    /** Name under the tier folder, e.g. {@code segment_summary} or {@code quarantine/patients}. */
    public final String name;
    public final String grain;
    public final List<OutputColumn> columns;
    /** Small tables are written as one file per partition. */
    public final boolean singleFile;
    /** Data-dictionary section this table is documented in, when several tables share one (else its path). */
    public final String docSection;

    public OutputTable(Tier tier, String name, String grain, List<OutputColumn> columns, boolean singleFile,
                       String docSection) {
        this.tier = tier;
        this.name = name;
        this.grain = grain;
        this.columns = List.copyOf(columns);
        this.singleFile = singleFile;
        this.docSection = docSection == null ? tier.folder + "/" + name : docSection;
    }

    public OutputTable(Tier tier, String name, String grain, List<OutputColumn> columns, boolean singleFile) {
        this(tier, name, grain, columns, singleFile, null);
    }

    /** Path under the output folder, e.g. {@code published/segment_summary}. */
    public String path() {
        return tier.folder + "/" + name;
    }

    /** The schema of the rows, without the {@value #AS_OF_DATE} partition column. */
    public StructType schema() {
        StructType s = new StructType();
        for (OutputColumn c : columns) {
            s = s.add(c.name, c.type, true);
        }
        return s;
    }

    /** The schema a reader of the partitioned folder sees: the rows' columns, then {@value #AS_OF_DATE}. */
    public StructType schemaWithPartition() {
        return schema().add(AS_OF_DATE, DataTypes.DateType, true);
    }

    public List<String> columnNames() {
        return columns.stream().map(c -> c.name).toList();
    }

    /**
     * The rows with exactly this table's columns, in order and with the declared types. A column the stage did
     * not compute is a bug (a stage and its table disagree), never silently published as null.
     */
    public Dataset<Row> conform(Dataset<Row> df) {
        List<String> present = List.of(df.columns());
        Column[] cols = new Column[columns.size()];
        int i = 0;
        for (OutputColumn c : columns) {
            if (!present.contains(c.name)) {
                throw new IllegalStateException("Output table " + path() + ": column " + c.name + " was not computed");
            }
            cols[i++] = col(c.name).cast(c.type).alias(c.name);
        }
        return df.select(cols);
    }

    @Override
    public String toString() {
        return path();
    }
}
