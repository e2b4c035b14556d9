package uk.nhs.phm.pipeline.reference;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.config.CsvTable;
import uk.nhs.phm.pipeline.schema.InputColumns;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * Conditions (which are long-term conditions, which code resolves which) and their codes
 * (conf/codelists). The condition list is small and held on the driver; the codes are a Dataset.
 */
public final class ConditionCodeLists implements Serializable {
    public static final String CONDITION = "condition";
    /** {@code exact}, or {@code prefix} for an ICD-10 code that stands for every code under it. */
    public static final String MATCH = CodeListFile.MATCH;
    public static final String SOURCE = "source";
    public static final StructType CODES = new StructType()
            .add(CONDITION, DataTypes.StringType).add(InputColumns.CODE_SYSTEM, DataTypes.StringType)
            .add(InputColumns.CODE, DataTypes.StringType).add(MATCH, DataTypes.StringType)
            .add(SOURCE, DataTypes.StringType);

    /** One condition: its name (a feature column is derived from it), label, LTC flag and resolving condition. */
    public static final class Condition implements Serializable {
        public final String name;
        public final String label;
        public final boolean ltc;
        public final String resolvedBy;

        public Condition(String name, String label, boolean ltc, String resolvedBy) {
            this.name = name;
            this.label = label;
            this.ltc = ltc;
            this.resolvedBy = resolvedBy == null || resolvedBy.isBlank() ? null : resolvedBy;
        }
    }

    public static final List<String> CONDITION_FILE_COLUMNS = List.of("condition", "label", "is_ltc", "resolved_by");

    /**
     * The conditions of conf/codelists/conditions.csv, checked: a name becomes a column name, and a condition
     * resolved by another must name one in the file. Errors name the file and line.
     */
    public static List<Condition> parseConditions(CsvTable file) {
        file.requireColumns(CONDITION_FILE_COLUMNS);
        List<Condition> conditions = new ArrayList<>();
        for (CsvTable.Record r : file.records) {
            String ltc = r.get("is_ltc");
            if (!"true".equalsIgnoreCase(ltc) && !"false".equalsIgnoreCase(ltc)) {
                throw new PhmUserException(file.at(r) + ": column 'is_ltc' is '" + ltc + "'; it must be true or false.");
            }
            Condition c = new Condition(r.get("condition"), r.get("label"), Boolean.parseBoolean(ltc), r.get("resolved_by"));
            if (!c.name.matches("[a-z][a-z0-9_]*")) {
                throw new PhmUserException(file.at(r) + ": condition '" + c.name + "' must be lower case letters, digits "
                        + "and underscores (it becomes a column name).");
            }
            conditions.add(c);
        }
        List<String> names = conditions.stream().map(c -> c.name).toList();
        for (Condition c : conditions) {
            if (c.resolvedBy != null && !names.contains(c.resolvedBy)) {
                throw new PhmUserException(file.source + ": column resolved_by of '" + c.name + "' names '"
                        + c.resolvedBy + "', which is not a condition in the file; add it or clear the cell.");
            }
        }
        return conditions;
    }

    public static final List<String> CODE_FILE_COLUMNS = List.of(CONDITION, InputColumns.CODE_SYSTEM, InputColumns.CODE,
            MATCH, SOURCE);

    /**
     * The conditions and their codes, each file checked on the driver (errors name the file, the line and the fix),
     * the codes then handed to Spark as a small table to broadcast.
     */
    public static ConditionCodeLists load(SparkSession spark, CsvTable conditionsFile, CsvTable codesFile) {
        List<Condition> conditions = parseConditions(conditionsFile);
        List<CodeListFile.Entry> entries = CodeListFile.check(codesFile, CODE_FILE_COLUMNS, codeSystems(),
                conditions.stream().map(c -> c.name).toList(), conditionsFile.source);
        return new ConditionCodeLists(conditions, CodeListFile.toDataset(spark, CODES, CONDITION, entries));
    }

    /** Condition codes are matched against gp_events and inpatient diagnoses (ICD-10): the contract's systems there. */
    public static Set<String> codeSystems() {
        Set<String> s = new TreeSet<>(InputTable.GP_EVENTS.column(InputColumns.CODE_SYSTEM).orElseThrow().allowed);
        s.add("icd10");
        return s;
    }

    public final List<Condition> conditions;
    public final Dataset<Row> codes;

    public ConditionCodeLists(List<Condition> conditions, Dataset<Row> codes) {
        this.conditions = List.copyOf(conditions);
        this.codes = codes;
    }
}
