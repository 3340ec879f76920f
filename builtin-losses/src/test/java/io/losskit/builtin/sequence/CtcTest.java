package io.losskit.builtin.sequence;

import io.losskit.core.Samples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.losskit.testkit.RecordingTally;
import io.losskit.builtin.math.Numerics;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.PerSampleLoss;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CtcTest {

    private static final Ctc CTC = new Ctc();

    // Worked examples. A: T=2, C=2 (blank 0); B: T=3, C=3 (blank 0). Rows are probabilities.
    private static final double[][] A = {{0.6, 0.4}, {0.3, 0.7}};
    private static final double[][] B = {{0.5, 0.3, 0.2}, {0.2, 0.5, 0.3}, {0.1, 0.2, 0.7}};

    private static double[][] log(double[][] p) {
        double[][] out = new double[p.length][];
        for (int t = 0; t < p.length; t++) {
            out[t] = new double[p[t].length];
            for (int c = 0; c < p[t].length; c++) {
                out[t][c] = Math.log(p[t][c]);
            }
        }
        return out;
    }

    private static double ctc(double[][] logProbs, int[] target, String... params) {
        return Losses.loss(Losses.perSample(CTC, params), Samples.of("pred", logProbs, "target", target));
    }

    @Test
    void singleLabelOverTwoSteps() {
        // Alignments of "1" over 2 steps: 1 1 (0.4·0.7 = 0.28), 1 _ (0.4·0.3 = 0.12), _ 1 (0.6·0.7 = 0.42).
        assertThat(ctc(log(A), new int[] {1})).isCloseTo(-Math.log(0.82), within(1e-15));
    }

    @Test
    void twoLabelsOverThreeSteps() {
        // "12" over 3 steps: 1 2 _ = .3·.3·.1 = .009, 1 _ 2 = .3·.2·.7 = .042, _ 1 2 = .5·.5·.7 = .175,
        // 1 1 2 = .3·.5·.7 = .105, 1 2 2 = .3·.3·.7 = .063; total 0.394.
        assertThat(ctc(log(B), new int[] {1, 2})).isCloseTo(-Math.log(0.394), within(1e-15));
        // "21": 2 1 _ = .2·.5·.1 = .01, 2 _ 1 = .2·.2·.2 = .008, _ 2 1 = .5·.3·.2 = .03,
        // 2 2 1 = .2·.3·.2 = .012, 2 1 1 = .2·.5·.2 = .02; total 0.08.
        assertThat(ctc(log(B), new int[] {2, 1})).isCloseTo(-Math.log(0.08), within(1e-15));
    }

    @Test
    void repeatedLabelNeedsABlankBetween() {
        // "11" over 3 steps has one alignment, 1 _ 1 = .3·.2·.2 = 0.012.
        assertThat(ctc(log(B), new int[] {1, 1})).isCloseTo(-Math.log(0.012), within(1e-14));
    }

    @Test
    void emptyTargetIsAllBlanks() {
        assertThat(ctc(log(A), new int[0])).isCloseTo(-Math.log(0.6 * 0.3), within(1e-15));
        // length-norm divides by max(1, 0) = 1.
        assertThat(ctc(log(A), new int[0], "length-norm", "true")).isCloseTo(-Math.log(0.18), within(1e-15));
    }

    @Test
    void inputLengthUsesTheFirstRows() {
        PerSampleLoss loss = Losses.perSample(CTC);
        // "1" over the first 2 rows of B: 1 1 = .3·.5, 1 _ = .3·.2, _ 1 = .5·.5; total 0.46.
        double v = Losses.loss(loss, Samples.of("pred", log(B), "target", new int[] {1}, "input-length", 2.0));
        assertThat(v).isCloseTo(-Math.log(0.46), within(1e-15));
        double empty = Losses.loss(loss, Samples.of("pred", log(B), "target", new int[0], "input-length", 0.0));
        assertThat(empty).isEqualTo(0.0);
    }

    @Test
    void impossibleAlignmentIsInfiniteAndWarned() {
        PerSampleLoss loss = Losses.perSample(CTC);
        RecordingTally tally = new RecordingTally();
        // "11" needs 3 steps (a blank between the repeats); 2 are given.
        double v = loss.loss(Samples.of("pred", log(B), "target", new int[] {1, 1}, "input-length", 2.0), tally);
        assertThat(v).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(tally.warnings).hasSize(1).first().asString().contains("impossible");
        // Labels longer than the input.
        assertThat(ctc(log(A), new int[] {1, 1, 1})).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Losses.loss(loss, Samples.of("pred", log(A), "target", new int[] {1}, "input-length", 0.0)))
                .isEqualTo(Double.POSITIVE_INFINITY);

        RecordingTally zeroTally = new RecordingTally();
        double zero = Losses.perSample(CTC, "zero-infinity", "true")
                .loss(Samples.of("pred", log(A), "target", new int[] {1, 1}), zeroTally);
        assertThat(zero).isEqualTo(0.0);
        assertThat(zeroTally.warnings).hasSize(1);
    }

    @Test
    void zeroProbabilityEverywhereIsImpossible() {
        double[][] lp = log(A);
        lp[0][1] = Double.NEGATIVE_INFINITY;
        lp[1][1] = Double.NEGATIVE_INFINITY;
        assertThat(ctc(lp, new int[] {1})).isEqualTo(Double.POSITIVE_INFINITY);
        // Only "_ 1" is left when the label is impossible at t=0: 0.6·0.7.
        double[][] lp2 = log(A);
        lp2[0][1] = Double.NEGATIVE_INFINITY;
        assertThat(ctc(lp2, new int[] {1})).isCloseTo(-Math.log(0.42), within(1e-15));
    }

    @Test
    void lengthNormDividesByTheTargetLength() {
        assertThat(ctc(log(B), new int[] {1, 2}, "length-norm", "true")).isCloseTo(-Math.log(0.394) / 2, within(1e-15));
    }

    @Test
    void inputKindsGiveTheSameLoss() {
        double expected = -Math.log(0.394);
        // Probabilities as they are.
        assertThat(ctc(B, new int[] {1, 2}, "input", "probs")).isCloseTo(expected, within(1e-15));
        // Logits: log p + an arbitrary constant per row; log-softmax removes it.
        double[][] logits = log(B);
        for (int t = 0; t < logits.length; t++) {
            for (int c = 0; c < 3; c++) {
                logits[t][c] += 100.0 * t - 7.0;
            }
        }
        assertThat(ctc(logits, new int[] {1, 2}, "input", "logits")).isCloseTo(expected, within(1e-13));
    }

    @Test
    void blankCanBeAnyClass() {
        // B's columns reordered so that the blank is the last class: old (0, 1, 2) → new (2, 0, 1).
        double[][] p = new double[3][];
        for (int t = 0; t < 3; t++) {
            p[t] = new double[] {B[t][1], B[t][2], B[t][0]};
        }
        assertThat(ctc(log(p), new int[] {0, 1}, "blank", "2")).isCloseTo(-Math.log(0.394), within(1e-15));
    }

    @Test
    void stringTargetsGoThroughTheAlphabet() {
        PerSampleLoss loss = Losses.perSample(CTC, "alphabet", "_ab");
        assertThat(Losses.loss(loss, Samples.of("pred", log(B), "target", "ab")))
                .isCloseTo(-Math.log(0.394), within(1e-15));
        // An astral character is one class.
        PerSampleLoss astral = Losses.perSample(CTC, "alphabet", "_\uD835\uDD1Eb");
        assertThat(Losses.loss(astral, Samples.of("pred", log(B), "target", "\uD835\uDD1Eb")))
                .isCloseTo(-Math.log(0.394), within(1e-15));
        assertThatThrownBy(() -> Losses.loss(loss, Samples.of("pred", log(B), "target", "ac")))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("'c'").hasMessageContaining("alphabet");
        // The blank's own character is not a label.
        assertThatThrownBy(() -> Losses.loss(loss, Samples.of("pred", log(B), "target", "a_")))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> Losses.perSample(CTC, "alphabet", "abca"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void badLabelsAndLengthsAreInputErrors() {
        assertThatThrownBy(() -> ctc(log(B), new int[] {1, 3}))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("out of range [0, 3)")
                .extracting(e -> ((InvalidSampleException) e).role()).isEqualTo("target");
        assertThatThrownBy(() -> ctc(log(B), new int[] {0, 1}))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> ctc(log(B), new int[] {1}, "blank", "3"))
                .isInstanceOf(InvalidSampleException.class)
                .extracting(e -> ((InvalidSampleException) e).role()).isEqualTo("pred");
        PerSampleLoss loss = Losses.perSample(CTC);
        for (double n : new double[] {4.0, -1.0, 1.5}) {
            assertThatThrownBy(() -> Losses.loss(loss, Samples.of("pred", log(B), "target", new int[] {1},
                    "input-length", n)))
                    .isInstanceOf(InvalidSampleException.class)
                    .extracting(e -> ((InvalidSampleException) e).role()).isEqualTo("input-length");
        }
        assertThatThrownBy(() -> ctc(new double[][] {{1.5, -0.5}}, new int[] {1}, "input", "probs"))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("outside [0, 1]");
    }

    @Test
    void peakyInputKeepsFullPrecision() {
        // log p(label) = −1000 at both steps, log p(blank) = 0: the label's probability underflows a
        // double. Alignments: 1 1 (e^−2000), 1 _ and _ 1 (e^−1000 each): loss = 1000 − ln(2 + e^−1000).
        double[][] lp = {{0, -1000}, {0, -1000}};
        CtcForward f = new CtcForward(CtcForward.Input.LOG_PROBS, 0);
        assertThat(f.negLogLikelihood(lp, 2, new int[] {1}, 1)).isCloseTo(1000 - Math.log(2), within(1e-12));
        assertThat(f.usedExtended).isTrue();
        // Logits of ±500 give the same picture: log-softmax ≈ (0, −1000).
        double[][] logits = {{500, -500}, {500, -500}};
        assertThat(ctc(logits, new int[] {1}, "input", "logits")).isCloseTo(1000 - Math.log(2), within(1e-12));
    }

    @Test
    void bothEvaluationsAgreeWithALogSpaceTranscription() {
        Random rnd = new Random(42);
        CtcForward auto = new CtcForward(CtcForward.Input.LOGITS, 0);
        CtcForward extended = new CtcForward(CtcForward.Input.LOGITS, 0);
        extended.forceExtended = true;
        int tookExtended = 0;
        for (int trial = 0; trial < 400; trial++) {
            int t = 1 + rnd.nextInt(80);
            int c = 2 + rnd.nextInt(8);
            double spread = trial % 4 == 0 ? 60.0 : trial % 4 == 1 ? 10.0 : 2.0;
            double[][] x = new double[t][c];
            for (double[] row : x) {
                for (int k = 0; k < c; k++) {
                    row[k] = spread * rnd.nextGaussian();
                }
            }
            int length = rnd.nextInt(Math.min(t, 25) + 1);
            int[] labels = new int[length];
            for (int k = 0; k < length; k++) {
                labels[k] = 1 + rnd.nextInt(trial % 5 == 0 ? 1 : c - 1); // some with many repeats
            }
            double expected = logSpaceReference(x, labels);
            double a = auto.negLogLikelihood(x, t, labels, length);
            tookExtended += auto.usedExtended ? 1 : 0;
            double b = extended.negLogLikelihood(x, t, labels, length);
            if (Double.isInfinite(expected)) {
                assertThat(a).isEqualTo(expected);
                assertThat(b).isEqualTo(expected);
            } else {
                assertThat(a).as("trial %d", trial).isCloseTo(expected, within(1e-11 * Math.max(1, expected)));
                assertThat(b).as("trial %d", trial).isCloseTo(expected, within(1e-11 * Math.max(1, expected)));
            }
        }
        assertThat(tookExtended).isBetween(10, 390); // both paths were exercised
    }

    @Test
    void longPeakyInputKeepsFullPrecision() {
        // A model that is sure of its alignment: 200 steps, 40 labels, log-probabilities of −25 for
        // every class but the chosen one. State masses span more than a double's range.
        Random rnd = new Random(7);
        int t = 200;
        int c = 32;
        int[] labels = new int[40];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = 1 + rnd.nextInt(c - 1);
        }
        double[][] x = new double[t][c];
        for (int s = 0; s < t; s++) {
            int chosen = s % 5 == 2 ? labels[s / 5] : 0;
            for (int k = 0; k < c; k++) {
                x[s][k] = k == chosen ? 0.0 : -25.0;
            }
        }
        CtcForward f = new CtcForward(CtcForward.Input.LOGITS, 0);
        double expected = logSpaceReference(x, labels);
        assertThat(f.negLogLikelihood(x, t, labels, labels.length)).isCloseTo(expected, within(1e-12 * Math.max(1, expected)));
    }

    /**
     * The forward algorithm in log space over every state and step, written out as in Graves et
     * al. and torch's CPU kernel, for logits (log-softmax per row).
     */
    private static double logSpaceReference(double[][] logits, int[] labels) {
        int t = logits.length;
        int s = 2 * labels.length + 1;
        double[][] lp = new double[t][];
        for (int k = 0; k < t; k++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : logits[k]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : logits[k]) {
                sum += Math.exp(v - max);
            }
            lp[k] = new double[logits[k].length];
            for (int c = 0; c < lp[k].length; c++) {
                lp[k][c] = logits[k][c] - max - Math.log(sum);
            }
        }
        double ninf = Double.NEGATIVE_INFINITY;
        double[] alpha = new double[s];
        java.util.Arrays.fill(alpha, ninf);
        alpha[0] = lp[0][0];
        if (s > 1) {
            alpha[1] = lp[0][labels[0]];
        }
        for (int k = 1; k < t; k++) {
            double[] next = new double[s];
            for (int q = 0; q < s; q++) {
                int label = q % 2 == 0 ? 0 : labels[q / 2];
                double a = alpha[q];
                double b = q >= 1 ? alpha[q - 1] : ninf;
                double c = q >= 3 && q % 2 == 1 && labels[q / 2] != labels[q / 2 - 1] ? alpha[q - 2] : ninf;
                double m = Math.max(a, Math.max(b, c));
                next[q] = m == ninf ? ninf
                        : m + Math.log(Math.exp(a - m) + Math.exp(b - m) + Math.exp(c - m)) + lp[k][label];
            }
            alpha = next;
        }
        double end = s > 1 ? Numerics.logAddExp(alpha[s - 1], alpha[s - 2]) : alpha[0];
        return -end;
    }
}
