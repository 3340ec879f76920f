package io.losskit.core.stats;

import io.losskit.core.Evaluator;
import io.losskit.core.LossState;
import io.losskit.core.LossStates;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Sample;
import io.losskit.spi.ValueList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Two systems (a baseline and a candidate) scored by one loss on the same records, for
 * {@code losskit compare}: both values, their difference, a paired bootstrap interval of the
 * difference, and two p-values, by paired bootstrap and by approximate randomization.
 *
 * <p>The bootstrap is paired because both systems' replicates draw the same counts (the counts
 * depend only on the seed, the record's ordinal and the replicate): the difference's replicates
 * are differences of replicates, and it streams in constant memory as {@link BootstrapState} does.
 * Approximate randomization swaps the systems' values record by record, so it keeps one number per
 * record (8 bytes: wᵢ(ℓᵢ′ − ℓᵢ)); it is done for per-sample losses, whose value is a sum of such
 * terms, and not for aggregate losses (a ratio of sums, a root), whose {@link #finish} leaves its
 * p-value NaN.
 */
public final class PairedComparison {

    private final BootstrapState baseline;
    private final BootstrapState candidate;
    private final int trials;
    /** Per-sample loss with trials: each record's wᵢ(ℓᵢ′ − ℓᵢ), in record order. */
    private final ValueList differences;
    private final LossStates baselineAlone;
    private final LossStates candidateAlone;
    private final byte[] counts;

    /**
     * @param trials approximate randomization trials, 0 for none
     * @throws IllegalArgumentException for a batch loss or reduction {@code none} (see {@link BootstrapState})
     */
    public PairedComparison(Evaluator evaluator, Resampling resampling, int trials) {
        if (trials < 0) {
            throw new IllegalArgumentException("the number of randomization trials is negative: " + trials);
        }
        this.baseline = new BootstrapState(evaluator, resampling);
        this.candidate = new BootstrapState(evaluator, resampling);
        this.trials = trials;
        this.differences = trials > 0 && evaluator.shape() == PerSampleLoss.class ? new ValueList() : null;
        this.baselineAlone = new LossStates(List.of(baseline.point()), UnaryOperator.identity());
        this.candidateAlone = new LossStates(List.of(candidate.point()), UnaryOperator.identity());
        this.counts = new byte[resampling.resamples()];
    }

    /**
     * Adds one record, as each system saw it: {@link #prepare}, then {@link #commit}.
     *
     * @param ordinal the record's position in the whole input (see {@link BootstrapState#add})
     * @param weight the record's weight (the same for both systems)
     * @throws PairedSampleException when the loss refuses either sample, saying whose
     */
    public void add(long ordinal, Sample baselineSample, Sample candidateSample, double weight) {
        prepare(baselineSample, candidateSample);
        commit(ordinal, baselineSample, candidateSample, weight);
    }

    /**
     * Works out both systems' per-sample values of a record, leaving the comparison as it was
     * when the loss refuses either sample (so that the record can be skipped).
     *
     * @throws PairedSampleException when the loss refuses either sample, saying whose
     */
    public void prepare(Sample baselineSample, Sample candidateSample) {
        try {
            baselineAlone.prepare(baselineSample);
        } catch (InvalidSampleException e) {
            throw new PairedSampleException(false, e);
        }
        try {
            candidateAlone.prepare(candidateSample);
        } catch (InvalidSampleException e) {
            throw new PairedSampleException(true, e);
        }
    }

    /**
     * Adds the record last given to {@link #prepare}.
     *
     * @throws PairedSampleException when an accumulator (an aggregate loss) refuses either sample;
     *     a refusal of the candidate's leaves the baseline's taken (so stop, do not skip)
     */
    public void commit(long ordinal, Sample baselineSample, Sample candidateSample, double weight) {
        try {
            baselineAlone.commit(baselineSample, weight);
        } catch (InvalidSampleException e) {
            throw new PairedSampleException(false, e);
        }
        try {
            candidateAlone.commit(candidateSample, weight);
        } catch (InvalidSampleException e) {
            throw new PairedSampleException(true, e);
        }
        if (baseline.needsCounts()) {
            baseline.resampling().weights(ordinal, counts);
        }
        double b = baselineAlone.value(0);
        double c = candidateAlone.value(0);
        baseline.spread(ordinal, counts, baselineSample, b, weight);
        candidate.spread(ordinal, counts, candidateSample, c, weight);
        if (differences != null) {
            double w = baseline.evaluator().takesWeight() ? weight : 1.0;
            differences.add(w == 0 ? 0 : w * c - w * b);
        }
    }

    /** Folds in {@code later}, the comparison over the records after these ones'. */
    public void merge(PairedComparison later) {
        baseline.merge(later.baseline);
        candidate.merge(later.candidate);
        if (differences != null) {
            differences.addAll(later.differences);
        }
    }

    /** The states of each system (their {@link LossState#finish} gives each system's value). */
    public List<BootstrapState> states() {
        return List.of(baseline, candidate);
    }

    /**
     * The comparison at confidence {@code level} percent.
     *
     * @throws IllegalArgumentException unless 0 &lt; level &lt; 100
     */
    public ComparisonResult finish(double level) {
        BootstrapResult b = baseline.finish();
        BootstrapResult c = candidate.finish();
        double[] deltas = new double[b.replicates().length];
        for (int r = 0; r < deltas.length; r++) {
            deltas[r] = c.replicates()[r] - b.replicates()[r];
        }
        double difference = c.point().value() - b.point().value();
        Resampling resampling = baseline.resampling();
        double pRandom = differences == null ? Double.NaN
                : Randomization.pValue(differences.toArray(), trials, resampling.seed());
        return new ComparisonResult(b.point(), c.point(), difference, Interval.percentile(deltas, level, resampling),
                bootstrapP(deltas, difference), pRandom, differences == null ? 0 : trials);
    }

    /**
     * The paired bootstrap's p-value (Koehn 2004, as sacrebleu's {@code --paired-bs}): the replicates'
     * differences δᵣ are shifted to mean 0 (the null hypothesis), and p = (1 + #{|δᵣ − δ̄| ≥ |δ|}) / (B + 1)
     * over the replicates with a value. sacrebleu shifts |δᵣ| instead and counts strictly above,
     * which gives a system compared with itself p = 1/(B + 1); here it gets 1.
     */
    static double bootstrapP(double[] deltas, double difference) {
        double sum = 0;
        int n = 0;
        for (double d : deltas) {
            if (!Double.isNaN(d)) {
                sum += d;
                n++;
            }
        }
        if (n == 0 || !Double.isFinite(sum) || !Double.isFinite(difference)) {
            return Double.NaN;
        }
        double mean = sum / n;
        double observed = Math.abs(difference);
        long atLeast = 0;
        for (double d : deltas) {
            if (!Double.isNaN(d) && Math.abs(d - mean) >= observed) {
                atLeast++;
            }
        }
        return (atLeast + 1.0) / (n + 1.0);
    }
}
