package io.losskit.spi;

import java.util.List;

/**
 * A loss that is a function of a whole batch of samples (the metric-learning losses over
 * labelled embeddings). The input is cut into batches of a given number of consecutive samples
 * (by default, the whole input is one batch) and the batches' values combine as Σ sum / Σ terms
 * for {@code mean} and Σ sum for {@code sum}, so batches can be evaluated apart (on other
 * threads or machines) and merged. There is no per-sample value ({@code none}). Memory grows
 * with the batch size.
 */
@FunctionalInterface
public non-sealed interface BatchLoss extends Loss {

    /**
     * Evaluates one batch.
     *
     * @param batch the batch's samples, in input order
     * @param tally where to count {@code details} entries and report warnings
     * @return the sum of the batch's terms and how many terms there were
     * @throws InvalidSampleException when a value is outside the loss's domain
     */
    BatchValue evaluate(List<Sample> batch, Tally tally);

    /**
     * The value of one batch.
     *
     * @param sum the sum of the batch's terms
     * @param terms how many terms (pairs, triplets, anchors…) the batch contributed; 0 when it
     *     had none, in which case {@code sum} is ignored
     */
    record BatchValue(double sum, long terms) {
    }
}
