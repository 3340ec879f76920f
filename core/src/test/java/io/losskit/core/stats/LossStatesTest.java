package io.losskit.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.losskit.core.Evaluator;
import io.losskit.core.LossState;
import io.losskit.core.LossStates;
import io.losskit.core.Samples;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Several losses' states fed one sample at a time, as one pass over an input feeds them. */
class LossStatesTest {

    /** ℓ = target; refuses a pred of 13. */
    private static final PerSampleLoss TARGET_UNLESS_13 = (s, t) -> {
        if (s.number("pred") == 13) {
            throw new InvalidSampleException("pred", "unlucky");
        }
        return s.number("target");
    };

    @Test
    void eachStateTakesTheSampleWithItsOwnWeightOrWeightOneAndARefusedSampleNone() {
        List<LossState> list = List.of(Evaluator.of(TestLosses.VALUE, Reduction.SUM, 0).newState(),
                Evaluator.of(TestLosses.RATIO, Reduction.MEAN, 0).newState(), TestLosses.unweightedRatio().newState(),
                Evaluator.of(TARGET_UNLESS_13, Reduction.SUM, 0).newState());
        LossStates states = new LossStates(list, UnaryOperator.identity());
        states.add(Samples.of("pred", 2.0, "target", 1.0), 3);
        states.add(Samples.of("pred", 5.0, "target", 4.0), 0.5);
        assertThatThrownBy(() -> states.add(Samples.of("pred", 13.0, "target", 1.0), 2))
                .isInstanceOf(InvalidSampleException.class);
        // Σw·pred = 2·3 + 5·0.5; Σw·pred / Σw·target = 8.5 / (3 + 2); unweighted (2 + 5) / (1 + 4); Σw·target = 3 + 2
        assertThat(list.stream().map(s -> s.finish().value()).toList()).containsExactly(8.5, 1.7, 1.4, 5.0);
        assertThat(list.get(0).finish().count()).isEqualTo(2);
    }
}
