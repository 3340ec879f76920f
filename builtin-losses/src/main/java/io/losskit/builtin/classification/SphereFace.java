package io.losskit.builtin.classification;

import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import io.losskit.spi.Sample;

/**
 * The multiplicative angular margin of SphereFace (A-Softmax) and L-Softmax: z_k = ‖x‖·ψ(θ_k) with
 * ψ(θ) = (−1)^j·cos(mθ) − 2j for θ ∈ [jπ/m, (j+1)π/m], z_c = ‖x‖·cos θ_c, ℓ = cross-entropy(z, k).
 * cos(mθ) is the Chebyshev polynomial T_m(cos θ) and j = ⌊m·acos(cos θ)/π⌋, as the reference
 * implementations compute them. ‖x‖ is the role {@code norm} when the input has it, else the
 * parameter {@code s}. Two definitions: {@code sphereface} (m = 4; Liu et al., CVPR 2017) and
 * {@code large-margin-softmax} (m = 2; Liu et al., ICML 2016).
 */
public final class SphereFace extends MarginSoftmax {

    static final ParamSpec<Double> S = ParamSpec.ofDouble("s", "1.0", "‖x‖ when the input has no norm").above(0);

    private static final RoleSpec NORM = RoleSpec.optional("norm", RoleKind.NUMBER,
            "‖x‖, the feature's norm (default: the parameter s)");

    /** The margin factor m, whose default is the definition's. */
    private final ParamSpec<Integer> m;
    private final LossDescriptor descriptor;

    private SphereFace(int m, String id, String summary, String reference, String alias) {
        this.m = ParamSpec.ofInt("m", Integer.toString(m), "the angular margin factor").atLeast(1);
        this.descriptor = descriptor(id, this.m, summary, reference, alias);
    }

    /** {@code sphereface}, m = 4. */
    public static SphereFace sphereFace() {
        return new SphereFace(4, "sphereface", "multiplicative angular margin softmax (SphereFace)",
                "Liu et al. SphereFace 2017", "a-softmax");
    }

    /** {@code large-margin-softmax}, m = 2. */
    public static SphereFace largeMarginSoftmax() {
        return new SphereFace(2, "large-margin-softmax", "large-margin softmax (L-Softmax)",
                "Liu et al. L-Softmax 2016", "l-softmax");
    }

    private static LossDescriptor descriptor(String id, ParamSpec<Integer> m, String summary, String reference, String alias) {
        return LossDescriptor.builder(id, "classification")
                .aliases(alias)
                .summary(summary)
                .formula("z_k = ‖x‖·ψ(θ_k), ψ(θ) = (−1)^j·cos(mθ) − 2j for θ ∈ [jπ/m, (j+1)π/m]; "
                        + "z_c = ‖x‖·cos θ_c; ℓ = −log softmax(z)_k")
                .roles(Roles.CLASS_PRED, Roles.HARD_CLASS_TARGET, NORM).weighted()
                .params(m, S)
                .reference(reference)
                .notes("ψ is the piecewise, monotonically decreasing extension of cos(mθ) to [0, π]; cos(mθ) is "
                        + "computed as the Chebyshev polynomial T_m(cos θ) and j = ⌊m·θ/π⌋, θ = acos(cos θ). "
                        + "sphereface and large-margin-softmax are the same loss with m = 4 and m = 2 (no "
                        + "annealing λ). ‖x‖ comes from the role norm (≥ 0) when the input has it, else from s."
                        + CLAMP_NOTE)
                .build();
    }

    @Override
    public LossDescriptor descriptor() {
        return descriptor;
    }

    @Override
    Logits logits(Parameters params) {
        int m = params.get(this.m);
        double s = params.get(S);
        return new Logits() {
            @Override
            public double target(double cos, Sample sample) {
                return norm(sample, s) * psi(cos, m);
            }

            @Override
            public double other(double cos, Sample sample) {
                return norm(sample, s) * cos;
            }
        };
    }

    private static double norm(Sample sample, double s) {
        if (!sample.has("norm")) {
            return s;
        }
        double norm = sample.number("norm");
        if (!(norm >= 0.0)) {
            throw new InvalidSampleException("norm", "a negative norm " + norm);
        }
        return norm;
    }

    /** ψ(θ) = (−1)^j·T_m(cos θ) − 2j, j = ⌊m·acos(cos θ)/π⌋. */
    static double psi(double cos, int m) {
        int j = (int) Math.floor(m * Math.acos(cos) / Math.PI);
        double tm = chebyshev(cos, m);
        return (j % 2 == 0 ? tm : -tm) - 2.0 * j;
    }

    /** T_m(x) = cos(m·acos x), by the three-term recurrence. */
    static double chebyshev(double x, int m) {
        double previous = 1.0;
        double current = x;
        if (m == 0) {
            return previous;
        }
        for (int n = 1; n < m; n++) {
            double next = 2.0 * x * current - previous;
            previous = current;
            current = next;
        }
        return current;
    }
}
