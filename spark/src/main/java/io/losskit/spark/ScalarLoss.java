package io.losskit.spark;

import io.losskit.spi.CompensatedSum;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Tally;
import java.io.Serializable;
import java.util.Collections;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The arithmetic of {@link ScalarLossAggregate}: a per-sample loss's weighted term for one row of
 * number roles, and the steps of the {@link CompensatedSum}s that the aggregate keeps as plain
 * doubles in Spark's buffer. Public only because the code Spark generates for the aggregate calls
 * it; not an API.
 *
 * <p>What a row adds is what the kernel's per-sample state adds ({@code PerSampleState.commit}):
 * the term {@code w·ℓ} (0 when {@code w} is 0, even for an infinite ℓ) to the weighted sum and
 * {@code w} to the sum of weights, where {@code w} is the weight column, or 1 without one or when
 * the loss takes no weight. The sums are the kernel's own {@link CompensatedSum}, restored from
 * and taken back to two doubles at each step, so the values are the kernel's bit for bit (the
 * JIT removes those objects from the generated loop: a profile of the 10M-row benchmark saw about
 * 1 % of them allocated, before the loop was compiled).
 */
public final class ScalarLoss implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Details and warnings do not reach an aggregate that gives only the value. */
    private static final Tally NO_TALLY = new Tally() {
        @Override
        public void count(String key, long n) {
        }

        @Override
        public void warn(String message) {
        }
    };

    private final LossRecipe recipe;
    /** The field of the weight, or -1 when the loss sees weight 1. */
    private final int weight;
    private transient PerSampleLoss loss;
    private transient UnsafeRow row;
    private transient InternalRowSample sample;

    ScalarLoss(LossRecipe recipe) {
        this.recipe = recipe;
        this.weight = recipe.takesWeight() ? recipe.roles.indexOf(LossDescriptor.WEIGHT) : -1;
    }

    /** Whether the rows have a weight that the loss applies. */
    boolean weighted() {
        return weight >= 0;
    }

    /** The field of the weight that the loss applies (when {@link #weighted}). */
    int weightField() {
        return weight;
    }

    /** The recipe as text, for Catalyst to tell two aggregates apart. */
    String key() {
        return recipe.key();
    }

    /** A kernel of the same recipe for one thread, with a loss instance of its own (losses need not be thread-safe). */
    public ScalarLoss copy() {
        ScalarLoss k = new ScalarLoss(recipe);
        int n = recipe.roles.size();
        k.loss = recipe.newPerSampleLoss();
        k.row = new UnsafeRow(n);
        k.row.pointTo(new byte[UnsafeRow.calculateBitSetWidthInBytes(n) + 8 * n], UnsafeRow.calculateBitSetWidthInBytes(n) + 8 * n);
        k.sample = new InternalRowSample(recipe.roles, Collections.nCopies(n, (DataType) DataTypes.DoubleType)).of(k.row);
        return k;
    }

    /** Sets role {@code field} (in the recipe's order) of the current row. */
    public void set(int field, double value) {
        row.setDouble(field, value);
    }

    /** {@code w·ℓ} of the current row, 0 when {@code w} is 0. */
    public double term() {
        double value = loss.loss(sample, NO_TALLY);
        double w = weight < 0 ? 1.0 : row.getDouble(weight);
        return w == 0 ? 0 : w * value;
    }

    /** The running sum of {@code (sum, compensation)} once {@code x} is added. */
    public static double sumAfterAdd(double sum, double compensation, double x) {
        CompensatedSum s = CompensatedSum.of(sum, compensation);
        s.add(x);
        return s.sum();
    }

    /** The compensation of {@code (sum, compensation)} once {@code x} is added. */
    public static double compensationAfterAdd(double sum, double compensation, double x) {
        CompensatedSum s = CompensatedSum.of(sum, compensation);
        s.add(x);
        return s.compensation();
    }

    /** The running sum of {@code (sum, compensation)} once the sum {@code (otherSum, otherCompensation)} is added. */
    public static double sumAfterMerge(double sum, double compensation, double otherSum, double otherCompensation) {
        CompensatedSum s = CompensatedSum.of(sum, compensation);
        s.add(CompensatedSum.of(otherSum, otherCompensation));
        return s.sum();
    }

    /** The compensation of {@code (sum, compensation)} once the sum {@code (otherSum, otherCompensation)} is added. */
    public static double compensationAfterMerge(double sum, double compensation, double otherSum, double otherCompensation) {
        CompensatedSum s = CompensatedSum.of(sum, compensation);
        s.add(CompensatedSum.of(otherSum, otherCompensation));
        return s.compensation();
    }

    /** The reduction {@code sum}: the weighted sum's value. */
    public static double sum(double weightedSum, double weightedCompensation) {
        return CompensatedSum.of(weightedSum, weightedCompensation).value();
    }

    /** The reduction {@code mean}: Σw·ℓ / Σw, as the kernel's per-sample state gives it. */
    public static double mean(double weightedSum, double weightedCompensation, double weightSum, double weightCompensation) {
        return sum(weightedSum, weightedCompensation) / sum(weightSum, weightCompensation);
    }
}
