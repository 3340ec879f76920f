package io.losskit.core;

import io.losskit.spi.BatchLoss;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.LossResult;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch loss: samples are kept until their batch is full (or the input ends), the batch is
 * evaluated, and the batches' sums and terms add up: mean = Σ sum / Σ terms, sum = Σ sum.
 * Merging closes this state's open batch and continues with the later state's, so states of an
 * input cut at multiples of the batch size merge into the one-pass result.
 */
final class BatchState extends LossState {

    private final BatchLoss loss;
    private final int batchSize;
    private List<Sample> batch = new ArrayList<>();
    private final CompensatedSum sum;
    private long terms;
    private long batches;
    private long emptyBatches;

    BatchState(Evaluator evaluator, BatchLoss loss) {
        super(evaluator);
        this.loss = loss;
        this.batchSize = evaluator.batchSize();
        this.sum = new CompensatedSum();
    }

    BatchState(Evaluator evaluator, BatchLoss loss, DataInput in) throws IOException {
        super(evaluator);
        tally.decode(in);
        this.loss = loss;
        this.batchSize = evaluator.batchSize();
        this.sum = CompensatedSum.decode(in);
        this.terms = in.readLong();
        this.batches = in.readLong();
        this.emptyBatches = in.readLong();
    }

    @Override
    double prepare(Sample sample) {
        return 0;
    }

    /** Keeps {@code sample}, which must stay valid until its batch is evaluated. */
    @Override
    void commit(Sample sample, double prepared, double weight) {
        batch.add(sample);
        if (batchSize > 0 && batch.size() == batchSize) {
            flush();
        }
    }

    @Override
    boolean keepsSamples() {
        return true;
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        List<Sample> samples = List.copyOf(batch);
        batch.clear();
        BatchLoss.BatchValue v;
        try {
            v = loss.evaluate(samples, tally);
        } catch (InvalidSampleException e) {
            int i = e.batchIndex();
            throw new BatchSampleException(e, i >= 0 && i < samples.size() ? samples.get(i) : samples.get(0));
        }
        batches++;
        if (v.terms() > 0) {
            sum.add(v.sum());
            terms += v.terms();
        } else {
            emptyBatches++;
        }
    }

    @Override
    void mergeShape(LossState later) {
        BatchState other = (BatchState) later;
        flush();
        sum.add(other.sum);
        terms += other.terms;
        batches += other.batches;
        emptyBatches += other.emptyBatches;
        batch = other.batch;
        other.batch = new ArrayList<>();
    }

    @Override
    LossResult result() {
        flush();
        double value = evaluator.reduction() == Reduction.SUM ? sum.value() : sum.value() / terms;
        return LossResult.of(value, terms);
    }

    @Override
    public Map<String, Long> warnings() {
        if (emptyBatches == 0) {
            return super.warnings();
        }
        Map<String, Long> all = new LinkedHashMap<>(tally.warnings());
        all.merge(emptyBatches + " of " + batches + " batch(es) had no valid term and were left out", 1L, Long::sum);
        return all;
    }

    @Override
    void settle() {
        flush();
    }

    @Override
    void encodeShape(DataOutput out) throws IOException {
        sum.encode(out);
        out.writeLong(terms);
        out.writeLong(batches);
        out.writeLong(emptyBatches);
    }
}
