package com.example.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.losskit.core.Samples;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.PerSampleLoss;
import io.losskit.testkit.LossHarness;
import io.losskit.testkit.RecordingTally;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AsymmetricCostTest {

    private static double loss(Map<String, String> params, double pred, double target) {
        PerSampleLoss loss = (PerSampleLoss) LossHarness.create(new AsymmetricCost(), params, Set.of("pred", "target"));
        return loss.loss(Samples.of("pred", pred, "target", target), new RecordingTally());
    }

    @Test
    void underPredictionCostsKTimesByDefaultTwice() {
        assertThat(loss(Map.of(), 3, 5)).isEqualTo(4.0);   // short by 2, k = 2: 2·2
        assertThat(loss(Map.of(), 5, 3)).isEqualTo(2.0);   // over by 2: 2
        assertThat(loss(Map.of(), 4, 4)).isEqualTo(0.0);
    }

    @Test
    void squaredCost() {
        assertThat(loss(Map.of("k", "3", "p", "2"), 1, 3)).isEqualTo(12.0); // 3·2²
        assertThat(loss(Map.of("k", "3", "p", "2"), 4, 3)).isEqualTo(1.0);  // 1²
    }

    @Test
    void linearCostIsAScaledPinballLoss() {
        // k = 3 ⇔ q = 3/4: pinball(y − ŷ = 2) = max(0.75·2, −0.25·2) = 1.5, times k + 1 = 4 gives 6.
        assertThat(loss(Map.of("k", "3"), 1, 3)).isEqualTo(6.0);
        // over by 2: pinball = max(0.75·−2, −0.25·−2) = 0.5, times 4 gives 2.
        assertThat(loss(Map.of("k", "3"), 3, 1)).isEqualTo(2.0);
    }

    @Test
    void kOneIsTheAbsoluteOrSquaredError() {
        assertThat(loss(Map.of("k", "1"), 1.5, 4)).isEqualTo(2.5);
        assertThat(loss(Map.of("k", "1", "p", "2"), 1.5, 4)).isEqualTo(6.25);
    }

    @Test
    void parametersAreChecked() {
        AsymmetricCost def = new AsymmetricCost();
        assertThatThrownBy(() -> ParameterValues.of(def.descriptor(), Map.of("k", "0"), f -> Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k");
        assertThatThrownBy(() -> ParameterValues.of(def.descriptor(), Map.of("p", "3"), f -> Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p");
    }
}
