package uk.nhs.phm.pipeline.synth;

import java.time.LocalDate;
import uk.nhs.phm.pipeline.PhmUserException;

/**
 * What to generate: how many people, from which seed, up to which date, with how many bad rows, and the
 * rates they are drawn with.
 */
public final class GeneratorSettings {
    /** A fixed default so that the same arguments give byte-identical files on any day. */
    public static final LocalDate DEFAULT_END_DATE = LocalDate.of(2026, 9, 30);
    public static final double DEFAULT_BAD_ROW_SHARE = 0.005;
    public static final int HISTORY_YEARS = 3;

    public final int patients;
    public final long seed;
    public final LocalDate endDate;
    public final double badRowShare;
    public final GeneratorRates rates;

    public GeneratorSettings(int patients, long seed, LocalDate endDate, double badRowShare, GeneratorRates rates) {
        if (patients < 1) {
            throw new PhmUserException("--patients must be at least 1 (got " + patients + ")");
        }
        if (endDate == null || endDate.getYear() < 1950 || endDate.getYear() > 2100) {
            throw new PhmUserException("--end-date must be a date between 1950 and 2100 (got " + endDate + ")");
        }
        if (!(badRowShare >= 0 && badRowShare <= 0.2)) {
            throw new PhmUserException("--bad-row-share must be between 0 and 0.2 (got " + badRowShare + ")");
        }
        if (rates == null) {
            throw new IllegalArgumentException("rates are required (GeneratorRates.fromProperties)");
        }
        this.patients = patients;
        this.seed = seed;
        this.endDate = endDate;
        this.badRowShare = badRowShare;
        this.rates = rates;
    }

    /** First day of the activity history. */
    public LocalDate startDate() {
        return endDate.minusYears(HISTORY_YEARS).plusDays(1);
    }
}
