package io.losskit.builtin.classification;

import io.losskit.core.Samples;
import io.losskit.spi.Sample;
import static io.losskit.builtin.classification.Harness.create;
import static io.losskit.builtin.classification.Harness.one;
import static io.losskit.builtin.classification.Harness.run;
import static io.losskit.builtin.classification.Harness.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.losskit.builtin.math.Numerics;
import io.losskit.spi.Loss;
import io.losskit.spi.Reduction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the classification losses over random inputs. */
class ClassificationPropertiesTest {

    static final Set<String> ROLES = Set.of("pred", "target");

    /** Logits of 2–6 classes with a target class, including extremes. */
    record Case(double[] logits, int k) {
        double[] oneHot() {
            double[] y = new double[logits.length];
            y[k] = 1.0;
            return y;
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.integers().between(2, 6).flatMap(ClassificationPropertiesTest::cases);
    }

    /** Two to five cases of the same number of classes. */
    @Provide
    Arbitrary<List<Case>> batches() {
        return Arbitraries.integers().between(2, 6).flatMap(c -> cases(c).list().ofMinSize(2).ofMaxSize(5));
    }

    private static Arbitrary<Case> cases(int classes) {
        Arbitrary<Double> logit = Arbitraries.oneOf(Arbitraries.doubles().between(-20, 20),
                Arbitraries.of(-1000.0, 1000.0, 0.0));
        return Combinators.combine(logit.array(double[].class).ofSize(classes),
                Arbitraries.integers().between(0, classes - 1)).as(Case::new);
    }

    @Property
    void oneHotTargetEqualsIndexTarget(@ForAll("cases") Case c,
                                       @ForAll @DoubleRange(min = 0, max = 1) double smoothing) {
        String[] params = {"label-smoothing", Double.toString(smoothing), "class-weights", weights(c.logits.length)};
        for (String id : new String[] {"cross-entropy", "softmax-focal", "categorical-hinge", "multi-margin", "cosface"}) {
            Loss loss = id.equals("cross-entropy") ? create(id, ROLES, params) : create(id, ROLES);
            double[] cosOrLogits = id.equals("cosface") ? clampToCosines(c.logits) : c.logits;
            double byIndex = one(loss, Samples.of("pred", cosOrLogits, "target", c.k));
            double byVector = one(loss, Samples.of("pred", cosOrLogits, "target", c.oneHot()));
            assertThat(byVector).as(id).isCloseTo(byIndex, within(1e-12 * Math.max(1, Math.abs(byIndex))));
        }
    }

    @Property
    void oneHotTargetMeanEqualsIndexMeanWithoutClassWeights(@ForAll("batches") List<Case> batch) {
        Loss ce = create("cross-entropy", ROLES);
        List<Sample> byIndex = new ArrayList<>();
        List<Sample> byVector = new ArrayList<>();
        for (Case c : batch) {
            byIndex.add(Samples.of("pred", c.logits, "target", c.k));
            byVector.add(Samples.of("pred", c.logits, "target", c.oneHot()));
        }
        double expected = run(ce, byIndex, Reduction.MEAN).value();
        assertThat(run(ce, byVector, Reduction.MEAN).value()).isCloseTo(expected, within(1e-12 * Math.max(1, expected)));
    }

    @Property
    void crossEntropyIsNonNegative(@ForAll("cases") Case c, @ForAll @DoubleRange(min = 0, max = 1) double smoothing,
                                   @ForAll @IntRange(min = 0, max = 1000) int softness) {
        // a soft target: the one-hot vector mixed with the uniform distribution
        double mix = softness / 1000.0;
        double[] y = c.oneHot();
        for (int i = 0; i < y.length; i++) {
            y[i] = (1 - mix) * y[i] + mix / y.length;
        }
        Loss ce = create("cross-entropy", ROLES, "label-smoothing", Double.toString(smoothing));
        assertThat(one(ce, Samples.of("pred", c.logits, "target", c.k))).isGreaterThanOrEqualTo(0.0);
        assertThat(one(ce, Samples.of("pred", c.logits, "target", y))).isGreaterThanOrEqualTo(0.0);
    }

    @Property
    void focalWithGammaZeroAndNegativeAlphaIsBceLogits(@ForAll @DoubleRange(min = -1000, max = 1000) double x,
                                                      @ForAll @DoubleRange(min = 0, max = 1) double y) {
        Sample s = Samples.of("pred", x, "target", y);
        double focal = one(create("focal", ROLES, "gamma", "0", "alpha", "-1"), s);
        assertThat(focal).isEqualTo(one(create("bce-logits", ROLES), s));
    }

