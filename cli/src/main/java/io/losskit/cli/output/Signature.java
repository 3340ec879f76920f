package io.losskit.cli.output;

import io.losskit.cli.engine.ScorePlan;
import io.losskit.cli.input.InputFiles;
import io.losskit.core.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The JSON output's {@code signature}: one line that says what a published number was computed
 * from, so that two numbers can be checked for being comparable (as sacrebleu's signatures do):
 * <pre>losskit:VERSION|LOSS[(KEY=VALUE,…)]|…|red:REDUCTION|in:FORMAT[+FORMAT]|n:RECORDS|sha256:HEX[+HEX]</pre>
 * Each loss with every effective parameter, in declared order ({@code huber(delta=1)}); {@code in}
 * the input's format (pred file's + target file's for {@code -p/-t}, then {@code @key=COLUMN}
 * when joined); {@code n} the records scored (read minus skipped); {@code sha256} each input
 * file's hash in the same order. Further fields ({@link #field}) go before {@code n}, such as the
 * bootstrap's {@code ci:95,bs:1000,seed:12345}.
 */
public final class Signature {

    private final List<String> parts = new ArrayList<>();
    private final List<String> fields = new ArrayList<>();
    private String tail = "";

    private Signature(String version) {
        parts.add("losskit:" + version);
    }

    /** The signature of {@code plan} over {@code files}, {@code records} of them scored. */
    public static Signature of(String version, ScorePlan plan, List<InputFiles.File> files, String key, long records) {
        Signature s = new Signature(version);
        for (ScorePlan.Planned p : plan.losses()) {
            s.loss(p.descriptor().id(), p.params().effective());
        }
        s.field("red", plan.reduction().id());
        // loops rather than streams and collectors: their classes and lambdas are start-up time
        StringJoiner in = new StringJoiner("+");
        StringJoiner sha256 = new StringJoiner("+");
        for (InputFiles.File f : files) {
            in.add(f.format().id());
            sha256.add(f.sha256());
        }
        s.field("in", key == null ? in.toString() : in + "@key=" + key);
        s.tail = "|n:" + records + "|sha256:" + sha256;
        return s;
    }

    /** Adds a loss with its effective parameters. */
    Signature loss(String id, Map<String, Object> params) {
        if (params.isEmpty()) {
            parts.add(id);
        } else {
            StringJoiner values = new StringJoiner(",", "(", ")");
            for (Map.Entry<String, Object> e : params.entrySet()) {
                values.add(e.getKey() + "=" + value(e.getValue()));
            }
            parts.add(id + values);
        }
        return this;
    }

    /** Adds a field {@code KEY:VALUE} (after the losses and the reduction, before the record count). */
    public Signature field(String key, String value) {
        fields.add(key + ":" + value);
        return this;
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>(parts);
        all.addAll(fields);
        return String.join("|", all) + tail;
    }

    /** A parameter value as the signature writes it: numbers round-trip, lists in brackets. */
    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double d) {
            return Numbers.format(d);
        }
        if (v instanceof double[] list) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < list.length; i++) {
                b.append(i > 0 ? " " : "").append(Numbers.format(list[i]));
            }
            return b.append(']').toString();
        }
        return v.toString();
    }
}
