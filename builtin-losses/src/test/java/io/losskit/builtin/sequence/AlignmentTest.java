package io.losskit.builtin.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.losskit.builtin.align.Alignable;
import io.losskit.builtin.align.Aligner;
import io.losskit.builtin.align.Alignment;
import io.losskit.builtin.align.Alignment.Op;
import io.losskit.core.Samples;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.PerSampleLoss;
import io.losskit.testkit.LossHarness;
import io.losskit.testkit.RecordingTally;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The alignments of the edit-distance family ({@code score --align}): the traceback and the aligners. */
class AlignmentTest {

    private static final Op E = Op.EQUAL;
    private static final Op S = Op.SUBSTITUTE;
    private static final Op D = Op.DELETE;
    private static final Op I = Op.INSERT;

    @Test
    void tracedCountsAreTheCountsOfAlign() {
        // Every path of align() (bit-parallel, blocked, banded; equal and unequal costs, zero costs
        // included): the traced operations give its counts and cost, and spell out both sequences.
        Random rnd = new Random(3);
        double[][] costs = {{1, 1, 1}, {2, 1, 1}, {1, 2, 1.5}, {1, 1, 2}, {1, 1, 3}, {0.5, 2, 1}, {0, 0, 1}, {0, 1, 1},
            {1, 1, 0}};
        for (int trial = 0; trial < 4000; trial++) {
            double[] c = costs[trial % costs.length];
            int alphabet = trial % 3 == 0 ? 2 : trial % 3 == 1 ? 5 : 300;
            int[] pred = EditDistanceTest.random(rnd, trial % 5 == 0 ? 60 + rnd.nextInt(150) : rnd.nextInt(20), alphabet);
            int[] target = trial % 2 == 0 ? EditDistanceTest.random(rnd, rnd.nextInt(trial % 5 == 0 ? 200 : 20), alphabet)
                    : EditDistanceTest.mutate(rnd, pred, alphabet);
            EditAligner aligner = new EditAligner(c[0], c[1], c[2]);
            aligner.align(pred, pred.length, target, target.length);
            int[] counts = {aligner.hits(), aligner.substitutions(), aligner.deletions(), aligner.insertions()};
            double cost = aligner.cost();
            Op[] ops = aligner.trace(pred, pred.length, target, target.length, Aligner.MAX_CELLS);
            List<Op> list = Arrays.asList(ops);
            assertThat(new int[] {count(list, E), count(list, S), count(list, D), count(list, I)}).as("trial %d", trial)
                    .containsExactly(counts);
            assertThat(count(list, D) * c[0] + count(list, I) * c[1] + count(list, S) * c[2]).as("trial %d", trial)
                    .isCloseTo(cost, within(1e-9));
            // and the getters give them after the trace too
            assertThat(new int[] {aligner.hits(), aligner.substitutions(), aligner.deletions(), aligner.insertions()})
                    .containsExactly(counts);
            assertThat(aligner.cost()).isCloseTo(cost, within(1e-9));
            int p = 0;
            int t = 0;
            for (Op op : ops) {
                if (op == E || op == S) {
                    assertThat(pred[p] == target[t]).as("trial %d", trial).isEqualTo(op == E);
                }
                p += op == D ? 0 : 1;
                t += op == I ? 0 : 1;
            }
            assertThat(new int[] {p, t}).containsExactly(pred.length, target.length);
        }
    }

    @Test
    void jiwersDocumentedExample() {
        // jiwer's visualize_alignment docstring: ref "quite a bit of longer sentence", hyp "quite bit of an
        // even longest sentence here": a deleted, an and even inserted, longer → longest, here inserted.
        Alignment a = align(new Wer(), "quite bit of an even longest sentence here", "quite a bit of longer sentence");
        assertThat(a.ops()).containsExactly(E, D, E, E, I, I, S, E, I);
        assertThat(a.reference()).containsExactly("quite", "a", "bit", "of", null, null, "longer", "sentence", null);
        assertThat(a.hypothesis()).containsExactly("quite", null, "bit", "of", "an", "even", "longest", "sentence", "here");
        assertThat(a.characters()).isFalse();
        // ref "short one here", hyp "shoe order one": shoe inserted, short → order, here deleted.
        assertThat(align(new Wer(), "shoe order one", "short one here").ops()).containsExactly(I, S, E, D);
    }

