package io.losskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.losskit.spi.BatchLoss;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kernel's reductions, merging and bytes, with losses written here so that every value is known. */
class LossStateTest {

    private static final PerSampleLoss VALUE = (s, t) -> s.number("pred");

    private static LossState fed(Evaluator e, double[][] valueWeight) {
        LossState s = e.newState();
        for (double[] vw : valueWeight) {
            s.add(Samples.of("pred", vw[0]), vw[1]);
        }
        return s;
    }

    @Test
    void meanSumAndNoneWithAZeroWeightThatTakesAnInfiniteLossOut() {
        double[][] in = {{2, 1}, {4, 3}, {Double.POSITIVE_INFINITY, 0}};
        // mean = (2 + 12) / 4; sum = 14; none keeps every value, the infinite one too.
        assertThat(fed(Evaluator.of(VALUE, Reduction.MEAN, 0), in).finish().value()).isEqualTo(3.5);
        assertThat(fed(Evaluator.of(VALUE, Reduction.SUM, 0), in).finish().value()).isEqualTo(14.0);
        assertThat(fed(Evaluator.of(VALUE, Reduction.NONE, 0), in).finish().values())
                .containsExactly(2, 4, Double.POSITIVE_INFINITY);
        assertThat(fed(Evaluator.of(VALUE, Reduction.MEAN, 0), in).finish().count()).isEqualTo(3);
        // An infinite loss with a positive weight makes the mean infinite.
        assertThat(fed(Evaluator.of(VALUE, Reduction.MEAN, 0), new double[][] {{1, 1}, {Double.POSITIVE_INFINITY, 1}})
                .finish().value()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void mergingIsConcatenationAndSurvivesBytes() {
        Evaluator e = Evaluator.of(VALUE, Reduction.NONE, 0);
        LossState a = fed(e, new double[][] {{1, 1}});
        LossState b = e.decode(fed(e, new double[][] {{2, 1}, {3, 1}}).encode());
        LossState c = fed(e, new double[][] {{4, 1}});
        b.merge(c);
        a.merge(b);
        assertThat(a.finish().values()).containsExactly(1, 2, 3, 4);
        assertThatThrownBy(() -> a.merge(Evaluator.of(VALUE, Reduction.SUM, 0).newState()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.decode(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
    }

    /** Σ pred over the batch, one term per batch; refuses a negative pred by its index. */
    private static final BatchLoss BATCH_SUM = (batch, tally) -> {
        double sum = 0;
        for (int i = 0; i < batch.size(); i++) {
            double x = batch.get(i).number("pred");
            if (x < 0) {
                throw new InvalidSampleException("pred", "negative", i);
            }
            sum += x;
        }
        return new BatchLoss.BatchValue(sum, 1);
    };

    @Test
    void batchesCloseAtTheirSizeAndMergeAsPartialResults() {
        Evaluator e = Evaluator.of(BATCH_SUM, Reduction.MEAN, 2);
        // batches {1, 2}, {3, 4}, {5}: mean of batch sums = (3 + 7 + 5) / 3
        LossState one = fed(e, new double[][] {{1, 1}, {2, 1}, {3, 1}, {4, 1}, {5, 1}});
        assertThat(one.finish().value()).isEqualTo(5.0);
        LossState first = fed(e, new double[][] {{1, 1}, {2, 1}});
        LossState second = e.decode(fed(e, new double[][] {{3, 1}, {4, 1}, {5, 1}}).encode());
        first.merge(second);
        assertThat(first.finish().value()).isEqualTo(5.0);
        assertThat(first.finish().count()).isEqualTo(3);

        Sample bad = Samples.of("pred", -1.0);
        LossState s = e.newState();
        s.add(Samples.of("pred", 1.0), 1);
        assertThatThrownBy(() -> s.add(bad, 1)).isInstanceOfSatisfying(BatchSampleException.class,
                x -> assertThat(x.sample()).isSameAs(bad));
        assertThatThrownBy(() -> Evaluator.of(BATCH_SUM, Reduction.NONE, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOpenBatchEvaluatedForItsBytesKeepsItsDetails() {
        // the open batch is evaluated when the state is encoded: what it counts must be in the bytes
        BatchLoss counting = (batch, tally) -> {
            tally.count("samples", batch.size());
            return new BatchLoss.BatchValue(batch.size(), 1);
        };
        Evaluator e = Evaluator.of(counting, Reduction.SUM, 2);
        LossState open = fed(e, new double[][] {{1, 1}, {2, 1}, {3, 1}});
        assertThat(e.decode(open.encode()).finish().details()).containsEntry("samples", 3L);
    }

    @Test
    void samplesFromPlainValues() {
        Sample s = Samples.of(Map.of("pred", new double[] {1, 2}, "target", 3, "ref", List.of("a", "b")));
        assertThat(s.isVector("pred")).isTrue();
        assertThat(s.classIndex("target")).isEqualTo(3);
        assertThat(s.tokens("ref")).containsExactly("a", "b");
        assertThatThrownBy(() -> Samples.of("target", 1.5).classIndex("target")).isInstanceOf(InvalidSampleException.class);
        assertThatThrownBy(() -> Samples.of(Map.of("pred", new Object()))).isInstanceOf(IllegalArgumentException.class);
    }
}
