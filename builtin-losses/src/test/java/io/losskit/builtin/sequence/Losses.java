package io.losskit.builtin.sequence;

import io.losskit.builtin.RecordingTally;
import io.losskit.spi.Accumulator;
import io.losskit.spi.AggregateLoss;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Creating and running sequence losses in tests, the way the engine will. */
final class Losses {

    private Losses() {
    }

    /** The loss with parameters given as alternating names and values, as typed after -P. */
    static Loss create(LossDefinition def, Set<String> roles, String... params) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            given.put(params[i], params[i + 1]);
        }
        ParameterValues values = ParameterValues.of(def.descriptor(), given, path -> {
            throw new IllegalArgumentException(path);
        });
        return def.create(values, roles);
    }

    static PerSampleLoss perSample(LossDefinition def, String... params) {
        return (PerSampleLoss) create(def, Set.of("pred", "target"), params);
    }

    static Accumulator accumulator(LossDefinition def, String... params) {
        return accumulator(def, Reduction.MEAN, params);
    }

    static Accumulator accumulator(LossDefinition def, Reduction reduction, String... params) {
        return ((AggregateLoss) create(def, Set.of("pred", "target"), params)).newAccumulator(reduction);
    }

    /** One sample's loss with a fresh tally. */
    static double loss(PerSampleLoss loss, Sample sample) {
        return loss.loss(sample, new RecordingTally());
    }
}
