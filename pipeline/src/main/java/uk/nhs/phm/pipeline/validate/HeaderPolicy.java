package uk.nhs.phm.pipeline.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.schema.ColumnSpec;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * What a table's header must be before any row is read (input contract, "File-level rules"): every column
 * named once, no direct identifier, every required column present. Problems stop the run naming the file and
 * the column; columns the contract does not name are ignored and reported.
 */
public final class HeaderPolicy {
    private HeaderPolicy() {
    }

    /** Checks the header and returns the extra (ignored) columns. */
    public static List<String> check(TableOrigin origin, List<String> header) {
        InputTable t = origin.table;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (h.isBlank()) {
                throw new PhmUserException(origin + ": column " + (i + 1) + " of the header has no name; every column "
                        + "needs a name (remove trailing commas from the header row).");
            }
            if (!seen.add(h.toLowerCase(Locale.ROOT)) || h.equalsIgnoreCase(RowValidator.CORRUPT_RECORD)) {
                throw new PhmUserException(origin + ": " + shown(h, i) + " appears more than once in the header (names "
                        + "are compared ignoring case); keep one column of each name.");
            }
        }
        for (String h : header) {
            if (InputTable.DIRECT_IDENTIFIER_COLUMNS.contains(h.toLowerCase(Locale.ROOT))) {
                throw new PhmUserException(origin + ": column '" + h + "' is a direct identifier; the pipeline never "
                        + "reads direct identifiers. Remove the column from the extract and use the pseudonymised "
                        + "person_id only.");
            }
        }
        for (ColumnSpec c : t.requiredColumns()) {
            if (!header.contains(c.name)) {
                String near = header.stream().filter(h -> h.equalsIgnoreCase(c.name)).findFirst()
                        .map(h -> " (found '" + h + "': column names are lower case)").orElse("");
                throw new PhmUserException(origin + ": required column '" + c.name + "' is missing" + near + "; the '"
                        + t.tableName + "' table needs " + t.requiredColumns().stream().map(x -> x.name).toList()
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

    /**
     * A header name as a message may show it. A file without a header row has a record where its header should
     * be, and a message must never repeat a person-level value: a name that does not look like a column name
     * (letters, digits and underscores, few digits) is shown by position only.
     */
    static String shown(String name, int index) {
        boolean looksLikeAName = name.matches("[A-Za-z_][A-Za-z0-9_ ]{0,63}")
                && name.chars().filter(Character::isDigit).count() <= 4;
        return looksLikeAName ? "column '" + name + "'"
                : "column " + (index + 1) + " (its name is not shown: it does not look like a column name; does the "
                        + "file have a header row?)";
    }

    /** Every part file of a table must have the same header. */
    public static PhmUserException partHeaderDiffers(String part, String firstPart, InputTable t) {
        return new PhmUserException(part + ": its header differs from " + firstPart + "; every part file of '"
                + t.tableName + "' must have the same columns in the same order.");
    }

    public static PhmUserException emptyFile(String file) {
        return new PhmUserException(file + ": the file is empty; a CSV input needs a header row naming its columns "
                + "(see the input contract), then one row per record.");
    }

    /** A required table with a header and no rows cannot give a population (rows counted only when required). */
    public static void checkHasRows(TableOrigin origin, java.util.function.BooleanSupplier noRows) {
        if (origin.table.required && noRows.getAsBoolean()) {
            throw new PhmUserException(origin + ": has a header but no rows; '" + origin.table.tableName
                    + "' is required and must hold at least one record.");
        }
    }
}
