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
}
