package io.losskit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.losskit.cli.input.UsageError;
import io.losskit.cli.output.ResultWriter;
import io.losskit.core.Numbers;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.ParamSpec;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.Reduction;
import io.losskit.spi.RoleSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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
        spec.addOption(Specs.text("-o", "--output").paramLabel("text|json").defaultValue("text")
                .completionCandidates(java.util.List.of("text", "json"))
                .description("text (default), or json for tools: roles, parameters with types and defaults, reductions, aliases.").build());
        Specs.standardOptions(spec);
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws IOException {
        String id = spec.positionalParameters().get(0).getValue();
        LossRegistry registry = registries.get();
        LossRegistry.Entry e = registry.find(id);
        if (e == null) {
            throw new UsageError("unknown loss \"" + id + "\"; see losskit list");
        }
        String output = Specs.value(spec, "-o");
        if (output.equals("json")) {
            json(e, registry.name(e), spec.commandLine().getOut());
        } else if (output.equals("text")) {
            describe(e, registry.name(e), spec.commandLine().getOut());
        } else {
            throw new CommandLine.ParameterException(spec.commandLine(), "-o takes text or json, not '" + output + "'");
        }
        return 0;
    }

    /**
     * The descriptor as one JSON object. A parameter's {@code default} is typed as score's JSON
     * writes its effective value ({@code "params"}), so a tool can compare the two; null where there is none.
     */
    static void json(LossRegistry.Entry e, String name, PrintWriter out) throws IOException {
        LossDescriptor d = e.descriptor();
        ObjectMapper mapper = new ObjectMapper();
        JsonNode defaults = mapper.readTree(ResultWriter.paramsJson(ParameterValues.defaults(d).effective()));
        JsonGenerator g = mapper.getFactory().createGenerator(out);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeStringField("id", d.id());
        g.writeStringField("name", name);
        strings(g, "aliases", d.aliases());
        g.writeStringField("category", d.category());
        g.writeStringField("summary", d.summary());
        g.writeStringField("formula", d.formula());
        strings(g, "reductions", d.reductions().stream().sorted().map(Reduction::id).toList());
        g.writeStringField("reference", d.reference());
        g.writeBooleanField("takes-weight", d.takesWeight());
        g.writeArrayFieldStart("roles");
        for (RoleSpec r : d.roles()) {
            g.writeStartObject();
            g.writeStringField("name", r.name());
            g.writeStringField("kind", r.kind().name().toLowerCase(Locale.ROOT));
            g.writeBooleanField("required", r.required());
            g.writeStringField("description", r.description());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("params");
        for (ParamSpec<?> p : d.params()) {
            g.writeStartObject();
            g.writeStringField("name", p.name());
            g.writeStringField("type", p.type().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            g.writeFieldName("default");
            g.writeTree(defaults.get(p.name()));
            g.writeStringField("default-text", p.defaultValue());
            if (p.min() != null) {
                g.writeFieldName("min");
                g.writeNumber(Numbers.format(p.min()));
                g.writeBooleanField("min-inclusive", p.minInclusive());
            }
            if (p.max() != null) {
                g.writeFieldName("max");
                g.writeNumber(Numbers.format(p.max()));
                g.writeBooleanField("max-inclusive", p.maxInclusive());
            }
            if (!p.choices().isEmpty()) {
                strings(g, "choices", p.choices());
            }
            g.writeStringField("description", p.description());
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "details", d.details());
        g.writeStringField("notes", d.notes());
        g.writeStringField("pack", e.pack());
        g.writeStringField("origin", e.builtIn() ? LossRegistry.BUILT_IN : e.jar().toString());
        g.writeEndObject();
        g.flush();
        out.println();
        out.flush();
    }

    private static void strings(JsonGenerator g, String field, java.util.List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
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
