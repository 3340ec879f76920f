package io.losskit.builtin.classification;

import io.losskit.core.Samples;
import io.losskit.spi.Sample;
import static io.losskit.builtin.classification.BinaryLossesTest.assertInvalid;
import static io.losskit.builtin.classification.Harness.create;
import static io.losskit.builtin.classification.Harness.one;
import static io.losskit.builtin.classification.MultiClassLossesTest.d;
import static io.losskit.builtin.classification.MultiClassLossesTest.k;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.losskit.spi.Loss;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** cosface, arcface, sphereface, large-margin-softmax. */
class MarginSoftmaxTest {

    static final Set<String> ROLES = Set.of("pred", "target");

    @Test
    void cosFace() {
        // s = 2, m = 0.5, cos = (0.5, 0.2), k = 0: z = (0, 0.4); log(1 + e^0.4) = 0.9130152523999526
        Loss loss = create("am-softmax", ROLES, "s", "2", "m", "0.5");
        assertThat(one(loss, k(d(0.5, 0.2), 0))).isCloseTo(0.9130152523999526, within(1e-15));
        // a one-hot target is the same class
        assertThat(one(loss, Samples.of("pred", d(0.5, 0.2), "target", d(1, 0)))).isCloseTo(0.9130152523999526, within(1e-15));
    }

    @Test
    void arcFaceMarginFallbackAndEasyMargin() {
        Loss arc = create("arcface", ROLES, "s", "1");
        // cos θ_k = 0.6: z_k = cos(acos 0.6 + 0.5) = 0.14300910625086116; ℓ = log(1 + e^(0 − z_k))
        assertThat(one(arc, k(d(0.6, 0), 0))).isCloseTo(0.6241969024791532, within(1e-15));
        // cos θ_k = −0.95 ≤ cos(π − 0.5) = −0.8776: z_k = −0.95 − sin(π − 0.5)·0.5 = −1.1897127693021015;
        // with z_1 = 0.3: ℓ = 1.69301060979837
        assertThat(one(arc, k(d(-0.95, 0.3), 0))).isCloseTo(1.69301060979837, within(1e-14));
        // easy margin: cos θ_k = −0.2 ≤ 0 keeps z_k = −0.2
        Loss easy = create("arcface", ROLES, "s", "1", "easy-margin", "true");
        assertThat(one(easy, k(d(-0.2, 0.3), 0))).isCloseTo(Math.log(1 + Math.exp(0.5)), within(1e-15));
        assertThat(one(easy, k(d(0.6, 0), 0))).isCloseTo(0.6241969024791532, within(1e-15));
    }

    @Test
    void cosinesAreClampedBeforeTheAngle() {
        Loss arc = create("arcface", ROLES);
        assertThat(one(arc, k(d(1.0000001, 0.2, -1.5), 0))).isEqualTo(one(arc, k(d(1.0, 0.2, -1.0), 0)));
        Loss sphere = create("sphereface", ROLES);
        assertThat(one(sphere, k(d(-1.0000001, 0.2), 0))).isEqualTo(one(sphere, k(d(-1.0, 0.2), 0)));
        assertThat(Double.isFinite(one(sphere, k(d(-1.0000001, 0.2), 0)))).isTrue();
    }

    @Test
    void sphereFacePsiIsPiecewise() {
        // T_4(0.6) = 8·0.6⁴ − 8·0.6² + 1 = −0.8432
        assertThat(SphereFace.chebyshev(0.6, 4)).isCloseTo(-0.8432, within(1e-15));
        assertThat(SphereFace.psi(1.0, 4)).isEqualTo(1.0);
        // θ = π/2: j = 2, ψ = cos 2π − 4 = −3
        assertThat(SphereFace.psi(0.0, 4)).isCloseTo(-3.0, within(1e-15));
        // θ = π: ψ = 1 − 2m
        assertThat(SphereFace.psi(-1.0, 4)).isCloseTo(-7.0, within(1e-15));
        // θ = acos 0.6 = 0.927: j = ⌊4θ/π⌋ = 1, ψ = −cos 4θ − 2 = −1.1568
        assertThat(SphereFace.psi(0.6, 4)).isCloseTo(-1.1568, within(1e-15));
        // m = 1 is plain softmax
        assertThat(SphereFace.psi(0.3, 1)).isEqualTo(0.3);
    }

    @Test
    void sphereFaceNormFromTheRoleOrTheParameter() {
        // cos = (0, 0), k = 0, m = 4, s = 1: z = (−3, 0), ℓ = log(1 + e³) = 3.048587351573742
        assertThat(one(create("a-softmax", ROLES), k(d(0, 0), 0))).isCloseTo(3.048587351573742, within(1e-15));
        // cos = (0.6, 0.1), ψ = −1.1568: ‖x‖ = 2 → 2.591464521362372; s = 1.5 → 2.026524804516539
        Loss sphere = create("sphereface", Set.of("pred", "target", "norm"));
        assertThat(one(sphere, Samples.of("pred", d(0.6, 0.1), "target", 0, "norm", 2.0)))
                .isCloseTo(2.591464521362372, within(1e-14));
        assertThat(one(create("sphereface", ROLES, "s", "1.5"), k(d(0.6, 0.1), 0)))
                .isCloseTo(2.026524804516539, within(1e-14));
        assertInvalid(() -> one(sphere, Samples.of("pred", d(0.6, 0.1), "target", 0, "norm", -1.0)), "norm");
    }

    @Test
    void largeMarginSoftmaxIsSphereFaceWithMTwo() {
        Sample s = k(d(0.3, -0.2, 0.7), 1);
        assertThat(one(create("l-softmax", ROLES), s)).isEqualTo(one(create("sphereface", ROLES, "m", "2"), s));
        assertInvalid(() -> one(create("l-softmax", ROLES), k(d(0.3, 0.1), 2)), "target");
    }
}
