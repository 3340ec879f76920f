package io.losskit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.losskit.cli.engine.ScoreEngine.Outcome;
import io.losskit.cli.output.Numbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gates of {@code score}: {@code --max ID=X}, {@code --min ID=X} and {@code --baseline FILE}
 * with {@code --tolerance X[%]}. A failed gate makes the run exit 1; the results are still printed.
 */
public final class Gates {

    /** A bound, and its text as the user gave it (for messages: 0.0001, not 0.00010). */
    private record Bound(double value, String text) {
    }

    /** A number as JSON and Python's float() write it: no 1d, 1f, 0x1p3. */
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final Map<String, Bound> max;
    private final Map<String, Bound> min;
    private final Map<String, Double> baseline;
    private final String baselineFile;
    private final double tolerance;
    private final boolean relative;
    private final String toleranceText;

    private Gates(Map<String, Bound> max, Map<String, Bound> min, Map<String, Double> baseline, String baselineFile,
                  double tolerance, boolean relative, String toleranceText) {
        this.max = max;
        this.min = min;
        this.baseline = baseline;
        this.baselineFile = baselineFile;
        this.tolerance = tolerance;
        this.relative = relative;
        this.toleranceText = toleranceText;
    }

    /** {@code text} as a finite number, or null when it is not one. */
    private static Double finite(String text) {
        String t = text.trim();
        if (!NUMBER.matcher(t).matches()) {
            return null;
        }
        double v = Double.parseDouble(t);
        return Double.isFinite(v) ? v : null;
    }

    /**
     * Parses the gate options. Loss names may be aliases; each must be among {@code selected}
     * (canonical ids).
     *
     * @throws UsageError for a malformed gate or one on a loss that is not selected
     * @throws InputError when the baseline file cannot be read
     */
    public static Gates of(LossRegistry registry, List<String> selected, List<String> maxes, List<String> mins,
                           String baselineFile, String tolerance) {
        Map<String, Double> baseline = baselineFile == null ? Map.of() : readBaseline(baselineFile);
        String t = tolerance == null ? "0" : tolerance.trim();
        boolean relative = t.endsWith("%");
        Double tol = finite(relative ? t.substring(0, t.length() - 1) : t);
        if (tol == null) {
            throw new UsageError("--tolerance takes a finite number or a percentage (0.01, 5%), not \"" + tolerance + "\"");
        }
        if (!(tol >= 0)) {
            throw new UsageError("--tolerance must be ≥ 0, not " + tolerance);
        }
        if (tolerance != null && baselineFile == null) {
            throw new UsageError("--tolerance applies to --baseline, which is not given");
        }
        return new Gates(bounds(registry, selected, maxes, "--max"), bounds(registry, selected, mins, "--min"),
                baseline, baselineFile, relative ? tol / 100 : tol, relative, t);
    }

    private static Map<String, Bound> bounds(LossRegistry registry, List<String> selected, List<String> specs, String option) {
        Map<String, Bound> bounds = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.lastIndexOf('=');
            if (eq <= 0) {
                throw new UsageError(option + " takes ID=X, not \"" + spec + "\"");
            }
            String name = spec.substring(0, eq).trim();
            LossRegistry.Entry e = registry.find(name);
            if (e == null || !selected.contains(e.descriptor().id())) {
                throw new UsageError(option + " " + spec + ": " + name + " is not among the selected losses ("
                        + String.join(", ", selected) + ")");
            }
            String text = spec.substring(eq + 1).trim();
            Double bound = finite(text);
            if (bound == null) {
                throw new UsageError(option + " " + spec + ": \"" + text + "\" is not a finite number");
            }
            bounds.put(e.descriptor().id(), new Bound(bound, text));
        }
        return bounds;
    }

    private static Map<String, Double> readBaseline(String file) {
        JsonNode root = JsonFiles.read(file, "no such file (the --baseline)", "not the JSON output of losskit score -o json");
        JsonNode results = root == null ? null : root.get("results");
        if (results == null || !results.isArray()) {
            throw InputError.inFile(file, "not the JSON output of losskit score -o json (no \"results\" array)");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (JsonNode r : results) {
            JsonNode loss = r.get("loss");
            JsonNode value = r.get("value");
            if (loss == null || value == null) {
                continue;
            }
            values.put(loss.asText(), baselineValue(file, loss.asText(), value));
        }
        return values;
    }

    /** A baseline's value: a number, or one of the strings losskit writes for non-finite values. */
    private static double baselineValue(String file, String loss, JsonNode value) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            switch (value.asText()) {
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                case "NaN":
                    return Double.NaN;
                default:
                    break;
            }
        }
        String found = value.isTextual() ? "the text \"" + value.asText() + "\"" : value.isBoolean() ? value.asText()
                : value.isNull() ? "null" : value.isArray() ? "a list" : value.isObject() ? "an object" : value.getNodeType().toString();
        throw InputError.inFile(file, "the baseline value of " + loss + " is " + found + ", not a number");
    }

    /** The failures, one message each (empty when every gate passes); warnings go to {@code warnings}. */
    public List<String> check(List<Outcome> outcomes, List<String> warnings) {
        List<String> failures = new ArrayList<>();
        for (Outcome o : outcomes) {
            double v = o.value();
            Bound hi = max.get(o.loss());
            if (hi != null && !(v <= hi.value())) {
                failures.add(o.loss() + " = " + Numbers.format(v) + " is above --max " + hi.text());
            }
            Bound lo = min.get(o.loss());
            if (lo != null && !(v >= lo.value())) {
                failures.add(o.loss() + " = " + Numbers.format(v) + " is below --min " + lo.text());
            }
            if (baselineFile != null) {
                Double base = baseline.get(o.loss());
                if (base == null) {
                    warnings.add(o.loss() + " is not in the baseline " + baselineFile + "; not compared");
                    continue;
                }
                double allowed = base + (relative ? tolerance * Math.abs(base) : tolerance);
                if (!(v <= allowed) && !(v == base)) {
                    failures.add(o.loss() + " = " + Numbers.format(v) + " is worse than the baseline "
                            + Numbers.format(base) + " by more than the tolerance ("
                            + toleranceText + ")");
                }
            }
        }
        return failures;
    }
}
