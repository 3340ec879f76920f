package io.losskit.builtin.sequence;

import io.losskit.core.Samples;
import io.losskit.spi.Sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.losskit.core.LossState;
import io.losskit.spi.LossResult;
import io.losskit.spi.Reduction;
import io.losskit.testkit.LossHarness;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorRateTest {

    @Test
    void cerIsARatioOfSums() {
        LossState acc = Losses.state(new Cer());
        acc.add(Samples.of("pred", "abc", "target", "abd"), 1.0); // 1 substitution, 3 characters
        acc.add(Samples.of("pred", "", "target", "xy"), 1.0); // 2 deletions, 2 characters
        LossResult r = acc.finish();
        // (1 + 2) / (3 + 2), not the mean of the rates (1/3 + 1) / 2.
        assertThat(r.value()).isEqualTo(0.6);
        assertThat(r.count()).isEqualTo(2);
        assertThat(r.details()).isEqualTo(Map.of("hits", 2L, "substitutions", 1L, "deletions", 2L, "insertions", 0L));
    }

    @Test
    void werCountsWords() {
        LossState acc = Losses.state(new Wer());
        acc.add(Samples.of("pred", "the cat sat", "target", "the cat sat down"), 1.0); // 1 deletion of 4
        acc.add(Samples.of("pred", "a  b c", "target", "a c"), 1.0); // 1 insertion of 2
        LossResult r = acc.finish();
        assertThat(r.value()).isEqualTo(2.0 / 6);
        assertThat(r.details()).isEqualTo(Map.of("hits", 5L, "substitutions", 0L, "deletions", 1L, "insertions", 1L));
    }

    @Test
    void weightsScaleEditsAndLengths() {
        LossState acc = Losses.state(new Wer());
        acc.add(Samples.of("pred", "a b", "target", "a c"), 3.0); // 1 edit of 2 words
        acc.add(Samples.of("pred", "x", "target", "x y z w"), 1.0); // 3 edits of 4 words
        // (3·1 + 1·3) / (3·2 + 1·4)
        assertThat(acc.finish().value()).isEqualTo(0.6);
    }

    @Test
    void mergedPartsEqualOnePass() {
        String[][] pairs = {{"hello world", "hello word"}, {"a b c", "a c d"}, {"", "x"}, {"q", ""}, {"one", "one"}};
        LossState whole = Losses.state(new Cer());
        LossState first = Losses.state(new Cer());
        LossState second = Losses.state(new Cer());
        for (int i = 0; i < pairs.length; i++) {
            Sample s = Samples.of("pred", pairs[i][0], "target", pairs[i][1]);
            whole.add(s, 1.0);
            (i < 2 ? first : second).add(s, 1.0);
        }
        first.merge(second);
        LossResult a = whole.finish();
        LossState shipped = Losses.state(new Cer());
        shipped.merge(LossHarness.evaluator(new Cer(), Map.of(), Set.of("pred", "target"), Reduction.MEAN, 0)
                .decode(whole.encode()));
        assertThat(shipped.finish()).isEqualTo(a);
        LossResult b = first.finish();
        assertThat(b.value()).isEqualTo(a.value());
        assertThat(b.count()).isEqualTo(a.count());
        assertThat(b.details()).isEqualTo(a.details());
    }

    @Test
    void emptyReferences() {
        LossState none = Losses.state(new Cer());
        none.add(Samples.of("pred", "", "target", ""), 1.0);
        assertThat(none.finish().value()).isEqualTo(0.0);
        LossState some = Losses.state(new Cer());
        some.add(Samples.of("pred", "ab", "target", ""), 1.0);
        assertThat(some.finish().value()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void ignoreCaseAndReductions() {
        LossState acc = Losses.state(new Wer(), "ignore-case", "true");
        acc.add(Samples.of("pred", "The Cat", "target", "the cat"), 1.0);
        assertThat(acc.finish().value()).isEqualTo(0.0);
        assertThat(new Cer().descriptor().reductions()).containsExactlyInAnyOrder(Reduction.MEAN, Reduction.NONE);
        assertThat(new Wer().descriptor().reductions()).containsExactlyInAnyOrder(Reduction.MEAN, Reduction.NONE);
        assertThat(new Wer().descriptor().details()).containsExactly("hits", "substitutions", "deletions", "insertions");
    }

    @Test
    void noneGivesEachUtterancesRateUnweightedAndWarnsAboutAnEmptyReference() {
        LossState acc = Losses.state(new Cer(), Reduction.NONE);
        acc.add(Samples.of("pred", "abc", "target", "abd"), 5.0); // 1 of 3
        acc.add(Samples.of("pred", "", "target", "xy"), 1.0); // 2 of 2
        acc.add(Samples.of("pred", "", "target", ""), 1.0); // nothing to get wrong
        assertThat(acc.warnings()).isEmpty();
        acc.add(Samples.of("pred", "q", "target", ""), 1.0); // an insertion into nothing
        assertThat(acc.warnings()).containsExactly(
                Map.entry("an empty reference with a non-empty pred: that utterance's rate is +∞", 1L));
        LossResult r = acc.finish();
        assertThat(r.values()).containsExactly(1.0 / 3, 1.0, 0.0, Double.POSITIVE_INFINITY);
        assertThat(r.count()).isEqualTo(4);
        assertThat(r.details()).isEqualTo(Map.of("hits", 2L, "substitutions", 1L, "deletions", 2L, "insertions", 1L));
    }

    @Test
    void noneMergesInInputOrder() {
        LossState first = Losses.state(new Wer(), Reduction.NONE);
        LossState second = Losses.state(new Wer(), Reduction.NONE);
        first.add(Samples.of("pred", "a b", "target", "a b c d"), 1.0); // 2 deletions of 4
        second.add(Samples.of("pred", "x", "target", "y"), 1.0); // 1 substitution of 1
        first.merge(second);
        assertThat(first.finish().values()).containsExactly(0.5, 1.0);
    }

    @Test
    void merAndWilAreRatiosOfCorpusSums() {
        LossState mer = Losses.state(new Mer());
        LossState wil = Losses.state(new Wil());
        for (LossState acc : List.of(mer, wil)) {
            acc.add(Samples.of("pred", "a x c", "target", "a b c d"), 1.0); // H 2, S 1, D 1: 4 ref, 3 pred words
            acc.add(Samples.of("pred", "hello there world", "target", "hello world"), 2.0); // H 2, I 1: 2 ref, 3 pred
        }
        // mer: Σw·e / Σw·(h + e) = (2 + 2·1) / ((2 + 2) + 2·(2 + 1))
        assertThat(mer.finish().value()).isEqualTo(4.0 / 10);
        // wil: 1 − (Σw·h / Σw·r)(Σw·h / Σw·p) = 1 − (6/8)(6/9)
        assertThat(wil.finish().value()).isCloseTo(0.5, within(1e-15));
        assertThat(wil.finish().details()).isEqualTo(Map.of("hits", 4L, "substitutions", 1L, "deletions", 1L, "insertions", 1L));
    }

    @Test
    void merAndWilOfEmptyUtterancesAreJiwers() {
        LossState mer = Losses.state(new Mer(), Reduction.NONE);
        LossState wil = Losses.state(new Wil(), Reduction.NONE);
        for (LossState acc : List.of(mer, wil)) {
            acc.add(Samples.of("pred", "", "target", ""), 1.0);
            acc.add(Samples.of("pred", "uh", "target", ""), 1.0);
            acc.add(Samples.of("pred", "", "target", "it is"), 1.0);
            acc.add(Samples.of("pred", "it is", "target", "it is"), 1.0);
        }
        assertThat(mer.finish().values()).containsExactly(0.0, 1.0, 1.0, 0.0);
        assertThat(wil.finish().values()).containsExactly(0.0, 1.0, 1.0, 0.0);
        assertThat(mer.warnings()).isEmpty();
    }

    @Test
    void merAndWilCountTheMostHitsOnATie() {
        // Cost 3 either way; the alignment with a hit (morning) wins over 3 substitutions:
        // mer = 3 / (1 + 3), wil = 1 − (1/3)(1/3).
        LossState mer = Losses.state(new Mer());
        LossState wil = Losses.state(new Wil());
        for (LossState acc : List.of(mer, wil)) {
            acc.add(Samples.of("pred", "morning every one", "target", "good morning everyone"), 1.0);
        }
        assertThat(mer.finish().value()).isEqualTo(0.75);
        assertThat(wil.finish().value()).isCloseTo(8.0 / 9, within(1e-15));
    }

    @Test
    void punctuationAndWhitespaceAreRemovedAsJiwerDoes() {
        LossState plain = Losses.state(new Cer());
        LossState normalized = Losses.state(new Cer(), "strip-punctuation", "true", "collapse-whitespace", "true");
        for (LossState acc : List.of(plain, normalized)) {
            acc.add(Samples.of("pred", "hi  there", "target", " «Hi,\tthere!» "), 1.0);
        }
        // plain: "hi  there" against " «Hi,\tthere!» " (14): 6 hits (i, there), 3 substitutions
        // (h/H and both spaces against the comma and the tab), 5 deletions. The normalized target is "Hi\tthere"
        // (8; a lone tab stays, as jiwer's RemoveMultipleSpaces keeps it), pred "hi there" (8):
        // H→h and the tab→space, 2 substitutions of 8
        assertThat(normalized.finish().value()).isEqualTo(2.0 / 8);
        assertThat(plain.finish().value()).isEqualTo(8.0 / 14);
    }
}
