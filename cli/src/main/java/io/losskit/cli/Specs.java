package io.losskit.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return spec.findOption(name).getValue();
    }

    /** The values of a repeatable option, or an empty list. */
    static List<String> values(CommandSpec spec, String name) {
        List<String> v = value(spec, name);
        return v == null ? new ArrayList<>() : v;
    }

    /** The values of a KEY=VALUE option, or an empty map. */
    static Map<String, String> map(CommandSpec spec, String name) {
        Map<String, String> v = value(spec, name);
        return v == null ? new LinkedHashMap<>() : v;
    }
}
