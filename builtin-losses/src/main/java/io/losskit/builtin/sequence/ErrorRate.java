package io.losskit.builtin.sequence;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A corpus-level error rate, the shape cer and wer share: value = Σwᵢ·eᵢ / Σwᵢ·nᵢ, where eᵢ is the
 * unit edit distance of sample i and nᵢ the length of its target (reference) — a ratio of sums,
 * not the mean of per-sample rates. With no weights, Σ edits / Σ reference length, as jiwer and
 * sclite compute it.
 */
abstract class ErrorRate implements LossDefinition {

    private final LossDescriptor descriptor;
    private final SymbolReader.Unit unit;

    /**
     * @param id the loss id
     * @param symbols what the symbols are called in the notes, e.g. {@code words}
     * @param symbolsNote the describe text on how a string is cut into symbols
     * @param unit how a string is cut into symbols
     * @param summary the descriptor's summary
     * @param formula the descriptor's formula
     * @param reference the descriptor's reference
     */
    ErrorRate(String id, String symbols, String symbolsNote, SymbolReader.Unit unit, String summary, String formula,
              String reference) {
        this.descriptor = LossDescriptor.builder(id, "sequence")
                .summary(summary)
                .formula(formula)
                .reference(reference)
                .notes(notes(symbols, symbolsNote))
                .roles(EditDistance.PRED, EditDistance.TARGET, EditDistance.WEIGHT)
                .params(EditDistance.IGNORE_CASE)
                .reductions(Reduction.MEAN)
                .details(EditDistance.HITS, EditDistance.SUBSTITUTIONS, EditDistance.DELETIONS,
                        EditDistance.INSERTIONS)
                .build();
        this.unit = unit;
    }

    @Override
    public LossDescriptor descriptor() {
        return descriptor;
    }

    private static String notes(String symbols, String symbolsNote) {
        return "Corpus level: Σ edits / Σ reference " + symbols + " over the whole input (with weights:"
                + " Σwᵢeᵢ / Σwᵢnᵢ), not the mean of per-sample rates; only reduction mean (use edit-distance for"
                + " per-sample values or the total number of edits). Edits are unit-cost insertions, deletions and"
                + " substitutions. An input whose references are all empty gives 0 when there are no edits and +∞"
                + " otherwise. " + symbolsNote + " " + EditDistance.LISTS_NOTE + " " + EditDistance.TIE_BREAK_NOTE;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        boolean ignoreCase = params.getBoolean("ignore-case");
        Unit u = new Unit(unit, ignoreCase);
        return (AggregateLoss) reduction -> new RateAccumulator(u);
    }

    /** The configuration an accumulator needs. */
    private record Unit(SymbolReader.Unit unit, boolean ignoreCase) {
    }

    /** Σ weighted edits, Σ weighted reference lengths and the unweighted operation counts. */
    private static final class RateAccumulator implements Accumulator {
        private final SymbolReader reader;
        private final EditAligner aligner = new EditAligner(1, 1, 1);
        private final CompensatedSum edits = new CompensatedSum();
        private final CompensatedSum referenceLength = new CompensatedSum();
        private long count;
        private long hits;
        private long substitutions;
        private long deletions;
        private long insertions;

        RateAccumulator(Unit u) {
            this.reader = new SymbolReader(u.unit(), u.ignoreCase());
        }

        @Override
        public void add(Sample sample, double weight) {
            reader.read(sample);
            aligner.align(reader.pred(), reader.predLength(), reader.target(), reader.targetLength());
            edits.add(weight * aligner.cost());
            referenceLength.add(weight * reader.targetLength());
            count++;
            hits += aligner.hits();
            substitutions += aligner.substitutions();
            deletions += aligner.deletions();
            insertions += aligner.insertions();
        }

        @Override
        public void merge(Accumulator other) {
            RateAccumulator o = (RateAccumulator) other;
            edits.add(o.edits);
            referenceLength.add(o.referenceLength);
            count += o.count;
            hits += o.hits;
            substitutions += o.substitutions;
            deletions += o.deletions;
            insertions += o.insertions;
        }

        @Override
        public LossResult finish() {
            double e = edits.value();
            double n = referenceLength.value();
            double value = n > 0 ? e / n : (e > 0 ? Double.POSITIVE_INFINITY : 0.0);
            Map<String, Long> details = new LinkedHashMap<>();
            details.put(EditDistance.HITS, hits);
            details.put(EditDistance.SUBSTITUTIONS, substitutions);
            details.put(EditDistance.DELETIONS, deletions);
            details.put(EditDistance.INSERTIONS, insertions);
            return new LossResult(value, null, count, details);
        }
    }
}
