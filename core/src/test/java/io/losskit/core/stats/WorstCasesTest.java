package io.losskit.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WorstCasesTest {

    private static final double[] VALUES = {3, 1, 3, 5, Double.NaN, 3, 2, Double.POSITIVE_INFINITY, 3};

    private static WorstCases<String> fed(int k, int from, int to) {
        WorstCases<String> w = new WorstCases<>(k);
        for (int i = from; i < to; i++) {
            w.add(VALUES[i], i, "line " + (i + 2));
        }
        return w;
    }

    private static List<Long> ordinals(WorstCases<String> w) {
        return w.worst().stream().map(WorstCases.Entry::ordinal).toList();
    }

    @Test
    void keepsTheLargestWithEqualValuesInRecordOrder() {
        // NaN first, then ∞, 5, and of the four 3s the earliest two
        assertThat(ordinals(fed(5, 0, VALUES.length))).containsExactly(4L, 7L, 3L, 0L, 2L);
        assertThat(fed(5, 0, VALUES.length).worst().get(3).item()).isEqualTo("line 2");
        assertThat(ordinals(fed(0, 0, VALUES.length))).isEmpty();
        assertThat(ordinals(fed(20, 0, VALUES.length))).containsExactly(4L, 7L, 3L, 0L, 2L, 5L, 8L, 6L, 1L);
        WorstCases<String> w = fed(2, 0, 4);
        assertThat(w.accepts(3, 9)).as("an equal later record does not displace").isFalse();
        assertThat(w.accepts(4, 9)).isTrue();
    }

    @Test
    void splitsMergeIntoTheOnePassResult() throws IOException {
        for (int cut = 0; cut <= VALUES.length; cut++) {
            WorstCases<String> a = fed(4, 0, cut);
            WorstCases<String> b = fed(4, cut, VALUES.length);
            b.merge(a); // in either order
            assertThat(ordinals(b)).containsExactly(4L, 7L, 3L, 0L);
        }
        Random rnd = new Random(9);
        WorstCases<Integer> one = new WorstCases<>(10);
        WorstCases<Integer> left = new WorstCases<>(10);
        WorstCases<Integer> right = new WorstCases<>(10);
        for (int i = 0; i < 10_000; i++) {
            double v = rnd.nextInt(50);
            one.add(v, i, i);
            (i < 6000 ? left : right).add(v, i, i);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        right.encode(new DataOutputStream(bytes), (item, out) -> out.writeInt(item));
        left.merge(WorstCases.decode(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), in -> in.readInt()));
        assertThat(left.worst()).isEqualTo(one.worst());
        assertThat(one.worst()).allMatch(e -> e.value() == 49);
    }
}
