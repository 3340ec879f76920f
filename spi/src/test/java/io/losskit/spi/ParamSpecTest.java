package io.losskit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamSpecTest {

    enum Mode { LOG_PROBS, LOGITS }

    static final ParamSpec<Double> DELTA = ParamSpec.ofDouble("delta", "1.0", "δ").above(0);
    static final ParamSpec<Double> SHIFT = ParamSpec.ofDouble("shift", "0", "unbounded");
    static final ParamSpec<Integer> BINS = ParamSpec.ofInt("bins", "15", "M").atLeast(1).atMost(100);
    static final ParamSpec<Integer> P = ParamSpec.ofInt("p", "1", "1 or 2").oneOf("1", "2");
    static final ParamSpec<double[]> WEIGHTS = ParamSpec.ofDoubles("weights", null, "per class").atLeast(0);
    static final ParamSpec<Mode> MODE = ParamSpec.ofChoice("mode", Mode.LOGITS, "what pred holds", Mode.values());
    static final ParamSpec<String> UNIT = ParamSpec.ofChoice("unit", "char", "symbols", "char", "word");

    static final LossDescriptor D = LossDescriptor.builder("t", "test")
            .params(DELTA, SHIFT, BINS, P, WEIGHTS, MODE, UNIT).build();

    private static ParameterValues given(String name, String value) {
        return ParameterValues.of(D, Map.of(name, value), f -> Map.of());
    }

    @Test
    void typedKeysReadTypedValues() {
        ParameterValues defaults = ParameterValues.defaults(D);
        assertThat(defaults.get(DELTA)).isEqualTo(1.0);
        assertThat(defaults.get(BINS)).isEqualTo(15);
        assertThat(defaults.get(MODE)).isSameAs(Mode.LOGITS);
        assertThat(defaults.get(UNIT)).isEqualTo("char");
        assertThat(defaults.isSet(WEIGHTS)).isFalse();
        assertThat(given("mode", "log-probs").get(MODE)).isSameAs(Mode.LOG_PROBS);
        assertThat(given("weights", "0.5, 2,1").get(WEIGHTS)).containsExactly(0.5, 2, 1);
        assertThat(given("delta", "1e300").get(DELTA)).isEqualTo(1e300);
        assertThat(MODE.choices()).containsExactly("log-probs", "logits");
        assertThat(given("mode", "logits").effective()).containsEntry("mode", "logits");
    }

    @Test
    void infinityAndNanAreOutsideEveryRange() {
        for (String v : List.of("Infinity", "inf", "+Infinity", "NaN", "nan", "1e309")) {
            assertThatThrownBy(() -> given("delta", v)).as(v).hasMessage("t.delta must be in (0, ∞), not " + v);
        }
        assertThatThrownBy(() -> given("shift", "-Infinity")).hasMessage("t.shift must be a finite number, not -Infinity");
        assertThatThrownBy(() -> given("weights", "1,Infinity")).hasMessage("t.weights must be in [0, ∞), not Infinity");
        assertThatThrownBy(() -> given("weights", "NaN")).hasMessage("t.weights must be in [0, ∞), not NaN");
        assertThatThrownBy(() -> given("bins", "Infinity")).hasMessage("t.bins must be an integer, not 'Infinity'");
        assertThatThrownBy(() -> given("p", "3")).hasMessage("t.p must be one of 1|2, not 3");
    }

    @Test
    void numbersHaveJsonSyntax() {
        for (String v : List.of("1d", "1f", "0x1p3", "1_0", "1e", "")) {
            assertThatThrownBy(() -> given("delta", v)).as(v).hasMessage("t.delta must be a number, not '" + v + "'");
        }
        assertThat(given("delta", " .5 ").get(DELTA)).isEqualTo(0.5);
    }

    @Test
    void aKeyTheDescriptorDoesNotDeclareIsAProgrammingError() {
        ParamSpec<Integer> other = ParamSpec.ofInt("delta", "1", "another type");
        assertThatThrownBy(() -> ParameterValues.defaults(D).get(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("declares no parameter delta");
    }

    @Test
    void aDefaultOutsideTheRangeIsRefusedWhereItIsDeclared() {
        assertThatThrownBy(() -> ParamSpec.ofDouble("q", "1.5", "q").above(0).below(1))
                .hasMessage("the default of q must be in (0, 1), not 1.5");
        assertThatThrownBy(() -> ParamSpec.ofChoice("m", Mode.LOGITS, "m", Mode.LOG_PROBS))
                .hasMessageContaining("must be one of log-probs");
    }
}
