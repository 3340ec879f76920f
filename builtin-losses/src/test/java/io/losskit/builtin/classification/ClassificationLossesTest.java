package io.losskit.builtin.classification;

import io.losskit.core.Samples;
import io.losskit.spi.Sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.losskit.builtin.math.Numerics;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.Reduction;
import io.losskit.spi.RoleSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The registry against LOSSES.md, the descriptors, and the golden error cases of this category. */
class ClassificationLossesTest {

    @Test
    void idsAndAliasesAreLossesMdsInItsOrder() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("bce", List.of("binary-cross-entropy", "log-loss"));
        expected.put("bce-logits", List.of("sigmoid-cross-entropy"));
        expected.put("balanced-bce", List.of("balanced-sigmoid-cross-entropy"));
        expected.put("cross-entropy", List.of("softmax-cross-entropy", "categorical-cross-entropy"));
        expected.put("weighted-cross-entropy", List.of());
        expected.put("nll", List.of());
        expected.put("focal", List.of("sigmoid-focal"));
        expected.put("softmax-focal", List.of());
        expected.put("hinge", List.of());
        expected.put("squared-hinge", List.of());
        expected.put("categorical-hinge", List.of());
        expected.put("multi-margin", List.of());
        expected.put("soft-margin", List.of());
        expected.put("kl-div", List.of("kld", "kl-divergence"));
        expected.put("js-div", List.of());
        expected.put("dice", List.of());
        expected.put("tversky", List.of());
        expected.put("jaccard", List.of("iou"));
        expected.put("cosface", List.of("am-softmax", "lmcl"));
        expected.put("arcface", List.of());
        expected.put("sphereface", List.of("a-softmax"));
        expected.put("large-margin-softmax", List.of("l-softmax"));
        expected.put("brier", List.of());
        expected.put("zero-one", List.of("error-rate"));
        expected.put("top-k-error", List.of());
        expected.put("perplexity", List.of());
        Map<String, List<String>> actual = ClassificationLosses.all().stream().map(LossDefinition::descriptor)
                .collect(Collectors.toMap(LossDescriptor::id, LossDescriptor::aliases, (a, b) -> a, LinkedHashMap::new));
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void parameterDefaultsAreLossesMds() {
        assertDefaults("bce", "input=probs", "pos-weight=1", "label-smoothing=0");
        assertDefaults("bce-logits", "input=logits", "pos-weight=1", "label-smoothing=0");
        assertDefaults("balanced-bce", "input=logits", "beta=null");
        assertDefaults("cross-entropy", "input=logits", "class-weights=null", "label-smoothing=0", "ignore-index=null");
        assertDefaults("nll", "input=log-probs", "class-weights=null", "label-smoothing=0", "ignore-index=null");
        assertDefaults("focal", "input=logits", "alpha=0.25", "gamma=2.0");
        assertDefaults("softmax-focal", "input=logits", "alpha=1.0", "gamma=2.0", "class-weights=null");
        assertDefaults("hinge");
        assertDefaults("multi-margin", "margin=1.0", "p=1");
        assertDefaults("kl-div", "input=probs");
        assertDefaults("js-div", "input=probs");
        assertDefaults("tversky", "input=probs", "alpha=0.5", "beta=0.5", "smooth=1.0");
        assertDefaults("cosface", "s=64", "m=0.35");
        assertDefaults("arcface", "s=64", "m=0.5", "easy-margin=false");
        assertDefaults("sphereface", "m=4", "s=1.0");
        assertDefaults("large-margin-softmax", "m=2", "s=1.0");
        assertDefaults("brier", "input=probs");
        assertDefaults("zero-one", "threshold=0.5");
        assertDefaults("top-k-error", "k=5");
        assertDefaults("perplexity", "input=logits", "class-weights=null", "label-smoothing=0", "ignore-index=null");
    }

    private static void assertDefaults(String id, String... defaults) {
        List<String> actual = Harness.definition(id).descriptor().params().stream()
                .map(p -> p.name() + "=" + p.defaultValue()).toList();
        assertThat(actual).as(id).containsExactly(defaults);
    }

