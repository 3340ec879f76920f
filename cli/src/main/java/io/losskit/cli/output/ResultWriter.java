package io.losskit.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.losskit.cli.engine.ScoreEngine;
import io.losskit.cli.engine.ScoreEngine.Outcome;
import io.losskit.cli.engine.ScoreEngine.Report;
import io.losskit.cli.input.Record;
import io.losskit.spi.Reduction;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes a {@link Report} in the formats of CLI.md. */
public final class ResultWriter {

    private ResultWriter() {
    }

    public static void write(Report report, OutputFormat format, PrintWriter out) throws IOException {
        switch (format) {
            case TEXT -> text(report.results(), out);
            case JSON -> json(report, out);
            case CSV -> delimited(report.results(), out, ',');
            case TSV -> delimited(report.results(), out, '\t');
            default -> throw new AssertionError(format);
        }
        out.flush();
    }

    /**
     * Where the engine writes the rows of {@code --reduction none} as it computes them, for the
     * formats that are one line per sample; null for JSON, which is written whole at the end.
     */
    public static ScoreEngine.RowSink rows(List<String> losses, OutputFormat format, PrintWriter out) {
        if (format == OutputFormat.JSON) {
            return null;
        }
        char sep = format == OutputFormat.CSV ? ',' : '\t';
        boolean header = format != OutputFormat.TEXT || losses.size() > 1;
        return new ScoreEngine.RowSink() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void begin() {
                if (header) {
                    out.println(String.join(String.valueOf(sep), losses));
                }
            }

            @Override
            public void row(Record record, double[] values) {
                line.setLength(0);
                for (int j = 0; j < values.length; j++) {
                    if (j > 0) {
                        line.append(sep);
                    }
                    line.append(Numbers.format(values[j]));
                }
                out.println(line);
            }
        };
    }

    private static boolean perSample(List<Outcome> results) {
        return results.get(0).reduction() == Reduction.NONE;
    }

    private static void text(List<Outcome> results, PrintWriter out) {
        if (perSample(results)) {
            rows(results, out, '\t', results.size() > 1);
            return;
        }
        if (results.size() == 1) {
            out.println(Numbers.format(results.get(0).value()));
            return;
        }
        for (Outcome o : results) {
            out.println(o.loss() + "\t" + Numbers.format(o.value()));
        }
    }

    private static void rows(List<Outcome> results, PrintWriter out, char sep, boolean header) {
        if (results.get(0).values() == null) {
            return; // written as they were computed, by the sink of rows()
        }
        if (header) {
            out.println(String.join(String.valueOf(sep), results.stream().map(Outcome::loss).toList()));
        }
        int n = results.stream().mapToInt(o -> o.values().length).max().orElse(0);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) {
            line.setLength(0);
            for (int j = 0; j < results.size(); j++) {
                double[] v = results.get(j).values();
                if (j > 0) {
                    line.append(sep);
                }
                if (i < v.length) {
                    line.append(Numbers.format(v[i]));
                }
            }
            out.println(line);
        }
    }

    private static void delimited(List<Outcome> results, PrintWriter out, char sep) {
        if (perSample(results)) {
            rows(results, out, sep, true);
            return;
        }
        // the details (wer's hits … insertions, triplet's easy … hard) as columns after count,
        // empty for a loss that does not report one
        Set<String> details = new LinkedHashSet<>();
        results.forEach(o -> details.addAll(o.details().keySet()));
        List<String> header = new ArrayList<>(List.of("loss", "value", "reduction", "count"));
        header.addAll(details);
        out.println(String.join(String.valueOf(sep), header));
        for (Outcome o : results) {
            List<String> row = new ArrayList<>(List.of(o.loss(), Numbers.format(o.value()), o.reduction().id(),
                    Long.toString(o.count())));
            for (String d : details) {
                Long n = o.details().get(d);
                row.add(n == null ? "" : n.toString());
            }
            out.println(String.join(String.valueOf(sep), row));
        }
    }

    private static void json(Report report, PrintWriter out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeArrayFieldStart("results");
        for (Outcome o : report.results()) {
            g.writeStartObject();
            g.writeStringField("loss", o.loss());
            if (o.reduction() == Reduction.NONE) {
                g.writeArrayFieldStart("values");
                for (double v : o.values()) {
                    number(g, v);
                }
                g.writeEndArray();
            } else {
                g.writeFieldName("value");
                number(g, o.value());
            }
            g.writeStringField("reduction", o.reduction().id());
            g.writeNumberField("count", o.count());
            g.writeFieldName("params");
            params(g, o.params());
            if (!o.details().isEmpty()) {
                g.writeObjectFieldStart("details");
                for (Map.Entry<String, Long> d : o.details().entrySet()) {
                    g.writeNumberField(d.getKey(), d.getValue());
                }
                g.writeEndObject();
            }
            if (report.skipped() > 0) {
                g.writeNumberField("skipped", report.skipped());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("records", report.records());
        g.writeNumberField("skipped", report.skipped());
        if (!report.warnings().isEmpty()) {
            g.writeArrayFieldStart("warnings");
            for (String w : report.warnings()) {
                g.writeString(w);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.flush();
        out.println();
    }

    /** A number, or the strings "Infinity", "-Infinity", "NaN" (JSON has no such numbers). */
    private static void number(JsonGenerator g, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeString(Numbers.format(v));
        }
    }

    /** Effective parameters as the JSON output writes them (a baseline's are compared with this text). */
    public static String paramsJson(Map<String, Object> params) {
        java.io.StringWriter text = new java.io.StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
            params(g, params);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);   // a StringWriter does not fail
        }
        return text.toString();
    }

    private static void params(JsonGenerator g, Map<String, Object> params) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> p : params.entrySet()) {
            g.writeFieldName(p.getKey());
            param(g, p.getValue());
        }
        g.writeEndObject();
    }

    private static void param(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Double d) {
            number(g, d);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof double[] list) {
            g.writeStartArray();
            for (double d : list) {
                number(g, d);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }
}
