package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code losskit compare} against numpy (cli/src/test/python/compare_reference.py, whose output
 * compare/reference.json is committed): 300 records, a candidate with smaller errors. Values and
 * differences are exact; the p-values and the interval come from other random numbers (numpy's:
 * 1,000,000 randomization trials, 100,000 bootstrap replicates; losskit's: 10,000 and 1,000, its
 * fixed seed), so they agree within Monte Carlo error. Tolerances, in standard errors of
 * losskit's estimates: p_randomization ±0.003 (at p ≈ 0.004, sd 0.0006: 5 sd); p_bootstrap
 * ±0.01 (sd 0.0022: 4.5 sd); the interval's ends ±10% of its width (the 2.5% quantile of 1,000
 * replicates has an sd of about 2% of the width). The seed is fixed: the test cannot flake.
 */
class CompareReferenceTest {

    private static final Path DIR = Path.of("src/test/resources/compare");

    @Test
    void agreesWithNumpy() throws IOException {
        JsonNode reference = new ObjectMapper().readTree(DIR.resolve("reference.json").toFile()).get("results");
        Cli.Run run = Cli.run("compare", "-l", "mae,mse", "-o", "json", DIR.resolve("baseline.csv").toString(),
                DIR.resolve("candidate.csv").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode results = new ObjectMapper().readTree(run.out()).get("results");
        assertThat(results).hasSize(2);
        for (JsonNode r : results) {
            JsonNode expected = reference.get(r.get("loss").asText());
            assertThat(r.get("baseline").asDouble()).isCloseTo(expected.get("baseline").asDouble(), within(1e-12));
            assertThat(r.get("candidate").asDouble()).isCloseTo(expected.get("candidate").asDouble(), within(1e-12));
            assertThat(r.get("difference").asDouble()).isCloseTo(expected.get("difference").asDouble(), within(1e-12));
            assertThat(r.get("p_randomization").asDouble()).isCloseTo(expected.get("p_randomization").asDouble(), within(0.003));
            assertThat(r.get("p_bootstrap").asDouble()).isCloseTo(expected.get("p_bootstrap").asDouble(), within(0.01));
            double width = expected.get("ci_high").asDouble() - expected.get("ci_low").asDouble();
            assertThat(r.get("ci").get("low").asDouble()).isCloseTo(expected.get("ci_low").asDouble(), within(0.1 * width));
            assertThat(r.get("ci").get("high").asDouble()).isCloseTo(expected.get("ci_high").asDouble(), within(0.1 * width));
        }
    }
}