    @Property
    void bceOfSigmoidIsBceLogits(@ForAll @DoubleRange(min = -30, max = 30) double x,
                                 @ForAll @DoubleRange(min = 0, max = 1) double y) {
        double p = Numerics.sigmoid(x);
        double logits = one(create("bce-logits", ROLES), Samples.of("pred", x, "target", y));
        double probs = one(create("bce", ROLES), Samples.of("pred", p, "target", y));
        // p is σ(x) computed in doubles (1/(1 + e^−x): a few roundings of ~1.1e-16), which moves
        // log p or log(1 − p) by up to ~3e-16 / min(p, 1 − p): the probs form is no closer than that.
        assertThat(probs).isCloseTo(logits, within(1e-13 + 4e-16 / Math.min(p, 1 - p)));
    }

    @Property
    void softmaxFocalWithGammaZeroIsCrossEntropy(@ForAll("batches") List<Case> batch) {
        String w = weights(batch.get(0).logits.length);
        List<Sample> in = batch.stream().map(c -> Samples.of("pred", c.logits, "target", c.k)).toList();
        double focal = run(create("softmax-focal", ROLES, "gamma", "0", "alpha", "1", "class-weights", w), in,
                Reduction.MEAN).value();
        double ce = run(create("cross-entropy", ROLES, "class-weights", w), in, Reduction.MEAN).value();
        assertThat(focal).isCloseTo(ce, within(1e-12 * Math.max(1, ce)));
    }

    @Property
    void divergencesAreBounded(@ForAll("batches") List<Case> batch) {
        double[] target = Numerics.logSoftmax(batch.get(0).logits, new double[batch.get(0).logits.length]);
        for (int i = 0; i < target.length; i++) {
            target[i] = Math.exp(target[i]);
        }
        Sample s = Samples.of("pred", batch.get(1).logits, "target", target);
        assertThat(one(create("kl-div", ROLES, "input", "logits"), s)).isGreaterThanOrEqualTo(-1e-12);
        assertThat(one(create("js-div", ROLES, "input", "logits"), s)).isBetween(-1e-15, Math.log(2) + 1e-15);
    }

    @Property
    void tverskyGeneralisesDiceAndJaccard(@ForAll("masks") double[][] pv, @ForAll @DoubleRange(min = 0, max = 2) double s) {
        Sample sample = Samples.of("pred", pv[0], "target", pv[1]);
        String smooth = Double.toString(s);
        double tverskyHalf = one(create("tversky", ROLES, "smooth", smooth), sample);
        double dice = one(create("dice", ROLES, "smooth", Double.toString(2 * s)), sample);
        assertThat(tverskyHalf).isCloseTo(dice, within(1e-12));
        double tverskyOne = one(create("tversky", ROLES, "alpha", "1", "beta", "1", "smooth", smooth), sample);
        assertThat(tverskyOne).isCloseTo(one(create("jaccard", ROLES, "smooth", smooth), sample), within(1e-12));
        assertThat(dice).isBetween(0.0, 1.0);
    }

    @Provide
    Arbitrary<double[][]> masks() {
        return Arbitraries.integers().between(1, 8).flatMap(n -> Combinators.combine(
                Arbitraries.doubles().between(0, 1).array(double[].class).ofSize(n),
                Arbitraries.of(0.0, 1.0).array(double[].class).ofSize(n)).as((p, y) -> new double[][] {p, y}));
    }

    @Property
    void sphereFacePsiDecreasesWithTheAngle(@ForAll @IntRange(min = 1, max = 6) int m,
                                            @ForAll @DoubleRange(min = -1, max = 1) double a,
                                            @ForAll @DoubleRange(min = -1, max = 1) double b) {
        // cos θ larger ⇒ θ smaller ⇒ ψ larger (up to rounding at the piece boundaries)
        double hi = Math.max(a, b);
        double lo = Math.min(a, b);
        assertThat(SphereFace.psi(hi, m)).isGreaterThanOrEqualTo(SphereFace.psi(lo, m) - 1e-9);
    }

    @Property
    void weightedMeanIsScaleInvariant(@ForAll("batches") List<Case> batch,
                                      @ForAll @DoubleRange(min = 0.1, max = 10) double scale) {
        Loss ce = create("cross-entropy", ROLES, "class-weights", weights(batch.get(0).logits.length));
        List<Sample> unit = new ArrayList<>();
        List<Sample> scaled = new ArrayList<>();
        for (Case c : batch) {
            unit.add(Samples.of("pred", c.logits, "target", c.k, "weight", 1.0));
            scaled.add(Samples.of("pred", c.logits, "target", c.k, "weight", scale));
        }
        double m = run(ce, unit, Reduction.MEAN).value();
        assertThat(run(ce, scaled, Reduction.MEAN).value()).isCloseTo(m, within(1e-12 * Math.max(1, m)));
        assertThat(values(ce, scaled)).containsExactly(values(ce, unit), within(0.0));
    }

    private static String weights(int classes) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < classes; c++) {
            sb.append(c == 0 ? "" : ",").append(0.5 + c);
        }
        return sb.toString();
    }

    private static double[] clampToCosines(double[] x) {
        double[] cos = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            cos[i] = Math.tanh(x[i] / 20);
        }
        return cos;
    }
}
