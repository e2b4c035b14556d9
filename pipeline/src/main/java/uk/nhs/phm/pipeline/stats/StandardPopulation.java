package uk.nhs.phm.pipeline.stats;

import java.util.List;

/**
 * Standard populations for direct standardisation.
 *
 * <p>European Standard Population 2013 (Eurostat, 2013; the standard PHE/OHID and ONS use, also
 * {@code esp2013} in PHEindicatormethods): 19 five-year bands, 0–4 … 85–89 and 90+, summing to 100,000.
 * Checked against {@code verification/phe/esp2013.csv} by {@code PublicHealthStatisticsTest}.
 */
public final class StandardPopulation {

    /** The 19 band labels of ESP2013, in order. */
    public static final List<String> ESP2013_BANDS = List.of(
            "0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
            "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+");

    private static final double[] ESP2013 = {
            5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
            7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000};

    private StandardPopulation() {
    }

    /** ESP2013 weights in band order (a fresh copy each call). */
    public static double[] esp2013() {
        return ESP2013.clone();
    }

    /**
     * The ESP2013 band index (0..18) for an age in whole years: {@code min(age / 5, 18)}.
     *
     * @throws IllegalArgumentException for a negative age
     */
    public static int esp2013Band(int ageYears) {
        if (ageYears < 0) {
            throw new IllegalArgumentException("age must be >= 0");
        }
        return Math.min(ageYears / 5, ESP2013.length - 1);
    }
}
