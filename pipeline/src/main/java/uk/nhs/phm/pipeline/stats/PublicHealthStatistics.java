package uk.nhs.phm.pipeline.stats;

import java.util.Optional;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Public-health statistics as PHEindicatormethods (OHID/UKHSA's R package) computes them: confidence limits
 * for counts, crude rates, proportions, directly and indirectly standardised figures, the slope and relative
 * index of inequality, and funnel-plot control limits. Methods: {@code docs/methods.md}, "Public-health
 * statistics ({@code stats})"; verification: {@code pipeline/src/test/resources/verification/phe}.
 *
 * <p>Plain Java with no Spark dependency, so it can be called from a Spark aggregation (a UDF or a
 * {@code mapGroups}) and from tests. Every method is a pure function of its arguments; the class is
 * thread-safe. Quantiles of the normal and chi-squared distributions come from Apache Commons Math 3.
 *
 * <p>Confidence levels are fractions in (0, 1), e.g. {@code 0.95} or {@code 0.998}; {@code z} is
 * Φ⁻¹(confidence + (1 − confidence)/2), written as PHEindicatormethods writes it. Figures that carry a
 * multiplier (per 100,000, percentage) return value and limits already multiplied.
 *
 * <p>Refusals: inputs the reference refuses (negative counts, zero or negative denominators, a numerator
 * greater than its denominator for a proportion) throw {@link IllegalArgumentException} whose message names
 * the roles of the inputs (never their values, which may be small counts). Missing inputs (SQL nulls) are
 * handled by the {@code ...IfPresent} variants, which return an empty result, as PHEindicatormethods returns
 * NA.
 */
public final class PublicHealthStatistics {

    /** 95% confidence. */
    public static final double CONFIDENCE_95 = 0.95;
    /** 99.8% confidence. */
    public static final double CONFIDENCE_998 = 0.998;
    /** Counts below this get exact Poisson limits, at or above it Byar's (phe_rate, phe_isr); and a DSR whose
     * total count is below it is not published (phe_dsr). */
    public static final int SMALL_COUNT = 10;

    /** Accuracy asked of Commons Math's chi-squared inverse (its default, 1e-9 absolute, is too coarse for
     * small quantiles such as χ²(0.001, 2) ≈ 0.002). */
    private static final double CHI_SQUARED_INVERSE_ACCURACY = 1e-15;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
    private static final double Z_95 = computeZ(CONFIDENCE_95);
    private static final double Z_998 = computeZ(CONFIDENCE_998);

    private PublicHealthStatistics() {
    }

    // ---------------------------------------------------------------- quantiles

    /**
     * The two-sided normal quantile for a confidence level: Φ⁻¹(confidence + (1 − confidence)/2), e.g.
     * 1.959964 for 0.95 and 3.090232 for 0.998 (PHEindicatormethods: {@code qnorm(confidence + (1-confidence)/2)}).
     *
     * @throws IllegalArgumentException if confidence is not strictly between 0 and 1
     */
    public static double z(double confidence) {
        if (confidence == CONFIDENCE_95) {
            return Z_95;
        }
        if (confidence == CONFIDENCE_998) {
            return Z_998;
        }
        return computeZ(confidence);
    }

    private static double computeZ(double confidence) {
        checkConfidence(confidence);
        return STANDARD_NORMAL.inverseCumulativeProbability(confidence + (1 - confidence) / 2);
    }

    private static double chiSquaredQuantile(double p, double degreesOfFreedom) {
        return new ChiSquaredDistribution(null, degreesOfFreedom, CHI_SQUARED_INVERSE_ACCURACY)
                .inverseCumulativeProbability(p);
    }

    // ---------------------------------------------------------------- counts

    /**
     * Byar's approximation to the exact Poisson limits of a count O (Breslow &amp; Day 1987, after Byar;
     * PHEindicatormethods {@code byars_lower}, {@code byars_upper}):
     * lower = O(1 − 1/(9O) − z/(3√O))³, upper = (O+1)(1 − 1/(9(O+1)) + z/(3√(O+1)))³.
     *
     * <p>Edge cases: O = 0 gives lower 0 (the formula is 0·∞ there) and the formula's upper limit. For small O
     * at high confidence the lower formula goes below zero (O = 1 at 99.8%: −0.0028); it is returned as the
     * formula gives it, as {@code byars_lower} does, which is why rates and ratios use exact limits below
     * {@value #SMALL_COUNT}. Checked by {@code testdata_Byars_Wilson__testdata_B_W.csv}.
     *
     * @throws IllegalArgumentException for a negative or non-finite count or a confidence outside (0, 1)
     */
    public static Interval byar(double observed, double confidence) {
        checkCount(observed, "count");
        double z = z(confidence);
        return new Interval(byarLower(observed, z), byarUpper(observed, z));
    }

    private static double byarLower(double o, double z) {
        if (o == 0) {
            return 0;
        }
        double term = 1 - 1 / (9 * o) - z / (3 * Math.sqrt(o));
        return o * term * term * term;
    }

    private static double byarUpper(double o, double z) {
        double o1 = o + 1;
        double term = 1 - 1 / (9 * o1) + z / (3 * Math.sqrt(o1));
        return o1 * term * term * term;
    }

    /**
     * Exact Poisson limits of a count O from chi-squared quantiles (Garwood 1936; Breslow &amp; Day 1987;
     * PHEindicatormethods {@code phe_rate}/{@code phe_isr} for counts below 10): lower = χ²(α/2, 2O)/2,
     * upper = χ²(1 − α/2, 2O + 2)/2, α = 1 − confidence. O need not be an integer (funnel limits use an
     * expected count).
     *
     * <p>Edge case: O = 0 gives lower 0 (R's {@code qchisq(p, 0)} is 0) and upper χ²(1 − α/2, 2)/2 = −ln(α/2).
     * Checked by the "Exact" rows of {@code testdata_Rate__testdata_Rate.csv}.
     *
     * @throws IllegalArgumentException for a negative or non-finite count or a confidence outside (0, 1)
     */
    public static Interval exactPoisson(double observed, double confidence) {
        checkCount(observed, "count");
        checkConfidence(confidence);
        double alpha = 1 - confidence;
        double lower = observed == 0 ? 0 : chiSquaredQuantile(alpha / 2, 2 * observed) / 2;
        double upper = chiSquaredQuantile(confidence + alpha / 2, 2 * observed + 2) / 2;
        return new Interval(lower, upper);
    }

    /**
     * Limits for a count as PHEindicatormethods chooses them: exact Poisson ({@link #exactPoisson}) when
     * O &lt; {@value #SMALL_COUNT}, Byar's ({@link #byar}) otherwise ({@code phe_rate}, {@code phe_isr}).
     */
    public static Interval countInterval(double observed, double confidence) {
        return observed < SMALL_COUNT ? exactPoisson(observed, confidence) : byar(observed, confidence);
    }

    private static String countMethod(double observed) {
        return observed < SMALL_COUNT ? "Exact" : "Byars";
    }

    // ---------------------------------------------------------------- crude rates

    /**
     * Crude rate per multiplier with 95% and 99.8% limits (PHEindicatormethods {@code phe_rate}):
     * value = O/n × multiplier; limits are {@link #countInterval} of O (exact Poisson when O &lt; 10, else Byar)
     * divided by n and multiplied.
     *
     * <p>Edge cases: O = 0 gives value 0, lower 0 and an exact upper limit. A count above the denominator is
     * allowed (events, not people: 250 admissions among 220 people). Checked by
     * {@code testdata_Rate__testdata_Rate.csv}.
     *
     * @param count       the number of events O, ≥ 0
     * @param denominator the population n, &gt; 0
     * @param multiplier  the scale, e.g. 100,000
     * @throws IllegalArgumentException for a negative count or a zero or negative denominator
     */
    public static Estimate crudeRate(double count, double denominator, double multiplier) {
        checkCount(count, "count");
        checkPositive(denominator, "denominator");
        double scale = multiplier / denominator;
        return Estimate.of(count * scale,
                countInterval(count, CONFIDENCE_95).scaled(scale),
                countInterval(count, CONFIDENCE_998).scaled(scale),
                countMethod(count));
    }

    /**
     * {@link #crudeRate(double, double, double)} for inputs that may be missing: empty when the count or the
     * denominator is null (PHEindicatormethods returns NA), otherwise the rate.
     */
    public static Optional<Estimate> crudeRateIfPresent(Double count, Double denominator, double multiplier) {
        if (count == null || denominator == null) {
            return Optional.empty();
        }
        return Optional.of(crudeRate(count, denominator, multiplier));
    }

    // ---------------------------------------------------------------- proportions

    /**
     * Wilson score interval for a proportion x/n (Wilson 1927; Newcombe 1998; PHEindicatormethods
     * {@code wilson_lower}, {@code wilson_upper}): (2x + z² ∓ z√(z² + 4x(1 − x/n))) / (2(n + z²)).
     *
     * <p>x need not be an integer. Edge cases: x = 0 gives lower 0; x = n gives upper 1.
     * Checked by the Wilson rows of {@code testdata_Byars_Wilson__testdata_B_W.csv}.
     *
     * @throws IllegalArgumentException for a negative numerator, a zero or negative denominator, or a
     *                                  numerator greater than the denominator
     */
    public static Interval wilson(double numerator, double denominator, double confidence) {
        checkProportionInputs(numerator, denominator);
        return wilsonAtZ(numerator, denominator, z(confidence));
    }

    private static Interval wilsonAtZ(double x, double n, double z) {
        double z2 = z * z;
        double root = z * Math.sqrt(z2 + 4 * x * (1 - x / n));
        double centre = 2 * x + z2;
        double divisor = 2 * (n + z2);
        return new Interval((centre - root) / divisor, (centre + root) / divisor);
    }

    /**
     * A proportion with Wilson score limits at 95% and 99.8% (PHEindicatormethods {@code phe_proportion}):
     * value = x/n × multiplier (1 for a proportion of 1, 100 for a percentage).
     *
     * <p>Edge cases as {@link #wilson}; checked by {@code testdata_Proportion__testdata_Prop.csv}.
     *
     * @throws IllegalArgumentException for a negative numerator, a zero or negative denominator, or a
     *                                  numerator greater than the denominator
     */
    public static Estimate proportion(double numerator, double denominator, double multiplier) {
        checkProportionInputs(numerator, denominator);
        return Estimate.of(numerator / denominator * multiplier,
                wilsonAtZ(numerator, denominator, Z_95).scaled(multiplier),
                wilsonAtZ(numerator, denominator, Z_998).scaled(multiplier),
                "Wilson");
    }

    /**
     * {@link #proportion(double, double, double)} for inputs that may be missing: empty when the numerator or
     * the denominator is null (PHEindicatormethods returns NA).
     */
    public static Optional<Estimate> proportionIfPresent(Double numerator, Double denominator, double multiplier) {
        if (numerator == null || denominator == null) {
            return Optional.empty();
        }
        return Optional.of(proportion(numerator, denominator, multiplier));
    }

    // ---------------------------------------------------------------- direct standardisation

    /**
     * Directly standardised rate with Dobson limits (Dobson et al. 1991; PHEindicatormethods {@code phe_dsr},
     * independent events): DSR = Σ(xᵢwᵢ/nᵢ)/Σwᵢ × multiplier; var = Σxᵢ(wᵢ/nᵢ)²/(Σwᵢ)²;
     * limits = DSR + √(var/O)·(Byar(O) − O) × multiplier, with O = Σxᵢ and Byar's limits of O
     * ({@link #byar}). Use {@link StandardPopulation#esp2013()} for the weights wᵢ.
     *
     * <p>Edge cases: a missing (null) stratum count is 0, as {@code phe_dsr} does; the result is empty (not
     * published) when the total count O &lt; {@value #SMALL_COUNT}. A stratum with a population of 0 and no
     * events adds 0 to the rate and to its variance (its term xᵢwᵢ/nᵢ is 0 because xᵢ is 0) while its weight
     * stays in Σwᵢ: {@code phe_dsr} refuses such a stratum, but a small area often has an age band with nobody
     * in it, and since the events come from that population they are necessarily 0 there. A population of 0
     * with events above 0 is refused, and every standard weight must be above 0. Checked by
     * {@code dsr_expected.csv} with {@code dsr_input_multiarea_esp2013.csv}.
     *
     * @param counts          events per stratum xᵢ (nulls are 0)
     * @param populations     population per stratum nᵢ, &gt; 0 where the stratum has events, else ≥ 0
     * @param standardWeights standard population per stratum wᵢ, each &gt; 0
     * @param multiplier      e.g. 100,000
     * @throws IllegalArgumentException for arrays of different lengths or empty, a negative count, a negative
     *                                  population, a zero population with events, or a zero or negative weight
     */
    public static Optional<Estimate> directlyStandardisedRate(Double[] counts, double[] populations,
                                                              double[] standardWeights, double multiplier) {
        if (counts.length == 0 || counts.length != populations.length || counts.length != standardWeights.length) {
            throw new IllegalArgumentException(
                    "counts, populations and standard weights must have the same, non-zero number of strata");
        }
        double total = 0;
        double weightSum = 0;
        double weighted = 0;
        double variance = 0;
        for (int i = 0; i < counts.length; i++) {
            double x = counts[i] == null ? 0 : counts[i];
            checkCount(x, "stratum count");
            checkPositive(standardWeights[i], "standard population weight");
            weightSum += standardWeights[i];
            if (x == 0 && populations[i] == 0) {
                // An empty stratum: no events can come from nobody, so its term is 0 (see above).
                continue;
            }
            checkPositive(populations[i], "stratum population");
            double wOverN = standardWeights[i] / populations[i];
            total += x;
            weighted += x * wOverN;
            variance += x * wOverN * wOverN;
        }
        if (total < SMALL_COUNT) {
            return Optional.empty();
        }
        double value = weighted / weightSum * multiplier;
        variance /= weightSum * weightSum;
        double spread = Math.sqrt(variance / total) * multiplier;
        Interval o95 = byar(total, CONFIDENCE_95);
        Interval o998 = byar(total, CONFIDENCE_998);
        return Optional.of(new Estimate(value,
                value + spread * (o95.lower() - total), value + spread * (o95.upper() - total),
                value + spread * (o998.lower() - total), value + spread * (o998.upper() - total),
                "Dobson"));
    }

    // ---------------------------------------------------------------- indirect standardisation

    /**
     * Expected count for indirect standardisation (PHEindicatormethods {@code calculate_ISRatio}):
     * E = Σ nᵢ · xᵢʳᵉᶠ / nᵢʳᵉᶠ, the local population of each stratum times the reference (ICS) rate of that
     * stratum.
     *
     * <p>Edge cases: a missing (null) local population or reference count is 0, as the reference does
     * ({@code na.zero}); reference populations must be above 0.
     *
     * @throws IllegalArgumentException for arrays of different lengths or empty, negative counts or
     *                                  populations, or a zero or negative reference population
     */
    public static double expectedCount(Double[] populations, Double[] referenceCounts, double[] referencePopulations) {
        if (populations.length == 0 || populations.length != referenceCounts.length
                || populations.length != referencePopulations.length) {
            throw new IllegalArgumentException(
                    "populations, reference counts and reference populations must have the same, non-zero number of strata");
        }
        double expected = 0;
        for (int i = 0; i < populations.length; i++) {
            double n = populations[i] == null ? 0 : populations[i];
            double xRef = referenceCounts[i] == null ? 0 : referenceCounts[i];
            checkCount(n, "stratum population");
            checkCount(xRef, "reference stratum count");
            checkPositive(referencePopulations[i], "reference stratum population");
            expected += n * xRef / referencePopulations[i];
        }
        return expected;
    }

    /**
     * Indirectly standardised ratio O/E × multiplier (1 for a ratio, 100 for an SMR-style figure) with limits
     * on O divided by E (Breslow &amp; Day 1987; PHEindicatormethods {@code calculate_ISRatio}/{@code phe_isr}):
     * Byar's limits on O, and, as PHEindicatormethods does, exact Poisson limits when O &lt; {@value #SMALL_COUNT}
     * (Byar's lower limit is negative for small O at 99.8%). E comes from {@link #expectedCount}.
     *
     * <p>Edge cases: O = 0 gives ratio 0, lower 0 and an exact upper limit; E must be above 0 (no expected
     * events: the ratio is undefined).
     *
     * @throws IllegalArgumentException for a negative observed count or a zero or negative expected count
     */
    public static Estimate indirectlyStandardisedRatio(double observed, double expected, double multiplier) {
        checkCount(observed, "observed count");
        checkPositive(expected, "expected count");
        double scale = multiplier / expected;
        return Estimate.of(observed * scale,
                countInterval(observed, CONFIDENCE_95).scaled(scale),
                countInterval(observed, CONFIDENCE_998).scaled(scale),
                countMethod(observed));
    }

    // ---------------------------------------------------------------- inequality

    /**
     * Slope and relative index of inequality, point estimates as PHEindicatormethods {@code phe_sii} computes
     * them (Low &amp; Low 2004): each quantile i (in the order given: quantile 1 first, e.g. IMD decile 1 = most
     * deprived) has population share aᵢ = nᵢ/Σn and relative rank bᵢ = (Σ_{j&lt;i} nⱼ + nᵢ/2)/Σn, the mid-point
     * of its range in the cumulative population; the regression {@code yᵢ√aᵢ = α√aᵢ + β bᵢ√aᵢ} (no further
     * intercept), which is weighted least squares of yᵢ on bᵢ with weights aᵢ, gives SII = β × multiplier and
     * RII = (α + β)/α, inverted when the multiplier is negative. Confidence limits (phe_sii simulates them)
     * are not computed here.
     *
     * <p>Edge cases: as {@code phe_sii}, 5 to 100 quantiles, every quantile with a population above 0 and a
     * value (an area with a missing quantile gets no SII); RII is infinite or NaN when the fitted value at rank
     * 0 is 0.
     *
     * @param values      indicator value per quantile (rate, proportion or other), in quantile order
     * @param populations population per quantile, each &gt; 0
     * @param multiplier  scale of the SII (e.g. 100 for a percentage); 1 for none
     * @throws IllegalArgumentException for fewer than 5 or more than 100 quantiles, arrays of different
     *                                  lengths, a non-finite value or a zero or negative population
     */
    public static InequalityIndices slopeIndexOfInequality(double[] values, double[] populations, double multiplier) {
        int k = values.length;
        if (k != populations.length) {
            throw new IllegalArgumentException("values and populations must have one entry per quantile");
        }
        if (k < 5 || k > 100) {
            throw new IllegalArgumentException("the number of quantiles must be between 5 and 100");
        }
        double total = 0;
        for (int i = 0; i < k; i++) {
            checkPositive(populations[i], "quantile population");
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("every quantile needs a finite value");
            }
            total += populations[i];
        }
        double[] a = new double[k];
        double[] b = new double[k];
        double cumulative = 0;
        double meanB = 0;
        double meanY = 0;
        for (int i = 0; i < k; i++) {
            a[i] = populations[i] / total;
            b[i] = (cumulative + populations[i] / 2) / total;
            cumulative += populations[i];
            meanB += a[i] * b[i];
            meanY += a[i] * values[i];
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < k; i++) {
            double db = b[i] - meanB;
            sxy += a[i] * db * (values[i] - meanY);
            sxx += a[i] * db * db;
        }
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanB;
        double rii = (intercept + slope) / intercept;
        if (multiplier < 0) {
            rii = 1 / rii;
        }
        return new InequalityIndices(slope * multiplier, rii, intercept);
    }

    // ---------------------------------------------------------------- funnel plots

    /**
     * Funnel-plot control limits for a rate at one denominator, around a target rate (e.g. a PCN against its
     * ICB's rate; Spiegelhalter 2005; PHE/OHID "Technical guide: funnel plots", as PHEindicatormethods
     * {@code calculate_funnel_limits} for rates): the expected count E = target × n / multiplier gets exact
     * Poisson limits by chi-squared quantiles, χ²(α/2, 2E)/2 and χ²(1 − α/2, 2E + 2)/2 ({@link #exactPoisson},
     * E need not be an integer), each divided by n and multiplied. PHEindicatormethods finds the same Poisson
     * limits by bisection to 1e-7; here they come from the chi-squared quantiles directly.
     *
     * <p>Edge cases: a target of 0 gives lower 0; n must be above 0.
     *
     * @throws IllegalArgumentException for a negative target or a zero or negative denominator
     */
    public static FunnelLimits funnelLimitsForRate(double targetRate, double denominator, double multiplier) {
        checkCount(targetRate, "target rate");
        checkPositive(denominator, "denominator");
        double expected = targetRate * denominator / multiplier;
        double scale = multiplier / denominator;
        Interval l95 = exactPoisson(expected, CONFIDENCE_95).scaled(scale);
        Interval l998 = exactPoisson(expected, CONFIDENCE_998).scaled(scale);
        return new FunnelLimits(targetRate, l95.lower(), l95.upper(), l998.lower(), l998.upper(), "Exact Poisson");
    }

    /**
     * Funnel-plot control limits for a proportion at one denominator, around a target proportion (of 1):
     * the Wilson score interval ({@link #wilson}) of x = target × n out of n (Wilson 1927; the binomial
     * funnel of Spiegelhalter 2005 with Wilson's score limits, as PHEindicatormethods' proportion funnels),
     * multiplied by the multiplier (1 or 100). The limits stay inside [0, 1] × multiplier.
     *
     * <p>Edge cases: a target of 0 gives lower 0, a target of 1 gives upper 1; n must be above 0.
     *
     * @param targetProportion the target as a proportion of 1, in [0, 1]
     * @throws IllegalArgumentException for a target outside [0, 1] or a zero or negative denominator
     */
    public static FunnelLimits funnelLimitsForProportion(double targetProportion, double denominator,
                                                        double multiplier) {
        if (!(targetProportion >= 0 && targetProportion <= 1)) {
            throw new IllegalArgumentException("target proportion must be between 0 and 1");
        }
        checkPositive(denominator, "denominator");
        double x = targetProportion * denominator;
        Interval l95 = wilsonAtZ(x, denominator, Z_95).scaled(multiplier);
        Interval l998 = wilsonAtZ(x, denominator, Z_998).scaled(multiplier);
        return new FunnelLimits(targetProportion * multiplier, l95.lower(), l95.upper(), l998.lower(),
                l998.upper(), "Wilson");
    }

    // ---------------------------------------------------------------- checks

    private static void checkConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be a fraction between 0 and 1, e.g. 0.95 or 0.998");
        }
    }

    private static void checkCount(double value, String role) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(role + " must be a finite number >= 0");
        }
    }

    private static void checkPositive(double value, String role) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(role + " must be a finite number > 0");
        }
    }

    private static void checkProportionInputs(double numerator, double denominator) {
        checkCount(numerator, "numerator");
        checkPositive(denominator, "denominator");
        if (numerator > denominator) {
            throw new IllegalArgumentException("numerator must not be greater than denominator");
        }
    }
}
