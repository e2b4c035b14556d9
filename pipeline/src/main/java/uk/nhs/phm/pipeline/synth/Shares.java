package uk.nhs.phm.pipeline.synth;

/**
 * Codes with shares of a uniform draw, from a {@code code:share,...} rates key: code {@code i} is picked
 * when the draw falls below the sum of the first {@code i + 1} shares. In a complete list (shares adding up
 * to 1) the last code takes whatever the others leave; in an incomplete one, a draw past every band picks
 * nothing and the caller decides.
 */
final class Shares {
    private final String[] codes;
    private final double[] upTo;
    private final boolean complete;

    Shares(String[] codes, double[] upTo, boolean complete) {
        this.codes = codes.clone();
        this.upTo = upTo.clone();
        this.complete = complete;
    }

    /** The code whose band holds {@code u} (a draw in [0, 1)), or null past the last band of an incomplete list. */
    String pick(double u) {
        int bands = complete ? codes.length - 1 : codes.length;
        for (int i = 0; i < bands; i++) {
            if (u < upTo[i]) {
                return codes[i];
            }
        }
        return complete ? codes[codes.length - 1] : null;
    }
}
