package io.losskit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.losskit.cli.input.UsageError;
import io.losskit.spi.LossDescriptor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/** {@code losskit list}: every loss, by category. */
final class ListCommand implements Callable<Integer> {

    private final RegistrySource registries;
    private final CommandSpec spec;

    ListCommand(RegistrySource registries) {
        this.registries = registries;
        spec = Specs.command("list", this, "List the losses by category: the name that selects each (PACK:ID for a plugin loss whose id is taken), "
                + "its origin (built-in, or the plugin pack and jar), summary and aliases.");
        spec.addOption(Specs.text("--category").paramLabel("C")
                .description("Only this category (regression, classification, sequence, metric, or a plugin's).").build());
        spec.addOption(Specs.text("-o", "--output").paramLabel("text|json").defaultValue("text")
                .description("Output format (default: ${DEFAULT-VALUE}).").build());
        Specs.standardOptions(spec);
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        String output = Specs.value(spec, "-o");
        String category = Specs.value(spec, "--category");
        if (!output.equals("text") && !output.equals("json")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-o takes text or json, not '" + output + "'");
        }
        LossRegistry registry = registries.get();
        List<LossRegistry.Entry> entries = registry.entries().stream()
                .filter(e -> category == null || e.descriptor().category().equals(category)).toList();
        if (entries.isEmpty() && category != null) {
            throw new UsageError("no loss in category \"" + category + "\" (categories: " + String.join(", ",
                    registry.entries().stream().map(e -> e.descriptor().category()).distinct().toList()) + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.equals("json")) {
            json(registry, entries, out);
        } else {
            text(registry, entries, out);
        }
        out.flush();
        return 0;
    }

    private static void text(LossRegistry registry, List<LossRegistry.Entry> entries, PrintWriter out) {
        int idWidth = entries.stream().mapToInt(e -> registry.name(e).length()).max().orElse(4);
        int originWidth = entries.stream().mapToInt(e -> shortOrigin(e).length()).max().orElse(8);
        Map<String, List<LossRegistry.Entry>> byCategory = new LinkedHashMap<>();
        for (LossRegistry.Entry e : entries) {
            byCategory.computeIfAbsent(e.descriptor().category(), c -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<String, List<LossRegistry.Entry>> category : byCategory.entrySet()) {
            out.println(category.getKey().toUpperCase(Locale.ROOT));
            for (LossRegistry.Entry e : category.getValue()) {
                LossDescriptor d = e.descriptor();
                String aliases = d.aliases().isEmpty() ? "" : " (" + String.join(", ", d.aliases()) + ")";
                out.println("  " + pad(registry.name(e), idWidth) + "  " + pad(shortOrigin(e), originWidth) + "  " + d.summary() + aliases);
            }
        }
    }

    /** "built-in", or PACK/JAR (the JSON output has the jar's path). */
    private static String shortOrigin(LossRegistry.Entry e) {
        return e.builtIn() ? LossRegistry.BUILT_IN : e.pack() + "/" + e.jar().getFileName();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static void json(LossRegistry registry, List<LossRegistry.Entry> entries, PrintWriter out) throws java.io.IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.useDefaultPrettyPrinter();
        g.writeStartArray();
        for (LossRegistry.Entry e : entries) {
            LossDescriptor d = e.descriptor();
            g.writeStartObject();
            g.writeStringField("id", d.id());
            g.writeStringField("name", registry.name(e));
            g.writeArrayFieldStart("aliases");
            for (String a : d.aliases()) {
                g.writeString(a);
            }
            g.writeEndArray();
            g.writeStringField("category", d.category());
            g.writeStringField("summary", d.summary());
            g.writeStringField("pack", e.pack());
            g.writeStringField("origin", e.builtIn() ? LossRegistry.BUILT_IN : e.jar().toString());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.flush();
        out.println();
    }
}
