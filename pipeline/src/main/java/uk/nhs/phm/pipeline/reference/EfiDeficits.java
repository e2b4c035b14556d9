package uk.nhs.phm.pipeline.reference;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * The 36 deficits of the electronic Frailty Index (Clegg et al. 2016) and their GP codes (conf/codelists
 * efi_deficits.csv, efi_deficit_codes.csv). The deficit list is small and held on the driver; the codes are a
 * Dataset. Every deficit is found by its codes in GP events, except the one whose rule is {@code polypharmacy},
 * which is found from medications.
 */
public final class EfiDeficits implements Serializable {
    public static final String DEFICIT = "deficit";
    public static final String SOURCE = "source";
    /** Clegg's index has 36 deficits; the eFI is the share present, so a list of another length is another index. */
    public static final int COUNT = 36;
    /** The deficit is present when a GP event carries one of its codes. */
    public static final String RULE_CODES = "codes";
    /** The deficit is present when ≥ 5 distinct medication codes were issued in the recent window. */
    public static final String RULE_POLYPHARMACY = "polypharmacy";

    public static final List<String> DEFICIT_FILE_COLUMNS = List.of("number", DEFICIT, "label", "rule");
    public static final List<String> CODE_FILE_COLUMNS = List.of(DEFICIT, InputColumns.CODE_SYSTEM, InputColumns.CODE,
            CodeListFile.MATCH, SOURCE);
    public static final StructType CODES = new StructType()
            .add(DEFICIT, DataTypes.StringType).add(InputColumns.CODE_SYSTEM, DataTypes.StringType)
            .add(InputColumns.CODE, DataTypes.StringType).add(CodeListFile.MATCH, DataTypes.StringType)
            .add(SOURCE, DataTypes.StringType);

    /** One deficit: its number in Clegg's table, its name, label and how it is found. */
    public static final class Deficit implements Serializable {
        public final int number;
        public final String name;
        public final String label;
        public final String rule;

        public Deficit(int number, String name, String label, String rule) {
            this.number = number;
            this.name = name;
            this.label = label;
            this.rule = rule;
        }
    }

    public final List<Deficit> deficits;
    public final Dataset<Row> codes;

    public EfiDeficits(List<Deficit> deficits, Dataset<Row> codes) {
        this.deficits = List.copyOf(deficits);
        this.codes = codes;
    }

    /** The deficits and their codes, each file checked (errors name the file, the line and the fix). */
    public static EfiDeficits load(SparkSession spark, CsvTable deficitsFile, CsvTable codesFile) {
        List<Deficit> deficits = parseDeficits(deficitsFile);
        List<String> byCodes = deficits.stream().filter(d -> d.rule.equals(RULE_CODES)).map(d -> d.name).toList();
        List<CodeListFile.Entry> entries = CodeListFile.check(codesFile, CODE_FILE_COLUMNS, gpCodeSystems(), byCodes,
                deficitsFile.source);
        return new EfiDeficits(deficits, CodeListFile.toDataset(spark, CODES, DEFICIT, entries));
    }

    /** The code systems the input contract allows in gp_events, where the deficit codes are looked for. */
    public static Set<String> gpCodeSystems() {
        return InputTable.GP_EVENTS.column(InputColumns.CODE_SYSTEM).orElseThrow().allowed;
    }

    /** The deficit of the polypharmacy rule, or null when the list has none. */
    public String polypharmacy() {
        return deficits.stream().filter(d -> d.rule.equals(RULE_POLYPHARMACY)).map(d -> d.name).findFirst().orElse(null);
    }

    /** The deficits of efi_deficits.csv, checked: 36 distinct names that can be identifiers, numbered 1 to 36. */
    public static List<Deficit> parseDeficits(CsvTable file) {
        file.requireColumns(DEFICIT_FILE_COLUMNS);
        List<Deficit> deficits = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<Integer> numbers = new HashSet<>();
        boolean polypharmacy = false;
        for (CsvTable.Record r : file.records) {
            String name = r.get(DEFICIT);
            if (!name.matches("[a-z][a-z0-9_]*")) {
                throw new PhmUserException(file.at(r) + ": deficit '" + name + "' must be lower case letters, digits and "
                        + "underscores.");
            }
            if (!names.add(name)) {
                throw new PhmUserException(file.at(r) + ": deficit '" + name + "' is listed twice; each deficit is "
                        + "counted once, so keep one line.");
            }
            int number;
            try {
                number = Integer.parseInt(r.get("number"));
            } catch (NumberFormatException e) {
                number = 0;
            }
            if (number < 1 || number > COUNT || !numbers.add(number)) {
                throw new PhmUserException(file.at(r) + ": column 'number' is '" + r.get("number") + "'; number the "
                        + "deficits 1 to " + COUNT + ", each once.");
            }
            String rule = r.get("rule");
            if (!rule.equals(RULE_CODES) && !rule.equals(RULE_POLYPHARMACY)) {
                throw new PhmUserException(file.at(r) + ": column 'rule' is '" + rule + "'; it must be " + RULE_CODES
                        + " (found by its codes in gp_events) or " + RULE_POLYPHARMACY + ".");
            }
            if (rule.equals(RULE_POLYPHARMACY) && polypharmacy) {
                throw new PhmUserException(file.at(r) + ": a second deficit has the rule " + RULE_POLYPHARMACY
                        + "; only one may.");
            }
            polypharmacy |= rule.equals(RULE_POLYPHARMACY);
            deficits.add(new Deficit(number, name, r.get("label"), rule));
        }
        if (deficits.size() != COUNT) {
            throw new PhmUserException(file.source + ": the file lists " + deficits.size() + " deficits; the eFI "
                    + "(Clegg 2016) has " + COUNT + " and is their share, so list all " + COUNT + " (replace the codes "
                    + "of a deficit in the codes file rather than removing it).");
        }
        return deficits;
    }
}
