package io.losskit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.losskit.spi.LossDescriptor;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losskit list}: every loss, by category. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the losses: id, aliases, category, summary and origin.")
final class ListCommand implements Callable<Integer> {

    private final LossRegistry registry;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--category", paramLabel = "C", description = "Only this category (regression, classification, sequence, metric, or a plugin's).")
    String category;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json", defaultValue = "text", description = "Output format (default: ${DEFAULT-VALUE}).")
    String output;

    ListCommand(LossRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        if (!output.equals("text") && !output.equals("json")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-o takes text or json, not '" + output + "'");
        }
        List<LossRegistry.Entry> entries = registry.entries().stream()
                .filter(e -> category == null || e.descriptor().category().equals(category)).toList();
        if (entries.isEmpty() && category != null) {
            throw new UsageError("no loss in category \"" + category + "\" (categories: " + String.join(", ",
                    registry.entries().stream().map(e -> e.descriptor().category()).distinct().toList()) + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.equals("json")) {
            json(entries, out);
        } else {
            text(entries, out);
        }
        for (String problem : registry.problems()) {
            spec.commandLine().getErr().println("losskit: warning: " + problem);
        }
        out.flush();
        return 0;
    }

    private static void text(List<LossRegistry.Entry> entries, PrintWriter out) {
        int width = entries.stream().mapToInt(e -> e.descriptor().id().length()).max().orElse(4);
        String category = null;
        for (LossRegistry.Entry e : entries) {
            LossDescriptor d = e.descriptor();
            if (!d.category().equals(category)) {
                category = d.category();
                out.println((out.checkError() ? "" : "") + category.toUpperCase(java.util.Locale.ROOT));
            }
            String aliases = d.aliases().isEmpty() ? "" : " (" + String.join(", ", d.aliases()) + ")";
            String origin = e.origin().equals("built-in") ? "" : "  [" + e.origin() + "]";
            out.printf("  %-" + width + "s  %s%s%s%n", d.id(), d.summary(), aliases, origin);
        }
    }

    private static void json(List<LossRegistry.Entry> entries, PrintWriter out) throws java.io.IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.useDefaultPrettyPrinter();
        g.writeStartArray();
        for (LossRegistry.Entry e : entries) {
            LossDescriptor d = e.descriptor();
            g.writeStartObject();
            g.writeStringField("id", d.id());
            g.writeArrayFieldStart("aliases");
            for (String a : d.aliases()) {
                g.writeString(a);
            }
            g.writeEndArray();
            g.writeStringField("category", d.category());
            g.writeStringField("summary", d.summary());
            g.writeStringField("origin", e.origin());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.flush();
        out.println();
    }
}
