package io.losskit.builtin.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ids, aliases, parameters, defaults and ranges as the Regression table of LOSSES.md lists them. */
class RegressionDescriptorsTest {

    @Test
    void idsAndAliasesInLossesMdOrder() {
        List<LossDescriptor> ds = RegressionLosses.all().stream().map(d -> d.descriptor()).toList();
        assertThat(ds).extracting(LossDescriptor::id).containsExactly("mse", "mae", "me", "rmse", "l1", "l2",
                "mape", "msle", "huber", "smooth-l1", "log-cosh", "quantile", "poisson", "gaussian-nll", "shrinkage");
        assertThat(TestReducer.definition("bias").descriptor().id()).isEqualTo("me");
        assertThat(TestReducer.definition("pinball").descriptor().id()).isEqualTo("quantile");
        assertThat(ds).filteredOn(d -> !d.aliases().isEmpty()).extracting(LossDescriptor::id)
                .containsExactly("me", "quantile");
        for (LossDescriptor d : ds) {
            assertThat(d.category()).isEqualTo("regression");
            assertThat(d.summary()).isNotBlank();
            assertThat(d.formula()).isNotBlank();
            assertThat(d.reference()).isNotBlank();
            assertThat(d.takesWeight()).as(d.id()).isTrue();
            assertThat(d.roles()).filteredOn(RoleSpec::required).extracting(RoleSpec::name)
                    .containsExactlyElementsOf(d.id().equals("gaussian-nll")
                            ? List.of("pred", "target", "var") : List.of("pred", "target"));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "mape, epsilon, 1e-7", "huber, delta, 1.0", "smooth-l1, beta, 1.0", "quantile, q, 0.5",
        "poisson, log-input, false", "poisson, eps, 1e-8", "poisson, full, false",
        "gaussian-nll, eps, 1e-6", "gaussian-nll, full, false", "shrinkage, a, 10", "shrinkage, c, 0.2"})
    void defaults(String id, String param, String value) {
        ParamSpec spec = TestReducer.definition(id).descriptor().param(param);
        assertThat(spec).isNotNull();
        assertThat(spec.defaultValue()).isEqualTo(value);
    }

    @Test
    void parameterNamesAreExactlyThoseOfLossesMd() {
        assertThat(names("mse")).isEmpty();
        assertThat(names("rmse")).isEmpty();
        assertThat(names("poisson")).containsExactly("log-input", "eps", "full");
        assertThat(names("gaussian-nll")).containsExactly("eps", "full");
        assertThat(names("shrinkage")).containsExactly("a", "c");
    }

    private static List<String> names(String id) {
        return TestReducer.definition(id).descriptor().params().stream().map(ParamSpec::name).toList();
    }

    @ParameterizedTest
    @CsvSource({
        "quantile, q, 0", "quantile, q, 1", "quantile, q, 1.5", "quantile, q, -0.1",
        "huber, delta, 0", "huber, delta, -1", "smooth-l1, beta, -0.5", "mape, epsilon, 0",
        "gaussian-nll, eps, 0", "poisson, eps, -1e-9", "shrinkage, a, -1", "shrinkage, c, -0.1"})
    void outOfRangeParametersAreRefused(String id, String param, String value) {
        LossDescriptor d = TestReducer.definition(id).descriptor();
        assertThatThrownBy(() -> ParameterValues.of(d, Map.of(param, value), f -> Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(param);
    }

    @ParameterizedTest
    @CsvSource({"quantile, q, 1e-9", "quantile, q, 0.999999", "smooth-l1, beta, 0", "huber, delta, 1e-12",
        "poisson, eps, 0", "shrinkage, a, 0", "shrinkage, c, 0"})
    void boundaryValuesInsideTheRangeAreAccepted(String id, String param, String value) {
        LossDescriptor d = TestReducer.definition(id).descriptor();
        assertThatCode(() -> ParameterValues.of(d, Map.of(param, value), f -> Map.of())).doesNotThrowAnyException();
    }
}
