package uk.nhs.phm.pipeline.config;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import uk.nhs.phm.pipeline.Errors;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.validate.FeedFormat;

/**
 * Every configuration key phm reads, declared once. {@code conf/phm-defaults.properties}, the README's
 * configuration table and the help text are generated from this list (tests compare them), and the loader
 * refuses a key that is not here, suggesting the nearest one. Any {@code spark.*} key is passed to Spark.
 */
public final class PhmSettings {
    /** Keys with this prefix go to Spark unchanged (Spark checks them when the session starts). */
    public static final String SPARK_PREFIX = "spark.";

    public static final Setting<String> INPUT = Setting.path("input", "sample-data/extract",
            "Extract folder: one <table>.csv, .csv.gz, .parquet or <table>/ folder of parts per table");
    public static final Setting<String> OUTPUT = Setting.path("output", "output",
            "Output folder: published/, restricted/ and ops/ are written under it");
    public static final Setting<LocalDate> AS_OF = Setting.date("as_of",
            "As-of date T; empty = the latest activity date in the extract");
    public static final Setting<Integer> UTILISATION_DAYS = Setting.integer("lookback.utilisation_days", 365, 1, 3650,
            "Utilisation and cost window (T - days, T]");
    public static final Setting<Integer> RECENT_DAYS = Setting.integer("lookback.recent_days", 365, 1, 3650,
            "Window of the \"in 12 months\" condition flags (cond_*_12m) and of the eFI polypharmacy deficit: (T - days, T]");
    public static final Setting<Integer> IMD_VERSION = Setting.oneOf("imd.version", 2025, List.of(2019, 2025),
            "IMD release for imd_decile and core20: 2025 (on LSOA 2021) or 2019 (on LSOA 2011)");
    public static final Setting<String> REFERENCE_DIR = Setting.path("reference.dir", "conf/reference",
            "Reference data: practice map, LSOA lookups, IMD (see its PROVENANCE.md)");
    public static final Setting<String> CONDITIONS = Setting.path("codelists.conditions",
            "conf/codelists/conditions.csv", "Conditions: which are long-term conditions, which code resolves which");
    public static final Setting<String> CONDITION_CODES = Setting.path("codelists.condition_codes",
            "conf/codelists/condition_codes.csv", "Codes of each condition (SNOMED, Read v2, ICD-10)");
    public static final Setting<String> EFI_DEFICITS = Setting.path("codelists.efi_deficits",
            "conf/codelists/efi_deficits.csv", "The 36 deficits of the electronic Frailty Index and how each is found");
    public static final Setting<String> EFI_DEFICIT_CODES = Setting.path("codelists.efi_deficit_codes",
            "conf/codelists/efi_deficit_codes.csv", "GP codes of each eFI deficit (SNOMED, Read v2, CTV3)");
    /** The Charlson weightings phm knows (columns of the weights file). */
    public static final List<String> CHARLSON_WEIGHTINGS = List.of("charlson1987", "quan2011");

