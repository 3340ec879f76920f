package io.losskit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.losskit.cli.engine.LossFailure;
import io.losskit.cli.engine.ScoreEngine;
import io.losskit.cli.engine.ScorePlan;
import io.losskit.cli.input.InputError;
import io.losskit.cli.input.InputFiles;
import io.losskit.cli.input.InputFormat;
import io.losskit.cli.input.Inputs;
import io.losskit.cli.input.PairedSource;
import io.losskit.cli.input.RecordSource;
import io.losskit.cli.input.UsageError;
import io.losskit.cli.output.OutputFormat;
import io.losskit.cli.output.ResultWriter;
import io.losskit.cli.output.Signature;
import io.losskit.cli.output.Verdict;
import io.losskit.core.Numbers;
import io.losskit.core.stats.Resampling;
import io.losskit.spi.Reduction;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The work of {@code losskit score}, without a terminal: options in, output and an exit code out. */
public final class ScoreJob {

    /** What {@code score} was asked to do (the parsed options). */
    public record Request(List<String> losses, List<String> params, Reduction reduction, String file, String predFile,
                          String targetFile, String key, InputFormat format, Map<String, String> columns,
                          List<String> classes, Integer batchSize, boolean skipInvalid, OutputFormat output,
                          List<String> max, List<String> min, String baseline, String tolerance, boolean progress,
                          String lossTimeout, boolean strict, List<String> by, Integer digits, String posLabel,
                          String ci, Integer bootstrap, Long seed, Integer worst, List<String> ids,
                          long progressDelayMillis, String gateOn, boolean align) {
    }

    /** Files smaller than this are read on one thread: starting more costs more than it saves. */
    static final long PARALLEL_MIN_BYTES = 16L << 20;

    private final LossRegistry registry;
    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream stdin;

    public ScoreJob(LossRegistry registry, PrintWriter out, PrintWriter err, InputStream stdin) {
        this.registry = registry;
        this.out = out;
        this.err = err;
        this.stdin = stdin;
    }

    /**
     * Runs the request and returns the exit code (0, or 1 when a gate failed).
     *
     * @throws UsageError for exit 2
     * @throws InputError for exit 3
     */
    public int run(Request r) throws IOException {
        ScorePlan plan = ScorePlanner.plan(registry, r.losses(), r.params(), r.reduction(), VECTOR_MAPS);
        Gates gates = Gates.of(registry, plan.ids(), r.max(), r.min(), r.baseline(), r.tolerance(), r.strict(), gateOnInterval(r));
        if (r.batchSize() != null && r.batchSize() < 1) {
            throw new UsageError("--batch-size must be ≥ 1, not " + r.batchSize() + " (leave it out for the whole input)");
        }
        if (!r.by().isEmpty() && r.reduction() == Reduction.NONE) {
            throw new UsageError("--by slices reduced values; --reduction none gives one value per record, "
                    + "which belongs to no slice total (leave out --by, or use mean or sum)");
        }
        ScoreEngine.Bootstrap bootstrap = bootstrap(r);
        int worst = r.worst() == null ? (r.align() ? ALIGN_WORST : 0) : r.worst();
        if (r.worst() != null && (worst < 1 || worst > MAX_WORST)) {
            throw new UsageError("--worst takes a number of records from 1 to " + MAX_WORST + ", not " + worst);
        }
        if (r.align()) {
            checkAlign(plan, r.output());
        }
        if (!r.ids().isEmpty() && worst == 0 && r.reduction() != Reduction.NONE) {
            throw new UsageError("--id names the columns shown beside per-sample values; there are none to show "
                    + "without --worst K or --reduction none");
        }
        long timeout = timeoutNanos(r.lossTimeout());
        ScoreEngine.Report report;
        List<String> sourceWarnings;
        ScoreEngine engine = new ScoreEngine();
        int digits = digits(r.digits());
        ScoreEngine.RowSink rows = ResultWriter.rows(plan.labels(), r.ids(), r.output(), digits, out);
        // the signature, with each file's SHA-256, is part of the JSON output only
        ClassNames names = ClassNames.of(r.classes(), r.posLabel());
        InputFiles files = new InputFiles(r.output() == OutputFormat.JSON);
        List<InputFiles.File> read;
        try (RecordSource source = open(r, files);
             Progress progress = r.progress() ? new Progress(engine, files, source, err, r.progressDelayMillis()) : null) {
            int threads = r.file() != null && Inputs.isSplittable(r.file(), PARALLEL_MIN_BYTES)
                    ? Runtime.getRuntime().availableProcessors() : 1;
            ScoreEngine.Options options = new ScoreEngine.Options(r.batchSize() == null ? 0 : r.batchSize(), names.classes(),
                    r.columns(), r.skipInvalid(), timeout > 0, rows, threads, r.by(), names.posLabel()).bootstrap(bootstrap)
                    .worst(worst, r.ids(), r.align());
            report = timeout > 0 ? watched(engine, () -> engine.run(plan, source, options), timeout, r.lossTimeout())
                    : engine.run(plan, source, options);
            sourceWarnings = source.warnings();
            read = files.finish();
        }
        List<String> warnings = new ArrayList<>(report.warnings());
        warnings.addAll(sourceWarnings);
        if (report.skipped() > 0) {
            warnings.add(skipped(report.skipped(), report.records(), report.firstSkipped()));
        }
        List<Verdict> verdicts = gates.check(report, warnings);
        Signature signature = Signature.of(Main.Version.version(), plan, read, r.key(), report.records() - report.skipped());
        if (bootstrap != null) {
            signature.field("ci", Numbers.format(bootstrap.level())).field("bs", Integer.toString(bootstrap.resampling().resamples()))
                    .field("seed", Long.toString(bootstrap.resampling().seed()));
        }
        ResultWriter.write(report, verdicts, signature.toString(), r.output(), digits, out);
        return Gates.finish(out, err, warnings, verdicts);
    }

