package io.losskit.cli;

import io.losskit.cli.input.UsageError;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.Reduction;
import io.losskit.spi.RoleSpec;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code losskit describe ID}: everything the descriptor says about a loss. */
final class DescribeCommand implements Callable<Integer> {

    private final RegistrySource registries;
    private final CommandSpec spec;

    DescribeCommand(RegistrySource registries, Iterable<String> lossIds) {
        this.registries = registries;
        spec = Specs.command("describe", this,
                "Show a loss's formula, inputs, parameters with defaults and ranges, reductions and reference.");
        spec.addPositional(Specs.positional("0", "ID").completionCandidates(lossIds)
                .description("A loss id or alias, or PACK:ID for a plugin's (see losskit list).").build());
        Specs.standardOptions(spec);
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        String id = spec.positionalParameters().get(0).getValue();
        LossRegistry registry = registries.get();
        LossRegistry.Entry e = registry.find(id);
        if (e == null) {
            throw new UsageError("unknown loss \"" + id + "\"; see losskit list");
        }
        describe(e, registry.name(e), spec.commandLine().getOut());
        return 0;
    }

    /** Prints what {@code e}'s descriptor says; {@code name} is the name that selects it. */
    static void describe(LossRegistry.Entry e, String name, PrintWriter out) {
        LossDescriptor d = e.descriptor();
        out.println(name + (d.aliases().isEmpty() ? "" : " (also " + String.join(", ", d.aliases()) + ")")
                + " — " + d.summary());
        out.println();
        out.println("  category    " + d.category() + (e.builtIn() ? "" : "   (from " + e.describeOrigin() + ")"));
        out.println("  formula     " + d.formula());
        out.println("  reductions  " + String.join(", ", d.reductions().stream().sorted().map(Reduction::id).toList()));
        out.println("  reference   " + d.reference());
        out.println();
        out.println("Inputs (roles):");
        for (RoleSpec r : d.roles()) {
            out.printf("  %-13s %-9s %s%s%n", r.name(), r.kind().name().toLowerCase(Locale.ROOT),
                    r.required() ? "" : "(optional) ", r.description());
        }
        out.println();
        if (d.params().isEmpty()) {
            out.println("Parameters: none");
        } else {
            out.println("Parameters (-P " + name + ".KEY=VALUE):");
            for (ParamSpec<?> p : d.params()) {
                String range = p.range().isEmpty() ? "" : " in " + p.range();
                out.printf("  %-13s %s, default %s%s%n", p.name(), p.type().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        p.defaultValue() == null ? "none" : p.defaultValue(), range);
                out.println("                " + p.description());
            }
        }
        if (!d.details().isEmpty()) {
            out.println();
            out.println("Details (in JSON output): " + String.join(", ", d.details()));
        }
        if (!d.notes().isEmpty()) {
            out.println();
            out.println("Notes:");
            for (String paragraph : d.notes().split("\n")) {
                for (String line : wrap(paragraph, 96)) {
                    out.println("  " + line);
                }
            }
        }
        out.flush();
    }

    /** {@code text} cut at spaces into lines of at most {@code width} characters (longer words stand alone). */
    static java.util.List<String> wrap(String text, int width) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
