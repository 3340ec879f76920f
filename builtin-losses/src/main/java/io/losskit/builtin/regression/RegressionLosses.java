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

    /**
     * The loss whose id or alias is {@code name}, made alone, or null when none of these is: the
     * same names as the descriptors of {@link #all()} give (a test compares them).
     */
    public static LossDefinition find(String name) {
        return switch (name) {
            case "mse" -> new Mse();
            case "mae" -> new Mae();
            case "me", "bias" -> new MeanError();
            case "rmse" -> new Rmse();
            case "l1" -> new L1();
            case "l2" -> new L2();
            case "mape" -> new Mape();
            case "msle" -> new Msle();
            case "huber" -> new Huber();
            case "smooth-l1" -> new SmoothL1();
            case "log-cosh" -> new LogCosh();
            case "quantile", "pinball" -> new Quantile();
            case "poisson" -> new Poisson();
            case "gaussian-nll" -> new GaussianNll();
            case "shrinkage" -> new Shrinkage();
            default -> null;
        };
    }
}
