package uk.nhs.phm.pipeline.disclosure;

import java.util.ArrayList;
import java.util.List;

/**
 * How a disclosure-controlled table is laid out, so that {@link DisclosureControl#protect} can find its additive
 * relations without knowing the table: one row per cell, keyed by a geography level and code, an optional category
 * whose {@code categoryTotal} row is the sum of the others within an area (segment and {@code all}), and other key
 * columns that split the table into independent parts (risk tier; indicator id and method). Areas of different
 * levels add up as the {@link GeographyMembership} says.
 *
 * @param tableName      the table as named in the output contract (also in the audit)
 * @param levelColumn    column holding the geography level
 * @param codeColumn     column holding the area code
 * @param levels         the geography levels, most detailed first (withholding a detailed cell costs the reader
 *                       least, so secondary suppression prefers the earlier levels)
 * @param categoryColumn column whose {@code categoryTotal} row sums the others within an area; null if none
 * @param categoryTotal  the total's value, e.g. {@code all}
 * @param keyColumns     further key columns; rows differing in them never add up together
 * @param measures       the published figures, in the order they are protected (a measure may only be withheld
 *                       with measures before it)
 */
public record TableLayout(String tableName, String levelColumn, String codeColumn, List<String> levels,
                          String categoryColumn, String categoryTotal, List<String> keyColumns, List<Measure> measures) {

    /** A count is suppressed when 1 to threshold − 1 and else rounded; money is rounded to the money unit. */
    public enum Kind { COUNT, MONEY }

    /**
     * @param name         the column
     * @param kind         count or money
     * @param withheldWith earlier measures: where any of them is withheld this one is too (activity with the people
     *                     it belongs to; a cost, count × tariff, with every count it is built from)
     */
    public record Measure(String name, Kind kind, List<String> withheldWith) {
        public static Measure count(String name, String... withheldWith) {
            return new Measure(name, Kind.COUNT, List.of(withheldWith));
        }

        public static Measure money(String name, String... withheldWith) {
            return new Measure(name, Kind.MONEY, List.of(withheldWith));
        }
    }

    public TableLayout {
        levels = List.copyOf(levels);
        keyColumns = List.copyOf(keyColumns);
        measures = List.copyOf(measures);
        List<String> seen = new ArrayList<>();
        for (Measure m : measures) {
            for (String input : m.withheldWith()) {
                if (!seen.contains(input)) {
                    throw new IllegalArgumentException(m.name() + " is withheld with " + input
                            + ", which must be a measure listed before it");
                }
            }
            seen.add(m.name());
        }
    }

    public int measureIndex(String name) {
        for (int i = 0; i < measures.size(); i++) {
            if (measures.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("No measure " + name + " in " + tableName);
    }

    /**
     * The id of a cell in the audit: keys, category, level and code. Another table links a figure of its own to
     * this table's by this id (see {@link DisclosureAudit.EqualityLink}).
     */
    public static String cellId(List<String> keys, String category, String level, String code) {
        return String.join("|", keys) + "|" + (category == null ? "" : category) + "|" + level + "|" + code;
    }
}
