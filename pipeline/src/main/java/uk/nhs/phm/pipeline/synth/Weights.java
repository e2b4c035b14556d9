package uk.nhs.phm.pipeline.synth;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Codes with relative weights, from a {@code code:weight,...} rates key; drawn in the order written. */
final class Weights {
    private final String[] codes;
    private final double[] weights;

    Weights(String[] codes, double[] weights) {
        this.codes = codes.clone();
        this.weights = weights.clone();
    }

    /** One code drawn in proportion to its weight (one draw from {@code r}). */
    String draw(SplittableRandom r) {
        return codes[Draws.pickWeighted(r, weights)];
    }

    List<String> codes() {
        return Arrays.asList(codes.clone());
    }

    /** The weight of a code; 0 for a code not listed. */
    double weight(String code) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i].equals(code)) {
                return weights[i];
            }
        }
        return 0;
    }
}
