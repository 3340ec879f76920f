package io.losskit.builtin.sequence;

import io.losskit.builtin.align.Aligner;
import io.losskit.builtin.align.Alignment;
import io.losskit.spi.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link Aligner} of the edit-distance family: a sample read by a {@link SymbolReader},
 * aligned by an {@link EditAligner}, its value computed from the counts. The losses use it too
 * ({@link #value} then {@link #counts}), so the value and counts it gives are theirs.
 */
final class SequenceAligner implements Aligner {

    /** A sample's value from its counts and lengths. */
    @FunctionalInterface
    interface Value {
        double of(EditAligner counts, int predLength, int targetLength);
    }

    private final SymbolReader reader;
    private final EditAligner aligner;
    private final Value value;

    SequenceAligner(SymbolReader reader, EditAligner aligner, Value value) {
        this.reader = reader;
        this.aligner = aligner;
        this.value = value;
    }

    @Override
    public double value(Sample sample) {
        reader.read(sample);
        aligner.align(reader.pred(), reader.predLength(), reader.target(), reader.targetLength());
        return value.of(aligner, reader.predLength(), reader.targetLength());
    }

    /** The counts of the last {@link #value}. */
    EditAligner counts() {
        return aligner;
    }

    /** The reader, holding the last sample's symbols. */
    SymbolReader reader() {
        return reader;
    }

    @Override
    public Alignment align(Sample sample) {
        reader.read(sample);
        Alignment.Op[] ops = aligner.trace(reader.pred(), reader.predLength(), reader.target(), reader.targetLength(),
                MAX_CELLS);
        String[] ref = reader.symbols(sample, "target");
        String[] hyp = reader.symbols(sample, "pred");
        List<String> reference = new ArrayList<>(ops.length);
        List<String> hypothesis = new ArrayList<>(ops.length);
        int r = 0;
        int h = 0;
        for (Alignment.Op op : ops) {
            reference.add(op == Alignment.Op.INSERT ? null : ref[r++]);
            hypothesis.add(op == Alignment.Op.DELETE ? null : hyp[h++]);
        }
        return new Alignment(reference, hypothesis, Arrays.asList(ops), reader.characters(sample));
    }
}
