package uk.nhs.phm.pipeline.synth;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import uk.nhs.phm.pipeline.PhmUserException;

/**
 * Reads the generator's rates from key/value text (the parsed {@code generator.properties}) into typed
 * values, one key at a time. The keys the models ask for are the valid keys: a key in the file that no
 * model asks for is refused (with the nearest valid key, for a misspelling), and so is a key a model asks
 * for that the file lacks. Every error names the file and the key. No file access here: the caller reads
 * the file.
 */
final class RatesReader {
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+([.][0-9]+)?");
    private static final Pattern COUNT = Pattern.compile("[0-9]+");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_]+");

    private final Map<String, String> values;
    private final String source;
    private final Set<String> known = new LinkedHashSet<>();
    private final List<String> missing = new ArrayList<>();

    RatesReader(Map<String, String> values, String source) {
        this.values = values;
        this.source = source;
    }

    int keyCount() {
        return known.size();
    }

    /** The value of a key, trimmed; null (and the key noted as missing) where the file lacks it. */
    private String raw(String key) {
        if (!known.add(key)) {
            throw new IllegalStateException("rates key read twice: " + key);
        }
        String v = values.get(key);
        if (v == null) {
            missing.add(key);
            return null;
        }
        return v.trim();
    }

    /** The error for a key whose value breaks a rule the reader cannot check itself. */
    PhmUserException invalid(String key, String expected) {
        return bad(key, expected, values.get(key).trim());
    }

    private PhmUserException bad(String key, String expected, String got) {
        return new PhmUserException(source + ": " + key + " must be " + expected + " (got '" + got + "')");
    }

    private double parseNumber(String key, String v, String expected) {
        if (!NUMBER.matcher(v).matches()) {
            throw bad(key, expected, v);
        }
        return Double.parseDouble(v);
    }

    /** A probability or share, 0 to 1. */
    double share(String key) {
        String v = raw(key);
        if (v == null) {
            return 0;
        }
        double d = parseNumber(key, v, "a share between 0 and 1");
        if (d < 0 || d > 1) {
            throw bad(key, "a share between 0 and 1", v);
        }
        return d;
    }

    /** A rate, multiplier or other non-negative number. */
    double rate(String key) {
        String v = raw(key);
        if (v == null) {
            return 0;
        }
        double d = parseNumber(key, v, "a number of at least 0");
        if (d < 0) {
            throw bad(key, "a number of at least 0", v);
        }
        return d;
    }

    /** A whole number of at least {@code min}. */
    int count(String key, int min) {
        String v = raw(key);
        if (v == null) {
            return min;
        }
        if (!COUNT.matcher(v).matches() || v.length() > 9 || Integer.parseInt(v) < min) {
            throw bad(key, "a whole number of at least " + min, v);
        }
        return Integer.parseInt(v);
    }

    /** A date, YYYY-MM-DD, as an epoch day. */
    int date(String key) {
        String v = raw(key);
        if (v == null) {
            return 0;
        }
        try {
            return Days.of(LocalDate.parse(v));
        } catch (DateTimeParseException e) {
            throw bad(key, "a date YYYY-MM-DD", v);
        }
    }

    /**
     * {@code code:weight,...}: relative weights (any scale), walked in the order written. Each code must be one
     * of {@code allowed} (null: any code made of letters, digits and underscores), once.
     */
    Weights weights(String key, Collection<String> allowed) {
        Map<String, String> entries = entries(key, allowed);
        if (entries == null) {
            return null;
        }
        String[] codes = entries.keySet().toArray(new String[0]);
        double[] w = new double[codes.length];
        double total = 0;
        for (int i = 0; i < codes.length; i++) {
            w[i] = parseNumber(key, entries.get(codes[i]), "a list code:weight,... with weights of at least 0");
            if (w[i] < 0) {
                throw bad(key, "a list code:weight,... with weights of at least 0", values.get(key).trim());
            }
            total += w[i];
        }
        if (total <= 0) {
            throw bad(key, "a list code:weight,... with at least one weight above 0", values.get(key).trim());
        }
        return new Weights(codes, w);
    }

    /** {@code code:n,...} with whole-number weights; each code one of {@code allowed}, once. */
    Map<String, Integer> wholeWeights(String key, Collection<String> allowed) {
        Map<String, String> entries = entries(key, allowed);
        if (entries == null) {
            return null;
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (!COUNT.matcher(e.getValue()).matches() || e.getValue().length() > 3) {
                throw bad(key, "a list code:n,... with whole-number weights from 0 to 999", values.get(key).trim());
            }
            out.put(e.getKey(), Integer.parseInt(e.getValue()));
        }
        return out;
    }

    /**
     * {@code code:share,...}: shares of a uniform draw, walked in the order written. With {@code complete} they
     * must add up to exactly 1 and the last code takes whatever the others leave; otherwise they add up to at
     * most 1 and the rest is drawn elsewhere. Band edges are the exact decimal sums of the shares, so
     * {@code a:0.5,b:0.32} gives the edges 0.5 and 0.82 exactly as written.
     */
    Shares shares(String key, Collection<String> allowed, boolean complete) {
        Map<String, String> entries = entries(key, allowed);
        if (entries == null) {
            return null;
        }
        String expected = complete ? "a list code:share,... whose shares add up to exactly 1"
                : "a list code:share,... whose shares add up to at most 1";
        String[] codes = entries.keySet().toArray(new String[0]);
        double[] upTo = new double[codes.length];
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < codes.length; i++) {
            String s = entries.get(codes[i]);
            double d = parseNumber(key, s, expected);
            if (d < 0 || d > 1) {
                throw bad(key, expected, values.get(key).trim());
            }
            sum = sum.add(new BigDecimal(s));
            upTo[i] = sum.doubleValue();
        }
        int cmp = sum.compareTo(BigDecimal.ONE);
        if (complete ? cmp != 0 : cmp > 0) {
            throw bad(key, expected, values.get(key).trim());
        }
        return new Shares(codes, upTo, complete);
    }

    /** {@code age:value,...}: a value per age band, from each lower age (the first 0) to the next. */
    AgeBands ageBands(String key) {
        Map<String, String> entries = entries(key, null);
        if (entries == null) {
            return null;
        }
        String expected = "a list age:value,... starting at age 0, ages rising, values of at least 0";
        int[] from = new int[entries.size()];
        double[] value = new double[entries.size()];
        int i = 0;
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (!COUNT.matcher(e.getKey()).matches() || e.getKey().length() > 3) {
                throw bad(key, expected, values.get(key).trim());
            }
            from[i] = Integer.parseInt(e.getKey());
            value[i] = parseNumber(key, e.getValue(), expected);
            if (value[i] < 0 || (i == 0 ? from[i] != 0 : from[i] <= from[i - 1])) {
                throw bad(key, expected, values.get(key).trim());
            }
            i++;
        }
        return new AgeBands(from, value);
    }

    /** The {@code code:value} pairs of a list key, in order; null where the key is missing. */
    private Map<String, String> entries(String key, Collection<String> allowed) {
        String v = raw(key);
        if (v == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : v.split(",", -1)) {
            String[] kv = item.trim().split(":", -1);
            if (kv.length != 2 || kv[0].trim().isEmpty() || !TOKEN.matcher(kv[0].trim()).matches()) {
                throw bad(key, "a comma-separated list code:value,...", v);
            }
            String code = kv[0].trim();
            if (allowed != null && !allowed.contains(code)) {
                throw new PhmUserException(source + ": " + key + " has code '" + code + "', which is not one of "
                        + new TreeSet<>(allowed) + " (the input contract's codes for it)");
            }
            if (out.put(code, kv[1].trim()) != null) {
                throw new PhmUserException(source + ": " + key + " lists code '" + code + "' twice");
            }
        }
        return out;
    }

    /**
     * Refuses keys no model asked for (naming the nearest valid key) and keys the models asked for that the
     * file lacks. Called once every model has read its keys.
     */
    void finish() {
        List<String> unknown = new ArrayList<>(new TreeSet<>(values.keySet()));
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (String k : unknown) {
                String near = nearest(k);
                parts.add("'" + k + "'" + (near == null ? "" : " (did you mean '" + near + "'?)"));
            }
            throw new PhmUserException(source + ": unknown key" + (parts.size() > 1 ? "s " : " ")
                    + String.join(", ", parts) + "; the valid keys are those of the shipped "
                    + GeneratorRates.SHIPPED_FILE + ", each described there");
        }
        if (!missing.isEmpty()) {
            throw new PhmUserException(source + ": missing key" + (missing.size() > 1 ? "s '" : " '")
                    + String.join("', '", missing) + "': every key of " + GeneratorRates.SHIPPED_FILE
                    + " is required (copy it from there)");
        }
    }

    /** The valid key closest to {@code key} by edit distance, or null if none is plausibly meant. */
    private String nearest(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(key, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(3, key.length() / 3) ? best : null;
    }

    /** Levenshtein distance. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
