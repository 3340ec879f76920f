package io.losskit.builtin.classification;

import io.losskit.core.Samples;
import io.losskit.spi.Sample;
import static io.losskit.builtin.classification.BinaryLossesTest.assertInvalid;
import static io.losskit.builtin.classification.Harness.create;
import static io.losskit.builtin.classification.Harness.one;
import static io.losskit.builtin.classification.MultiClassLossesTest.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.losskit.testkit.RecordingTally;
import io.losskit.spi.Loss;
import io.losskit.spi.PerSampleLoss;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** kl-div, js-div, dice, tversky, jaccard. */
class DistributionLossesTest {

    static final Set<String> ROLES = Set.of("pred", "target");

    static Sample pq(double[] pred, double[] target) {
        return Samples.of("pred", pred, "target", target);
    }

    @Test
    void klDivHandValues() {
        Loss kl = create("kl-div", ROLES);
        // P = (½, ½), Q = (¼, ¾): ½·log 2 + ½·log(2/3) = 0.14384103622589042
        assertThat(one(kl, pq(d(0.25, 0.75), d(0.5, 0.5)))).isCloseTo(0.14384103622589042, within(1e-16));
        assertThat(one(kl, pq(d(0.3, 0.7), d(0.3, 0.7)))).isEqualTo(0.0);
        // P_c = 0 contributes 0 even where Q_c = 0
        assertThat(one(kl, pq(d(0, 1), d(0, 1)))).isEqualTo(0.0);
        // a class index is the one-hot distribution: −log Q_k
        assertThat(one(kl, Samples.of("pred", d(0.25, 0.75), "target", 0))).isCloseTo(Math.log(4), within(1e-15));
        // log-probs and logits give the same value
        assertThat(one(create("kl-div", ROLES, "input", "log-probs"), pq(d(Math.log(0.25), Math.log(0.75)), d(0.5, 0.5))))
                .isCloseTo(0.14384103622589042, within(1e-16));
        assertThat(one(create("kld", ROLES, "input", "logits"), pq(d(0, Math.log(3)), d(0.5, 0.5))))
                .isCloseTo(0.14384103622589042, within(1e-15));
    }

    @Test
    void klDivOfAZeroPredictionIsInfiniteWithAWarning() {
        RecordingTally tally = new RecordingTally();
        PerSampleLoss kl = (PerSampleLoss) create("kl-divergence", ROLES);
        assertThat(kl.loss(pq(d(0, 1), d(0.5, 0.5)), tally)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(tally.warnings).containsExactly(KlDiv.INFINITE);
        assertInvalid(() -> one(kl, pq(d(1.5, -0.5), d(0.5, 0.5))), "pred");
        assertInvalid(() -> one(kl, pq(d(0.5, 0.5), d(0.5, 0.25, 0.25))), "target");
    }

    @Test
    void jsDivHandValues() {
        Loss js = create("js-div", ROLES);
        assertThat(one(js, pq(d(0, 1), d(1, 0)))).isCloseTo(Math.log(2), within(1e-16));
        assertThat(one(js, pq(d(0.2, 0.8), d(0.2, 0.8)))).isEqualTo(0.0);
        // scipy.spatial.distance.jensenshannon([.5,.5], [.25,.75])² = 0.03382207556860521
        assertThat(one(js, pq(d(0.25, 0.75), d(0.5, 0.5)))).isCloseTo(0.03382207556860521, within(1e-16));
        // scaled like scipy: (⅛, ⅜) is read as (¼, ¾)
        assertThat(one(create("js-div", ROLES, "input", "probs"), pq(d(0.125, 0.375), d(0.5, 0.5))))
                .isCloseTo(0.03382207556860521, within(1e-16));
        assertInvalid(() -> one(js, pq(d(0, 0), d(0.5, 0.5))), "pred");
        assertInvalid(() -> one(js, pq(d(0.5, 0.5), d(0, 0))), "target");
    }

    @Test
    void overlapLossesHandValues() {
        double[] p = d(0.5, 0.5);
        double[] y = d(1, 0);
        // dice: 1 − (2·0.5 + 1)/(1 + 1 + 1) = 1/3
        assertThat(one(create("dice", ROLES), pq(p, y))).isCloseTo(1.0 / 3, within(1e-16));
        // jaccard: I = 0.5; 1 − (0.5 + 1)/(1 + 1 − 0.5 + 1) = 0.4
        assertThat(one(create("iou", ROLES), pq(p, y))).isCloseTo(0.4, within(1e-16));
        // tversky α = 0.3, β = 0.7: TP = 0.5, FP = 0.5, FN = 0.5: 1 − 1.5/(0.5 + 0.15 + 0.35 + 1) = 0.25
        assertThat(one(create("tversky", ROLES, "alpha", "0.3", "beta", "0.7"), pq(p, y))).isCloseTo(0.25, within(1e-16));
        // perfect prediction: 0
        assertThat(one(create("dice", ROLES), pq(d(1, 0), d(1, 0)))).isEqualTo(0.0);
        // logits: σ(0) = ½, the same as p above
        assertThat(one(create("dice", ROLES, "input", "logits"), pq(d(0, 0), y))).isCloseTo(1.0 / 3, within(1e-16));
    }

    @Test
    void emptyMaskWithoutSmoothingIsAPerfectMatch() {
        for (String id : new String[] {"dice", "tversky", "jaccard"}) {
            assertThat(one(create(id, ROLES, "smooth", "0"), pq(d(0, 0), d(0, 0)))).as(id).isEqualTo(0.0);
        }
        // but an empty prediction of a non-empty target is a total miss
        assertThat(one(create("dice", ROLES, "smooth", "0"), pq(d(0, 0), d(1, 0)))).isEqualTo(1.0);
        assertInvalid(() -> one(create("dice", ROLES), pq(d(0.5, 0.5), d(2, 0))), "target");
        assertInvalid(() -> one(create("dice", ROLES), pq(d(0.5, 1.5), d(1, 0))), "pred");
    }
}