    @Test
    void insertionsAtBothEndsAndEmptySides() {
        assertThat(align(new Wer(), "so the cat sat um", "the cat sat").ops()).containsExactly(I, E, E, E, I);
        Alignment empty = align(new Wer(), "", "the cat");
        assertThat(empty.ops()).containsExactly(D, D);
        assertThat(empty.hypothesis()).containsExactly(null, null);
        assertThat(align(new Wer(), "a b", "").ops()).containsExactly(I, I);
        assertThat(align(new Wer(), "", "").ops()).isEmpty();
    }

    @Test
    void charactersInTheirOwnCaseAfterTheTransformations() {
        // cer with ignore-case and strip-punctuation: "Hi, Bob!" vs "hi bop": compared as "hi bob" / "hi bop",
        // shown in their own case; the comma and the bang are gone, the space is a symbol.
        Aligner cer = aligner(new Cer(), "ignore-case", "true", "strip-punctuation", "true");
        Alignment a = cer.align(Samples.of("pred", "hi bop", "target", "Hi, Bob!"));
        assertThat(a.characters()).isTrue();
        assertThat(a.reference()).containsExactly("H", "i", " ", "B", "o", "b");
        assertThat(a.hypothesis()).containsExactly("h", "i", " ", "b", "o", "p");
        assertThat(a.ops()).containsExactly(E, E, E, E, E, S);
        assertThat(cer.value(Samples.of("pred", "hi bop", "target", "Hi, Bob!"))).isEqualTo(1.0 / 6);
    }

    @Test
    void valuesAreThePerUtteranceValuesAndCountsTheLossDetails() {
        // wer: 1 substitution, 1 deletion, 3 insertions of 6 reference words (the docstring's pair).
        String hyp = "quite bit of an even longest sentence here";
        String ref = "quite a bit of longer sentence";
        assertThat(aligner(new Wer()).value(Samples.of("pred", hyp, "target", ref))).isEqualTo(5.0 / 6);
        assertThat(aligner(new Mer()).value(Samples.of("pred", hyp, "target", ref))).isEqualTo(5.0 / 9);
        assertThat(aligner(new Wil()).value(Samples.of("pred", hyp, "target", ref))).isEqualTo(1 - (4.0 / 6) * (4.0 / 8));
        // edit-distance with costs: its per-sample value, and the alignment's counts are its details.
        String[] params = {"unit", "word", "ins-cost", "2", "normalize", "true"};
        Aligner edit = aligner(new EditDistance(), params);
        assertThat(edit.value(Samples.of("pred", hyp, "target", ref))).isEqualTo((1 * 2 + 3 * 1 + 1) / 6.0);
        RecordingTally tally = new RecordingTally();
        ((PerSampleLoss) LossHarness.create(new EditDistance(), LossHarness.params(params),
                java.util.Set.of("pred", "target"))).loss(Samples.of("pred", hyp, "target", ref), tally);
        Alignment a = edit.align(Samples.of("pred", hyp, "target", ref));
        assertThat(tally.counts).isEqualTo(Map.of("hits", (long) a.count(E), "substitutions", (long) a.count(S),
                "deletions", (long) a.count(D), "insertions", (long) a.count(I)));
    }

    @Test
    void tooLongToAlign() {
        EditAligner aligner = new EditAligner(1, 1, 1);
        int[] a = {1, 2, 3, 4, 5};
        int[] b = {9, 2, 3, 4, 8, 7};
        // the middle (all of it here: no common prefix or suffix) needs 6 × 7 = 42 cells
        assertThat(aligner.trace(a, 5, b, 6, 42)).hasSize(6);
        assertThatThrownBy(() -> aligner.trace(a, 5, b, 6, 41)).isInstanceOf(Aligner.TooLong.class)
                .hasMessage("too long to align: 6 reference and 5 hypothesis symbols (the traceback would take 42 cells,"
                        + " more than 41)");
        // a common prefix and suffix take no cells
        int[] c = {1, 2, 3, 4, 5, 6, 7};
        int[] d = {1, 2, 3, 9, 5, 6, 7};
        assertThat(aligner.trace(c, 7, d, 7, 4)).containsExactly(E, E, E, S, E, E, E);
    }

    private static Aligner aligner(Alignable loss, String... params) {
        return loss.aligner(io.losskit.core.Losses.parameters((LossDefinition) loss, LossHarness.params(params)));
    }

    private static Alignment align(Alignable loss, String pred, String target) {
        return aligner(loss).align(Samples.of("pred", pred, "target", target));
    }

    private static int count(List<Op> ops, Op op) {
        return (int) ops.stream().filter(o -> o == op).count();
    }
}
