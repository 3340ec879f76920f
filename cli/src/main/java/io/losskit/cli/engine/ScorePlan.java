package io.losskit.cli.engine;

import io.losskit.builtin.align.Alignable;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.Reduction;
import java.util.ArrayList;
import java.util.List;

/**
 * The losses of one run with their parameters, checked before any input is read.
 *
 * @param losses the selected losses, in the order given, without repeats
 * @param reduction the reduction asked for
 */
public record ScorePlan(List<Planned> losses, Reduction reduction) {

    /** The losses' ids, in order. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (Planned p : losses) {
            ids.add(p.descriptor().id());
        }
        return ids;
    }

    /** The losses' labels, in order. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (Planned p : losses) {
            labels.add(p.label());
        }
        return labels;
    }

    /**
     * One selected loss.
     *
     * @param loss the loss and where it came from
     * @param params its parameters, checked
     * @param label the name the user typed for it (an alias, {@code log-loss}, or the id), which labels its results
     */
    public record Planned(LoadedLoss loss, ParameterValues params, String label) {
        public LossDescriptor descriptor() {
            return loss.descriptor();
        }

        /** Whether the loss is of the edit-distance family, which has per-utterance values and alignments. */
        public boolean alignable() {
            return loss.definition() instanceof Alignable;
        }
    }
}
