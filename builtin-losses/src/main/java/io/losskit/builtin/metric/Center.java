package io.losskit.builtin.metric;

import io.losskit.spi.BatchLoss;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.Loss;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Parameters;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import io.losskit.spi.Sample;
import io.losskit.spi.Tally;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Center loss: ℓᵢ = ½‖xᵢ − c_{yᵢ}‖², with the centres c read from the {@code centers} file (a
 * JSON object mapping label to vector) or, by default, the class means of each batch.
 *
 * <p>Agrees with Wen, Zhang, Li &amp; Qiao, ECCV 2016, eq. 2 (per sample; {@code sum} gives the
 * paper's L_C).
 */
public final class Center implements LossDefinition {

    static final ParamSpec<Map<String, double[]>> CENTERS = ParamSpec.ofVectorMap("centers", "a JSON file mapping each label to its centre; unset: the class means of each batch");

    static final String ID = "center";

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(ID, "metric")
            .summary("center loss: half the squared distance to the sample's class centre")
            .formula("ℓᵢ = ½‖xᵢ − c_{yᵢ}‖², c = the centres file's vector for the label, or the class mean")
            .roles(RoleSpec.required(MetricRoles.PRED, RoleKind.VECTOR, "the embedding xᵢ (alias embedding)"),
                    RoleSpec.required(MetricRoles.TARGET, RoleKind.LABEL, "the class label yᵢ (alias label)")).weighted("the sample weight wᵢ (default 1); only with a centers file")
            .params(CENTERS)
            .reference("Wen, Zhang, Li & Qiao, ECCV 2016")
            .notes("With a centers file every sample is a term of its own: sample weights and every reduction "
                    + "apply; a label missing from the file, or a centre of another dimension, is an input "
                    + "error. Labels are matched as text, numeric keys also in normalised form (\"1.0\" "
                    + "matches label 1). Without it, each class's centre is its mean over the batch of "
                    + "--batch-size samples (default: the whole input, i.e. the class means of the input); "
                    + "the value is Σ terms / samples over all batches, none and weights are refused. "
                    + "A class with a single sample in a batch is its own centre (term 0).")
            .build();

    @Override
    public LossDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Loss create(Parameters params, Set<String> roles) {
        if (!params.isSet(CENTERS)) {
            MetricRoles.rejectWeights(ID + " without a centers file", roles);
            return (BatchLoss) Center::classMeans;
        }
        Map<String, double[]> centers = byLabel(params.get(CENTERS));
        return (PerSampleLoss) (sample, tally) -> {
            double[] x = MetricRoles.vector(sample, MetricRoles.PRED);
            String label = sample.text(MetricRoles.TARGET);
            double[] c = centers.get(label);
            if (c == null) {
                c = centers.get(normalize(label));
            }
            if (c == null) {
                throw new InvalidSampleException(MetricRoles.TARGET, "no centre for label '" + label
                        + "' in the centers file");
            }
            if (c.length != x.length) {
                throw new InvalidSampleException(MetricRoles.PRED, "a vector of dimension " + x.length
                        + " where the centre of label '" + label + "' has dimension " + c.length);
            }
            return 0.5 * Vectors.squaredDistance(x, c);
        };
    }

    /** The file's map, with each numeric key also under its normalised form. */
    private static Map<String, double[]> byLabel(Map<String, double[]> file) {
        Map<String, double[]> map = new HashMap<>(file);
        for (Map.Entry<String, double[]> entry : file.entrySet()) {
            map.putIfAbsent(normalize(entry.getKey()), entry.getValue());
        }
        return map;
    }

    /** "1.0", " 1", "1e0" → "1"; other numbers in Java's shortest form; text unchanged. */
    static String normalize(String label) {
        String t = label.trim();
        try {
            double v = Double.parseDouble(t);
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v);
            }
            return Double.isFinite(v) ? Double.toString(v) : t;
        } catch (NumberFormatException e) {
            return t;
        }
    }

    /** ½‖xᵢ − μ‖² with μ the mean of xᵢ's class over the batch. */
    private static BatchLoss.BatchValue classMeans(List<Sample> batch, Tally tally) {
        Embeddings e = Embeddings.read(batch);
        int n = e.n();
        int d = e.x.d;
        double[] x = e.x.data;
        double[] mean = new double[e.classes * d];
        for (int i = 0; i < n; i++) {
            int o = e.label[i] * d;
            for (int k = 0; k < d; k++) {
                mean[o + k] += x[i * d + k];
            }
        }
        for (int c = 0; c < e.classes; c++) {
            for (int k = 0; k < d; k++) {
                mean[c * d + k] /= e.classSize[c];
            }
        }
        // One refinement step (the corrected two-pass mean): μ += Σ(x − μ)/n.
        double[] correction = new double[mean.length];
        for (int i = 0; i < n; i++) {
            int o = e.label[i] * d;
            for (int k = 0; k < d; k++) {
                correction[o + k] += x[i * d + k] - mean[o + k];
            }
        }
        for (int c = 0; c < e.classes; c++) {
            for (int k = 0; k < d; k++) {
                mean[c * d + k] += correction[c * d + k] / e.classSize[c];
            }
        }
        Partial p = new Partial();
        for (int i = 0; i < n; i++) {
            p.add(0.5 * Vectors.squaredDistance(x, i * d, mean, e.label[i] * d, d));
        }
        return p.finish(tally, false, ID + ": an empty batch");
    }
}