    /** The warning of {@code --on-invalid skip} when it skipped records. */
    static String skipped(long skipped, long records, String first) {
        return "skipped " + skipped + " invalid record(s) of " + records + "; the first: " + first;
    }

    /**
     * {@code --classes} and {@code --pos-label} made one: with both, the positive class is
     * pos-label's, whatever the order of --classes (it is then the second class).
     */
    record ClassNames(List<String> classes, String posLabel) {
        static ClassNames of(List<String> classes, String posLabel) {
            if (posLabel == null || classes.isEmpty()) {
                return new ClassNames(classes, posLabel);
            }
            if (classes.size() != 2 || !classes.contains(posLabel)) {
                throw new UsageError("--pos-label " + posLabel + " with --classes names one of two classes, not of "
                        + String.join(",", classes));
            }
            return new ClassNames(posLabel.equals(classes.get(0)) ? List.of(classes.get(1), classes.get(0)) : classes, null);
        }
    }

    /** {@code --digits}: 1 to 17 significant digits, or 0 (not given) for the shortest that read back. */
    static int digits(Integer digits) {
        if (digits == null) {
            return 0;
        }
        if (digits < 1 || digits > 17) {
            throw new UsageError("--digits takes 1 to 17 significant digits, not " + digits
                    + " (leave it out for every digit a double needs)");
        }
        return digits;
    }

    /** {@code --gate-on value|ci}: whether --max and --min judge the interval of --ci. */
    private static boolean gateOnInterval(Request r) {
        if (r.gateOn() == null || r.gateOn().equals("value")) {
            return false;
        }
        if (!r.gateOn().equals("ci")) {
            throw new UsageError("--gate-on takes value or ci, not \"" + r.gateOn() + "\"");
        }
        if (r.ci() == null) {
            throw new UsageError("--gate-on ci judges the intervals of --ci; give --ci LEVEL too (--ci 95)");
        }
        if (r.max().isEmpty() && r.min().isEmpty()) {
            throw new UsageError("--gate-on ci applies to --max and --min, and none is given");
        }
        return true;
    }

    /** The intervals of {@code --ci}, {@code --bootstrap} and {@code --seed}, or null without {@code --ci}. */
    private static ScoreEngine.Bootstrap bootstrap(Request r) {
        if (r.ci() == null) {
            if (r.bootstrap() != null || r.seed() != null) {
                throw new UsageError((r.bootstrap() != null ? "--bootstrap" : "--seed") + " sets up the intervals of --ci; "
                        + "give --ci LEVEL too (--ci 95)");
            }
            return null;
        }
        String typed = r.ci().trim();
        double level;
        try {
            level = Double.parseDouble(typed.endsWith("%") ? typed.substring(0, typed.length() - 1) : typed);
        } catch (NumberFormatException e) {
            throw new UsageError("--ci takes a confidence level in percent (--ci 95), not \"" + r.ci() + "\"");
        }
        if (!(level > 1 && level < 100)) {
            throw new UsageError("--ci takes a confidence level in percent, above 1 and below 100 (--ci 95"
                    + (level > 0 && level < 1 ? " for 95%, not --ci " + typed : "") + "), not " + typed);
        }
        if (r.reduction() == Reduction.NONE) {
            throw new UsageError("--ci gives an interval of a reduced value; --reduction none has none (use mean or sum)");
        }
        int resamples = r.bootstrap() == null ? Resampling.DEFAULT_RESAMPLES : r.bootstrap();
        if (resamples < 2 || resamples > MAX_RESAMPLES) {
            throw new UsageError("--bootstrap takes a number of resamples from 2 to " + MAX_RESAMPLES + ", not " + resamples);
        }
        return new ScoreEngine.Bootstrap(level, new Resampling(resamples, r.seed() == null ? Resampling.DEFAULT_SEED : r.seed()));
    }

    /** How many worst utterances {@code --align} shows without {@code --worst}. */
    static final int ALIGN_WORST = 5;

