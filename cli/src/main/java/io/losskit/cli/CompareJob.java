package io.losskit.cli;

import io.losskit.cli.engine.CompareEngine;
import io.losskit.cli.engine.ScorePlan;
import io.losskit.cli.input.ComparedInput;
import io.losskit.cli.input.InputFiles;
import io.losskit.cli.input.InputFormat;
import io.losskit.cli.input.UsageError;
import io.losskit.cli.output.ComparisonWriter;
import io.losskit.core.Numbers;
import io.losskit.cli.output.OutputFormat;
import io.losskit.cli.output.Signature;
import io.losskit.cli.output.Verdict;
import io.losskit.core.stats.ComparisonResult;
import io.losskit.core.stats.Interval;
import io.losskit.core.stats.Resampling;
import io.losskit.spi.Reduction;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The work of {@code losskit compare}, without a terminal: options in, output and an exit code out. */
public final class CompareJob {

    /**
     * What {@code compare} was asked to do (the parsed options).
     *
     * @param failIfWorse the margin of {@code --fail-if-worse} as typed, or null when not given
     * @param digits {@code --digits} as given, or null
     */
    public record Request(List<String> losses, List<String> params, Reduction reduction, String baseline, String candidate,
                          String targetFile, String key, InputFormat format, Map<String, String> columns,
                          List<String> classes, OutputFormat output, List<String> by, double level, int resamples,
                          long seed, int trials, String failIfWorse, boolean strict, String posLabel, boolean skipInvalid,
                          Integer digits) {
    }

    private final LossRegistry registry;
    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream stdin;
    /** The milliseconds before the progress line appears, or -1 for none. */
    private long progressDelay = -1;

    public CompareJob(LossRegistry registry, PrintWriter out, PrintWriter err, InputStream stdin) {
        this.registry = registry;
        this.out = out;
        this.err = err;
        this.stdin = stdin;
    }

    /** Shows a progress line on standard error after {@code delayMillis} (-1: none); returns this. */
    public CompareJob progress(long delayMillis) {
        progressDelay = delayMillis;
        return this;
    }

    /**
     * Runs the request and returns the exit code (0, or 1 when {@code --fail-if-worse} failed).
     *
     * @throws UsageError for exit 2
     * @throws io.losskit.cli.input.InputError for exit 3
     */
    public int run(Request r) throws IOException {
        if (r.reduction() == Reduction.NONE) {
            throw new UsageError("compare compares reduced values: --reduction is mean or sum, not none");
        }
        ScorePlan plan = ScorePlanner.plan(registry, r.losses(), r.params(), r.reduction(), ScoreJob.VECTOR_MAPS);
        try {
            Interval.checkLevel(r.level());
        } catch (IllegalArgumentException e) {
            throw new UsageError("--ci: " + e.getMessage());
        }
        if (r.resamples() < 1) {
            throw new UsageError("--bootstrap must be ≥ 1, not " + r.resamples());
        }
        if (r.trials() < 0) {
            throw new UsageError("--trials must be ≥ 0 (0 skips approximate randomization), not " + r.trials());
        }
        Double margin = r.failIfWorse() == null ? null : Gates.finite(r.failIfWorse());
        if (r.failIfWorse() != null && margin == null) {
            throw new UsageError("--fail-if-worse takes a finite number (a margin on candidate − baseline), not \""
                    + r.failIfWorse() + "\"");
        }
        int digits = ScoreJob.digits(r.digits());
        ScoreJob.ClassNames names = ScoreJob.ClassNames.of(r.classes(), r.posLabel());
        CompareEngine.Options options = new CompareEngine.Options(names.classes(), names.posLabel(), r.columns(), r.by(),
                new Resampling(r.resamples(), r.seed()), r.level(), r.trials(), r.skipInvalid());
        CompareEngine.Report report;
        List<String> warnings = new ArrayList<>();
        // the signature, with each file's SHA-256, is part of the JSON output only
        InputFiles files = new InputFiles(r.output() == OutputFormat.JSON);
        List<InputFiles.File> read;
        try (ComparedInput input = ComparedInput.open(r.baseline(), r.candidate(), r.targetFile(), r.key(), r.strict(),
                r.format(), stdin, files)) {
            CompareEngine engine = new CompareEngine();
            try (Progress progress = progressDelay < 0 ? null : new Progress(engine, files, input.source(), err, progressDelay)) {
                report = engine.run(plan, input, options);
            }
            warnings.addAll(report.warnings());
            warnings.addAll(input.source().warnings());
            if (report.skipped() > 0) {
                warnings.add(ScoreJob.skipped(report.skipped(), report.records(), report.firstSkipped()));
            }
            read = files.finish();
        }
        List<Verdict> verdicts = margin == null ? List.of() : worse(report, margin, r.failIfWorse().trim());
        String signature = Signature.of(Main.Version.version(), plan, read, r.key(), report.records() - report.skipped())
                .field("compare", "candidate-baseline")
                .field("ci", percent(r.level()) + ",bs:" + r.resamples() + ",seed:" + r.seed())
                .field("ar", Integer.toString(r.trials()))
                .toString();
        ComparisonWriter.write(report, verdicts, signature, r.output(), digits, out);
        return Gates.finish(out, err, warnings, verdicts);
    }

    /**
     * The verdicts of {@code --fail-if-worse MARGIN} on the whole input and every slice: the
     * candidate is worse when the interval's lower end is above the margin (every loss counts
     * lower as better). The verdict's value is that lower end.
     */
    static List<Verdict> worse(CompareEngine.Report report, double margin, String marginText) {
        List<Verdict> verdicts = new ArrayList<>();
        for (CompareEngine.Compared c : report.results()) {
            verdicts.add(worse(c, null, margin, marginText));
        }
        for (CompareEngine.Slice slice : report.slices()) {
            for (CompareEngine.Compared c : slice.results()) {
                verdicts.add(worse(c, slice.key(), margin, marginText));
            }
        }
        return verdicts;
    }

    /** A confidence level as people write it: 95, 99.9. */
    private static String percent(double level) {
        return Numbers.format(level).replaceAll("\\.0$", "");
    }

    private static Verdict worse(CompareEngine.Compared c, Map<String, Object> slice, double margin, String marginText) {
        ComparisonResult r = c.result();
        Interval ci = r.interval();
        boolean passed = !(ci.low() > margin);
        String interval = percent(ci.level()) + "% interval [" + Numbers.format(ci.low())
                + ", " + Numbers.format(ci.high()) + "]";
        String message = c.loss() + ": candidate − baseline = " + Numbers.format(r.difference()) + ", its " + interval
                + (passed ? " is not all above --fail-if-worse " + marginText
                : " lies above --fail-if-worse " + marginText + " by " + Numbers.format(ci.low() - margin)
                + ": the candidate is worse")
                + (slice == null ? "" : " in slice " + Gates.sliceText(slice));
        return new Verdict("fail-if-worse", c.loss(), slice, ci.low(), margin, marginText, passed, message);
    }
}
