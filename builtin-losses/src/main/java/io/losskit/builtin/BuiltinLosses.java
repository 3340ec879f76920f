package io.losskit.builtin;

import io.losskit.builtin.classification.ClassificationLosses;
import io.losskit.builtin.metric.MetricLosses;
import io.losskit.builtin.regression.RegressionLosses;
import io.losskit.builtin.sequence.SequenceLosses;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossProvider;
import java.util.ArrayList;
import java.util.List;

/** The built-in pack: the losses of ../shared/LOSSES.md, category by category. */
public final class BuiltinLosses implements LossProvider {

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public List<LossDefinition> losses() {
        List<LossDefinition> all = new ArrayList<>();
        all.addAll(RegressionLosses.all());
        all.addAll(ClassificationLosses.all());
        all.addAll(SequenceLosses.all());
        all.addAll(MetricLosses.all());
        return List.copyOf(all);
    }

    /**
     * The loss whose id or alias is {@code name}, or null: only that loss is made (making all of
     * them, each with its descriptor, was a tenth of a one-loss run's start-up). The command line
     * selects losses with it; {@link #losses()} is for listing them all.
     */
    public LossDefinition find(String name) {
        LossDefinition d = RegressionLosses.find(name);
        if (d == null) {
            d = ClassificationLosses.find(name);
        }
        if (d == null) {
            d = SequenceLosses.find(name);
        }
        return d == null ? MetricLosses.find(name) : d;
    }
}
