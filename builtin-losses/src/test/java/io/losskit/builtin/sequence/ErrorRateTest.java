package io.losskit.builtin.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.losskit.builtin.RecordingTally;
import io.losskit.builtin.TestSample;
import io.losskit.spi.Accumulator;
import io.losskit.spi.LossResult;
import io.losskit.spi.Reduction;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorRateTest {

    @Test
    void cerIsARatioOfSums() {
        Accumulator acc = Losses.accumulator(new Cer());
        acc.add(TestSample.of("pred", "abc", "target", "abd"), 1.0); // 1 substitution, 3 characters
        acc.add(TestSample.of("pred", "", "target", "xy"), 1.0); // 2 deletions, 2 characters
        LossResult r = acc.finish();
        // (1 + 2) / (3 + 2), not the mean of the rates (1/3 + 1) / 2.
        assertThat(r.value()).isEqualTo(0.6);
        assertThat(r.count()).isEqualTo(2);
        assertThat(r.details()).isEqualTo(Map.of("hits", 2L, "substitutions", 1L, "deletions", 2L, "insertions", 0L));
    }

    @Test
    void werCountsWords() {
        Accumulator acc = Losses.accumulator(new Wer());
        acc.add(TestSample.of("pred", "the cat sat", "target", "the cat sat down"), 1.0); // 1 deletion of 4
        acc.add(TestSample.of("pred", "a  b c", "target", "a c"), 1.0); // 1 insertion of 2
        LossResult r = acc.finish();
        assertThat(r.value()).isEqualTo(2.0 / 6);
        assertThat(r.details()).isEqualTo(Map.of("hits", 5L, "substitutions", 0L, "deletions", 1L, "insertions", 1L));
    }

    @Test
    void weightsScaleEditsAndLengths() {
        Accumulator acc = Losses.accumulator(new Wer());
        acc.add(TestSample.of("pred", "a b", "target", "a c"), 3.0); // 1 edit of 2 words
        acc.add(TestSample.of("pred", "x", "target", "x y z w"), 1.0); // 3 edits of 4 words
        // (3·1 + 1·3) / (3·2 + 1·4)
        assertThat(acc.finish().value()).isEqualTo(0.6);
    }

    @Test
    void mergedPartsEqualOnePass() {
        String[][] pairs = {{"hello world", "hello word"}, {"a b c", "a c d"}, {"", "x"}, {"q", ""}, {"one", "one"}};
        Accumulator whole = Losses.accumulator(new Cer());
        Accumulator first = Losses.accumulator(new Cer());
        Accumulator second = Losses.accumulator(new Cer());
        for (int i = 0; i < pairs.length; i++) {
            TestSample s = TestSample.of("pred", pairs[i][0], "target", pairs[i][1]);
            whole.add(s, 1.0);
            (i < 2 ? first : second).add(s, 1.0);
        }
        first.merge(second);
        LossResult a = whole.finish();
        LossResult b = first.finish();
        assertThat(b.value()).isEqualTo(a.value());
        assertThat(b.count()).isEqualTo(a.count());
        assertThat(b.details()).isEqualTo(a.details());
    }

    @Test
    void emptyReferences() {
        Accumulator none = Losses.accumulator(new Cer());
        none.add(TestSample.of("pred", "", "target", ""), 1.0);
        assertThat(none.finish().value()).isEqualTo(0.0);
        Accumulator some = Losses.accumulator(new Cer());
        some.add(TestSample.of("pred", "ab", "target", ""), 1.0);
        assertThat(some.finish().value()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void ignoreCaseAndReductions() {
        Accumulator acc = Losses.accumulator(new Wer(), "ignore-case", "true");
        acc.add(TestSample.of("pred", "The Cat", "target", "the cat"), 1.0);
        assertThat(acc.finish().value()).isEqualTo(0.0);
        assertThat(new Cer().descriptor().reductions()).containsExactlyInAnyOrder(Reduction.MEAN, Reduction.NONE);
        assertThat(new Wer().descriptor().reductions()).containsExactlyInAnyOrder(Reduction.MEAN, Reduction.NONE);
        assertThat(new Wer().descriptor().details()).containsExactly("hits", "substitutions", "deletions", "insertions");
    }

    @Test
    void noneGivesEachUtterancesRateUnweightedAndWarnsAboutAnEmptyReference() {
        Accumulator acc = Losses.accumulator(new Cer(), Reduction.NONE);
        RecordingTally tally = new RecordingTally();
        acc.add(TestSample.of("pred", "abc", "target", "abd"), 5.0, tally); // 1 of 3
        acc.add(TestSample.of("pred", "", "target", "xy"), 1.0, tally); // 2 of 2
        acc.add(TestSample.of("pred", "", "target", ""), 1.0, tally); // nothing to get wrong
        assertThat(tally.warnings).isEmpty();
        acc.add(TestSample.of("pred", "q", "target", ""), 1.0, tally); // an insertion into nothing
        assertThat(tally.warnings).containsExactly("an empty reference with a non-empty pred: that utterance's rate is +∞");
        LossResult r = acc.finish();
        assertThat(r.values()).containsExactly(1.0 / 3, 1.0, 0.0, Double.POSITIVE_INFINITY);
        assertThat(r.count()).isEqualTo(4);
        assertThat(r.details()).isEqualTo(Map.of("hits", 2L, "substitutions", 1L, "deletions", 2L, "insertions", 1L));
    }

    @Test
    void noneMergesInInputOrder() {
        Accumulator first = Losses.accumulator(new Wer(), Reduction.NONE);
        Accumulator second = Losses.accumulator(new Wer(), Reduction.NONE);
        first.add(TestSample.of("pred", "a b", "target", "a b c d"), 1.0); // 2 deletions of 4
        second.add(TestSample.of("pred", "x", "target", "y"), 1.0); // 1 substitution of 1
        first.merge(second);
        assertThat(first.finish().values()).containsExactly(0.5, 1.0);
    }
}
