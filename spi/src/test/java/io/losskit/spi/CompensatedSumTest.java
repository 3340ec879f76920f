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
    void onesAddedAtOnceLeaveTheStateOfOnesAddedOneByOne() {
        // a count, a negative one, a sum with a fraction, one with something to compensate, one at 2^53
        CompensatedSum[] starts = {new CompensatedSum(), CompensatedSum.of(-7, 0), CompensatedSum.of(2.5, 0),
                                   CompensatedSum.of(3, 1e-17), CompensatedSum.of(0x1p53 - 2, 0), CompensatedSum.of(1e300, 0)};
        for (CompensatedSum start : starts) {
            for (long n : new long[] {0, 1, 2, 5, 1000}) {
                CompensatedSum atOnce = CompensatedSum.of(start.sum(), start.compensation());
                CompensatedSum oneByOne = CompensatedSum.of(start.sum(), start.compensation());
                atOnce.addOnes(n);
                for (long i = 0; i < n; i++) {
                    oneByOne.add(1.0);
                }
                assertThat(atOnce).as("%s + %d ones", start, n).isEqualTo(oneByOne);
            }
        }
        CompensatedSum count = new CompensatedSum();
        count.addOnes(3);
        assertThat(count).isEqualTo(CompensatedSum.of(3, 0));
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
