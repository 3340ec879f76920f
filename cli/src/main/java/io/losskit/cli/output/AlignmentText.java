package io.losskit.cli.output;

import io.losskit.builtin.align.Alignment;
import java.util.List;

/**
 * An alignment in the three lines of jiwer's {@code visualize_alignment} (its
 * {@code _construct_comparison_string}, without line wrapping): {@code REF: } and {@code HYP: }
 * with each position right-aligned to the width of its widest part, a missing symbol shown as
 * {@code *} repeated to that width, and under them a line of markers (S, D, I; a space for a
 * hit). Words and tokens are separated by a space, characters are not (jiwer's cer output). Widths
 * count code points, as Python's {@code len}; the marker line keeps its trailing spaces, as jiwer's does.
 */
final class AlignmentText {

    private AlignmentText() {
    }

    /** The REF, HYP and marker lines of {@code a}. */
    static List<String> lines(Alignment a) {
        StringBuilder ref = new StringBuilder("REF: ");
        StringBuilder hyp = new StringBuilder("HYP: ");
        StringBuilder ops = new StringBuilder("     ");
        String sep = a.characters() ? "" : " ";
        for (int k = 0; k < a.ops().size(); k++) {
            String r = a.reference().get(k);
            String h = a.hypothesis().get(k);
            String c = String.valueOf(a.ops().get(k).marker());
            int width = Math.max(1, Math.max(r == null ? 0 : length(r), h == null ? 0 : length(h)));
            if (k > 0) {
                ref.append(sep);
                hyp.append(sep);
                ops.append(sep);
            }
            pad(ref, r == null ? "*".repeat(width) : r, width);
            pad(hyp, h == null ? "*".repeat(width) : h, width);
            pad(ops, c, width);
        }
        return List.of(ref.toString(), hyp.toString(), ops.toString());
    }

    private static void pad(StringBuilder line, String s, int width) {
        line.append(" ".repeat(width - length(s))).append(s);
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
