package io.losskit.builtin.sequence;

import io.losskit.builtin.align.Alignable;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import java.util.Set;

/**
 * Edit distance (Levenshtein): ℓᵢ = the minimum total cost of insertions, deletions and
 * substitutions that turn pred into target — inserting a target symbol costs {@code ins-cost},
 * deleting a pred symbol {@code del-cost}, replacing one {@code sub-cost}; with {@code normalize}
 * divided by max(1, target length).
 *
 * <p>Agrees with python-Levenshtein {@code distance} (unit costs, code points) and TensorFlow
 * {@code edit_distance(normalize=…)}. Reports hits, substitutions, deletions and insertions of one
 * minimum-cost alignment, named as jiwer and sclite name them (see {@link EditAligner} for the
 * tie-break).
 */
public final class EditDistance implements LossDefinition, Alignable {

    static final ParamSpec<SymbolReader.Unit> UNIT = ParamSpec.ofChoice("unit", SymbolReader.Unit.CHAR,
            "symbols of a string: char = Unicode code points, word = whitespace-separated words,"
            + " token = whitespace-separated tokens or a JSON array in a cell",
            SymbolReader.Unit.values());

    static final ParamSpec<Boolean> NORMALIZE = ParamSpec.ofBoolean("normalize", "false", "divide by max(1, target length)");

    static final ParamSpec<Double> INS_COST = ParamSpec.ofDouble("ins-cost", "1", "cost of inserting a target symbol into pred")
            .atLeast(0);

    static final ParamSpec<Double> DEL_COST = ParamSpec.ofDouble("del-cost", "1", "cost of deleting a pred symbol")
            .atLeast(0);

    static final ParamSpec<Double> SUB_COST = ParamSpec.ofDouble("sub-cost", "1", "cost of replacing a pred symbol by a target symbol")
            .atLeast(0);

    static final String HITS = "hits";
    static final String SUBSTITUTIONS = "substitutions";
    static final String DELETIONS = "deletions";
    static final String INSERTIONS = "insertions";

    static final RoleSpec PRED = RoleSpec.required("pred", RoleKind.SEQUENCE,
            "the hypothesis: a string, or a list of tokens");
    static final RoleSpec TARGET = RoleSpec.required("target", RoleKind.SEQUENCE,
            "the reference: a string, or a list of tokens");

    static final ParamSpec<Boolean> IGNORE_CASE = ParamSpec.ofBoolean("ignore-case", "false",
            "compare code points case-insensitively (each folded to upper then lower case, as Java's equalsIgnoreCase)");

    static final ParamSpec<Boolean> STRIP_PUNCTUATION = ParamSpec.ofBoolean("strip-punctuation", "false",
            "remove every Unicode punctuation character (category P*) from a string first, as jiwer's RemovePunctuation");

    static final ParamSpec<Boolean> COLLAPSE_WHITESPACE = ParamSpec.ofBoolean("collapse-whitespace", "false",
            "replace runs of two or more whitespace characters by one space and strip both ends, as jiwer's"
            + " RemoveMultipleSpaces then Strip");

    /** The two text transformations, read from {@code params}. */
    static SymbolReader.Normalization normalization(Parameters params) {
        return new SymbolReader.Normalization(params.get(STRIP_PUNCTUATION), params.get(COLLAPSE_WHITESPACE));
    }

    /** What describe says about the alignment the details come from; shared with cer and wer. */
    static final String TIE_BREAK_NOTE = "details: hits, substitutions, deletions and insertions of one alignment of"
            + " minimum cost under the costs in force, named as jiwer and sclite name them: a deletion is a target (reference) symbol missing from"
            + " pred, an insertion a pred symbol that is not in the target. Tie-break: among the minimum-cost alignments,"
            + " the one with the fewest substitutions (the most hits) — the one sclite's weights (substitution 4,"
            + " insertion/deletion 3) prefer, so the counts equal sclite's whenever sclite's alignment is itself a"
            + " minimum-edit one; remaining ties, which cannot change the totals, go in sclite's order: match or"
            + " substitution, then deletion, then insertion. Example: pred \"a b\", target \"b a\" has distance 2,"
            + " counted as 1 hit, 1 deletion, 1 insertion rather than 2 substitutions.";

    static final String CHARS_NOTE = "Characters are Unicode code points (an astral character is one symbol, a"
            + " combining mark one of its own, no Unicode normalisation), as python-Levenshtein counts a Python str.";
    static final String WORDS_NOTE = "Words are split like Python's str.split(): on runs of Unicode whitespace (tabs"
            + " and no-break spaces included), no empty words; jiwer splits on spaces only.";
    static final String LISTS_NOTE = "A value given as a list is a token sequence as it stands. ignore-case folds each"
            + " code point (upper, then lower case: σ and ς compare equal), so lengths stay the same."
            + " strip-punctuation, then collapse-whitespace, change a string before it is cut into symbols"
            + " (not a list): they are jiwer's RemovePunctuation and RemoveMultipleSpaces + Strip.";

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("edit-distance", "sequence")
            .aliases("levenshtein")
            .summary("minimum cost of insertions, deletions and substitutions turning pred into target")
            .formula("ℓᵢ = min over alignments of ins-cost·#inserted target symbols + del-cost·#deleted pred symbols"
                    + " + sub-cost·#substitutions; with normalize: ℓᵢ / max(1, |target|)")
            .roles(PRED, TARGET).weighted()
            .params(
                    UNIT,
                    NORMALIZE,
                    INS_COST,
                    DEL_COST,
                    SUB_COST,
                    IGNORE_CASE,
                    STRIP_PUNCTUATION,
                    COLLAPSE_WHITESPACE)
            .details(HITS, SUBSTITUTIONS, DELETIONS, INSERTIONS)
            .reference("python-Levenshtein distance; TensorFlow edit_distance(normalize=…)")
            .notes("Operations turn pred into target, as LOSSES.md says: a target symbol missing from pred costs"
                    + " ins-cost (jiwer and sclite count it as a deletion). unit=char: " + CHARS_NOTE + " unit=word: "
                    + WORDS_NOTE + " unit=token: a string holds whitespace-separated tokens, or a JSON array. "
                    + LISTS_NOTE + " " + TIE_BREAK_NOTE
                    + " Details are unweighted counts.")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        SequenceAligner aligner = aligner(params);
        return (PerSampleLoss) (sample, tally) -> {
            double d = aligner.value(sample);
            EditAligner counts = aligner.counts();
            tally.count(HITS, counts.hits());
            tally.count(SUBSTITUTIONS, counts.substitutions());
            tally.count(DELETIONS, counts.deletions());
            tally.count(INSERTIONS, counts.insertions());
            return d;
        };
    }

    /** The value is ℓᵢ, the weighted cost (divided by max(1, target length) with normalize). */
    @Override
    public SequenceAligner aligner(Parameters params) {
        boolean normalize = params.get(NORMALIZE);
        return new SequenceAligner(new SymbolReader(params.get(UNIT), params.get(IGNORE_CASE), normalization(params)),
                new EditAligner(params.get(INS_COST), params.get(DEL_COST), params.get(SUB_COST)),
                (counts, predLength, targetLength) -> normalize ? counts.cost() / Math.max(1, targetLength) : counts.cost());
    }
}
