package uk.nhs.phm.pipeline.run;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import uk.nhs.phm.pipeline.PhmUserException;
import uk.nhs.phm.pipeline.schema.InputColumns;
import uk.nhs.phm.pipeline.schema.InputTable;
import uk.nhs.phm.pipeline.validate.ValidationSummary;

/**
 * The as-of date T of a run and how it was chosen (methods.md "Time and population"): the configured date
 * when there is one, else the latest activity in the extract, so a nightly run needs no date and a backfill
 * names its own.
 */
public final class AsOfDate implements Serializable {
    public static final String CONFIGURED = "configured";
    public static final String LATEST_ACTIVITY = "latest activity date in the extract";
    /** Tables whose dates define the default as-of date (the latest activity in the extract). */
    public static final List<InputTable> ACTIVITY = List.of(InputTable.GP_EVENTS, InputTable.MEDICATIONS,
            InputTable.INPATIENT_SPELLS, InputTable.AE_ATTENDANCES, InputTable.OUTPATIENT_APPOINTMENTS,
            InputTable.COMMUNITY_CONTACTS, InputTable.MENTAL_HEALTH_CONTACTS);

    public final LocalDate date;
    public final String source;

    public AsOfDate(LocalDate date, String source) {
        this.date = date;
        this.source = source;
    }

    /** A configured date may not be after the day the run starts: there is no data from the future. */
    public static void checkConfigured(LocalDate configured, LocalDate today, String where) {
        if (configured != null && configured.isAfter(today)) {
            throw new PhmUserException(where + ": as-of date " + configured + " is after today (" + today
                    + "); give a date on or before the extract date.");
        }
    }

    /** Below this share of activity on or before a configured T, the run warns: the features see little data. */
    public static final double WARN_COVERAGE = 0.5;
    /** Below this share the date is taken for a mistake (a typo in the year) and the run stops. */
    public static final double MIN_COVERAGE = 0.01;

    /**
     * Checks a configured T against the activity in the extract: {@code onOrBefore} of {@code total} activity
     * records are dated on or before it. Stops the run when T is before almost all of it; returns a warning
     * (null when none) when T is before most of it. A date after all the activity is the nightly case and fine.
     */
    public static String checkCoverage(LocalDate t, long onOrBefore, long total, String where) {
        if (total == 0) {
            return null;
        }
        double share = onOrBefore / (double) total;
        String said = String.format(java.util.Locale.UK, "as-of date %s is before %.1f%% of the activity in the "
                + "extract (%,d of %,d records are dated on or before it)", t, 100 * (1 - share), onOrBefore, total);
        if (share < MIN_COVERAGE) {
            throw new PhmUserException(where + ": " + said + "; check the year of --as-of (as_of), or leave it "
                    + "empty to use the latest activity date.");
        }
        return share < WARN_COVERAGE ? said + "; features at T see little of the extract" : null;
    }

    /**
     * The configured date, or the latest valid date in the accepted rows of the activity tables (the latest
     * registration start when there is no activity at all).
     */
    public static AsOfDate resolve(LocalDate configured, Map<InputTable, ValidationSummary> summaries) {
        if (configured != null) {
            return new AsOfDate(configured, CONFIGURED);
        }
        LocalDate latest = null;
        for (InputTable t : ACTIVITY) {
            ValidationSummary s = summaries.get(t);
            if (s != null) {
                for (LocalDate d : s.latestDates.values()) {
                    latest = latest == null || d.isAfter(latest) ? d : latest;
                }
            }
        }
        if (latest == null) {
            latest = summaries.get(InputTable.REGISTRATIONS).latestDates.get(InputColumns.START_DATE);
        }
        if (latest == null) {
            throw new PhmUserException("No activity dates in the extract to take the as-of date from; give --as-of YYYY-MM-DD.");
        }
        return new AsOfDate(latest, LATEST_ACTIVITY);
    }

    @Override
    public String toString() {
        return date + " (" + source + ")";
    }
}
