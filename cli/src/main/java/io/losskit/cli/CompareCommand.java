package io.losskit.cli;

import io.losskit.core.stats.Randomization;
import io.losskit.core.stats.Resampling;
import io.losskit.spi.Reduction;
import java.util.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code losskit compare}: the options, declared; the work is {@link CompareJob}. */
final class CompareCommand implements Callable<Integer> {

    private final RegistrySource registries;
    private final CommandSpec spec;

    CompareCommand(RegistrySource registries, Iterable<String> lossIds) {
        this.registries = registries;
        spec = Specs.command("compare", this, "Compare two models' predictions on the same records: both values, "
                        + "the difference, its paired bootstrap interval and p-values, in one pass.", "",
                "Examples:", "",
                "  losskit compare -l mae,mse old.csv new.csv              # each file holds pred and target",
                "  losskit compare -l cross-entropy -t labels.csv old.csv new.csv --key id",
                "  losskit compare -l wer -t ref.txt hyp-old.txt hyp-new.txt --fail-if-worse 0.002",
                "  losskit compare -l mse --by lang -o table old.jsonl new.jsonl");
        spec.usageMessage().sortOptions(false).footerHeading("%nExit status:%n")
                .footer("  0  done", "  1  --fail-if-worse: the candidate is worse (results still printed)", "  2  usage error",
                        "  3  input error (also: a record one file lacks, targets that differ), or output that cannot be written",
                        "  4  a loss failed (a plugin's loss threw or ran out of memory)",
                        " 70  a bug of losskit (LOSSKIT_DEBUG=1 prints the stack trace)", "");
        spec.addPositional(Specs.positional("0", "BASELINE").arity("1").required(true)
                .description("The baseline's predictions, with the targets (or, with -t, without): any input format of "
                        + "losskit score; - for standard input.").build());
        spec.addPositional(Specs.positional("1", "CANDIDATE").arity("1").required(true)
                .description("The candidate's predictions, on the same records as BASELINE.").build());
        Specs.lossOptions(spec, lossIds);
        spec.addOption(OptionSpec.builder("--reduction").paramLabel("mean|sum").defaultValue("mean").type(Reduction.class)
                .converters(new ScoreCommand.ReductionConverter()).completionCandidates(java.util.List.of("mean", "sum"))
                .description("How per-sample values combine (default: ${DEFAULT-VALUE}).").build());
        spec.addOption(Specs.text("-t", "--target-file").paramLabel("TARGET")
                .description("The targets, when BASELINE and CANDIDATE hold predictions only (.txt and .npy pred files too). "
                        + "Without -t, each file holds its targets, and they must be the same record by record.").build());
        spec.addOption(Specs.text("--key").paramLabel("COLUMN").description("Pair the records on this column instead of "
                + "by position (the candidate's and -t's files are held in memory). A key repeated in a file, or missing "
                + "from one system's file, is an input error.").build());
        Specs.columnOptions(spec, "Read a role from another column, in both systems' files: a name, a comma-separated list or a glob (pred='logit_*').");
        Specs.posLabelOption(spec);
        Specs.onInvalidOption(spec);
        Specs.outputOption(spec);
        Specs.digitsOption(spec);
        Specs.byOption(spec);
        spec.addOption(OptionSpec.builder("--ci").paramLabel("LEVEL").type(Double.class).defaultValue("95")
                .description("Confidence level of the paired bootstrap interval of candidate − baseline, in percent "
                        + "(default: ${DEFAULT-VALUE}).").build());
        spec.addOption(OptionSpec.builder("--bootstrap").paramLabel("N").type(Integer.class)
                .defaultValue(Integer.toString(Resampling.DEFAULT_RESAMPLES))
                .description("Bootstrap resamples (default: ${DEFAULT-VALUE}).").build());
        spec.addOption(OptionSpec.builder("--seed").paramLabel("S").type(Long.class)
                .defaultValue(Long.toString(Resampling.DEFAULT_SEED))
                .description("Seed of the bootstrap and the randomization test (default: ${DEFAULT-VALUE}, sacrebleu's).").build());
        spec.addOption(OptionSpec.builder("--trials").paramLabel("N").type(Integer.class)
                .defaultValue(Integer.toString(Randomization.DEFAULT_TRIALS))
                .description("Approximate randomization trials (default: ${DEFAULT-VALUE}, as sacrebleu and Multeval); "
                        + "0 skips the test.").build());
        spec.addOption(OptionSpec.builder("--fail-if-worse").paramLabel("MARGIN").type(String.class).arity("0..1")
                .parameterConsumer(CompareCommand::margin)
                .description("Gate: exit 1 when, for a loss (overall or in a slice), the whole interval of candidate − "
                        + "baseline lies above MARGIN (default 0): the candidate is worse, with the confidence of --ci. "
                        + "Every loss counts lower as better.").build());
        spec.addOption(OptionSpec.builder("--strict").type(Boolean.class).arity("0")
                .description("Under --key with -t: target records that no pred record matched are an input error "
                        + "(else a warning).").build());
        Specs.progressOptions(spec);
        Specs.standardOptions(spec);
    }

    /**
     * The optional MARGIN of {@code --fail-if-worse}: the next argument when it is a number, else 0,
     * so that {@code --fail-if-worse BASELINE CANDIDATE} keeps its files.
     */
    private static void margin(Stack<String> args, ArgSpec option, CommandSpec command) {
        boolean number = !args.isEmpty() && Gates.finite(args.peek()) != null;
        option.setValue(number ? args.pop() : "0");
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        CompareJob.Request request = new CompareJob.Request(Specs.values(spec, "-l"), Specs.values(spec, "-P"),
                Specs.value(spec, "--reduction"), spec.positionalParameters().get(0).getValue(),
                spec.positionalParameters().get(1).getValue(), Specs.value(spec, "-t"), Specs.value(spec, "--key"),
                Specs.value(spec, "--format"), Specs.columns(spec), Specs.values(spec, "--classes"), Specs.value(spec, "-o"),
                Specs.values(spec, "--by"), Specs.value(spec, "--ci"), Specs.value(spec, "--bootstrap"),
                Specs.value(spec, "--seed"), Specs.value(spec, "--trials"), Specs.value(spec, "--fail-if-worse"),
                Boolean.TRUE.equals(Specs.value(spec, "--strict")), Specs.value(spec, "--pos-label"),
                Specs.skipInvalid(spec), Specs.value(spec, "--digits"));
        return new CompareJob(registries.get(), spec.commandLine().getOut(), spec.commandLine().getErr(), System.in)
                .progress(Specs.progressDelay(spec)).run(request);
    }
}
