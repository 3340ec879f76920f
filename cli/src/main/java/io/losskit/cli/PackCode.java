package io.losskit.cli;

import io.losskit.spi.Accumulator;
import io.losskit.spi.AggregateLoss;
import io.losskit.spi.BatchLoss;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.LossResult;
import io.losskit.spi.Parameters;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import io.losskit.spi.Tally;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A plugin's loss whose code runs with the pack's class loader as the thread's context class
 * loader, as libraries inside a pack expect (a JDBC driver, a {@code ServiceLoader} of their
 * own). Only plugin losses are wrapped, so the built-ins' per-sample path is untouched; a
 * plugin's pays a read and two writes of a thread field per call.
 */
final class PackCode {

    private PackCode() {
    }

    /** {@code definition}, whose {@code create} and whose losses' calls run under {@code loader}. */
    static LossDefinition wrap(LossDefinition definition, LossDescriptor descriptor, ClassLoader loader) {
        return new LossDefinition() {
            @Override
            public LossDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public Loss create(Parameters params, Set<String> roles) {
                return wrap(call(loader, () -> definition.create(params, roles)), loader);
            }
        };
    }

    private static Loss wrap(Loss loss, ClassLoader loader) {
        if (loss instanceof PerSampleLoss l) {
            return (PerSampleLoss) (sample, tally) -> {
                ClassLoader previous = enter(loader);
                try {
                    return l.loss(sample, tally);
                } finally {
                    leave(previous, loader);
                }
            };
        }
        if (loss instanceof AggregateLoss<?> l) {
            return aggregate(l, loader);
        }
        if (loss instanceof BatchLoss l) {
            return (BatchLoss) (batch, tally) -> call(loader, () -> l.evaluate(batch, tally));
        }
        return loss;
    }

    private static <A extends Accumulator<A>> AggregateLoss<PackAccumulator<A>> aggregate(AggregateLoss<A> loss,
                                                                                       ClassLoader loader) {
        return new AggregateLoss<>() {
            @Override
            public PackAccumulator<A> newAccumulator(Reduction reduction) {
                return new PackAccumulator<>(call(loader, () -> loss.newAccumulator(reduction)), loader);
            }

            @Override
            public PackAccumulator<A> decode(Reduction reduction, DataInput in) throws IOException {
                ClassLoader previous = enter(loader);
                try {
                    return new PackAccumulator<>(loss.decode(reduction, in), loader);
                } finally {
                    leave(previous, loader);
                }
            }
        };
    }

    /** An accumulator of a pack's; {@code merge} hands the pack the accumulator it made, unwrapped. */
    private static final class PackAccumulator<A extends Accumulator<A>> implements Accumulator<PackAccumulator<A>> {
        private final A inner;
        private final ClassLoader loader;

        PackAccumulator(A inner, ClassLoader loader) {
            this.inner = inner;
            this.loader = loader;
        }

        @Override
        public void add(Sample sample, double weight) {
            add(sample, weight, null);
        }

        @Override
        public void add(Sample sample, double weight, Tally tally) {
            ClassLoader previous = enter(loader);
            try {
                if (tally == null) {
                    inner.add(sample, weight);
                } else {
                    inner.add(sample, weight, tally);
                }
            } finally {
                leave(previous, loader);
            }
        }

        @Override
        public void merge(PackAccumulator<A> later) {
            call(loader, () -> {
                inner.merge(later.inner);
                return null;
            });
        }

        @Override
        public LossResult finish() {
            return call(loader, inner::finish);
        }

        @Override
        public void encode(DataOutput out) throws IOException {
            ClassLoader previous = enter(loader);
            try {
                inner.encode(out);
            } finally {
                leave(previous, loader);
            }
        }
    }

    private static <T> T call(ClassLoader loader, Supplier<T> code) {
        ClassLoader previous = enter(loader);
        try {
            return code.get();
        } finally {
            leave(previous, loader);
        }
    }

    private static ClassLoader enter(ClassLoader loader) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        if (previous != loader) {
            t.setContextClassLoader(loader);
        }
        return previous;
    }

    private static void leave(ClassLoader previous, ClassLoader loader) {
        if (previous != loader) {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
