package io.losskit.builtin.regression;

import io.losskit.spi.Sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.losskit.spi.Reduction;
import io.losskit.testkit.LossHarness;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden input-error cases that a regression loss itself must detect: a plain JSONL input of
 * numbers and numeric arrays, every required role present, exit 3 expected at a record and a
 * column. The loss must throw {@link io.losskit.spi.InvalidSampleException} on that record with
 * that column as its role. The other error cases (missing fields, malformed JSON, non-numbers,
 * usage errors) are the CLI's.
 */
class GoldenErrorsTest {

    private static final Set<String> ROLES = Set.of("pred", "target", "weight", "var");

    static Stream<Golden.Case> cases() {
        return Golden.cases("errors").stream()
                .filter(Golden.Case::isPlainJsonl)
                .filter(c -> c.node().path("expect_exit").asInt() == 3)
                .filter(c -> RegressionLosses.all().stream().anyMatch(d -> d.descriptor().id().equals(c.loss())
                        || d.descriptor().aliases().contains(c.loss())))
                .filter(c -> samples(c).filter(s -> hasRequiredRoles(c, s)).isPresent());
    }

    private static Optional<List<Sample>> samples(Golden.Case c) {
        return Golden.numericSamples(c.folder(), c.file());
    }

    private static boolean hasRequiredRoles(Golden.Case c, List<Sample> samples) {
        return TestReducer.definition(c.loss()).descriptor().roles().stream()
                .filter(r -> r.required())
                .allMatch(r -> samples.stream().allMatch(s -> s.has(r.name())));
    }

    @Test
    void theLossLevelCasesAreTheExpectedOnes() {
        assertThat(cases().map(c -> c.id())).containsExactlyInAnyOrder(
                "ragged-pred-target-jsonl", "msle-pred-minus-one", "msle-target-below-minus-one",
                "gaussian-nll-negative-var");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theLossRejectsTheRecordOnTheExpectedColumn(Golden.Case c) {
        List<Sample> samples = samples(c).orElseThrow();
        Reduction reduction = Reduction.valueOf(c.reduction().toUpperCase(Locale.ROOT));

        LossHarness.SampleRefused e = catchThrowableOfType(LossHarness.SampleRefused.class,
                () -> TestReducer.reduce(c.loss(), c.params(), ROLES, samples, reduction));

        assertThat(e).as("%s must be rejected", c).isNotNull();
        assertThat(e.index() + 1).isEqualTo(c.node().get("expect_message").get("record").asInt());
        assertThat(e.role()).isEqualTo(c.node().get("expect_message").get("column").asText());
    }
}
