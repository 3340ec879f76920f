package io.losskit.cli;

import io.losskit.cli.input.InputFormat;
import io.losskit.cli.input.Inputs;
import io.losskit.cli.output.OutputFormat;
import io.losskit.core.stats.Resampling;
import io.losskit.spi.Reduction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code losskit score}: the options, declared; the work is {@link ScoreJob}. */
final class ScoreCommand implements Callable<Integer> {

    private final RegistrySource registries;
    private final CommandSpec spec;

    ScoreCommand(RegistrySource registries, Iterable<String> lossIds) {
        this.registries = registries;
        spec = Specs.command("score", this, "Compute losses over a predictions file, in one pass.", "",
                "Examples:", "",
                "  losskit score -l mse,huber preds.csv",
                "  losskit score -l cross-entropy --max cross-entropy=0.35 eval.jsonl",
                "  losskit score -l wer --col pred=hyp --col target=ref asr.tsv",
                "  losskit score -l mae -p pred.csv -t truth.csv --key id -o json");
        spec.usageMessage().sortOptions(false).footerHeading("%nExit status:%n")
                .footer("  0  done", "  1  a gate failed (results still printed)", "  2  usage error",
                        "  3  input error, or output that cannot be written",
                        "  4  a loss failed (a plugin's loss threw, ran out of memory or past --loss-timeout)",
                        " 70  a bug of losskit (LOSSKIT_DEBUG=1 prints the stack trace)", "");
        spec.addPositional(Specs.positional("0", "FILE").arity("0..1")
                .description("Input holding pred and target: .csv, .tsv, .json, .jsonl/.ndjson, each optionally .gz; .npz (arrays named after roles); .arrow, .feather, .arrows (Arrow IPC); .parquet; - for standard input (not for .npz, .parquet). With -p/-t also .txt (one string per line) and .npy (one array). "
                        + "Memory: CSV, TSV, JSONL and a JSON array of rows stream; a JSON object of columns keeps the columns roles read "
                        + "(8 bytes a number); --key holds the target file; a .npy in Fortran order is read whole; a .parquet streams its pages.").build());
        Specs.lossOptions(spec, lossIds);
        spec.addOption(OptionSpec.builder("--reduction").paramLabel("mean|sum|none").defaultValue("mean").type(Reduction.class)
                .converters(new ReductionConverter()).completionCandidates(List.of("mean", "sum", "none"))
                .description("How per-sample values combine (default: ${DEFAULT-VALUE}).").build());
        spec.addOption(Specs.text("-p", "--pred-file").paramLabel("PRED_FILE")
                .description("Predictions, with -t: aligned row by row, or joined with --key.").build());
        spec.addOption(Specs.text("-t", "--target-file").paramLabel("TARGET_FILE").description("Targets, with -p.").build());
        spec.addOption(Specs.text("--key").paramLabel("COLUMN").description("Join -p and -t on this column instead of aligning rows. A key repeated in either file is an "
                + "input error; target records that no pred record matched are a warning (an input error with --strict).").build());
        Specs.columnOptions(spec, "Read a role from another column: a name, a comma-separated list or a glob (pred='logit_*').");
        Specs.posLabelOption(spec);
        spec.addOption(OptionSpec.builder("--batch-size").paramLabel("N").type(Integer.class)
                .description("Batch size of the batch (metric-learning) losses; default: the whole input.").build());
        Specs.onInvalidOption(spec);
        Specs.outputOption(spec);
        Specs.digitsOption(spec);
        Specs.byOption(spec);
        spec.addOption(Specs.text("--ci").paramLabel("LEVEL")
                .description("A bootstrap confidence interval at LEVEL percent (--ci 95) for every reduced value, per slice too: "
                        + "percentile interval of a Poisson bootstrap, in the same pass. Not for batch losses (exit 2).").build());
        spec.addOption(OptionSpec.builder("--bootstrap").paramLabel("N").type(Integer.class)
                .description("Resamples of --ci (default " + Resampling.DEFAULT_RESAMPLES + ").").build());
        spec.addOption(OptionSpec.builder("--seed").paramLabel("S").type(Long.class)
                .description("Seed of --ci's resampling (default " + Resampling.DEFAULT_SEED
                        + "): the same seed gives the same interval, whatever the number of threads.").build());
        spec.addOption(Specs.text("--gate-on").paramLabel("value|ci")
                .description("What --max and --min judge: the value (the default), or with --ci the interval: "
                        + "--max fails only when the whole interval lies above the bound, --min only when it lies below.")
                .completionCandidates(List.of("value", "ci")).build());
        spec.addOption(OptionSpec.builder("--worst").paramLabel("K").type(Integer.class)
                .description("Also list, per loss, the K records with the largest per-sample loss: line number, --id columns, value "
                        + "(for wer, cer, mer and wil: the utterance's own rate).").build());
        spec.addOption(OptionSpec.builder("--align").type(Boolean.class).arity("0")
                .description("Print the alignments of the worst utterances for wer, cer, mer, wil and edit-distance, as jiwer's "
                        + "visualize_alignment does. --worst 5 unless --worst is given; REF and HYP lines padded to equal width "
                        + "(* for a missing word) over a line of S, D and I, in text and table output after the results; in json "
                        + "an \"alignment\" in each worst entry; not with csv or tsv.").build());
        spec.addOption(Specs.list("--id").splitRegex(",").paramLabel("COL")
                .description("Columns echoed beside every per-sample value (--reduction none, --worst); "
                        + "per-sample output always carries the record's line number.").build());
        spec.addOption(Specs.list("--max").paramLabel("ID=X").description("Gate: exit 1 when the loss is above X.").build());
        spec.addOption(Specs.list("--min").paramLabel("ID=X").description("Gate: exit 1 when the loss is below X.").build());
        spec.addOption(Specs.text("--baseline").paramLabel("FILE")
                .description("Gate: the JSON output of an earlier run; exit 1 when a loss got worse by more than --tolerance.").build());
        spec.addOption(Specs.text("--tolerance").paramLabel("X[%]")
                .description("Allowed worsening against --baseline: absolute, or relative with %% (default 0).").build());
        spec.addOption(OptionSpec.builder("--strict").type(Boolean.class).arity("0")
                .description("Warnings that could hide a mistake become errors: a baseline made with other parameters, "
                        + "reduction or record count (exit 2); target records that no pred record matched under --key (exit 3).").build());
        spec.addOption(Specs.text("--loss-timeout").paramLabel("SECONDS")
                .description("Stop a loss (a plugin's, in practice) that stays longer than this in one computation "
                        + "(a sample, a batch, the final result); exit 4 naming it. Default: no limit.").build());
        Specs.progressOptions(spec);
        Specs.standardOptions(spec);
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> cols = Specs.columns(spec);
        boolean showProgress = Specs.showProgress(spec);
        Integer batchSize = Specs.value(spec, "--batch-size");
        ScoreJob.Request request = new ScoreJob.Request(Specs.values(spec, "-l"), Specs.values(spec, "-P"),
                Specs.value(spec, "--reduction"), spec.positionalParameters().get(0).getValue(), Specs.value(spec, "-p"),
                Specs.value(spec, "-t"), Specs.value(spec, "--key"), Specs.value(spec, "--format"), cols,
                Specs.values(spec, "--classes"), batchSize, Specs.skipInvalid(spec), Specs.value(spec, "-o"),
                Specs.values(spec, "--max"), Specs.values(spec, "--min"), Specs.value(spec, "--baseline"),
                Specs.value(spec, "--tolerance"), showProgress, Specs.value(spec, "--loss-timeout"),
                Boolean.TRUE.equals(Specs.value(spec, "--strict")), Specs.values(spec, "--by"), Specs.value(spec, "--digits"),
                Specs.value(spec, "--pos-label"), Specs.value(spec, "--ci"), Specs.value(spec, "--bootstrap"),
                Specs.value(spec, "--seed"), Specs.value(spec, "--worst"), Specs.values(spec, "--id"),
                Specs.<Long>value(spec, "--progress-delay"), Specs.value(spec, "--gate-on"),
                Boolean.TRUE.equals(Specs.value(spec, "--align")));
        return new ScoreJob(registries.get(), spec.commandLine().getOut(), spec.commandLine().getErr(), System.in).run(request);
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
            throw new CommandLine.TypeConversionException("expected " + Inputs.FORMATS.replace("|", ", ") + ", not '" + value + "'");
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
            throw new CommandLine.TypeConversionException("expected text, table, json, csv or tsv, not '" + value + "'");
        }
    }
}
