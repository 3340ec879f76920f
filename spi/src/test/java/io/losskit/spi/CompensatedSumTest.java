package io.losskit.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompensatedSumTest {

    @Test
    void keepsTheBitsANaiveSumLoses() {
        // 1 + 1e-16 × 10⁶ = 1.0000000001 exactly representable to ~1e-16; a naive loop stays at 1.
        CompensatedSum s = new CompensatedSum();
        s.add(1.0);
        for (int i = 0; i < 1_000_000; i++) {
            s.add(1e-16);
        }
        assertThat(s.value()).isEqualTo(1.0000000001);
    }

    @Test
    void cancellationIsExact() {
        CompensatedSum s = new CompensatedSum();
        s.add(1e100);
        s.add(1.0);
        s.add(-1e100);
        assertThat(s.value()).isEqualTo(1.0);
    }

    @Test
    void mergedPartsEqualOneSum() {
        CompensatedSum a = new CompensatedSum();
        CompensatedSum b = new CompensatedSum();
        a.add(1e100);
        a.add(1.0);
        b.add(-1e100);
        b.add(2.0);
        a.add(b);
        assertThat(a.value()).isEqualTo(3.0);
    }

    @Test
    void infinityStaysInfinite() {
        CompensatedSum s = new CompensatedSum();
        s.add(1.0);
        s.add(Double.POSITIVE_INFINITY);
        s.add(2.0);
        assertThat(s.value()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void anInfinitePartMergesToInfinity() {
        // the infinite part's compensation is NaN (∞ − ∞): merging must not add it
        CompensatedSum finite = new CompensatedSum();
        finite.add(1.0);
        CompensatedSum infinite = new CompensatedSum();
        infinite.add(2.0);
        infinite.add(Double.POSITIVE_INFINITY);
        finite.add(infinite);
        assertThat(finite.value()).isEqualTo(Double.POSITIVE_INFINITY);
        CompensatedSum later = new CompensatedSum();
        later.add(3.0);
        infinite.add(later);
        assertThat(infinite.value()).isEqualTo(Double.POSITIVE_INFINITY);
        // ∞ and −∞ still make NaN, as one sum of both does
        CompensatedSum negative = new CompensatedSum();
        negative.add(Double.NEGATIVE_INFINITY);
        infinite.add(negative);
        assertThat(infinite.value()).isNaN();
    }
}
