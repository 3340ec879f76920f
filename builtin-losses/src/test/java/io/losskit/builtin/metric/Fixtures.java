package io.losskit.builtin.metric;

import io.losskit.core.Samples;
import io.losskit.spi.Sample;
import java.util.ArrayList;
import java.util.List;

/** Small builders for the metric tests. */
final class Fixtures {

    private Fixtures() {
    }

    static double[] v(double... x) {
        return x;
    }

    /** Labelled embeddings from alternating label, vector. */
    static List<Sample> labelled(Object... labelVector) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < labelVector.length; i += 2) {
            out.add(Samples.of("pred", labelVector[i + 1], "target", labelVector[i]));
        }
        return out;
    }
}
