package io.losskit.builtin.regression;

import io.losskit.spi.CompensatedSum;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import io.losskit.spi.Sample;
import java.util.Set;

/**
 * Gaussian negative log-likelihood with a predicted variance v (role {@code var}):
 * ℓᵢ = ½(log max(v, eps) + d²/max(v, eps)) [+ ½log 2π with {@code full}], d = ŷ − y.
 *
 * <p>Agrees with torch {@code GaussianNLLLoss(full, eps)}.
 */
public final class GaussianNll extends ElementwiseLoss {

    static final ParamSpec<Double> EPS = ParamSpec.ofDouble("eps", "1e-6",
            "floor on the variance, for stability").above(0);

    static final ParamSpec<Boolean> FULL = ParamSpec.ofBoolean("full", "false",
            "add the constant ½log 2π (the exact NLL)");

    static final RoleSpec VAR = RoleSpec.required("var", RoleKind.NUMERIC,
            "the predicted variance v ≥ 0 (same shape as pred, or one number shared by a vector's elements)");

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2.0 * Math.PI);

    public GaussianNll() {
        super(LossDescriptor.builder("gaussian-nll", CATEGORY)
                .summary("Gaussian negative log-likelihood with a predicted variance")
                .formula("ℓᵢ = ½(log max(v, eps) + d²/max(v, eps)) [+ ½log 2π if full], d = ŷ − y")
                .roles(PRED, TARGET, VAR).weighted()
                .params(EPS,
                        FULL)
                .reference("torch GaussianNLLLoss")
                .notes("Reads the variance (not the standard deviation) from role var. A negative variance is an "
                        + "input error naming var (torch raises too); variances below eps are raised to eps. "
                        + "Without full the constant ½log 2π is left out, as torch does, so values can be "
                        + "negative. Vectors: var is a vector of the same length, or one number shared by all "
                        + "elements (torch's homoscedastic case), and ℓᵢ is the mean over the sample's elements.")
                .build());
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        double eps = params.get(EPS);
        double constant = params.get(FULL) ? HALF_LOG_2PI : 0.0;
        return (PerSampleLoss) (sample, tally) -> loss(sample, eps) + constant;
    }

    private static double loss(Sample sample, double eps) {
        int n = length(sample);
        boolean varVector = sample.isVector("var");
        if (n == SCALAR) {
            if (varVector) {
                throw new InvalidSampleException("var", "a vector where pred is a number");
            }
            return term(sample.number("pred"), sample.number("target"), sample.number("var"), eps);
        }
        double[] p = sample.vector("pred");
        double[] t = sample.vector("target");
        double[] v = varVector ? sample.vector("var") : null;
        if (v != null && v.length != n) {
            throw new InvalidSampleException("var", "a vector of length " + v.length + " where pred has length " + n);
        }
        double shared = v == null ? sample.number("var") : Double.NaN;
        CompensatedSum s = new CompensatedSum();
        for (int i = 0; i < n; i++) {
            s.add(term(p[i], t[i], v == null ? shared : v[i], eps));
        }
        return s.value() / n;
    }

    private static double term(double pred, double target, double var, double eps) {
        if (var < 0) {
            throw new InvalidSampleException("var", "a negative variance " + var);
        }
        double v = Math.max(var, eps);
        double d = pred - target;
        return 0.5 * (Math.log(v) + d * d / v);
    }
}
