package io.losskit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A fish completion script made from the commands' picocli models (picocli writes bash only):
 * commands, options with their first description line, and the values an option or a positional
 * parameter takes where they are known (loss ids, reductions, formats); files elsewhere.
 */
final class FishCompletion {

    private FishCompletion() {
    }

    static String script(CommandLine root) {
        String name = root.getCommandName();
        StringBuilder b = new StringBuilder();
        b.append("# fish completion for ").append(name).append(": ").append(name)
                .append(" completion fish > ~/.config/fish/completions/").append(name).append(".fish\n");
        b.append("complete -c ").append(name).append(" -f\n");
        String top = "__fish_use_subcommand";
        options(b, name, top, root.getCommandSpec());
        for (Map.Entry<String, CommandLine> sub : root.getSubcommands().entrySet()) {
            CommandSpec spec = sub.getValue().getCommandSpec();
            if (spec.usageMessage().hidden()) {
                continue;
            }
            b.append("complete -c ").append(name).append(" -n ").append(top).append(" -a ").append(sub.getKey())
                    .append(description(spec.usageMessage().description())).append('\n');
        }
        for (Map.Entry<String, CommandLine> sub : root.getSubcommands().entrySet()) {
            CommandSpec spec = sub.getValue().getCommandSpec();
            String condition = quote("__fish_seen_subcommand_from " + sub.getKey());
            options(b, name, condition, spec);
            for (PositionalParamSpec p : spec.positionalParameters()) {
                if (p.hidden()) {
                    continue;
                }
                List<String> values = candidates(p);
                b.append("complete -c ").append(name).append(" -n ").append(condition)
                        .append(values.isEmpty() ? " -F" : " -a " + quote(String.join(" ", values)))
                        .append(description(p.description())).append('\n');
            }
        }
        return b.toString();
    }

    private static void options(StringBuilder b, String name, String condition, CommandSpec spec) {
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            StringBuilder line = new StringBuilder("complete -c ").append(name).append(" -n ").append(condition);
            List<String> longNames = new ArrayList<>();
            for (String n : o.names()) {
                if (n.startsWith("--")) {
                    longNames.add(n.substring(2));
                } else if (n.length() == 2) {
                    line.append(" -s ").append(n.charAt(1));
                }
            }
            for (String n : longNames) {
                line.append(" -l ").append(n);
            }
            if (o.negatable()) {
                for (String n : longNames) {
                    line.append(" -l no-").append(n);
                }
            }
            if (o.arity().max() > 0) {
                List<String> values = candidates(o);
                line.append(values.isEmpty() ? " -r -F" : " -x -a " + quote(String.join(" ", values)));
            }
            b.append(line).append(description(o.description())).append('\n');
        }
    }

    private static List<String> candidates(ArgSpec arg) {
        List<String> values = new ArrayList<>();
        if (arg.completionCandidates() != null) {
            arg.completionCandidates().forEach(values::add);
        }
        return values;
    }

    /** The first line of a description as fish's {@code -d}, without picocli's ${…} variables. */
    private static String description(String[] lines) {
        if (lines == null || lines.length == 0 || lines[0].isBlank()) {
            return "";
        }
        String first = lines[0].replaceAll("\\$\\{[^}]*}", "…").replace("%%", "%");
        int stop = first.indexOf(". ");
        return " -d " + quote(stop > 0 ? first.substring(0, stop + 1) : first);
    }

    /** A fish single-quoted word: only \ and ' are escaped there. */
    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
