package uk.nhs.phm.pipeline.validate;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.config.Settings;
import uk.nhs.phm.pipeline.schema.ColumnSpec;
import uk.nhs.phm.pipeline.schema.InputTable;

/**
 * How a feed writes its values, beyond the contract's canonical form: which texts mean "no value" (SQL Server
 * exports write {@code NULL}), whether dates may come day-first ({@code DD/MM/YYYY}), the character set of CSV
 * files and whether a quoted CSV field may hold a line break. Configured per site; the contract's own forms
 * (empty field, {@code YYYY-MM-DD}, UTF-8) are always read.
 */
public final class FeedFormat implements Serializable {
    /** The contract's form only: an empty field is null, dates are YYYY-MM-DD (with an optional time), UTF-8. */
    public static final FeedFormat CONTRACT = new FeedFormat(Set.of(), false, "UTF-8", false);

    /** Lower-cased texts read as null (besides the empty field), compared after trimming, ignoring case. */
    public final Set<String> nullTokens;
    public final boolean dayFirstDates;
    public final String encoding;
    public final boolean csvMultiline;

    public FeedFormat(Set<String> nullTokens, boolean dayFirstDates, String encoding, boolean csvMultiline) {
        this.nullTokens = Set.copyOf(nullTokens);
        this.dayFirstDates = dayFirstDates;
        this.encoding = encoding;
        this.csvMultiline = csvMultiline;
    }

    public static FeedFormat of(Settings s) {
        return new FeedFormat(s.get(PhmSettings.NULL_VALUES), s.get(PhmSettings.DATES_DAY_FIRST),
                s.get(PhmSettings.ENCODING), s.get(PhmSettings.CSV_MULTILINE));
    }

    /**
     * The null vocabulary setting: comma-separated texts, or {@code none} for only the empty field. A text that
     * is itself a valid value somewhere (a code, a number) is refused: it would silently erase real values.
     */
    public static Set<String> parseNullTokens(String v) {
        if (v.trim().equalsIgnoreCase("none")) {
            return Set.of();
        }
        Set<String> tokens = new LinkedHashSet<>();
        for (String t : Arrays.stream(v.split(",")).map(String::trim).toList()) {
            if (t.isEmpty()) {
                throw new IllegalArgumentException("it has an empty item; list texts separated by commas, e.g. "
                        + "NULL,N/A, or write none");
            }
            if (t.matches("[0-9.+-]+") || t.length() == 1) {
                throw new IllegalArgumentException("'" + t + "' could be a real value (a number or a one-letter code); "
                        + "list only texts that never are, e.g. NULL,N/A");
            }
            String code = contractCode(t);
            if (code != null) {
                throw new IllegalArgumentException("'" + t + "' is a value of " + code + "; list only texts that "
                        + "never are real values, e.g. NULL,N/A");
            }
            tokens.add(t.toLowerCase(Locale.ROOT));
        }
        return tokens;
    }

    /** The table.column whose allowed values or codes include {@code token} (ignoring case), or null. */
    private static String contractCode(String token) {
        for (InputTable table : InputTable.values()) {
            for (ColumnSpec c : table.columns) {
                boolean allowed = c.allowed != null && c.allowed.stream().anyMatch(v -> v.equalsIgnoreCase(token));
                if (allowed || c.synonyms.containsKey(token.toUpperCase(Locale.ROOT))) {
                    return table.tableName + "." + c.name;
                }
            }
        }
        return null;
    }

    /** A character set Java knows, by name (UTF-8, windows-1252, ISO-8859-1 ...). */
    public static String parseEncoding(String v) {
        try {
            return Charset.forName(v.trim()).name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("it is not a character set name; use e.g. UTF-8 or windows-1252");
        }
    }
}
