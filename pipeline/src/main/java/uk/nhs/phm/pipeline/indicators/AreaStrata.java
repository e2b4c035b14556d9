package uk.nhs.phm.pipeline.indicators;

import java.util.HashMap;
import java.util.Map;
import uk.nhs.phm.pipeline.stats.StandardPopulation;

/**
 * The stratified counts of one area, on the driver: for each measure, a count per IMD decile (index 0 for an
 * unknown decile, 1..10 for deciles 1 = most deprived … 10) × ESP2013 band (0..18). A few thousand numbers per
 * area, never person-level values.
 */
public final class AreaStrata {
    public static final int DECILES = 10;
    private static final int BANDS = StandardPopulation.ESP2013_BANDS.size();

    private final Map<String, long[][]> counts = new HashMap<>();

    /** Adds a stratum's count of a measure; {@code decile} null for people whose LSOA has no IMD decile. */
    public AreaStrata add(String measure, Integer decile, int band, long count) {
        int d = decile == null ? 0 : decile;
        if (d < 0 || d > DECILES || band < 0 || band >= BANDS) {
            throw new IllegalArgumentException("IMD decile must be 1 to 10 (or unknown) and the band 0 to " + (BANDS - 1));
        }
        counts.computeIfAbsent(measure, k -> new long[DECILES + 1][BANDS])[d][band] += count;
        return this;
    }

    /** The measure per ESP2013 band over all deciles (unknown included). */
    public double[] byBand(String measure) {
        double[] out = new double[BANDS];
        long[][] c = counts.get(measure);
        if (c != null) {
            for (long[] decile : c) {
                for (int b = 0; b < BANDS; b++) {
                    out[b] += decile[b];
                }
            }
        }
        return out;
    }

    /** The measure per ESP2013 band within one decile (1..10). */
    public double[] byBandInDecile(String measure, int decile) {
        double[] out = new double[BANDS];
        long[][] c = counts.get(measure);
        if (c != null) {
            for (int b = 0; b < BANDS; b++) {
                out[b] = c[decile][b];
            }
        }
        return out;
    }

    /** The measure's total within one decile (1..10). */
    public double totalInDecile(String measure, int decile) {
        double total = 0;
        for (double v : byBandInDecile(measure, decile)) {
            total += v;
        }
        return total;
    }
}
