package io.losskit.cli;

import io.losskit.cli.input.InputFormat;
import io.losskit.cli.output.OutputFormat;
import io.losskit.spi.Reduction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code losskit score}: the options, declared; the work is {@link ScoreJob}. */
@Command(name = "score", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Compute losses over a predictions file, in one pass.", "",
            "Examples:", "",
            "  losskit score -l mse,huber preds.csv",
            "  losskit score -l cross-entropy --max cross-entropy=0.35 eval.jsonl",
            "  losskit score -l wer --col pred=hyp --col target=ref asr.tsv",
            "  losskit score -l mae -p pred.csv -t truth.csv --key id -o json"},
        footerHeading = "%nExit status:%n",
        footer = {"  0  done", "  1  a gate failed (results still printed)", "  2  usage error", "  3  input error", ""})
final class ScoreCommand implements Callable<Integer> {

    private final RegistrySource registries;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    ScoreCommand(RegistrySource registries) {
        this.registries = registries;
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "Input holding pred and target: .csv, .tsv, .json, .jsonl/.ndjson, each optionally .gz; - for standard input.")
    String file;

    @Option(names = {"-l", "--loss"}, split = ",", paramLabel = "ID", required = true,
            description = "Losses to compute, comma-separated or repeated (see losskit list).",
            completionCandidates = LossIds.class)
    List<String> losses = new ArrayList<>();

    @Option(names = {"-P", "--param"}, paramLabel = "[ID.]KEY=VALUE",
            description = "A loss parameter; without ID. it goes to every selected loss that has KEY.")
    List<String> params = new ArrayList<>();

    @Option(names = "--reduction", paramLabel = "mean|sum|none", defaultValue = "mean",
            converter = ReductionConverter.class, description = "How per-sample values combine (default: ${DEFAULT-VALUE}).")
    Reduction reduction;

    @Option(names = {"-p", "--pred-file"}, paramLabel = "PRED_FILE", description = "Predictions, with -t: aligned row by row, or joined with --key.")
    String predFile;

    @Option(names = {"-t", "--target-file"}, paramLabel = "TARGET_FILE", description = "Targets, with -p.")
    String targetFile;

    @Option(names = "--key", paramLabel = "COLUMN", description = "Join -p and -t on this column instead of aligning rows.")
    String key;

    @Option(names = "--format", paramLabel = "csv|tsv|json|jsonl", converter = FormatConverter.class,
            description = "Input format where the file name does not say it (standard input).")
    InputFormat format;

    @Option(names = "--col", paramLabel = "ROLE=NAME",
            description = "Read a role from another column: a name, a comma-separated list or a glob (pred='logit_*').")
    Map<String, String> columns = new LinkedHashMap<>();

    @Option(names = "--pred-col", paramLabel = "NAME", description = "Same as --col pred=NAME.")
    String predCol;

    @Option(names = "--target-col", paramLabel = "NAME", description = "Same as --col target=NAME.")
    String targetCol;

    @Option(names = "--weight-col", paramLabel = "NAME", description = "Same as --col weight=NAME.")
    String weightCol;

    @Option(names = "--classes", split = ",", paramLabel = "NAME", description = "Class names, for targets given as names.")
    List<String> classes = new ArrayList<>();

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "0",
            description = "Batch size of the batch (metric-learning) losses; default: the whole input.")
    int batchSize;

    @Option(names = "--on-invalid", paramLabel = "fail|skip", defaultValue = "fail",
            description = "On an invalid record: stop with exit 3 (fail, the default) or skip it and report how many (skip).")
    String onInvalid;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json|csv|tsv", defaultValue = "text",
            converter = OutputConverter.class, description = "Output format (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Option(names = "--max", paramLabel = "ID=X", description = "Gate: exit 1 when the loss is above X.")
    List<String> max = new ArrayList<>();

    @Option(names = "--min", paramLabel = "ID=X", description = "Gate: exit 1 when the loss is below X.")
    List<String> min = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "FILE", description = "Gate: the JSON output of an earlier run; exit 1 when a loss got worse by more than --tolerance.")
    String baseline;

    @Option(names = "--tolerance", paramLabel = "X[%]", description = "Allowed worsening against --baseline: absolute, or relative with %% (default 0).")
    String tolerance;

    @Option(names = "--progress", negatable = true, description = "Show progress on standard error (default: when attached to a terminal).")
    Boolean progress;

    @Override
    public Integer call() throws Exception {
        Map<String, String> cols = new LinkedHashMap<>(columns);
        shortcut(cols, "pred", predCol);
        shortcut(cols, "target", targetCol);
        shortcut(cols, "weight", weightCol);
        if (!onInvalid.equals("fail") && !onInvalid.equals("skip")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--on-invalid takes fail or skip, not '" + onInvalid + "'");
        }
        boolean showProgress = progress != null ? progress : System.console() != null;
        ScoreJob.Request request = new ScoreJob.Request(losses, params, reduction, file, predFile, targetFile, key,
                format, cols, classes, batchSize, onInvalid.equals("skip"), output, max, min, baseline, tolerance,
                showProgress);
        return new ScoreJob(registries.get(), spec.commandLine().getOut(), spec.commandLine().getErr(), System.in).run(request);
    }

    private void shortcut(Map<String, String> cols, String role, String name) {
        if (name != null) {
            if (cols.containsKey(role) && !cols.get(role).equals(name)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--" + role + "-col " + name + " contradicts --col " + role + "=" + cols.get(role));
            }
            cols.put(role, name);
        }
    }

    static final class ReductionConverter implements CommandLine.ITypeConverter<Reduction> {
        @Override
        public Reduction convert(String value) {
            for (Reduction r : Reduction.values()) {
                if (r.id().equals(value)) {
                    return r;
                }
            }
            throw new CommandLine.TypeConversionException("expected mean, sum or none, not '" + value + "'");
        }
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<InputFormat> {
        @Override
        public InputFormat convert(String value) {
            for (InputFormat f : InputFormat.values()) {
                if (f.id().equals(value) || (f == InputFormat.JSONL && value.equals("ndjson"))) {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException("expected csv, tsv, json or jsonl, not '" + value + "'");
        }
    }

    static final class OutputConverter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat f : OutputFormat.values()) {
                if (f.name().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException("expected text, json, csv or tsv, not '" + value + "'");
        }
    }
}
