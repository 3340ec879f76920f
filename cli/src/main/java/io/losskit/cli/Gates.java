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

    private final Map<String, Double> max;
    private final Map<String, Double> min;
    private final Map<String, Double> baseline;
    private final String baselineFile;
    private final double tolerance;
    private final boolean relative;

    private Gates(Map<String, Double> max, Map<String, Double> min, Map<String, Double> baseline, String baselineFile,
                  double tolerance, boolean relative) {
        this.max = max;
        this.min = min;
        this.baseline = baseline;
        this.baselineFile = baselineFile;
        this.tolerance = tolerance;
        this.relative = relative;
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
        double tol;
        try {
            tol = Double.parseDouble(relative ? t.substring(0, t.length() - 1) : t);
        } catch (NumberFormatException e) {
            throw new UsageError("--tolerance takes a number or a percentage (0.01, 5%), not \"" + tolerance + "\"");
        }
        if (!(tol >= 0)) {
            throw new UsageError("--tolerance must be ≥ 0, not " + tolerance);
        }
        if (tolerance != null && baselineFile == null) {
            throw new UsageError("--tolerance applies to --baseline, which is not given");
        }
        return new Gates(bounds(registry, selected, maxes, "--max"), bounds(registry, selected, mins, "--min"),
                baseline, baselineFile, relative ? tol / 100 : tol, relative);
    }

    private static Map<String, Double> bounds(LossRegistry registry, List<String> selected, List<String> specs, String option) {
        Map<String, Double> bounds = new LinkedHashMap<>();
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
            try {
                bounds.put(e.descriptor().id(), Double.parseDouble(spec.substring(eq + 1).trim()));
            } catch (NumberFormatException ex) {
                throw new UsageError(option + " " + spec + ": \"" + spec.substring(eq + 1) + "\" is not a number");
            }
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
            values.put(loss.asText(), value.isNumber() ? value.asDouble() : Double.parseDouble(value.asText()));
        }
        return values;
    }

    /** The failures, one message each (empty when every gate passes); warnings go to {@code warnings}. */
    public List<String> check(List<Outcome> outcomes, List<String> warnings) {
        List<String> failures = new ArrayList<>();
        for (Outcome o : outcomes) {
            double v = o.value();
            Double hi = max.get(o.loss());
            if (hi != null && !(v <= hi)) {
                failures.add(o.loss() + " = " + Numbers.format(v) + " is above --max " + Numbers.format(hi));
            }
            Double lo = min.get(o.loss());
            if (lo != null && !(v >= lo)) {
                failures.add(o.loss() + " = " + Numbers.format(v) + " is below --min " + Numbers.format(lo));
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
                            + (relative ? Numbers.format(tolerance * 100) + "%" : Numbers.format(tolerance)) + ")");
                }
            }
        }
        return failures;
    }
}
