package io.losskit.builtin.regression;

import io.losskit.spi.LossDefinition;
import java.util.List;

/** The regression losses of the built-in pack, in the order of LOSSES.md. */
public final class RegressionLosses {

    private RegressionLosses() {
    }

    /** Every regression loss. */
    public static List<LossDefinition> all() {
        return List.of(new Mse(), new Mae(), new MeanError(), new Rmse(), new L1(), new L2(), new Mape(),
                new Msle(), new Huber(), new SmoothL1(), new LogCosh(), new Quantile(), new Poisson(),
                new GaussianNll(), new Shrinkage());
    }
}
