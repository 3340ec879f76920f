package io.losskit.spark;

import io.losskit.spi.LossResult;
import io.losskit.spi.Sample;

/**
 * The part of a loss's evaluation state that the Spark adapter needs: feed, merge, finish, and
 * bytes for the shuffle. The kernel's {@code io.losskit.core.LossState} has this shape; the adapter
 * is not moved onto it yet, so {@link PerSampleEvaluation} provides it for per-sample losses. Public only for the code
 * that Spark generates around the buffer.
 */
public interface EvaluationState {

    void add(Sample sample, double weight);

    /** Folds in {@code later}, the state of rows after this one's. */
    void merge(EvaluationState later);

    LossResult finish();

    byte[] encode();
}
