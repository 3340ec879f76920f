package io.losskit.builtin.metric;

import io.losskit.spi.BatchLoss.BatchValue;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import io.losskit.spi.Sample;
import io.losskit.spi.Tally;
import java.util.List;

/**
 * The shape N-pair and InfoNCE share: a batch of rows (aᵢ, pᵢ), where row i's positive is pᵢ and
 * its negatives are the other rows' positives. One term per row, from the row of similarities
 * sᵢⱼ = aᵢ·pⱼ (or cos(aᵢ, pⱼ)) over the batch, computed a block of rows at a time.
 */
final class AnchorPositiveRows {

    static final RoleSpec ANCHOR = RoleSpec.required("anchor", RoleKind.VECTOR, "the anchor aᵢ");
    static final RoleSpec POSITIVE = RoleSpec.required("positive", RoleKind.VECTOR,
            "the anchor's positive pᵢ (same dimension); the other rows' positives are its negatives");

    /** Row i's term from its similarities; may overwrite {@code s}. */
    @FunctionalInterface
    interface RowTerm {
        double term(double[] s, int i);
    }

    private AnchorPositiveRows() {
    }

    /**
     * Evaluates a batch.
     *
     * @param cosine whether sᵢⱼ is the cosine (rows L2-normalised) rather than the dot product
     */
    static BatchValue evaluate(String id, List<Sample> batch, Tally tally, boolean cosine, RowTerm f) {
        Matrix a = Matrix.read(batch, "anchor", -1, null);
        Matrix p = Matrix.read(batch, "positive", a.d, "anchor");
        if (cosine) {
            a = a.normalized("anchor");
            p = p.normalized("positive");
        }
        Matrix anchors = a;
        Matrix positives = p;
        int n = a.n;
        if (n == 1) {
            tally.warn(id + ": a batch of one row has no negatives; its term is 0");
        }
        List<Partial> parts = Pairwise.blocks(n, Pairwise.work(n, a.d), () -> {
            double[][] rows = Pairwise.rowBuffer(n);
            return (from, to) -> {
                Pairwise.dots(anchors, positives, from, to, rows);
                Partial part = new Partial();
                for (int i = from; i < to; i++) {
                    part.add(f.term(rows[i - from], i));
                }
                return part;
            };
        });
        return Partial.merge(parts).finish(tally, false, id + ": an empty batch");
    }
}
