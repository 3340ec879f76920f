package io.losskit.builtin.metric;

import io.losskit.spi.Sample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of labelled embeddings: the vectors (role {@code pred}) and their labels (role
 * {@code target}) mapped to class numbers 0…classes−1 in order of first appearance.
 */
final class Embeddings {

    final Matrix x;
    final int[] label;
    final int classes;
    /** How many samples of the batch each class has. */
    final int[] classSize;

    Embeddings(Matrix x, int[] label) {
        this.x = x;
        this.label = label;
        int c = 0;
        for (int l : label) {
            c = Math.max(c, l + 1);
        }
        this.classes = c;
        this.classSize = new int[c];
        for (int l : label) {
            classSize[l]++;
        }
    }

    /** Reads a batch: every {@code pred} of one dimension, labels compared as text. */
    static Embeddings read(List<Sample> batch) {
        Matrix x = Matrix.read(batch, MetricRoles.PRED, -1, null);
        Map<String, Integer> ids = new HashMap<>();
        int[] label = new int[batch.size()];
        for (int i = 0; i < label.length; i++) {
            label[i] = ids.computeIfAbsent(batch.get(i).text(MetricRoles.TARGET), k -> ids.size());
        }
        return new Embeddings(x, label);
    }

    int n() {
        return x.n;
    }

    /** How many other samples share sample i's class. */
    int positives(int i) {
        return classSize[label[i]] - 1;
    }

    /** How many samples have another class than sample i. */
    int negatives(int i) {
        return x.n - classSize[label[i]];
    }
}
