package io.losskit.builtin.regression;

import io.losskit.spi.Sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.losskit.spi.LossResult;
import io.losskit.spi.Reduction;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden regression cases whose input is a JSONL file with no further arguments, run directly
 * against the loss classes through {@link TestReducer}. The other cases exercise the CLI's
 * readers (CSV, TSV, gzip, two files, column mapping) and belong to the CLI's golden harness.
 */
class GoldenRegressionTest {

    private static final Set<String> ROLES = Set.of("pred", "target", "weight", "var");

    static Stream<Golden.Case> cases() {
        return Golden.cases("regression").stream().filter(Golden.Case::isPlainJsonl);
    }

    @Test
    void everyRegressionLossHasDirectGoldenCases() {
        Set<String> covered = new java.util.HashSet<>();
        cases().forEach(c -> covered.add(TestReducer.definition(c.loss()).descriptor().id()));
        assertThat(covered).containsExactlyInAnyOrderElementsOf(
                RegressionLosses.all().stream().map(d -> d.descriptor().id()).toList());
        assertThat(cases().count()).isGreaterThanOrEqualTo(90);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithTheGoldenValue(Golden.Case c) {
        List<Sample> samples = Golden.numericSamples(c.folder(), c.file()).orElseThrow();
        Reduction reduction = Reduction.valueOf(c.reduction().toUpperCase(Locale.ROOT));
        assertThat(TestReducer.definition(c.loss()).descriptor().reductions()).contains(reduction);
        LossResult result = TestReducer.reduce(c.loss(), c.params(), ROLES, samples, reduction);

        double rtol = c.node().get("rtol").asDouble();
        double atol = c.node().get("atol").asDouble();
        JsonNode expected = c.node().get("expected");
        if (reduction == Reduction.NONE) {
            assertThat(result.values()).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertAgrees(c + "[" + i + "]", result.values()[i], Golden.number(expected.get(i)), rtol, atol);
            }
        } else {
            assertAgrees(c.toString(), result.value(), Golden.number(expected), rtol, atol);
        }
    }

    static void assertAgrees(String what, double got, double expected, double rtol, double atol) {
        if (!Double.isFinite(expected)) {
            assertThat(got).as(what).isEqualTo(expected);
            return;
        }
        assertThat(Math.abs(got - expected)).as("%s: got %s, expected %s", what, got, expected)
                .isLessThanOrEqualTo(atol + rtol * Math.abs(expected));
    }
}
