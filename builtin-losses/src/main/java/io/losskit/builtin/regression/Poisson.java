package io.losskit.builtin.regression;

import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Loss;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import java.util.Set;

/**
 * Poisson negative log-likelihood: ℓᵢ = ŷ − y·log(ŷ + eps), or e^ŷ − y·ŷ with {@code log-input};
 * with {@code full}, plus the Stirling approximation of log(y!), y·log y − y + ½log(2πy), where
 * y &gt; 1.
 *
 * <p>Agrees with torch {@code PoissonNLLLoss(log_input, full, eps)} (whose default is
 * {@code log_input=True}; ours is {@code false}, as LOSSES.md says).
 */
public final class Poisson extends ElementwiseLoss {

    static final ParamSpec<Boolean> LOG_INPUT = ParamSpec.ofBoolean("log-input", "false",
            "true: pred is the log of the rate, log λ; false: pred is the rate λ ≥ 0");

    static final ParamSpec<Double> EPS = ParamSpec.ofDouble("eps", "1e-8",
            "added to the rate before the log when log-input=false").atLeast(0);

    static final ParamSpec<Boolean> FULL = ParamSpec.ofBoolean("full", "false",
            "add Stirling's approximation of log y!, y·log y − y + ½log(2πy), where y > 1");

    private static final double LOG_2PI = Math.log(2.0 * Math.PI);

    public Poisson() {
        super(regression("poisson")
                .summary("Poisson negative log-likelihood of a predicted rate")
                .formula("ℓᵢ = ŷ − y·log(ŷ + eps); log-input: e^ŷ − y·ŷ; "
                        + "full: + y·log y − y + ½log(2πy) for y > 1")
                .params(LOG_INPUT,
                        EPS,
                        FULL)
                .reference("torch PoissonNLLLoss")
                .notes("Follows torch PoissonNLLLoss, except for its default: log-input is false here (pred is "
                        + "the rate). The value is the NLL without the constant log(y!), so it can be negative; "
                        + "full=true adds Stirling's approximation of log(y!) where y > 1 (0 for y ≤ 1, as torch). "
                        + "A target < 0 and, with log-input=false, a pred < 0 are input errors (torch would give "
                        + "a meaningless value or NaN). y·log(ŷ + eps) is taken as 0 when y = 0, also when "
                        + "ŷ + eps = 0 (torch: NaN). Vectors: ℓᵢ is the mean over the sample's elements.")
                .build());
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        boolean logInput = params.get(LOG_INPUT);
        double eps = params.get(EPS);
        boolean full = params.get(FULL);
        return elementwise((p, y) -> {
            if (y < 0) {
                throw new InvalidSampleException("target", "a negative count " + y + " (poisson needs y ≥ 0)");
            }
            double loss;
            if (logInput) {
                loss = Math.exp(p) - y * p;
            } else {
                if (p < 0) {
                    throw new InvalidSampleException("pred", "a negative rate " + p
                            + " (poisson needs pred ≥ 0; use log-input=true if pred is log λ)");
                }
                loss = y == 0 ? p : p - y * Math.log(p + eps);
            }
            if (full && y > 1) {
                loss += y * Math.log(y) - y + 0.5 * (LOG_2PI + Math.log(y));
            }
            return loss;
        });
    }
}
