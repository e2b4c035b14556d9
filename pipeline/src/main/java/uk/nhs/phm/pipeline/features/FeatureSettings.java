package uk.nhs.phm.pipeline.features;

import java.io.Serializable;
import java.time.LocalDate;

/** The as-of date and the look-backs (methods.md "Time and population"); defaults live in conf/. */
public final class FeatureSettings implements Serializable {
    public final LocalDate asOf;
    /** Utilisation and cost over (T − days, T]. */
    public final int utilisationDays;
    /** "In 12 months" rules (palliative care, metastatic cancer, maternity) over (T − days, T]. */
    public final int recentDays;
    /** Which IMD release fills {@code imd_decile}: 2019 (LSOA 2011) or 2025 (LSOA 2021). */
    public final int imdVersion;

    public FeatureSettings(LocalDate asOf, int utilisationDays, int recentDays, int imdVersion) {
        this.asOf = asOf;
        this.utilisationDays = utilisationDays;
        this.recentDays = recentDays;
        this.imdVersion = imdVersion;
    }

    public static FeatureSettings defaults(LocalDate asOf) {
        return new FeatureSettings(asOf, 365, 365, 2025);
    }

    public LocalDate utilisationStart() {
        return asOf.minusDays(utilisationDays);
    }

    public LocalDate recentStart() {
        return asOf.minusDays(recentDays);
    }
}
