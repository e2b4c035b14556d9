package uk.nhs.phm.pipeline.synth;

import java.util.SplittableRandom;

/**
 * The random draws every part of the generator shares. Each consumes a fixed number of values from the
 * person's stream (or a known sequence of them), so moving a draw between classes never changes the output
 * as long as the calls happen in the same order.
 */
final class Draws {
    private Draws() {
    }

    /** Index of the first cumulative weight above {@code u} (binary search). */
    static int pick(double[] cumulative, double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (cumulative[m] > u) {
                hi = m;
            } else {
                lo = m + 1;
            }
        }
        return lo;
    }

    /** An index drawn in proportion to {@code weights}, walked in their order. */
    static int pickWeighted(SplittableRandom r, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = r.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static int poisson(SplittableRandom r, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 40) {
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * gaussian(r)));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double prod = r.nextDouble();
        while (prod > l) {
            k++;
            prod *= r.nextDouble();
        }
        return k;
    }

    static int geometric(SplittableRandom r, double p) {
        double u = r.nextDouble();
        return (int) Math.floor(Math.log(1 - u) / Math.log(1 - Math.min(0.999, Math.max(0.001, p))));
    }

    static double exponential(SplittableRandom r) {
        return -Math.log(1 - r.nextDouble());
    }

    static double gaussian(SplittableRandom r) {
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** A uniform day in [from, to]. */
    static int dayIn(SplittableRandom r, int from, int to) {
        return from + r.nextInt(to - from + 1);
    }
}