    @Test
    void everyDescriptorIsComplete() {
        for (LossDefinition d : ClassificationLosses.all()) {
            LossDescriptor desc = d.descriptor();
            assertThat(desc.category()).isEqualTo("classification");
            assertThat(desc.summary()).as(desc.id()).isNotBlank();
            assertThat(desc.formula()).as(desc.id()).isNotBlank();
            assertThat(desc.reference()).as(desc.id()).isNotBlank();
            assertThat(desc.notes()).as(desc.id()).isNotBlank();
            // perplexity is exp of a mean: nothing else is defined
            assertThat(desc.reductions()).as(desc.id()).containsExactlyInAnyOrder(desc.id().equals("perplexity")
                    ? new Reduction[] {Reduction.MEAN} : Reduction.values());
            assertThat(desc.roles().stream().map(RoleSpec::name)).as(desc.id()).contains("pred", "target", "weight");
            for (ParamSpec p : desc.params()) {
                assertThat(p.description()).as(desc.id() + "." + p.name()).isNotBlank();
            }
            // the defaults parse and the loss can be created from them
            if (!desc.id().equals("weighted-cross-entropy")) {
                assertThat(d.create(ParameterValues.defaults(desc), Set.of("pred", "target"))).isNotNull();
            }
        }
    }

    @Test
    void crossEntropyNotesSayWherePyTorchWins() {
        assertThat(Harness.definition("cross-entropy").descriptor().notes())
                .contains("PyTorch").contains("label-smoothing").contains("class-weights");
    }

    // --- ../shared/golden/errors: the classification cases, record 4 of each file -------------

    private static final double[][] LOGITS = {
        {0.9575698299364668, 0.9332040699361928, -0.18436057564246192, -2.1381437824730862},
        {-0.8219607139564157, 0.8229791101521425, -0.35899964013057645, 1.9379317494130117},
        {0.027429112514553804, 1.9703826320993183, -2.5955531658019155, 0.6218800823703606},
        {0.625374161069271, 0.5494831535523058, -0.524462948704088, -0.28728235406063724},
    };

    private static int failingRecord(Loss loss, List<Sample> samples) {
        for (int i = 0; i < samples.size(); i++) {
            int record = i + 1;
            try {
                Harness.one(loss, samples.get(i));
            } catch (InvalidSampleException e) {
                assertThat(e.role()).isEqualTo("target");
                return record;
            }
        }
        return -1;
    }

    @Test
    void goldenErrorSoftTargetLengthMismatch() {
        List<Sample> in = List.of(
                Samples.of("pred", LOGITS[0], "target", new double[] {0.0012, 0.0728, 0.8161, 0.1099}),
                Samples.of("pred", LOGITS[1], "target", new double[] {0.2998, 0.1664, 0.1497, 0.3841}),
                Samples.of("pred", LOGITS[2], "target", new double[] {0.3257, 0.1861, 0.1265, 0.3617}),
                Samples.of("pred", LOGITS[3], "target", new double[] {0.1475, 0.1387, 0.4401}));
        assertThat(failingRecord(Harness.create("cross-entropy", Set.of("pred", "target")), in)).isEqualTo(4);
    }

    @Test
    void goldenErrorClassIndexOutOfRangeAndNegative() {
        List<Sample> oor = List.of(Samples.of("pred", LOGITS[0], "target", 1), Samples.of("pred", LOGITS[1], "target", 3),
                Samples.of("pred", LOGITS[2], "target", 2), Samples.of("pred", LOGITS[3], "target", 4));
        assertThat(failingRecord(Harness.create("cross-entropy", Set.of("pred", "target")), oor)).isEqualTo(4);
        List<Sample> neg = List.of(Samples.of("pred", LOGITS[0], "target", 1), Samples.of("pred", LOGITS[1], "target", 3),
                Samples.of("pred", LOGITS[2], "target", 2), Samples.of("pred", LOGITS[3], "target", -1));
        // nll reads log-probabilities: use the log-softmax of the same logits
        List<Sample> negLogProbs = neg.stream().map(s -> Samples.of("pred",
                Numerics.logSoftmax(s.vector("pred"), new double[4]),
                "target", s.classIndex("target"))).toList();
        assertThat(failingRecord(Harness.create("nll", Set.of("pred", "target")), negLogProbs)).isEqualTo(4);
    }

    @Test
    void goldenErrorMultiMarginPThreeIsAUsageError() {
        assertThatThrownBy(() -> Harness.create("multi-margin", Set.of("pred", "target"), "p", "3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1|2");
    }
}
