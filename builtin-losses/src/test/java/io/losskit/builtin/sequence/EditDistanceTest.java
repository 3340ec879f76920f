package io.losskit.builtin.sequence;

import io.losskit.core.Samples;
import static org.assertj.core.api.Assertions.assertThat;

import io.losskit.testkit.RecordingTally;
import io.losskit.spi.PerSampleLoss;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EditDistanceTest {

    private static final EditDistance EDIT = new EditDistance();

    private static double distance(Object pred, Object target, String... params) {
        return Losses.loss(Losses.perSample(EDIT, params), Samples.of("pred", pred, "target", target));
    }

    private static Map<String, Long> details(Object pred, Object target, String... params) {
        RecordingTally tally = new RecordingTally();
        Losses.perSample(EDIT, params).loss(Samples.of("pred", pred, "target", target), tally);
        return tally.counts;
    }

    private static Map<String, Long> counts(long hits, long subs, long deletions, long insertions) {
        return Map.of("hits", hits, "substitutions", subs, "deletions", deletions, "insertions", insertions);
    }

    @Test
    void kittenToSitting() {
        // k→s, e→i, then the target's g is missing from pred: 2 substitutions and 1 deletion.
        assertThat(distance("kitten", "sitting")).isEqualTo(3.0);
        assertThat(details("kitten", "sitting")).isEqualTo(counts(4, 2, 1, 0));
        // The other way round the extra g is in pred: an insertion.
        assertThat(details("sitting", "kitten")).isEqualTo(counts(4, 2, 0, 1));
        assertThat(distance("kitten", "sitting", "normalize", "true")).isEqualTo(3.0 / 7);
    }

    @Test
    void codePointsNotJavaChars() {
        // 𝔘𝔫𝔦 vs 𝔘𝔫𝔦𝔠: four astral code points (eight Java chars) against three: one insertion.
        assertThat(distance("\uD835\uDD18\uD835\uDD2B\uD835\uDD26", "\uD835\uDD18\uD835\uDD2B\uD835\uDD26\uD835\uDD20"))
                .isEqualTo(1.0);
        assertThat(distance("\uD835\uDD18", "\uD835\uDD19")).isEqualTo(1.0);
        // e + combining acute (2 code points) vs precomposed é (1): no normalisation, so a
        // substitution and a pred symbol too many.
        assertThat(distance("e\u0301", "\u00e9")).isEqualTo(2.0);
        assertThat(details("e\u0301", "\u00e9")).isEqualTo(counts(0, 1, 0, 1));
        // normalize divides by the target's code points (1), not its chars.
        assertThat(distance("ab", "\uD835\uDD18", "normalize", "true")).isEqualTo(2.0);
    }

    @Test
    void wordsSplitLikePythonStrSplit() {
        // Runs of whitespace, tabs, no-break space (Python's isspace) separate words; no empty words.
        assertThat(distance("  a  b\tc\u00a0d\n", "a b c d", "unit", "word")).isEqualTo(0.0);
        // A zero-width space is not whitespace: "a\u200bb" is one word.
        assertThat(distance("a\u200bb", "a b", "unit", "word")).isEqualTo(2.0);
        assertThat(details("the cat sat", "the hat sat down", "unit", "word")).isEqualTo(counts(2, 1, 1, 0));
        assertThat(distance("", "one two", "unit", "word", "normalize", "true")).isEqualTo(1.0);
    }

    @Test
    void tokenSequences() {
        assertThat(distance(new String[] {"the", "cat"}, new String[] {"the", "hat"})).isEqualTo(1.0);
        assertThat(distance(new int[] {1, 2, 3}, new int[] {1, 3}, "unit", "token")).isEqualTo(1.0);
        // A cell of space-separated tokens against a list.
        assertThat(distance("1 2 3", new int[] {1, 2, 4}, "unit", "token")).isEqualTo(1.0);
        // A string against a list with unit=char: the string's code points are the tokens.
        assertThat(distance("abc", new String[] {"a", "b", "c"})).isEqualTo(0.0);
    }

    @Test
    void emptySequences() {
        assertThat(distance("", "")).isEqualTo(0.0);
        assertThat(distance("", "", "normalize", "true")).isEqualTo(0.0);
        assertThat(details("", "abc")).isEqualTo(counts(0, 0, 3, 0));
        assertThat(details("abc", "")).isEqualTo(counts(0, 0, 0, 3));
        // normalize divides by max(1, 0).
        assertThat(distance("abc", "", "normalize", "true")).isEqualTo(3.0);
        assertThat(distance("", "abc", "ins-cost", "2")).isEqualTo(6.0);
    }

    @Test
    void costsTurnPredIntoTarget() {
        // The target's c is missing from pred: inserting it costs ins-cost.
        assertThat(distance("ab", "abc", "ins-cost", "2")).isEqualTo(2.0);
        // pred's c is not in the target: deleting it costs del-cost.
        assertThat(distance("abc", "ab", "del-cost", "5")).isEqualTo(5.0);
        // A substitution dearer than a deletion plus an insertion is never used.
        assertThat(distance("a", "b", "sub-cost", "3")).isEqualTo(2.0);
        assertThat(details("a", "b", "sub-cost", "3")).isEqualTo(counts(0, 0, 1, 1));
        // Asymmetric: "faa" → "bfaa" inserts b (1); "aab" → "ab" deletes an a (2), cheaper than
        // substituting a→b and deleting b (1.5 + 2).
        assertThat(distance("faa", "bfaa", "ins-cost", "1", "del-cost", "2", "sub-cost", "1.5")).isEqualTo(1.0);
        assertThat(distance("aab", "ab", "ins-cost", "1", "del-cost", "2", "sub-cost", "1.5")).isEqualTo(2.0);
        // Equal costs scale the unit distance.
        assertThat(distance("kitten", "sitting", "ins-cost", "2", "del-cost", "2", "sub-cost", "2")).isEqualTo(6.0);
    }

    @Test
    void ignoreCaseFoldsEachCodePoint() {
        assertThat(distance("Hello World", "hello world", "ignore-case", "true")).isEqualTo(0.0);
        assertThat(distance("Hello World", "hello world")).isEqualTo(2.0);
        // Final sigma: ς and σ fold together, as Python's lower() makes ΟΔΟΣ "οδος".
        assertThat(distance("ΟΔΟΣ", "οδος", "ignore-case", "true")).isEqualTo(0.0);
        assertThat(distance("THE Cat", "the cat", "unit", "word", "ignore-case", "true")).isEqualTo(0.0);
    }

    @Test
    void tieBreakPrefersFewestSubstitutions() {
        // "ab" → "ba" costs 2 either as two substitutions or as a deletion and an insertion around the
        // common b; the second has fewer substitutions (sclite's weights prefer it too: 6 < 8).
        assertThat(details("ab", "ba")).isEqualTo(counts(1, 0, 1, 1));
        assertThat(details("a b c d", "b c d e", "unit", "word")).isEqualTo(counts(3, 0, 1, 1));
        // When two substitutions (2 × 0.5) are cheaper than a deletion plus an insertion (2), the
        // minimum-cost alignment is the substituting one: details follow the weighted costs.
        assertThat(distance("ab", "ba", "sub-cost", "0.5")).isEqualTo(1.0);
        assertThat(details("ab", "ba", "sub-cost", "0.5")).isEqualTo(counts(0, 2, 0, 0));
    }

    @Test
    void bitParallelAndBandedAgree() {
        // Unit costs: the bit-parallel paths (one word with the backward pass; blocks of words for
        // the distance, then the band it implies) against the widening band alone.
        Random rnd = new Random(1);
        EditAligner fast = new EditAligner(1, 1, 1);
        EditAligner slow = new EditAligner(1, 1, 1);
        slow.allowBitParallel = false;
        int blocked = 0;
        for (int trial = 0; trial < 3000; trial++) {
            int alphabet = trial % 3 == 0 ? 2 : trial % 3 == 1 ? 5 : 300;
            // Up to 63 symbols on one side takes the one-word path; longer ones the blocked one.
            int[] a = random(rnd, trial % 4 == 0 ? 60 + rnd.nextInt(200) : rnd.nextInt(64), alphabet);
            int[] b = trial % 4 == 2 ? random(rnd, rnd.nextInt(90), alphabet) : mutate(rnd, a, alphabet);
            blocked += Math.min(a.length, b.length) > EditAligner.MAX_BIT_PARALLEL ? 1 : 0;
            fast.align(a, a.length, b, b.length);
            slow.align(a, a.length, b, b.length);
            assertThat(new int[] {(int) fast.cost(), fast.hits(), fast.substitutions(), fast.deletions(),
                    fast.insertions()}).as("trial %d", trial)
                    .containsExactly((int) slow.cost(), slow.hits(), slow.substitutions(), slow.deletions(),
                            slow.insertions());
        }
        assertThat(blocked).isGreaterThan(500);
    }

    @Test
    void agreesWithEveryAlignmentEnumerated() {
        // Brute force over all alignments of short sequences: the minimum cost, then the fewest
        // substitutions; the counts follow.
        Random rnd = new Random(2);
        double[][] costs = {{1, 1, 1}, {2, 1, 1}, {1, 2, 1.5}, {1, 1, 2}, {1, 1, 3}, {0.5, 2, 1}, {3, 3, 3}};
        for (int trial = 0; trial < 2000; trial++) {
            double[] c = costs[trial % costs.length];
            int[] pred = random(rnd, rnd.nextInt(7), 3);
            int[] target = random(rnd, rnd.nextInt(7), 3);
            EditAligner aligner = new EditAligner(c[0], c[1], c[2]);
            aligner.align(pred, pred.length, target, target.length);
            double[] best = enumerate(pred, 0, target, 0, c);
            assertThat(aligner.cost()).as("trial %d", trial).isCloseTo(best[0], org.assertj.core.api.Assertions.within(1e-12));
            assertThat(new long[] {aligner.substitutions(), aligner.hits(), aligner.deletions(), aligner.insertions()})
                    .as("trial %d", trial)
                    .containsExactly((long) best[1], (long) best[2], (long) best[3], (long) best[4]);
        }
    }

    /** {cost, substitutions, hits, deletions, insertions} of the best alignment of the suffixes. */
    private static double[] enumerate(int[] p, int i, int[] t, int j, double[] c) {
        if (i == p.length && j == t.length) {
            return new double[5];
        }
        double[] best = null;
        if (i < p.length && j < t.length) {
            double[] r = enumerate(p, i + 1, t, j + 1, c).clone();
            if (p[i] == t[j]) {
                r[2]++;
            } else {
                r[0] += c[2];
                r[1]++;
            }
            best = r;
        }
        if (j < t.length) {
            double[] r = enumerate(p, i, t, j + 1, c).clone();
            r[0] += c[0];
            r[3]++;
            best = pick(best, r);
        }
        if (i < p.length) {
            double[] r = enumerate(p, i + 1, t, j, c).clone();
            r[0] += c[1];
            r[4]++;
            best = pick(best, r);
        }
        return best;
    }

    private static double[] pick(double[] a, double[] b) {
        if (a == null || b[0] < a[0] - 1e-12 || Math.abs(b[0] - a[0]) <= 1e-12 && b[1] < a[1]) {
            return b;
        }
        return a;
    }

    static int[] random(Random rnd, int n, int alphabet) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = alphabet > 256 ? 1000 + rnd.nextInt(alphabet) * 7919 : rnd.nextInt(alphabet);
        }
        return s;
    }

    static int[] mutate(Random rnd, int[] a, int alphabet) {
        int[] out = new int[a.length * 2 + 4];
        int n = 0;
        for (int x : a) {
            double r = rnd.nextDouble();
            if (r < 0.1) {
                continue;
            } else if (r < 0.2) {
                out[n++] = random(rnd, 1, alphabet)[0];
            } else if (r < 0.3) {
                out[n++] = x;
                out[n++] = random(rnd, 1, alphabet)[0];
            } else {
                out[n++] = x;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
