package uk.nhs.phm.pipeline.config;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import uk.nhs.phm.pipeline.PhmUserException;

/**
 * One configuration key, declared once: its name, type, default, allowed range and description. The loader
 * refuses unknown keys, the help text and the README table are generated from (and tested against) these
 * declarations, and a value is parsed and checked in one place, so an error names where the value came from.
 *
 * @param <T> the parsed type; a key whose default is empty parses "" to null
 */
public final class Setting<T> {
    /** What a value is, for the documentation and for how a path is resolved. */
    public enum Kind { INTEGER, BOOLEAN, DATE, PATH, TEXT, SHARE }

    public final String key;
    public final Kind kind;
    /** The default as written in a properties file ("" = not set). */
    public final String defaultText;
    /** Allowed values in words, e.g. "1 to 3650" (empty when any value of the kind is allowed). */
    public final String range;
    public final String description;
    private final Function<String, T> parser;

    private Setting(String key, Kind kind, String defaultText, String range, String description,
                    Function<String, T> parser) {
        this.key = key;
        this.kind = kind;
        this.defaultText = defaultText;
        this.range = range;
        this.description = description;
        this.parser = parser;
    }

    /** A whole number from min to max. */
    public static Setting<Integer> integer(String key, int defaultValue, int min, int max, String description) {
        String range = max == Integer.MAX_VALUE ? min + " or more" : min + " to " + max;
        return new Setting<>(key, Kind.INTEGER, String.valueOf(defaultValue), range, description, v -> {
            try {
                int i = Integer.parseInt(v);
                if (i >= min && i <= max) {
                    return i;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("it must be a whole number, " + range);
        });
    }

    /** A whole number from a fixed list (e.g. a data release year). */
    public static Setting<Integer> oneOf(String key, int defaultValue, List<Integer> allowed, String description) {
        String range = String.join(" or ", allowed.stream().map(String::valueOf).toList());
        return new Setting<>(key, Kind.INTEGER, String.valueOf(defaultValue), range, description, v -> {
            try {
                int i = Integer.parseInt(v);
                if (allowed.contains(i)) {
                    return i;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("it must be " + range);
        });
    }

    public static Setting<Boolean> bool(String key, boolean defaultValue, String description) {
        return new Setting<>(key, Kind.BOOLEAN, String.valueOf(defaultValue), "true or false", description, v -> {
            String s = v.toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("false")) {
                return s.equals("true");
            }
            throw new IllegalArgumentException("it must be true or false");
        });
    }

    /** A date YYYY-MM-DD, or empty for none. */
    public static Setting<LocalDate> date(String key, String description) {
        return new Setting<>(key, Kind.DATE, "", "a date YYYY-MM-DD, or empty", description, v -> {
            if (!v.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new IllegalArgumentException("give a date as YYYY-MM-DD");
            }
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                // The form is right, so telling the user to use the form would send them in circles.
                throw new IllegalArgumentException(v + " is not a calendar date" + whyNotACalendarDate(v));
            }
        });
    }

    /** " (February 2026 has 28 days)" or " (months are 01 to 12)" for a YYYY-MM-DD that is not a date. */
    private static String whyNotACalendarDate(String yyyyMmDd) {
        int year = Integer.parseInt(yyyyMmDd.substring(0, 4));
        int month = Integer.parseInt(yyyyMmDd.substring(5, 7));
        if (month < 1 || month > 12) {
            return " (months are 01 to 12)";
        }
        YearMonth ym = YearMonth.of(year, month);
        return " (" + ym.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + year + " has "
                + ym.lengthOfMonth() + " days)";
    }

    /**
     * A file or folder: a URI ({@code file:}, {@code hdfs:}, {@code s3a:}, {@code abfss:} …) or a path. The loader
     * resolves a relative path against the project home (in a file) or the current folder (on the command line).
     */
    public static Setting<String> path(String key, String defaultValue, String description) {
        return new Setting<>(key, Kind.PATH, defaultValue, "a path or URI", description, v -> v);
    }

    /**
     * Free text checked by {@code check}, which returns the parsed value or throws IllegalArgumentException with
     * what is wrong (e.g. a character set name, a list of tokens).
     */
    public static <T> Setting<T> text(String key, String defaultValue, String range, String description,
                                      Function<String, T> check) {
        return new Setting<>(key, Kind.TEXT, defaultValue, range, description, check);
    }

    /** A share from 0 to 1, written as a decimal (0.05) or a percentage (5%). */
    public static Setting<Double> share(String key, String defaultValue, String description) {
        return new Setting<>(key, Kind.SHARE, defaultValue, "0 to 1 (or 0% to 100%)", description, v -> {
            try {
                double d = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1).trim()) / 100
                        : Double.parseDouble(v);
                if (d >= 0 && d <= 1) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("it must be a share from 0 to 1, such as 0.05 or 5%");
        });
    }

    /** The value parsed, or null for an empty value; a bad value is a user error naming its origin. */
    public T parse(String value, String where) {
        if (value == null || value.isBlank()) {
            if (defaultText.isEmpty()) {
                return null;
            }
            throw new PhmUserException(where + ": '" + key + "' is empty; set it to " + range + " (default "
                    + defaultText + ").");
        }
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException e) {
            throw new PhmUserException(where + ": '" + key + "' is '" + value.trim() + "'; " + e.getMessage() + ".");
        }
    }

    @Override
    public String toString() {
        return key;
    }
}
