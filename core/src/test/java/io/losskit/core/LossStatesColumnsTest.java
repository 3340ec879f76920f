package io.losskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.losskit.spi.AggregateLoss;
import io.losskit.spi.ColumnAccumulator;
import io.losskit.spi.ColumnLoss;
import io.losskit.spi.Columns;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.LossResult;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import io.losskit.spi.Tally;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link LossStates#addAll}, a batch a loss at a time, leaves every state as {@link LossStates#add}
 * of each row in turn does, bit for bit (the states' bytes), with the same warnings and the same
 * refused rows, reported in row order with the message the row-at-a-time path throws: losses
 * written here refuse rows, leave rows to their one-sample form (which warns), and per-sample
 * states and accumulators are interleaved.
 */
class LossStatesColumnsTest {

    /** ℓ = pred − target; refuses pred < −0.8; leaves |target| > 0.9 to {@link #loss}, which warns. */
    private static final ColumnLoss DIFFERENCE = new ColumnLoss() {
        @Override
        public double loss(Sample s, Tally tally) {
            double p = s.number("pred");
            double t = s.number("target");
            if (p < -0.8) {
                throw new InvalidSampleException("pred", "below −0.8");
            }
            if (Math.abs(t) > 0.9) {
                tally.warn("a large target");
            }
            return p - t;
        }

        @Override
        public int losses(Columns c, int from, int to, double[] out) {
            double[] p = c.column("pred");
            double[] t = c.column("target");
            for (int i = from; i < to; i++) {
                if (p[i] < -0.8 || Math.abs(t[i]) > 0.9) {
                    return i;
                }
                out[i] = p[i] - t[i];
            }
            return to;
        }
    };

    /** ℓ = pred²; refuses target > 0.7. */
    private static final ColumnLoss SQUARE = new ColumnLoss() {
        @Override
        public double loss(Sample s, Tally tally) {
            if (s.number("target") > 0.7) {
                throw new InvalidSampleException("target", "above 0.7");
            }
            return s.number("pred") * s.number("pred");
        }

        @Override
        public int losses(Columns c, int from, int to, double[] out) {
            double[] p = c.column("pred");
            double[] t = c.column("target");
            for (int i = from; i < to; i++) {
                if (t[i] > 0.7) {
                    return i;
                }
                out[i] = p[i] * p[i];
            }
            return to;
        }
    };

    /** Σw·role and the count; refuses a role value above {@code limit}; its rows are in the state (order matters). */
    private static final class Summing implements ColumnAccumulator<Summing> {
        final String role;
        final double limit;
        final CompensatedSum sum = new CompensatedSum();
        final List<Double> seen = new ArrayList<>();

        Summing(String role, double limit) {
            this.role = role;
            this.limit = limit;
        }

        @Override
        public void add(Sample sample, double weight) {
            double x = sample.number(role);
            if (x > limit) {
                throw new InvalidSampleException(role, "above " + limit);
            }
            sum.add(weight * x);
            seen.add(x);
        }

        @Override
        public int addAll(Columns columns, double[] weights, int from, int to) {
            double[] x = columns.column(role);
            for (int i = from; i < to; i++) {
                if (x[i] > limit) {
                    return i;
                }
                sum.add((weights == null ? 1.0 : weights[i]) * x[i]);
                seen.add(x[i]);
            }
            return to;
        }

        @Override
        public void merge(Summing later) {
            sum.add(later.sum);
            seen.addAll(later.seen);
        }

        @Override
        public LossResult finish() {
            return LossResult.of(sum.value(), seen.size());
        }

        @Override
        public void encode(DataOutput out) throws IOException {
            sum.encode(out);
            for (double x : seen) {
                out.writeDouble(x);
            }
        }
    }

    private static AggregateLoss<Summing> summing(String role, double limit) {
        return new AggregateLoss<>() {
            @Override
            public Summing newAccumulator(Reduction reduction) {
                return new Summing(role, limit);
            }

            @Override
            public Summing decode(Reduction reduction, DataInput in) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** Rows of pred and target, as a host's columnar batch. */
    private static final class Batch implements Columns {
        final double[] pred;
        final double[] target;

        Batch(double[] pred, double[] target) {
            this.pred = pred;
            this.target = target;
        }

        @Override
        public int size() {
            return pred.length;
        }

        @Override
        public boolean has(String role) {
            return role.equals("pred") || role.equals("target");
        }

        @Override
        public boolean isVector(String role) {
            return false;
        }

        @Override
        public double[] column(String role) {
            return role.equals("pred") ? pred : target;
        }

        @Override
        public double[][] columns(String role) {
            return new double[][] {column(role)};
        }

        @Override
        public Sample row(int i) {
            return Samples.of("pred", pred[i], "target", target[i]);
        }
    }

    private static LossStates states() {
        List<LossState> states = new ArrayList<>();
        for (Object loss : new Object[] {summing("pred", 0.85), DIFFERENCE, summing("target", 0.6), SQUARE,
                                         summing("pred", 0.95)}) {
            Evaluator e = loss instanceof PerSampleLoss p ? Evaluator.of(p, Reduction.MEAN, 0)
                    : Evaluator.of((AggregateLoss<?>) loss, Reduction.MEAN, 0);
            states.add(e.newState());
        }
        return new LossStates(states, UnaryOperator.identity());
    }

    @Test
    void aBatchLeavesTheStatesAsRowAfterRowDoes() {
        Random random = new Random(20261203);
        for (int round = 0; round < 400; round++) {
            boolean weighted = round % 2 == 0;
            LossStates rows = states();
            LossStates batches = states();
            assertThat(batches.takesColumns()).isTrue();
            List<String> refusedByRows = new ArrayList<>();
            List<String> refusedByBatches = new ArrayList<>();
            int offset = 0;
            for (int b = 0; b < 5; b++) {
                int n = 1 + random.nextInt(60);
                double[] pred = new double[n];
                double[] target = new double[n];
                double[] weights = weighted ? new double[n] : null;
                for (int i = 0; i < n; i++) {
                    pred[i] = 2 * random.nextDouble() - 1;
                    target[i] = 2 * random.nextDouble() - 1;
                    if (weighted) {
                        weights[i] = random.nextInt(4) == 0 ? 0 : 3 * random.nextDouble();
                    }
                }
                Batch batch = new Batch(pred, target);
                for (int i = 0; i < n; i++) {
                    try {
                        rows.add(batch.row(i), weighted ? weights[i] : 1.0);
                    } catch (InvalidSampleException e) {
                        refusedByRows.add((offset + i) + " " + e.getMessage());
                    }
                }
                int at = offset;
                batches.addAll(batch, weights, (e, row) -> refusedByBatches.add((at + row) + " " + e.getMessage()));
                offset += n;
            }
            assertThat(refusedByBatches).isEqualTo(refusedByRows);
            for (int s = 0; s < rows.states().size(); s++) {
                LossState one = rows.states().get(s);
                LossState other = batches.states().get(s);
                assertThat(other.encode()).as("state %d, round %d", s, round).isEqualTo(one.encode());
                assertThat(other.warnings()).isEqualTo(one.warnings());
            }
        }
    }

    @Test
    void theRowsOfABatchRefusedReachTheStatesBeforeTheLossThatRefusedThem() {
        // Row 0: pred 0.9 is refused by the first accumulator (limit 0.85), so the last one
        // (limit 0.95) does not see it; row 1 (target 0.75) by SQUARE, before any accumulator; row 2
        // (target 0.65) by the second accumulator (limit 0.6), after the first took it.
        LossStates states = states();
        List<String> refused = new ArrayList<>();
        states.addAll(new Batch(new double[] {0.9, 0.1, 0.2, 0.3}, new double[] {0.0, 0.75, 0.65, 0.0}),
                null, (e, row) -> refused.add(row + " " + e.getMessage()));
        assertThat(refused).containsExactly("0 above 0.85", "1 above 0.7", "2 above 0.6");
        List<LossState> s = states.states();
        assertThat(s.get(0).finish()).isEqualTo(LossResult.of(0.2 + 0.3, 2));
        assertThat(s.get(2).finish()).isEqualTo(LossResult.of(0.0, 1));
        assertThat(s.get(4).finish()).isEqualTo(LossResult.of(0.3, 1));
        assertThat(s.get(1).finish()).isEqualTo(LossResult.of(0.3, 1));
        assertThat(s.get(3).finish()).isEqualTo(LossResult.of(0.3 * 0.3, 1));
    }

    @Test
    void aLossWithoutColumnsKeepsTheRowAtATimePath() {
        LossStates states = new LossStates(List.of(Evaluator.of((PerSampleLoss) (s, t) -> 1.0, Reduction.MEAN, 0).newState(),
                Evaluator.of(SQUARE, Reduction.MEAN, 0).newState()), UnaryOperator.identity());
        assertThat(states.takesColumns()).isFalse();
        assertThatThrownBy(() -> states.addAll(new Batch(new double[1], new double[1]), null, (e, row) -> { }))
                .isInstanceOf(IllegalStateException.class);
    }
}
