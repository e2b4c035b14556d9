package uk.nhs.phm.pipeline.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import uk.nhs.phm.pipeline.config.PhmSettings;
import uk.nhs.phm.pipeline.config.Setting;
import uk.nhs.phm.pipeline.config.Settings;
import uk.nhs.phm.pipeline.run.PreviousPublication;
import uk.nhs.phm.pipeline.validate.ValidatedTable;
import uk.nhs.phm.pipeline.validate.ValidationSummary;

/**
 * The data-quality gates a night must pass before it publishes: a table may not lose more than its configured
 * share of rows to quarantine, and the population at T may not fall by more than the configured share against
 * the publication for T or the nearest earlier one, as may the rows read per input table. A breach is reported in one line naming the table, the share, the top reason with
 * the shape of an offending value (never a value that could identify a person) and the setting that moves the
 * gate.
 */
public final class DataQualityGates {
    private static final org.apache.logging.log4j.Logger LOG =
            org.apache.logging.log4j.LogManager.getLogger(DataQualityGates.class);
    private DataQualityGates() {
    }

    /** One gate's result; {@code message} says what was measured against what. */
    public record Verdict(String gate, boolean passed, String message) {
    }

    /** The quarantine gate of every supplied table, in contract order. */
    public static List<Verdict> quarantine(List<ValidatedTable> tables, Settings settings) {
        List<Verdict> out = new ArrayList<>();
        for (ValidatedTable v : tables) {
            if (!v.present()) {
                continue;
            }
            Setting<Double> gate = PhmSettings.MAX_QUARANTINED.get(v.table);
            out.add(quarantine(v.origin.toString(), v.summary, settings.get(gate), gate.key));
        }
        return out;
    }

    static Verdict quarantine(String source, ValidationSummary s, double max, String key) {
        double share = s.quarantinedShare();
        String measured = String.format(Locale.UK, "%s: %s of rows quarantined (%,d of %,d)", source, percent(share),
                s.rowsQuarantined, s.rowsRead);
        if (share <= max) {
            return new Verdict(key, true, measured + ", within the gate of " + percent(max));
        }
        String top = s.topReason();
        String example = s.examples.get(top);
        return new Verdict(key, false, String.format(Locale.UK, "%s, above the gate of %s; top reason %s (%,d rows%s); "
                        + "run phm validate for the full report, fix the extract, or set %s=%s to publish it",
                measured, percent(max), top, s.reasons.get(top), example == null ? "" : ", values " + example, key,
                suggested(share)));
    }

    /** The population gate against {@code previous} (passes when there is nothing to compare with). */
    public static Verdict population(long population, PreviousPublication previous, Settings settings) {
        String key = PhmSettings.MAX_POPULATION_DROP.key;
        double max = settings.get(PhmSettings.MAX_POPULATION_DROP);
        if (previous.runId == null) {
            return new Verdict(key, true, String.format(Locale.UK, "population at T: %,d (no earlier publication "
                    + "to compare with)", population));
        }
        if (previous.population == null || previous.population == 0) {
            return new Verdict(key, true, String.format(Locale.UK, "population at T: %,d (%s records no population "
                    + "to compare with)", population, previous));
        }
        double drop = (previous.population - population) / (double) previous.population;
        String measured = String.format(Locale.UK, "population at T: %,d against %,d in %s", population,
                previous.population, previous);
        if (drop <= max) {
            return new Verdict(key, true, measured + ", within the gate of a " + percent(max) + " fall");
        }
        return new Verdict(key, false, String.format(Locale.UK, "%s, a fall of %s, above the gate of %s; check "
                        + "patients and registrations (phm validate shows what was quarantined), or set %s=%s if the "
                        + "fall is real", measured, percent(drop), percent(max), key, suggested(drop)));
    }

    /**
     * The volume gate of one input table against {@code previous}: rows read may not fall by more than
     * {@code gate.max_rows_drop}; a table that was read then and is absent now has fallen by 100%. Empty when
     * there is nothing to compare (no publication, or the table was not read then).
     */
    public static java.util.Optional<Verdict> rowsRead(ValidatedTable v, PreviousPublication previous,
                                                       Settings settings) {
        Long before = previous.rowsRead.get(v.table.tableName);
        if (previous.runId == null || before == null || before == 0) {
            return java.util.Optional.empty();
        }
        String key = PhmSettings.MAX_ROWS_DROP.key;
        double max = settings.get(PhmSettings.MAX_ROWS_DROP);
        long now = v.present() ? v.summary.rowsRead : 0;
        double drop = (before - now) / (double) before;
        String measured = String.format(Locale.UK, "%s: %,d rows read%s against %,d in %s",
                v.present() ? v.origin.toString() : v.table.tableName, now, v.present() ? "" : " (absent)", before,
                previous);
        if (drop <= max) {
            return java.util.Optional.of(new Verdict(key, true, measured + ", within the gate of a " + percent(max)
                    + " fall"));
        }
        return java.util.Optional.of(new Verdict(key, false, String.format(Locale.UK, "%s, a fall of %s, above the "
                        + "gate of %s; check the extract is complete (every file and part arrived), or set %s=%s if "
                        + "the fall is real", measured, percent(drop), percent(max), key, suggested(drop))));
    }

    /** Logs every verdict: a breach as a warning, a pass at debug level (counts and shapes only). */
    public static void log(List<Verdict> verdicts) {
        for (Verdict v : verdicts) {
            if (v.passed()) {
                LOG.debug("  gate passed: {}", v.message());
            } else {
                LOG.warn("  gate breached: {}", v.message());
            }
        }
    }

    /** Stops the run on the first failed verdict; the log has them all. */
    public static void enforce(List<Verdict> verdicts) {
        for (Verdict v : verdicts) {
            if (!v.passed()) {
                throw new DataQualityGateException(v.message());
            }
        }
    }

    static String percent(double share) {
        double p = share * 100;
        return (p == Math.rint(p) ? String.format(Locale.UK, "%.0f", p) : String.format(Locale.UK, "%.1f", p)) + "%";
    }

    /** A gate just above what was seen (whole percent), for the message. */
    static String suggested(double share) {
        double next = Math.min(1.0, (Math.floor(share * 100) + 1) / 100);
        return String.format(Locale.UK, "%.2f", next);
    }
}
