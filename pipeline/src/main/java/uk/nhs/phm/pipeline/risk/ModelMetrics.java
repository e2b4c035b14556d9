package uk.nhs.phm.pipeline.risk;

import java.util.Arrays;

/**
 * How well predicted probabilities agree with what happened (methods.md "Emergency-admission risk"), in plain
 * Java over the evaluation people's outcomes and predictions: discrimination (AUC), accuracy (Brier) and
 * calibration (slope, intercept, calibration-in-the-large, observed/expected).
 *
 * <p>References: AUC as the Mann–Whitney probability that a random event scores above a random non-event, ties
 * counting ½ (Hanley &amp; McNeil 1982; scikit-learn {@code roc_auc_score}); Brier (1950); calibration slope and
 * intercept by logistic recalibration of the outcome on logit(p), and calibration-in-the-large as the intercept
 * with logit(p) as an offset (Cox 1958; Steyerberg, Clinical Prediction Models, 2nd ed., ch. 15).
 */
public final class ModelMetrics {
    /** Predictions are clipped here before logit, so p = 0 or 1 gives a finite, very confident logit. */
    static final double EPS = 1e-12;
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-12;

    private ModelMetrics() {
    }

    /**
     * Area under the ROC curve: the share of (event, non-event) pairs where the event has the higher score, a tie
     * counting ½. Computed from average ranks in O(n log n). NaN when there are no events or no non-events.
     */
    public static double auc(int[] outcome, double[] score) {
        check(outcome, score);
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSumOfEvents = 0;
        long events = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1; // ranks i+1 .. j+1 share their mean
            for (int k = i; k <= j; k++) {
                if (outcome[order[k]] == 1) {
                    rankSumOfEvents += averageRank;
                    events++;
                }
            }
            i = j + 1;
        }
        long nonEvents = n - events;
        if (events == 0 || nonEvents == 0) {
            return Double.NaN;
        }
        return (rankSumOfEvents - events * (events + 1) / 2.0) / ((double) events * nonEvents);
    }

    /** Mean squared difference between prediction and outcome. */
    public static double brier(int[] outcome, double[] score) {
        check(outcome, score);
        double s = 0;
        for (int i = 0; i < score.length; i++) {
            double d = score[i] - outcome[i];
            s += d * d;
        }
        return s / score.length;
    }

    /** Observed events over expected events (the sum of predictions). */
    public static double observedOverExpected(int[] outcome, double[] score) {
        check(outcome, score);
        double observed = 0;
        double expected = 0;
        for (int i = 0; i < score.length; i++) {
            observed += outcome[i];
            expected += score[i];
        }
        return observed / expected;
    }

    /** Logistic recalibration: logit P(y = 1) = intercept + slope · logit(p). A well-calibrated model has (0, 1). */
    public record Calibration(double intercept, double slope, double inTheLarge) {
    }

    /**
     * The calibration intercept and slope (both fitted together) and calibration-in-the-large (the intercept fitted
     * with logit(p) as an offset, slope fixed at 1: positive when the model under-predicts on average). Fitted by
     * Newton–Raphson on the log-likelihood. NaN when the outcomes are all one value (no finite fit exists); slope and intercept NaN when
     * every prediction is the same.
     */
    public static Calibration calibration(int[] outcome, double[] score) {
        check(outcome, score);
        int n = score.length;
        double[] lp = new double[n];
        long events = 0;
        for (int i = 0; i < n; i++) {
            lp[i] = logit(score[i]);
            events += outcome[i];
        }
        if (events == 0 || events == n) {
            return new Calibration(Double.NaN, Double.NaN, Double.NaN);
        }
        double lowest = Arrays.stream(lp).min().getAsDouble();
        double highest = Arrays.stream(lp).max().getAsDouble();
        if (highest - lowest < 1e-9) {
            // One prediction value: a slope cannot be fitted, only the offset intercept.
            return new Calibration(Double.NaN, Double.NaN, inTheLarge(outcome, lp));
        }
        double a = 0;
        double b = 1;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
            for (int i = 0; i < n; i++) {
                double p = expit(a + b * lp[i]);
                double r = outcome[i] - p;
                double w = p * (1 - p);
                g0 += r;
                g1 += r * lp[i];
                h00 += w;
                h01 += w * lp[i];
                h11 += w * lp[i] * lp[i];
            }
            double det = h00 * h11 - h01 * h01;
            if (det == 0 || !Double.isFinite(det)) {
                return new Calibration(Double.NaN, Double.NaN, inTheLarge(outcome, lp));
            }
            double da = (h11 * g0 - h01 * g1) / det;
            double db = (h00 * g1 - h01 * g0) / det;
            a += da;
            b += db;
            if (Math.abs(da) + Math.abs(db) < TOLERANCE) {
                break;
            }
        }
        return new Calibration(a, b, inTheLarge(outcome, lp));
    }

    private static double inTheLarge(int[] outcome, double[] lp) {
        double a = 0;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double g = 0, h = 0;
            for (int i = 0; i < lp.length; i++) {
                double p = expit(a + lp[i]);
                g += outcome[i] - p;
                h += p * (1 - p);
            }
            double step = g / h;
            a += step;
            if (Math.abs(step) < TOLERANCE) {
                break;
            }
        }
        return a;
    }

    static double logit(double p) {
        double q = Math.min(1 - EPS, Math.max(EPS, p));
        return Math.log(q / (1 - q));
    }

    static double expit(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static void check(int[] outcome, double[] score) {
        if (outcome.length != score.length || outcome.length == 0) {
            throw new IllegalArgumentException("outcomes and scores must be non-empty and of equal length: "
                    + outcome.length + " and " + score.length);
        }
        for (int y : outcome) {
            if (y != 0 && y != 1) {
                throw new IllegalArgumentException("an outcome must be 0 or 1, not " + y);
            }
        }
    }
}