    /**
     * {@code --align} needs a loss of the edit-distance family, and an output format with room
     * for alignments (text, table, json).
     */
    private static void checkAlign(ScorePlan plan, OutputFormat output) {
        if (plan.losses().stream().noneMatch(ScorePlan.Planned::alignable)) {
            throw new UsageError("--align shows how pred aligns to target for the edit-distance family (wer, cer, mer, wil,"
                    + " edit-distance), and none of " + String.join(", ", plan.labels()) + " is one");
        }
        if (output == OutputFormat.CSV || output == OutputFormat.TSV) {
            throw new UsageError("--align prints alignments in text, table and json output; " + output.name().toLowerCase()
                    + " has one row per record and no room for them (use -o json, or leave out --align)");
        }
    }

    /** The most records {@code --worst} keeps per loss (each is kept in memory with its ids). */
    static final int MAX_WORST = 1_000_000;

    /** The most resamples {@code --bootstrap} takes: each costs 32 bytes a slice and its work per record. */
    static final int MAX_RESAMPLES = 1_000_000;

    /** {@code --loss-timeout} in nanoseconds, or 0 when it is not given. */
    private static long timeoutNanos(String seconds) {
        if (seconds == null) {
            return 0;
        }
        double s;
        try {
            s = Double.parseDouble(seconds.trim());
        } catch (NumberFormatException e) {
            throw new UsageError("--loss-timeout takes a number of seconds, not \"" + seconds + "\"");
        }
        if (!(s > 0) || s > 1e9) {
            throw new UsageError("--loss-timeout must be a number of seconds > 0, not " + seconds);
        }
        return Math.max(1, (long) (s * 1e9));
    }

    /**
     * Runs {@code work} on a thread of its own and stops waiting for it when a loss stays in one
     * call for longer than {@code timeout} ns: a loss that loops cannot be stopped from outside
     * (Thread.stop is gone), so the thread is a daemon, left behind as the run exits with 4.
     */
    private static ScoreEngine.Report watched(ScoreEngine engine, java.util.concurrent.Callable<ScoreEngine.Report> work,
                                              long timeout, String given) throws IOException {
        java.util.concurrent.FutureTask<ScoreEngine.Report> task = new java.util.concurrent.FutureTask<>(work);
        Thread worker = new Thread(task, "losskit-score");
        worker.setDaemon(true);
        worker.start();
        long poll = Math.max(1, Math.min(100_000_000L, timeout / 4));
        Map<ScoreEngine.Busy, Long> since = new java.util.HashMap<>();
        while (true) {
            try {
                return task.get(poll, java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                long now = System.nanoTime();
                List<ScoreEngine.Busy> busy = engine.busy();
                since.keySet().retainAll(busy);
                for (ScoreEngine.Busy b : busy) {
                    if (now - since.computeIfAbsent(b, k -> now) > timeout) {
                        throw LossFailure.timeout(b.loss(), given);
                    }
                }
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw (Error) cause;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
    }

    private RecordSource open(Request r, InputFiles files) throws IOException {
        boolean paired = r.predFile() != null || r.targetFile() != null;
        if (paired) {
            if (r.predFile() == null || r.targetFile() == null) {
                throw new UsageError("-p PRED_FILE and -t TARGET_FILE go together");
            }
            if (r.file() != null) {
                throw new UsageError("give either FILE or -p/-t, not both");
            }
            if (r.predFile().equals("-") && r.targetFile().equals("-")) {
                throw new UsageError("only one of -p and -t can read standard input");
            }
            RecordSource pred = Inputs.open(r.predFile(), r.format(), stdin, "pred", files);
            try {
                return new PairedSource(pred, Inputs.open(r.targetFile(), r.format(), stdin, "target", files), r.key(), r.strict());
            } catch (RuntimeException | IOException e) {
                pred.close();
                throw e;
            }
        }
        if (r.key() != null) {
            throw new UsageError("--key joins -p and -t files; it needs both");
        }
        if (r.file() == null) {
            throw new UsageError("no input: give FILE (or - for standard input), or -p PRED_FILE -t TARGET_FILE");
        }
        return Inputs.open(r.file(), r.format(), stdin, null, files);
    }

    /** {@link #readVectorMap}, as a class (see {@link Main}). */
    static final Function<String, Map<String, double[]>> VECTOR_MAPS = new Function<>() {
        @Override
        public Map<String, double[]> apply(String file) {
            return readVectorMap(file);
        }
    };

    /** Reads a JSON object mapping labels to vectors (the {@code centers} of the center loss). */
    private static Map<String, double[]> readVectorMap(String file) {
        JsonNode root = JsonFiles.read(file, "no such file", "malformed JSON");
        if (root == null || !root.isObject()) {
            throw InputError.inFile(file, "expected a JSON object mapping labels to vectors");
        }
        Map<String, double[]> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isArray()) {
                throw new InputError(file, -1, -1, e.getKey(), "expected a list of numbers");
            }
            double[] vector = new double[v.size()];
            for (int i = 0; i < vector.length; i++) {
                if (!v.get(i).isNumber()) {
                    throw new InputError(file, -1, -1, e.getKey(), "item " + (i + 1) + " is not a number");
                }
                vector[i] = v.get(i).asDouble();
            }
            map.put(e.getKey(), vector);
        }
        return map;
    }
}
