package io.losskit.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.losskit.core.Evaluator;
import io.losskit.core.Samples;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Poisson bootstrap beside numpy's ordinary one (draws with replacement) on a fixed data set
 * (src/test/python/bootstrap_sanity.py writes it and numpy's interval). The two use different
 * random numbers, so the ends agree only up to the Monte-Carlo error of 1,000 resamples (a few
 * percent of the width): each end within 10% of numpy's width of numpy's end.
 */
class BootstrapSanityTest {

    private static double field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": ([-0-9.eE]+)").matcher(json);
        assertThat(m.find()).as(name).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theMseIntervalIsNumpysUpToMonteCarloError() throws IOException {
        PerSampleLoss squared = (s, t) -> {
            double d = s.number("pred") - s.number("target");
            return d * d;
        };
        BootstrapState state = new BootstrapState(Evaluator.of(squared, Reduction.MEAN, 0), new Resampling(1000, 12345));
        try (InputStream in = getClass().getResourceAsStream("/stats/sanity.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            long i = 0;
            for (String line = r.readLine(); line != null; line = r.readLine(), i++) {
                String[] f = line.split(",");
                state.add(i, Samples.of("pred", Double.parseDouble(f[0]), "target", Double.parseDouble(f[1])), 1);
            }
        }
        String json;
        try (InputStream in = getClass().getResourceAsStream("/stats/sanity.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        BootstrapResult b = state.finish();
        Interval ci = b.interval(95);
        double width = field(json, "high") - field(json, "low");
        assertThat(b.point().value()).isCloseTo(field(json, "mse"), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(Math.abs(ci.low() - field(json, "low"))).isLessThan(0.1 * width);
        assertThat(Math.abs(ci.high() - field(json, "high"))).isLessThan(0.1 * width);
    }
}
