package uk.nhs.phm.pipeline.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelMetricsTest {
    private static final double REL = 1e-9;

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.max(1e-15, Math.abs(expected) * REL), what);
    }

    /** Every case of verification/risk/metric_cases.json (scikit-learn's worked examples and a tie). */
    @Test
    void reproducesThePublishedAucAndBrierCases() throws IOException {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/verification/risk/metric_cases.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = cases.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            JsonNode y = c.getValue().get("input").get("y");
            JsonNode s = c.getValue().get("input").get("score");
            int[] outcome = new int[y.size()];
            double[] score = new double[s.size()];
            for (int i = 0; i < y.size(); i++) {
                outcome[i] = y.get(i).asInt();
                score[i] = s.get(i).asDouble();
            }
            close(c.getValue().get("expected").get("auc").asDouble(), ModelMetrics.auc(outcome, score), c.getKey() + " auc");
            close(c.getValue().get("expected").get("brier").asDouble(), ModelMetrics.brier(outcome, score),
                    c.getKey() + " brier");
            checked++;
        }
        assertEquals(3, checked);
    }

    /** The rank formula against the definition: every (event, non-event) pair, ties ½, on many tied scores. */
    @Test
    void aucEqualsThePairwiseDefinitionWithManyTies() {
        java.util.Random r = new java.util.Random(7);
        int n = 400;
        int[] y = new int[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = r.nextInt(10) / 10.0;
            y[i] = r.nextDouble() < 0.2 + 0.5 * p[i] ? 1 : 0;
        }
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    wins += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
                }
            }
        }
        close(wins / pairs, ModelMetrics.auc(y, p), "auc by pairs");
        assertTrue(Double.isNaN(ModelMetrics.auc(new int[] {1, 1}, new double[] {0.2, 0.3})), "no non-events: no AUC");
    }

    /**
     * Two groups of predictions: the recalibration line passes through each group's observed log-odds, so
     * slope = (logit r₂ − logit r₁)/(logit p₂ − logit p₁) and intercept = logit r₁ − slope · logit p₁ (by hand).
     */
    @Test
    void calibrationSlopeAndInterceptOfTwoGroupsAreTheLineThroughTheirObservedLogOdds() {
        // Group 1: 100 people predicted 0.1, 20 events (r1 = 0.2). Group 2: 100 predicted 0.5, 45 events (r2 = 0.45).
        int[] y = new int[200];
        double[] p = new double[200];
        for (int i = 0; i < 200; i++) {
            p[i] = i < 100 ? 0.1 : 0.5;
            y[i] = (i < 100 && i < 20) || (i >= 100 && i < 145) ? 1 : 0;
        }
        double slope = (Math.log(0.45 / 0.55) - Math.log(0.2 / 0.8)) / (0.0 - Math.log(0.1 / 0.9));
        double intercept = Math.log(0.2 / 0.8) - slope * Math.log(0.1 / 0.9);
        ModelMetrics.Calibration c = ModelMetrics.calibration(y, p);
        close(slope, c.slope(), "slope");
        close(intercept, c.intercept(), "intercept");
        // In the large, with logit(p) as offset: Σ expit(a + logit pᵢ) = 65 observed events; check the score equation.
        double expected = 0;
        for (double q : p) {
            expected += ModelMetrics.expit(c.inTheLarge() + ModelMetrics.logit(q));
        }
        close(65, expected, "calibration-in-the-large makes expected events equal observed");
        assertTrue(c.inTheLarge() > 0, "65 observed against 60 predicted: the model under-predicts");
        close(65 / 60.0, ModelMetrics.observedOverExpected(y, p), "O/E: 65 events over 10 + 50 expected");
    }

    /** One group: the intercept in the large is logit(observed rate) − logit(prediction), exactly. */
    @Test
    void calibrationInTheLargeOfOneGroupIsTheLogOddsGap() {
        int[] y = new int[50];
        double[] p = new double[50];
        for (int i = 0; i < 50; i++) {
            p[i] = 0.3;
            y[i] = i < 10 ? 1 : 0;
        }
        close(Math.log(0.2 / 0.8) - Math.log(0.3 / 0.7), ModelMetrics.calibration(y, p).inTheLarge(), "in the large");
        assertTrue(Double.isNaN(ModelMetrics.calibration(y, p).slope()), "one prediction value: no slope can be fitted");
    }

    @Test
    void refusesOutcomesThatAreNotZeroOrOne() {
        assertThrows(IllegalArgumentException.class, () -> ModelMetrics.brier(new int[] {2}, new double[] {0.5}));
        assertThrows(IllegalArgumentException.class, () -> ModelMetrics.auc(new int[] {1, 0}, new double[] {0.5}));
    }
}
