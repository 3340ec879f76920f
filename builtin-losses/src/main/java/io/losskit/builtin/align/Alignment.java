package io.losskit.builtin.align;

import java.util.List;

/**
 * One alignment of a hypothesis (pred) to a reference (target), symbol by symbol, in jiwer's
 * terms: position k holds {@code ops[k]} with the reference symbol {@code reference[k]} (null for
 * an insertion) and the hypothesis symbol {@code hypothesis[k]} (null for a deletion).
 *
 * @param reference the reference's symbols as compared (after the loss's text transformations, in
 *     their own case), null where the hypothesis has a symbol the reference lacks
 * @param hypothesis the hypothesis's symbols likewise, null where it lacks a reference symbol
 * @param ops what happens at each position
 * @param characters whether the symbols are a string's characters (cer, edit-distance with
 *     unit=char), which jiwer shows without spaces between them, rather than words or tokens
 */
public record Alignment(List<String> reference, List<String> hypothesis, List<Op> ops, boolean characters) {

    /** An operation of the alignment, named as jiwer names it, with the marker its visualisation shows. */
    public enum Op {
        EQUAL(' ', "equal"), SUBSTITUTE('S', "substitute"), DELETE('D', "delete"), INSERT('I', "insert");

        private final char marker;
        private final String jiwerName;

        Op(char marker, String jiwerName) {
            this.marker = marker;
            this.jiwerName = jiwerName;
        }

        /** What jiwer's {@code visualize_alignment} prints under the position: ' ', 'S', 'D' or 'I'. */
        public char marker() {
            return marker;
        }

        /** jiwer's name of the operation: equal, substitute, delete, insert. */
        public String jiwerName() {
            return jiwerName;
        }
    }

    public Alignment {
        reference = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(reference));
        hypothesis = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(hypothesis));
        ops = List.copyOf(ops);
        if (reference.size() != ops.size() || hypothesis.size() != ops.size()) {
            throw new IllegalArgumentException("an alignment's reference, hypothesis and operations differ in length: "
                    + reference.size() + ", " + hypothesis.size() + ", " + ops.size());
        }
    }

    /** How many positions hold {@code op}. */
    public int count(Op op) {
        int n = 0;
        for (Op o : ops) {
            if (o == op) {
                n++;
            }
        }
        return n;
    }
}
