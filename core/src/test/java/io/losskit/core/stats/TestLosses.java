package io.losskit.core.stats;

import io.losskit.core.Evaluator;
import io.losskit.spi.Accumulator;
import io.losskit.spi.AggregateLoss;
import io.losskit.spi.BatchLoss;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.LossResult;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.Parameters;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import io.losskit.spi.Sample;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Set;

/** Losses written here so that every value the statistics work on is known. */
final class TestLosses {

    private TestLosses() {
    }

    /** ℓ = pred. */
    static final PerSampleLoss VALUE = (s, t) -> s.number("pred");

    /** Σw·a / Σw·b (a = pred, b = target). */
    static final class Ratio implements Accumulator<Ratio> {
        double a;
        double b;

        @Override
        public void add(Sample sample, double weight) {
            a += weight * sample.number("pred");
            b += weight * sample.number("target");
        }

        @Override
        public void merge(Ratio later) {
            a += later.a;
            b += later.b;
        }

        @Override
        public LossResult finish() {
            return LossResult.of(a / b, 0);
        }

        @Override
        public void encode(DataOutput out) throws IOException {
            out.writeDouble(a);
            out.writeDouble(b);
        }
    }

    static final AggregateLoss<Ratio> RATIO = new AggregateLoss<>() {
        @Override
        public Ratio newAccumulator(Reduction reduction) {
            return new Ratio();
        }

        @Override
        public Ratio decode(Reduction reduction, DataInput in) throws IOException {
            Ratio r = new Ratio();
            r.a = in.readDouble();
            r.b = in.readDouble();
            return r;
        }
    };

    /** The ratio as a loss whose descriptor declares no weight: the kernel gives it weight 1. */
    static Evaluator unweightedRatio() {
        LossDescriptor d = LossDescriptor.builder("ratio", "test")
                .roles(RoleSpec.required("pred", RoleKind.NUMBER, "a"), RoleSpec.required("target", RoleKind.NUMBER, "b"))
                .reductions(Reduction.MEAN).build();
        LossDefinition def = new LossDefinition() {
            @Override
            public LossDescriptor descriptor() {
                return d;
            }

            @Override
            public Loss create(Parameters params, Set<String> roles) {
                return RATIO;
            }
        };
        return Evaluator.of(def, ParameterValues.defaults(d), Set.of("pred", "target"), Reduction.MEAN, 0);
    }

    static final BatchLoss BATCH = (batch, tally) -> new BatchLoss.BatchValue(batch.size(), 1);
}
