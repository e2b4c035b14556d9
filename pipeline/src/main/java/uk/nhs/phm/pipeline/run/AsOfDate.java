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
