package io.losskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Printing against Python's repr(float) and format(v, '.Ng') (src/test/python/make_number_cases.py). */
class NumbersTest {

    private static List<String[]> cases() throws IOException {
        List<String[]> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                NumbersTest.class.getResourceAsStream("/numbers/python-repr.txt"), StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                cases.add(line.split(" "));
            }
        }
        return cases;
    }

    @Test
    void printsAsPythonsReprOnEveryCase() throws IOException {
        List<String[]> cases = cases();
        assertThat(cases).hasSizeGreaterThan(25_000);
        List<String> wrong = new ArrayList<>();
        for (String[] c : cases) {
            double v = Double.longBitsToDouble(Long.parseUnsignedLong(c[0], 16));
            String got = Numbers.format(v);
            if (!got.equals(c[1])) {
                wrong.add(c[0] + ": " + got + " (Python: " + c[1] + ")");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void significantDigitsAsPythonsFormatG() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String[] c : cases()) {
            double v = Double.longBitsToDouble(Long.parseUnsignedLong(c[0], 16));
            String got = Numbers.format(v, Integer.parseInt(c[2]));
            if (!got.equals(c[3])) {
                wrong.add(c[0] + " .%sg: ".formatted(c[2]) + got + " (Python: " + c[3] + ")");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theNotationPythonAndJsonUsersRead() {
        assertThat(Numbers.format(5e39)).isEqualTo("5e+39");
        assertThat(Numbers.format(0.1)).isEqualTo("0.1");
        assertThat(Numbers.format(2.0)).isEqualTo("2.0");
        assertThat(Numbers.format(1e-4)).isEqualTo("0.0001");
        assertThat(Numbers.format(1e-5)).isEqualTo("1e-05");
        assertThat(Numbers.format(1e16)).isEqualTo("1e+16");
        assertThat(Numbers.format(9999999999999998.0)).isEqualTo("9999999999999998.0");
        assertThat(Numbers.format(-0.0)).isEqualTo("-0.0");
        // Java 17's Double.toString gives 2.0E-3 as 0.0020 and 1.0E23 as 1.0E23; the shortest digits
        assertThat(Numbers.format(2e-3)).isEqualTo("0.002");
        assertThat(Numbers.format(1e23)).isEqualTo("1e+23");
        assertThat(Numbers.format(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(Numbers.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(Numbers.format(Double.NaN)).isEqualTo("NaN");
        assertThat(Numbers.format(0.6931471805599453, 4)).isEqualTo("0.6931");
        assertThat(Numbers.format(2.0, 4)).isEqualTo("2");
        assertThat(Numbers.format(12345.678, 3)).isEqualTo("1.23e+04");
    }

    @Test
    void everyDoubleReadsBack() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            double v = Double.longBitsToDouble(rng.nextLong());
            if (Double.isFinite(v)) {
                assertThat(Double.parseDouble(Numbers.format(v))).isEqualTo(v);
            }
        }
    }
}