    public static final Setting<String> CHARLSON_MAP = Setting.path("codelists.charlson_map",
            "conf/codelists/charlson_icd10_quan2005.csv", "Charlson categories' ICD-10 prefixes (Quan 2005)");
    public static final Setting<String> CHARLSON_WEIGHTS = Setting.path("codelists.charlson_weights",
            "conf/codelists/charlson_weights.csv", "Charlson category weights (Charlson 1987, Quan 2011)");
    public static final Setting<String> CHARLSON_WEIGHTING = Setting.text("scores.charlson_weights", "charlson1987",
            "charlson1987 or quan2011", "Which weights make the charlson column: Charlson 1987 or Quan 2011",
            PhmSettings::parseCharlsonWeighting);
    public static final Setting<String> CMMS_CONDITIONS = Setting.path("codelists.cmms_conditions",
            "conf/codelists/cmms_conditions.csv", "Cambridge Multimorbidity Score conditions and weights (Payne 2020)");
    public static final Setting<String> CMMS_CODES = Setting.path("codelists.cmms_codes",
            "conf/codelists/cmms_codes.csv", "Cambridge Multimorbidity Score rules: codes, prescriptions, condition flags");
    public static final Setting<String> SEGMENT_RULES = Setting.path("segments.rules", "conf/segment_rules.csv",
            "Bridges to Health segment rules (Spark SQL, by priority)");
    public static final Setting<String> COHORT_RULES = Setting.path("cohorts.rules", "conf/cohort_rules.csv",
            "Oversight cohort rules (Spark SQL)");
    public static final Setting<Integer> DISCLOSURE_THRESHOLD = Setting.integer("disclosure.threshold", 8, 1, 1000,
            "Published counts from 1 to threshold - 1 are suppressed");
    public static final Setting<Integer> DISCLOSURE_ROUNDING = Setting.integer("disclosure.rounding", 5, 1, 1000,
            "Other published counts are rounded to a multiple of this");
    public static final Setting<Integer> DISCLOSURE_MONEY_ROUNDING = Setting.integer("disclosure.money_rounding", 1000,
            1, 1_000_000, "Published money (cost_12m) is rounded to a multiple of this many pounds, so that a count "
                    + "times a tariff does not give back a rounded or withheld count");
    public static final Setting<Boolean> CSV_MULTILINE = Setting.bool("input.csv.multiline", false,
            "Parse quoted CSV fields that contain line breaks (slower: one task per file)");
    public static final Setting<java.util.Set<String>> NULL_VALUES = Setting.text("input.null_values", "NULL",
            "comma-separated texts, or none",
            "Texts read as no value besides the empty field, ignoring case and surrounding spaces (SQL Server "
                    + "exports write NULL)", FeedFormat::parseNullTokens);
    public static final Setting<Boolean> DATES_DAY_FIRST = Setting.bool("input.dates.day_first", false,
            "Also read dates written DD/MM/YYYY (with or without a time); YYYY-MM-DD and YYYY-MM-DD HH:MM:SS[.fff] "
                    + "are always read");
    public static final Setting<String> ENCODING = Setting.text("input.encoding", "UTF-8", "a character set name",
            "Character set of CSV files (e.g. windows-1252); bytes that are not valid in it are counted in "
                    + "ops/data_quality", FeedFormat::parseEncoding);
    public static final Setting<Integer> BROADCAST_PERSON_LIMIT = Setting.integer("join.broadcast_person_limit",
            3_000_000, 0, Integer.MAX_VALUE,
            "Up to this many people, event tables are checked against patients by broadcasting the ids (no shuffle)");
    public static final Setting<Boolean> KEEP_WORK = Setting.bool("run.keep_work", false,
            "Keep the validated intermediate tables under <output>/_work/ after the run, for debugging");
    public static final Setting<Integer> PATIENT_LEVEL_MODE = Setting.oneOf("output.patient_level_mode", 700,
            List.of(700, 750, 770), "Permissions of the folders that hold patient-level data (restricted/, "
                    + "ops/quarantine/, ops/_snapshots/, work folders): 700 the owner only, 750 the group may read, 770 "
                    + "the group may also write; applied through Hadoop on every run (object stores: use bucket policies)");
    public static final Setting<Integer> KEEP_SNAPSHOTS = Setting.integer("publish.keep_snapshots", 3, 2, 1000,
            "Published run snapshots kept per as-of date (at least 2: a reader of the previous run can finish)");
    public static final Setting<Integer> LOCK_STALE_MINUTES = Setting.integer("publish.lock_stale_minutes", 10, 1,
            10_080, "A lock from another host not refreshed for this long is taken over (same host: when its process is gone)");

    /**
     * Data-quality gate per input table: the largest share of its rows that may be quarantined before the run
     * stops without publishing. Tight for the tables that define the population, looser for activity feeds.
     */
    public static final Map<InputTable, Setting<Double>> MAX_QUARANTINED = maxQuarantined();
    public static final Setting<Double> MAX_POPULATION_DROP = Setting.share("gate.max_population_drop", "0.2",
            "Data-quality gate: the largest fall in the population at T, against the run published for T or the "
                    + "nearest earlier date, that still publishes (1 = no gate)");
    public static final Setting<Double> MAX_ROWS_DROP = Setting.share("gate.max_rows_drop", "0.5",
            "Data-quality gate: the largest fall in any input table's rows read (absent = all rows), against the same "
                    + "publication, that still publishes (1 = no gate)");

    /** In the order they are documented. */
    public static final List<Setting<?>> ALL = all();

    private static List<Setting<?>> all() {
        List<Setting<?>> all = new ArrayList<>(List.of(INPUT, OUTPUT, AS_OF, UTILISATION_DAYS, RECENT_DAYS,
                IMD_VERSION, REFERENCE_DIR, CONDITIONS, CONDITION_CODES, EFI_DEFICITS, EFI_DEFICIT_CODES, CHARLSON_MAP,
                CHARLSON_WEIGHTS,
                CHARLSON_WEIGHTING, CMMS_CONDITIONS, CMMS_CODES, SEGMENT_RULES, COHORT_RULES,
                DISCLOSURE_THRESHOLD, DISCLOSURE_ROUNDING, DISCLOSURE_MONEY_ROUNDING, CSV_MULTILINE, NULL_VALUES, DATES_DAY_FIRST, ENCODING,
                BROADCAST_PERSON_LIMIT, KEEP_WORK, PATIENT_LEVEL_MODE, KEEP_SNAPSHOTS, LOCK_STALE_MINUTES));
        all.addAll(MAX_QUARANTINED.values());
        all.add(MAX_POPULATION_DROP);
        all.add(MAX_ROWS_DROP);
        return List.copyOf(all);
    }

