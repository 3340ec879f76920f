package io.losskit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.losskit.cli.bind.SliceColumns;
import io.losskit.cli.engine.ScoreEngine;
import io.losskit.cli.engine.ScoreEngine.Outcome;
import io.losskit.cli.input.InputError;
import io.losskit.cli.input.UsageError;
import io.losskit.core.Numbers;
import io.losskit.cli.output.OutputError;
import io.losskit.cli.output.ResultWriter;
import io.losskit.cli.output.Verdict;
import java.io.PrintWriter;
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

    private final Map<String, Bound> max;
    private final Map<String, Bound> min;
    /** What a baseline result says, beyond its value, of how it was made. */
    private record Made(String reduction, Long count, JsonNode params) {
    }

    private final Map<String, Double> baseline;
    private final Map<String, Made> made;
    private final boolean strict;
    private final String baselineFile;
    private final double tolerance;
    private final boolean relative;
    private final String toleranceText;
    /** {@code --gate-on ci}: --max and --min judge the interval's near end, not the value. */
    private final boolean onInterval;

    private Gates(Map<String, Bound> max, Map<String, Bound> min, Map<String, Double> baseline, Map<String, Made> made,
                  String baselineFile, double tolerance, boolean relative, String toleranceText, boolean strict,
                  boolean onInterval) {
        this.onInterval = onInterval;
        this.max = max;
        this.min = min;
        this.baseline = baseline;
        this.made = made;
        this.strict = strict;
        this.baselineFile = baselineFile;
        this.tolerance = tolerance;
        this.relative = relative;
        this.toleranceText = toleranceText;
    }

    /**
     * {@code text} as a finite number, or null when it is not one: a number as JSON and Python's
     * float() write it, {@code [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?} (no 1d, 1f, 0x1p3), read
     * without a regular expression (see {@link Main}).
     */
    static Double finite(String text) {
        String t = text.trim();
        int i = t.startsWith("+") || t.startsWith("-") ? 1 : 0;
        int whole = digits(t, i);
        i += whole;
        int fraction = 0;
        if (i < t.length() && t.charAt(i) == '.') {
            fraction = digits(t, ++i);
            i += fraction;
        }
        if (whole + fraction == 0) {
            return null;
        }
        if (i < t.length() && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            i += i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-') ? 1 : 0;
            int exponent = digits(t, i);
            if (exponent == 0) {
                return null;
            }
            i += exponent;
        }
        if (i != t.length()) {
            return null;
        }
        double v = Double.parseDouble(t);
        return Double.isFinite(v) ? v : null;
    }

    /** How many ASCII digits {@code t} has from {@code from} on, before anything else. */
    private static int digits(String t, int from) {
        int i = from;
        while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }

    /**
     * Parses the gate options. Loss names may be aliases; each must be among {@code selected}
     * (canonical ids). With {@code onInterval} ({@code --gate-on ci}), a {@code --max} fails only
     * when the whole bootstrap interval lies above its bound, a {@code --min} only when it lies below.
     *
     * @throws UsageError for a malformed gate or one on a loss that is not selected
     * @throws InputError when the baseline file cannot be read
     */
    public static Gates of(LossRegistry registry, List<String> selected, List<String> maxes, List<String> mins,
                           String baselineFile, String tolerance, boolean strict, boolean onInterval) {
        Map<String, Double> baseline = new LinkedHashMap<>();
        Map<String, Made> made = new LinkedHashMap<>();
        if (baselineFile != null) {
            readBaseline(registry, baselineFile, baseline, made);
        }
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
                baseline, made, baselineFile, relative ? tol / 100 : tol, relative, t, strict, onInterval);
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

    /**
     * Reads a baseline's results keyed by canonical id: its {@code "id"}, or, in a baseline that
     * has none (made before 0.2), its {@code "loss"} resolved as a name (an alias labels it).
     */
    private static void readBaseline(LossRegistry registry, String file, Map<String, Double> values, Map<String, Made> made) {
        JsonNode root = JsonFiles.read(file, "no such file (the --baseline)", "not the JSON output of losskit score -o json");
        JsonNode results = root == null ? null : root.get("results");
        if (results == null || !results.isArray()) {
            throw InputError.inFile(file, "not the JSON output of losskit score -o json (no \"results\" array)");
        }
        for (JsonNode r : results) {
            JsonNode loss = r.get("loss");
            JsonNode value = r.get("value");
            if (loss == null || value == null) {
                continue;
            }
            JsonNode given = r.get("id");
            LossRegistry.Entry named = registry.find(loss.asText());
            String id = given != null ? given.asText() : named != null ? named.descriptor().id() : loss.asText();
            values.put(id, baselineValue(file, loss.asText(), value));
            JsonNode reduction = r.get("reduction");
            JsonNode count = r.get("count");
            made.put(id, new Made(reduction == null ? null : reduction.asText(),
                    count != null && count.canConvertToLong() ? count.asLong() : null, r.get("params")));
        }
    }

    /**
     * How {@code o} was made differently from its baseline result: another reduction, record count
     * or parameter value; empty when the two are comparable (or the baseline does not say).
     */
    private List<String> differences(Outcome o) {
        Made m = made.get(o.id());
        List<String> d = new ArrayList<>();
        if (m == null) {
            return d;
        }
        if (m.reduction() != null && !m.reduction().equals(o.reduction().id())) {
            d.add("reduction " + o.reduction().id() + " (baseline: " + m.reduction() + ")");
        }
        if (m.count() != null && m.count() != o.count()) {
            d.add("count " + o.count() + " (baseline: " + m.count() + ")");
        }
        if (m.params() != null && m.params().isObject()) {
            JsonNode now;
            try {
                now = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ResultWriter.paramsJson(o.params()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("our own params JSON does not parse", e);
            }
            for (java.util.Iterator<String> keys = now.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                JsonNode before = m.params().get(key);
                if (before != null && !before.equals(now.get(key))) {
                    d.add(key + "=" + now.get(key) + " (baseline: " + before + ")");
                }
            }
        }
        return d;
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

    /**
     * Every gate's verdict on the whole input, then on each slice; warnings go to {@code warnings}.
     *
     * @throws UsageError under {@code --strict} for a baseline made differently
     */
    public List<Verdict> check(ScoreEngine.Report report, List<String> warnings) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Outcome o : report.results()) {
            judge(o, null, verdicts);
            if (baselineFile != null) {
                Double base = baseline.get(o.id());
                if (base == null) {
                    warnings.add(o.loss() + " is not in the baseline " + baselineFile + "; not compared");
                    continue;
                }
                List<String> differences = differences(o);
                if (!differences.isEmpty()) {
                    String message = o.loss() + ": the baseline " + baselineFile + " was made differently: "
                            + String.join(", ", differences);
                    if (strict) {
                        throw new UsageError(message + " (--strict)");
                    }
                    warnings.add(message + "; the comparison may not be fair");
                }
                double v = o.value();
                double allowed = base + (relative ? tolerance * Math.abs(base) : tolerance);
                boolean passed = v <= allowed || v == base;
                verdicts.add(new Verdict("baseline", o.loss(), null, v, allowed, Numbers.format(allowed), passed,
                        o.loss() + " = " + Numbers.format(v) + (passed ? " is within the tolerance (" + toleranceText
                        + ") of the baseline " + Numbers.format(base) + ", by " + Numbers.format(v - base)
                        : " is worse than the baseline " + Numbers.format(base) + " by " + Numbers.format(v - base)
                        + ", more than the tolerance (" + toleranceText + ")")));
            }
        }
        for (ScoreEngine.Slice slice : report.slices()) {
            for (Outcome o : slice.results()) {
                judge(o, slice.key(), verdicts);
            }
        }
        return verdicts;
    }

    /** The --max and --min verdicts on {@code o}, the result of the whole input (slice null) or of a slice. */
    private void judge(Outcome o, Map<String, Object> slice, List<Verdict> verdicts) {
        double v = o.value();
        String where = slice == null ? "" : " in slice " + sliceText(slice);
        boolean ci = onInterval && o.ci() != null;
        String interval = ci ? " (" + Numbers.format(o.ci().level()) + "% interval " + Numbers.format(o.ci().low()) + " to "
                + Numbers.format(o.ci().high()) + ")" : "";
        Bound hi = max.get(o.id());
        if (hi != null) {
            // under --gate-on ci the value is judged by the interval's lower end: above the bound only when all of it is
            double judged = ci ? o.ci().low() : v;
            boolean passed = judged <= hi.value();
            verdicts.add(new Verdict("max", o.loss(), slice, v, hi.value(), hi.text(), passed, o.loss() + " = " + Numbers.format(v)
                    + interval + (passed ? " is within" : " is above") + " --max " + hi.text() + " by "
                    + Numbers.format(Math.abs(judged - hi.value())) + where));
        }
        Bound lo = min.get(o.id());
        if (lo != null) {
            double judged = ci ? o.ci().high() : v;
            boolean passed = judged >= lo.value();
            verdicts.add(new Verdict("min", o.loss(), slice, v, lo.value(), lo.text(), passed, o.loss() + " = " + Numbers.format(v)
                    + interval + (passed ? " is within" : " is below") + " --min " + lo.text() + " by "
                    + Numbers.format(Math.abs(judged - lo.value())) + where));
        }
    }

    /**
     * The end of a run: fails when standard output could not be written, then prints the warnings
     * and the gates' lines to standard error; the exit code (0, or 1 when a gate failed).
     *
     * @throws OutputError when {@code out} could not be written
     */
    static int finish(PrintWriter out, PrintWriter err, List<String> warnings, List<Verdict> verdicts) {
        if (out.checkError()) {
            throw new OutputError("the write failed");
        }
        for (String w : warnings) {
            err.println("losskit: warning: " + w);
        }
        for (String line : lines(verdicts)) {
            err.println("losskit: " + line);
        }
        err.flush();
        for (Verdict v : verdicts) {
            if (!v.passed()) {
                return 1;
            }
        }
        return 0;
    }

    /** {@code country=de, fold=1}. */
    static String sliceText(Map<String, Object> slice) {
        List<String> parts = new ArrayList<>();
        slice.forEach((column, value) -> parts.add(column + "=" + SliceColumns.text(value)));
        return String.join(", ", parts);
    }

    /**
     * The lines for standard error: one per gate on the whole input, passed or failed; for
     * slices, one per failing slice and, per gate, one that says how many slices passed.
     */
    public static List<String> lines(List<Verdict> verdicts) {
        List<String> lines = new ArrayList<>();
        Map<String, int[]> sliced = new LinkedHashMap<>();
        for (Verdict v : verdicts) {
            if (v.slice() == null || !v.passed()) {
                lines.add("gate " + (v.passed() ? "passed" : "failed") + ": " + v.message());
            }
            if (v.slice() != null) {
                String gate = v.loss() + " --" + v.gate() + " " + v.boundText();
                int[] counts = sliced.get(gate);
                if (counts == null) {
                    counts = new int[2];
                    sliced.put(gate, counts);
                }
                counts[0] += v.passed() ? 1 : 0;
                counts[1]++;
            }
        }
        for (Map.Entry<String, int[]> g : sliced.entrySet()) {
            int[] counts = g.getValue();
            lines.add("gate " + (counts[0] == counts[1] ? "passed" : "failed") + ": " + g.getKey()
                    + ": " + counts[0] + " of " + counts[1] + " slices passed");
        }
        return lines;
    }
}
