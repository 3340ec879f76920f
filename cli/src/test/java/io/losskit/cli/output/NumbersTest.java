package io.losskit.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void printsPlainDigitsInTheReadableRange() {
        assertThat(Numbers.format(4.570281747064685E8)).isEqualTo("457028174.7064685");
        assertThat(Numbers.format(1.5E-4)).isEqualTo("0.00015");
        assertThat(Numbers.format(2.5)).isEqualTo("2.5");
        assertThat(Numbers.format(1e-300)).isEqualTo("1.0E-300");
        assertThat(Numbers.format(0.0)).isEqualTo("0.0");
    }

    @Test
    void spellsOutNonFiniteValues() {
        assertThat(Numbers.format(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(Numbers.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(Numbers.format(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void everyPrintedValueReadsBackAsTheSameDouble() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(v)) {
                assertThat(Double.parseDouble(Numbers.format(v))).isEqualTo(v);
            }
            double w = random.nextDouble() * Math.pow(10, random.nextInt(-8, 18));
            assertThat(Double.parseDouble(Numbers.format(w))).isEqualTo(w);
        }
    }
}
