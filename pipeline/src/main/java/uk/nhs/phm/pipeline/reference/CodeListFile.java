package uk.nhs.phm.pipeline.reference;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.config.CsvTable;
import uk.nhs.phm.pipeline.schema.InputColumns;

/**
 * A code list a site may replace with its own (condition codes, eFI deficit codes; later the score maps): one row
 * per (name, code_system, code, match). Read on the driver as a {@link CsvTable} (at most some ten thousand lines),
 * so that every fault stops the run with the file, the line and the fix, instead of a code that silently never
 * matches; then handed to Spark as a small Dataset to broadcast.
 *
 * <p>Codes are stored as the matcher compares them (see {@code Conditions.normalisedCode}): ICD-10 without dots
 * or spaces in upper case, Read v2 on its first five characters (the term code is dropped). A site may therefore
 * write {@code I50.0} or a seven-character Read code and get what it means.
 */
public final class CodeListFile {
    public static final String CODE_SYSTEM = InputColumns.CODE_SYSTEM;
    public static final String CODE = InputColumns.CODE;
    /** {@code exact}, or {@code prefix} for an ICD-10 code that stands for every code under it. */
    public static final String MATCH = "match";
    public static final String EXACT = "exact";
    public static final String PREFIX = "prefix";
    /** The only code system matched by prefix: ICD-10 is hierarchical by its characters, the others are not. */
    public static final String PREFIX_SYSTEM = "icd10";

    /** One checked row: the name it belongs to, its code as matched, and the record for any other column. */
    public static final class Entry {
        public final String name;
        public final String codeSystem;
        public final String code;
        public final String match;
        public final CsvTable.Record record;

        Entry(String name, String codeSystem, String code, String match, CsvTable.Record record) {
            this.name = name;
            this.codeSystem = codeSystem;
            this.code = code;
            this.match = match;
            this.record = record;
        }
    }

    private CodeListFile() {
    }

    /**
     * The rows of a code-list file, checked.
     *
     * @param file        the parsed file
     * @param columns     its columns; the first names what a code belongs to (condition, deficit), and
     *                    {@code code_system}, {@code code} and {@code match} must be among them
     * @param codeSystems the code systems the input contract allows in the tables the list is matched against
     * @param declared    the names the list must give codes for, each at least one, and the only names allowed
     * @param declaredIn  where the names are declared, for the messages (e.g. conf/codelists/conditions.csv)
     */
    public static List<Entry> check(CsvTable file, List<String> columns, Set<String> codeSystems,
                                    Collection<String> declared, String declaredIn) {
        for (String c : columns) {
            // Other columns (a description, say) may be carried along; these must be there, spelt as here.
            if (!file.header.contains(c)) {
                throw new PhmUserException(file.source + ", line 1: the header has no column '" + c + "'; the header "
                        + "must name the columns " + String.join(",", columns) + " (others may follow).");
            }
        }
        String nameColumn = columns.get(0);
        Set<String> names = new LinkedHashSet<>(declared);
        Set<String> allowed = new TreeSet<>(codeSystems);
        Set<String> withCodes = new LinkedHashSet<>();
        List<Entry> entries = new ArrayList<>();
        for (CsvTable.Record r : file.records) {
            String name = r.get(nameColumn);
            if (!names.contains(name)) {
                throw new PhmUserException(file.at(r) + ": " + nameColumn + " '" + name + "' is not declared in "
                        + declaredIn + "; add it there or correct the name.");
            }
            String system = r.get(CODE_SYSTEM).toLowerCase(Locale.ROOT);
            if (!allowed.contains(system)) {
                throw new PhmUserException(file.at(r) + ": code_system '" + r.get(CODE_SYSTEM) + "' is not one the "
                        + "input contract allows where this list is matched; use one of " + String.join(", ", allowed) + ".");
            }
            String code = normalised(system, r.get(CODE));
            if (code.isEmpty()) {
                throw new PhmUserException(file.at(r) + ": the code is empty; give the code or delete the line.");
            }
            String match = r.get(MATCH).toLowerCase(Locale.ROOT);
            if (!match.equals(EXACT) && !(match.equals(PREFIX) && system.equals(PREFIX_SYSTEM))) {
                String fix = system.equals(PREFIX_SYSTEM) ? "write exact or prefix"
                        : "write exact (only " + PREFIX_SYSTEM + " codes may be matched by prefix)";
                throw new PhmUserException(file.at(r) + ": match '" + r.get(MATCH) + "' is not allowed with "
                        + "code_system " + system + "; " + fix + ".");
            }
            withCodes.add(name);
            entries.add(new Entry(name, system, code, match, r));
        }
        for (String n : names) {
            if (!withCodes.contains(n)) {
                throw new PhmUserException(file.source + ": " + nameColumn + " '" + n + "' (declared in " + declaredIn
                        + ") has no codes; add its codes to this file or remove it from " + declaredIn + ".");
            }
        }
        return entries;
    }

    /** A code as the matcher compares it: ICD-10 without dots or spaces, upper case; Read v2 without its term code. */
    static String normalised(String system, String code) {
        return switch (system) {
            case "icd10" -> code.replaceAll("[.\\s]", "").toUpperCase(Locale.ROOT);
            case "read2" -> code.length() > 5 ? code.substring(0, 5) : code;
            default -> code;
        };
    }

    /**
     * The checked rows as a Dataset with the given schema: {@code code_system}, {@code code} and {@code match} as
     * checked, the name column and any other column as in the file (trimmed). Duplicates are dropped.
     */
    public static Dataset<Row> toDataset(SparkSession spark, StructType schema, String nameColumn, List<Entry> entries) {
        Set<List<String>> rows = new LinkedHashSet<>();
        for (Entry e : entries) {
            List<String> v = new ArrayList<>();
            for (StructField f : schema.fields()) {
                String c = f.name();
                v.add(c.equals(nameColumn) ? e.name : c.equals(CODE_SYSTEM) ? e.codeSystem : c.equals(CODE) ? e.code
                        : c.equals(MATCH) ? e.match : e.record.get(c));
            }
            rows.add(v);
        }
        List<Row> out = rows.stream().map(v -> RowFactory.create(v.toArray())).toList();
        return spark.createDataFrame(out, schema);
    }
}
