package io.losskit.builtin.sequence;

import io.losskit.builtin.align.Alignable;
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
import io.losskit.spi.ValueList;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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
abstract class ErrorRate implements LossDefinition, Alignable {

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
                .params(EditDistance.IGNORE_CASE, EditDistance.STRIP_PUNCTUATION, EditDistance.COLLAPSE_WHITESPACE)
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
        return new Rate(this, params.get(EditDistance.IGNORE_CASE), EditDistance.normalization(params));
    }

    /** The value is the utterance's own rate, as under {@code none}. */
    @Override
    public SequenceAligner aligner(Parameters params) {
        return aligner(params.get(EditDistance.IGNORE_CASE), EditDistance.normalization(params));
    }

    private SequenceAligner aligner(boolean ignoreCase, SymbolReader.Normalization normalization) {
        return new SequenceAligner(new SymbolReader(unit, ignoreCase, normalization), new EditAligner(1, 1, 1),
                (counts, predLength, targetLength) -> rate(counts.hits(),
                        counts.substitutions() + counts.deletions() + counts.insertions(), targetLength, predLength));
    }

    /** The loss, configured: which rate, and how strings are cut into symbols. */
    private record Rate(ErrorRate rate, boolean ignoreCase, SymbolReader.Normalization normalization) implements AggregateLoss<RateAccumulator> {
        @Override
        public RateAccumulator newAccumulator(Reduction reduction) {
            return new RateAccumulator(this, reduction == Reduction.NONE ? new ValueList() : null);
        }

        @Override
        public RateAccumulator decode(Reduction reduction, DataInput in) throws IOException {
            RateAccumulator a = new RateAccumulator(this, reduction == Reduction.NONE ? ValueList.decode(in) : null);
            a.weightedHits = CompensatedSum.decode(in);
            a.edits = CompensatedSum.decode(in);
            a.referenceLength = CompensatedSum.decode(in);
            a.hypothesisLength = CompensatedSum.decode(in);
            a.count = in.readLong();
            a.hits = in.readLong();
            a.substitutions = in.readLong();
            a.deletions = in.readLong();
            a.insertions = in.readLong();
            return a;
        }
    }

    /** Weighted sums of H, S + D + I and the two lengths, unweighted operation counts, and the rates under none. */
    private static final class RateAccumulator implements Accumulator<RateAccumulator> {
        private final ErrorRate rate;
        private final SequenceAligner aligner;
        private final ValueList values;
        private CompensatedSum weightedHits = new CompensatedSum();
        private CompensatedSum edits = new CompensatedSum();
        private CompensatedSum referenceLength = new CompensatedSum();
        private CompensatedSum hypothesisLength = new CompensatedSum();
        private long count;
        private long hits;
        private long substitutions;
        private long deletions;
        private long insertions;

        RateAccumulator(Rate loss, ValueList values) {
            this.rate = loss.rate();
            this.aligner = rate.aligner(loss.ignoreCase(), loss.normalization());
            this.values = values;
        }

        @Override
        public void add(Sample sample, double weight) {
            add(sample, weight, null);
        }

        @Override
        public void add(Sample sample, double weight, Tally tally) {
            double r = aligner.value(sample);
            EditAligner counts = aligner.counts();
            SymbolReader reader = aligner.reader();
            int h = counts.hits();
            int e = counts.substitutions() + counts.deletions() + counts.insertions();
            if (values != null) {
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
            substitutions += counts.substitutions();
            deletions += counts.deletions();
            insertions += counts.insertions();
        }

        @Override
        public void merge(RateAccumulator later) {
            weightedHits.add(later.weightedHits);
            edits.add(later.edits);
            referenceLength.add(later.referenceLength);
            hypothesisLength.add(later.hypothesisLength);
            count += later.count;
            hits += later.hits;
            substitutions += later.substitutions;
            deletions += later.deletions;
            insertions += later.insertions;
            if (values != null) {
                values.addAll(later.values);
            }
        }

        @Override
        public void encode(DataOutput out) throws IOException {
            if (values != null) {
                values.encode(out);
            }
            weightedHits.encode(out);
            edits.encode(out);
            referenceLength.encode(out);
            hypothesisLength.encode(out);
            out.writeLong(count);
            out.writeLong(hits);
            out.writeLong(substitutions);
            out.writeLong(deletions);
            out.writeLong(insertions);
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

    /** What describe says about mer and wil, whose values depend on the hits and not only on the edits. */
    static final String TIE_NOTE = " Hits come from the alignment the tie-break below picks (the most hits, as sclite):"
            + " where several minimum-edit alignments differ in hits, jiwer's backtrace may count fewer (pred \"morning"
            + " every one\", target \"good morning everyone\": here 1 hit, 1 substitution, 1 deletion and 1"
            + " insertion, mer 3/4 and wil 8/9; jiwer 3 substitutions, mer and wil 1).";

    /** e / n for the error rates: 0 when there is nothing to get wrong and nothing was inserted, else +∞. */
    static double perReferenceSymbol(double edits, double reference) {
        return reference > 0 ? edits / reference : (edits > 0 ? Double.POSITIVE_INFINITY : 0.0);
    }
}
