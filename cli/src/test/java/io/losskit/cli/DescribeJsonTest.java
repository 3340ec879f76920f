package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** End to end: {@code losskit describe ID -o json}, for tools that build on losskit. */
class DescribeJsonTest {

    private static JsonNode describe(String id) throws Exception {
        Cli.Run run = Cli.run("describe", id, "-o", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        return new ObjectMapper().readTree(run.out());
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    @Test
    void anAliasDescribesItsLossWithTypedDefaults() throws Exception {
        JsonNode d = describe("log-loss");
        assertThat(d.get("id").asText()).isEqualTo("bce");
        assertThat(texts(d.get("aliases"))).containsExactly("binary-cross-entropy", "log-loss");
        assertThat(texts(d.get("reductions"))).containsExactly("mean", "sum", "none");
        assertThat(d.get("category").asText()).isEqualTo("classification");
        assertThat(d.get("takes-weight").asBoolean()).isTrue();
        JsonNode pred = d.get("roles").get(0);
        assertThat(pred.get("name").asText()).isEqualTo("pred");
        assertThat(pred.get("required").asBoolean()).isTrue();
        JsonNode input = d.get("params").get(0);
        assertThat(input.get("name").asText()).isEqualTo("input");
        assertThat(input.get("type").asText()).isEqualTo("choice");
        assertThat(input.get("default").asText()).isEqualTo("probs");
        assertThat(texts(input.get("choices"))).containsExactly("logits", "probs", "log-probs");
        JsonNode posWeight = d.get("params").get(1);
        assertThat(posWeight.get("name").asText()).isEqualTo("pos-weight");
        assertThat(posWeight.get("type").asText()).isEqualTo("double");
        assertThat(posWeight.get("default").isDouble()).isTrue();
        assertThat(posWeight.get("default").asDouble()).isEqualTo(1.0);
        assertThat(d.get("reference").asText()).contains("BCELoss");
    }

    @Test
    void aParameterWithoutDefaultIsNullAndRangesAreNumbers() throws Exception {
        JsonNode ce = describe("cross-entropy");
        JsonNode weights = ce.get("params").get(1);
        assertThat(weights.get("name").asText()).isEqualTo("class-weights");
        assertThat(weights.get("type").asText()).isEqualTo("double-list");
        assertThat(weights.get("default").isNull()).isTrue();
        JsonNode delta = describe("huber").get("params").get(0);
        assertThat(delta.get("min").asDouble()).isEqualTo(0.0);
        assertThat(delta.get("min-inclusive").asBoolean()).isFalse();
        assertThat(describe("wer").get("details").size()).isEqualTo(4);
    }

    @Test
    void anotherOutputIsAUsageError() {
        Cli.Run run = Cli.run("describe", "mse", "-o", "xml");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("losskit: -o takes text or json, not 'xml'\n");
    }
}