    private static Map<InputTable, Setting<Double>> maxQuarantined() {
        Map<InputTable, Setting<Double>> m = new EnumMap<>(InputTable.class);
        for (InputTable t : InputTable.values()) {
            boolean population = t == InputTable.PATIENTS || t == InputTable.REGISTRATIONS;
            m.put(t, Setting.share("gate.max_quarantined." + t.tableName, population ? "0.01" : "0.05",
                    "Data-quality gate: the largest share of " + t.tableName + " rows that may be quarantined "
                            + "(1 = no gate)"));
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private static String parseCharlsonWeighting(String v) {
        if (!CHARLSON_WEIGHTINGS.contains(v)) {
            throw new IllegalArgumentException("it must be one of " + String.join(", ", CHARLSON_WEIGHTINGS));
        }
        return v;
    }

    private static final Map<String, Setting<?>> BY_KEY =
            ALL.stream().collect(Collectors.toMap(s -> s.key, Function.identity()));

    private PhmSettings() {
    }

    public static Setting<?> byKey(String key) {
        return BY_KEY.get(key);
    }

    /** Refuses a key that is neither declared nor a {@code spark.*} key, naming the nearest declared key. */
    public static void checkKnown(String key, String where) {
        if (BY_KEY.containsKey(key) || key.startsWith(SPARK_PREFIX)) {
            return;
        }
        if (key.isBlank()) {
            throw new PhmUserException(where + ": a setting has no key; write KEY=VALUE, e.g. disclosure.threshold=10.");
        }
        String near = Errors.nearest(key, BY_KEY.keySet());
        String hint = key.toLowerCase(Locale.ROOT).startsWith("spark") ? "; Spark settings start with 'spark.'" : "";
        throw new PhmUserException(where + ": unknown configuration key '" + key + "'; did you mean '" + near + "'?"
                + hint + " (the keys are listed in conf/phm-defaults.properties).");
    }

    /** conf/phm-defaults.properties: every key with its default and description (generated; a test compares). */
    public static String propertiesFile() {
        StringBuilder b = new StringBuilder();
        b.append("# phm settings and their defaults. GENERATED from uk.nhs.phm.pipeline.config.PhmSettings, where every\n");
        b.append("# key is declared once; phm does not read this file. To change a value for a site, put KEY=VALUE lines\n");
        b.append("# in conf/phm.properties (read if present), in a file given with --conf, or pass --set KEY=VALUE.\n");
        b.append("# Precedence, lowest to highest: these defaults < conf/phm.properties < --conf FILE < command line.\n");
        b.append("# Relative paths in files resolve against the project home (PHM_HOME); on the command line, against\n");
        b.append("# the current folder. A path may be a URI (file:, hdfs:, s3a:, abfss:). Unknown keys are refused.\n");
        b.append("# Any spark.* key is passed to Spark (defaults: spark.master=local[*], spark.sql.shuffle.partitions=16).\n");
        for (Setting<?> s : ALL) {
            b.append("\n# ").append(s.description).append(" (").append(s.range).append(").\n");
            b.append(s.key).append('=').append(s.defaultText).append('\n');
        }
        return b.toString();
    }

    /** The README's configuration table (generated; a test compares). */
    public static String markdownTable() {
        StringBuilder b = new StringBuilder("| key | default | allowed | meaning |\n|---|---|---|---|\n");
        for (Setting<?> s : ALL) {
            b.append("| `").append(s.key).append("` | ").append(s.defaultText.isEmpty() ? "(empty)" : "`" + s.defaultText + "`")
                    .append(" | ").append(s.range).append(" | ").append(s.description.replace("|", "\\|")).append(" |\n");
        }
        b.append("| `spark.*` | `spark.master=local[*]`, `spark.sql.shuffle.partitions=16` | any Spark setting | "
                + "passed to Spark; a few that results depend on are fixed (UTC time zone, standard Parquet timestamps, "
                + "non-ANSI SQL, damaged input files never skipped) |\n");
        return b.toString();
    }

    /** Lines for --help: key=default, then what it is. */
    public static List<String> helpLines(int width) {
        List<String> lines = new ArrayList<>();
        for (Setting<?> s : ALL) {
            lines.add("  " + s.key + "=" + s.defaultText);
            lines.addAll(wrap(s.description + " (" + s.range + ")", "      ", width));
        }
        lines.add("  spark.*");
        lines.add("      any Spark setting, e.g. spark.sql.shuffle.partitions=64");
        return lines;
    }

    /**
     * Text in lines of at most {@code width}, broken between words, each line indented. Done here because the
     * help would otherwise break a long line itself, continuing it at the left margin among the key names.
     */
    static List<String> wrap(String text, String indent, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(indent + "  ");
            } else if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
