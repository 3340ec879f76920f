package io.losskit.builtin.sequence;

import io.losskit.core.LossState;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import io.losskit.testkit.LossHarness;
import io.losskit.testkit.RecordingTally;
import java.util.Set;

/** Creating and running sequence losses in tests, through the test kit. */
final class Losses {

    private Losses() {
    }

    /** The loss with parameters given as alternating names and values, as typed after -P. */
    static Loss create(LossDefinition def, Set<String> roles, String... params) {
        return LossHarness.create(def, LossHarness.params(params), roles);
    }

    static PerSampleLoss perSample(LossDefinition def, String... params) {
        return (PerSampleLoss) create(def, Set.of("pred", "target"), params);
    }

    /** An empty state of {@code def} under reduction mean. */
    static LossState state(LossDefinition def, String... params) {
        return state(def, Reduction.MEAN, params);
    }

    static LossState state(LossDefinition def, Reduction reduction, String... params) {
        return LossHarness.evaluator(def, LossHarness.params(params), Set.of("pred", "target"), reduction, 0)
                .newState();
    }

    /** One sample's loss with a fresh tally. */
    static double loss(PerSampleLoss loss, Sample sample) {
        return loss.loss(sample, new RecordingTally());
    }
}
