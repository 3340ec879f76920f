package io.losskit.builtin.sequence;

import io.losskit.builtin.math.Values;
import io.losskit.spi.Accumulator;
import io.losskit.spi.AggregateLoss;
import io.losskit.spi.CompensatedSum;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.LossResult;
import io.losskit.spi.Parameters;
import io.losskit.spi.Reduction;
import io.losskit.spi.Sample;
import io.losskit.spi.Tally;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The shape the ASR rates (cer, wer, mer, wil) share: a rate of the hits H, substitutions S,
 * deletions D and insertions I of one minimum-edit alignment per utterance (see
 * {@link EditAligner}), summed over the corpus with the sample weights wᵢ — a ratio of sums, not
 * the mean of per-utterance rates, as jiwer and sclite compute it. Under {@code none}, each
 * utterance's own rate, unweighted.
 */
abstract class ErrorRate implements LossDefinition {

    private final LossDescriptor descriptor;
    private final SymbolReader.Unit unit;

    /**
     * @param id the loss id
     * @param unit how a string is cut into symbols: {@code CHAR} or {@code WORD}
     * @param summary the descriptor's summary
     * @param formula the descriptor's formula
     * @param reference the descriptor's reference
     * @param rateNote the describe text on the rate: its sums and its empty cases
     */
    ErrorRate(String id, SymbolReader.Unit unit, String summary, String formula, String reference, String rateNote) {
        this.descriptor = LossDescriptor.builder(id, "sequence")
                .summary(summary)
                .formula(formula)
                .reference(reference)
                .notes(rateNote + " Under reduction none, each utterance's own rate (unweighted), in input order; sum"
                        + " is not supported. Edits are unit-cost insertions, deletions and substitutions. "
                        + (unit == SymbolReader.Unit.CHAR ? EditDistance.CHARS_NOTE : EditDistance.WORDS_NOTE) + " "
                        + EditDistance.LISTS_NOTE + " " + EditDistance.TIE_BREAK_NOTE)
                .roles(EditDistance.PRED, EditDistance.TARGET).weighted()
                .params(EditDistance.IGNORE_CASE)
                .reductions(Reduction.MEAN, Reduction.NONE)
                .details(EditDistance.HITS, EditDistance.SUBSTITUTIONS, EditDistance.DELETIONS,
                        EditDistance.INSERTIONS)
                .build();
        this.unit = unit;
    }

    /**
     * The rate of {@code hits} H and {@code edits} S + D + I over {@code reference} (H + S + D) and
     * {@code hypothesis} (H + S + I) symbols: weighted sums over the corpus, or one utterance's counts.
     */
    abstract double rate(double hits, double edits, double reference, double hypothesis);

    @Override
    public LossDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        boolean ignoreCase = params.get(EditDistance.IGNORE_CASE);
        return (AggregateLoss) reduction -> new RateAccumulator(this, new SymbolReader(unit, ignoreCase),
                reduction == Reduction.NONE ? new Values() : null);
    }

    /** Weighted sums of H, S + D + I and the two lengths, unweighted operation counts, and the rates under none. */
    private static final class RateAccumulator implements Accumulator {
        private final ErrorRate rate;
        private final SymbolReader reader;
        private final Values values;
        private final EditAligner aligner = new EditAligner(1, 1, 1);
        private final CompensatedSum weightedHits = new CompensatedSum();
        private final CompensatedSum edits = new CompensatedSum();
        private final CompensatedSum referenceLength = new CompensatedSum();
        private final CompensatedSum hypothesisLength = new CompensatedSum();
        private long count;
        private long hits;
        private long substitutions;
        private long deletions;
        private long insertions;

        RateAccumulator(ErrorRate rate, SymbolReader reader, Values values) {
            this.rate = rate;
            this.reader = reader;
            this.values = values;
        }

        @Override
        public void add(Sample sample, double weight) {
            add(sample, weight, null);
        }

        @Override
        public void add(Sample sample, double weight, Tally tally) {
            reader.read(sample);
            aligner.align(reader.pred(), reader.predLength(), reader.target(), reader.targetLength());
            int h = aligner.hits();
            int e = aligner.substitutions() + aligner.deletions() + aligner.insertions();
            if (values != null) {
                double r = rate.rate(h, e, reader.targetLength(), reader.predLength());
                if (Double.isInfinite(r) && tally != null) {
                    tally.warn("an empty reference with a non-empty pred: that utterance's rate is +∞");
                }
                values.add(r);
            }
            weightedHits.add(weight * h);
            edits.add(weight * e);
            referenceLength.add(weight * reader.targetLength());
            hypothesisLength.add(weight * reader.predLength());
            count++;
            hits += h;
            substitutions += aligner.substitutions();
            deletions += aligner.deletions();
            insertions += aligner.insertions();
        }

        @Override
        public void merge(Accumulator other) {
            RateAccumulator o = (RateAccumulator) other;
            weightedHits.add(o.weightedHits);
            edits.add(o.edits);
            referenceLength.add(o.referenceLength);
            hypothesisLength.add(o.hypothesisLength);
            count += o.count;
            hits += o.hits;
            substitutions += o.substitutions;
            deletions += o.deletions;
            insertions += o.insertions;
            if (values != null) {
                values.addAll(o.values);
            }
        }

        @Override
        public LossResult finish() {
            Map<String, Long> details = new LinkedHashMap<>();
            details.put(EditDistance.HITS, hits);
            details.put(EditDistance.SUBSTITUTIONS, substitutions);
            details.put(EditDistance.DELETIONS, deletions);
            details.put(EditDistance.INSERTIONS, insertions);
            if (values != null) {
                return new LossResult(Double.NaN, values.toArray(), count, details);
            }
            double value = rate.rate(weightedHits.value(), edits.value(), referenceLength.value(),
                    hypothesisLength.value());
            return new LossResult(value, null, count, details);
        }
    }

    /** e / n for the error rates: 0 when there is nothing to get wrong and nothing was inserted, else +∞. */
    static double perReferenceSymbol(double edits, double reference) {
        return reference > 0 ? edits / reference : (edits > 0 ? Double.POSITIVE_INFINITY : 0.0);
    }
}
