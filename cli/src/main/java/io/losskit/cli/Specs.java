package io.losskit.cli;

import io.losskit.cli.input.InputFormat;
import io.losskit.cli.input.Inputs;
import io.losskit.cli.output.OutputFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The commands' picocli models are built with picocli's programmatic API rather than from
 * annotations: reading annotations at run time (reflection, one dynamic proxy class per
 * annotation type, none of which class-data sharing can archive) was most of losskit's start-up,
 * about 80 ms of a 100-row score. These helpers keep the declarations short.
 */
final class Specs {

    private Specs() {
    }

    /** A command running {@code command} (a {@link java.util.concurrent.Callable}), with its description. */
    static CommandSpec command(String name, Object command, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name).versionProvider(new Main.Version());
        spec.usageMessage().description(description);
        return spec;
    }

    /** Adds -h/--help and -V/--version, as picocli's mixinStandardHelpOptions does. */
    static CommandSpec standardOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class).arity("0")
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).type(boolean.class).arity("0")
                .description("Print version information and exit.").build());
        return spec;
    }

    /** An option with one string value. */
    static OptionSpec.Builder text(String... names) {
        return OptionSpec.builder(names).type(String.class);
    }

    /** A repeatable option collecting its string values. */
    static OptionSpec.Builder list(String... names) {
        return OptionSpec.builder(names).type(List.class).auxiliaryTypes(String.class);
    }

    /** A positional parameter with one string value. */
    static PositionalParamSpec.Builder positional(String index, String label) {
        return PositionalParamSpec.builder().index(index).paramLabel(label).type(String.class);
    }

    /** The value of option {@code name} after parsing: what was given, else its default, else null. */
    static <T> T value(CommandSpec spec, String name) {
        // by the name as declared: findOption would interpolate every option's names on each call
        return spec.optionsMap().get(name).getValue();
    }

    /** The values of a repeatable option, or an empty list. */
    static List<String> values(CommandSpec spec, String name) {
        List<String> v = value(spec, name);
        return v == null ? new ArrayList<>() : v;
    }

    /** Adds {@code -l ID[,ID…]} (completing {@code lossIds}) and {@code -P [ID.]KEY=VALUE}. */
    static void lossOptions(CommandSpec spec, Iterable<String> lossIds) {
        spec.addOption(list("-l", "--loss").splitRegex(",").paramLabel("ID").required(true).completionCandidates(lossIds)
                .description("Losses to compute, comma-separated or repeated (see losskit list).").build());
        spec.addOption(list("-P", "--param").paramLabel("[ID.]KEY=VALUE")
                .description("A loss parameter; without ID. it goes to every selected loss that has KEY.").build());
    }

    /** {@code --progress}/{@code --no-progress}, and the hidden {@code --progress-delay} (for tests: the line at once). */
    static void progressOptions(CommandSpec spec) {
        spec.negatableOptionTransformer(NoPrefix.INSTANCE);
        spec.addOption(OptionSpec.builder("--progress").negatable(true).type(Boolean.class).arity("0")
                .description("Show progress on standard error (default: when attached to a terminal).").build());
        spec.addOption(OptionSpec.builder("--progress-delay").paramLabel("MS").type(Long.class).defaultValue("1000").hidden(true)
                .build());
    }

    /**
     * The negative of a long option is its name with {@code no-} ({@code --progress},
     * {@code --no-progress}, shown as {@code --[no-]progress}), as picocli's default transformer has
     * it, without its regular expressions (they compile to lambdas, which cost start-up time).
     */
    private enum NoPrefix implements CommandLine.INegatableOptionTransformer {
        INSTANCE;

        @Override
        public String makeNegative(String name, CommandSpec command) {
            return name.startsWith("--no-") ? "--" + name.substring(5) : name.startsWith("--") ? "--no-" + name.substring(2) : name;
        }

        @Override
        public String makeSynopsis(String name, CommandSpec command) {
            String positive = name.startsWith("--no-") ? name.substring(5) : name.startsWith("--") ? name.substring(2) : null;
            return positive == null ? name : "--[no-]" + positive;
        }
    }

    /** Whether to show progress: as {@code --progress}/{@code --no-progress} say, else when attached to a terminal. */
    static boolean showProgress(CommandSpec spec) {
        Boolean progress = value(spec, "--progress");
        return progress != null ? progress : System.console() != null;
    }

    /** The milliseconds before the progress line appears, or -1 for none. */
    static long progressDelay(CommandSpec spec) {
        return showProgress(spec) ? Specs.<Long>value(spec, "--progress-delay") : -1;
    }

    /** Adds {@code --by COL[,COL…]}. */
    static void byOption(CommandSpec spec) {
        spec.addOption(list("--by").splitRegex(",").paramLabel("COL")
                .description("Results per slice (each distinct value, or combination of values, of these columns) and overall, "
                        + "in one pass; gates judge every slice and the whole. A value that reads as a number is that number "
                        + "(1, 1.0 and \"1\" are one slice).").build());
    }

    /** Adds {@code -o text|table|json|csv|tsv}. */
    static void outputOption(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-o", "--output").paramLabel("text|table|json|csv|tsv").defaultValue("text")
                .type(OutputFormat.class).converters(new ScoreCommand.OutputConverter())
                .completionCandidates(List.of("text", "table", "json", "csv", "tsv"))
                .description("Output format (default: ${DEFAULT-VALUE}); table: aligned columns for people.").build());
    }

    /**
     * Adds {@code --format}, {@code --col ROLE=NAME} (described by {@code description}), its
     * shortcuts {@code --pred-col}, {@code --target-col}, {@code --weight-col}, and {@code --classes}.
     */
    static void columnOptions(CommandSpec spec, String description) {
        spec.addOption(OptionSpec.builder("--format").paramLabel(Inputs.FORMATS)
                .type(InputFormat.class).converters(new ScoreCommand.FormatConverter())
                .completionCandidates(List.of(Inputs.FORMATS.split("\\|")))
                .description("Input format where the file name does not say it (standard input).").build());
        spec.addOption(OptionSpec.builder("--col").paramLabel("ROLE=NAME").type(Map.class).auxiliaryTypes(String.class, String.class)
                .description(description).build());
        spec.addOption(text("--pred-col").paramLabel("NAME").description("Same as --col pred=NAME.").build());
        spec.addOption(text("--target-col").paramLabel("NAME").description("Same as --col target=NAME.").build());
        spec.addOption(text("--weight-col").paramLabel("NAME").description("Same as --col weight=NAME.").build());
        spec.addOption(list("--classes").splitRegex(",").paramLabel("NAME").description("Class names, for targets given as names: "
                + "the i-th name is class i; for a binary target the second is the positive class (1), as sklearn orders two labels.").build());
    }

    /** Adds {@code --pos-label NAME}. */
    static void posLabelOption(CommandSpec spec) {
        spec.addOption(text("--pos-label").paramLabel("NAME")
                .description("For a binary target given as names: this one is the positive class (1), any other the negative (0), "
                        + "as sklearn's pos_label.").build());
    }

    /** Adds {@code --on-invalid fail|skip}; {@link #skipInvalid} reads it. */
    static void onInvalidOption(CommandSpec spec) {
        spec.addOption(text("--on-invalid").paramLabel("fail|skip").defaultValue("fail")
                .description("On an invalid record: stop with exit 3 (fail, the default) or skip it and report how many (skip).").build());
    }

    /** Whether {@code --on-invalid} is {@code skip}. */
    static boolean skipInvalid(CommandSpec spec) {
        String onInvalid = value(spec, "--on-invalid");
        if (!onInvalid.equals("fail") && !onInvalid.equals("skip")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--on-invalid takes fail or skip, not '" + onInvalid + "'");
        }
        return onInvalid.equals("skip");
    }

    /** Adds {@code --digits N}. */
    static void digitsOption(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("--digits").paramLabel("N").type(Integer.class)
                .description("Significant digits in text and table output, for people (1 to 17; trailing zeros dropped, "
                        + "as Python's %%.Ng). Default: the shortest digits that read back as the same double, "
                        + "as Python's repr and JSON print it; csv, tsv and json always keep them.").build());
    }

    /** The role → column mappings of {@link #columnOptions}, the shortcuts included. */
    static Map<String, String> columns(CommandSpec spec) {
        Map<String, String> cols = new LinkedHashMap<>(map(spec, "--col"));
        for (String role : List.of("pred", "target", "weight")) {
            String name = value(spec, "--" + role + "-col");
            if (name != null) {
                if (cols.containsKey(role) && !cols.get(role).equals(name)) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--" + role + "-col " + name + " contradicts --col " + role + "=" + cols.get(role));
                }
                cols.put(role, name);
            }
        }
        return cols;
    }

    /** The values of a KEY=VALUE option, or an empty map. */
    static Map<String, String> map(CommandSpec spec, String name) {
        Map<String, String> v = value(spec, name);
        return v == null ? new LinkedHashMap<>() : v;
    }
}
