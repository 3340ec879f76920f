package io.losskit.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.losskit.cli.bind.SliceColumns;
import io.losskit.cli.engine.CompareEngine.Compared;
import io.losskit.cli.engine.CompareEngine.Report;
import io.losskit.cli.engine.CompareEngine.Slice;
import io.losskit.core.stats.ComparisonResult;
import io.losskit.core.stats.Interval;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Writes the {@link Report} of {@code losskit compare}. text, table, csv and tsv: a header, then
 * one row per loss (and per slice and loss under {@code --by}, after the whole input's rows) with
 * both values, the difference, the interval's ends, both p-values and the count; JSON: one object
 * per loss with the interval as the {@code ci} object of {@code score --ci}.
 */
public final class ComparisonWriter {

    /** The columns after the slice columns. */
    static final List<String> COLUMNS = List.of("loss", "baseline", "candidate", "difference", "ci_low", "ci_high",
            "p_bootstrap", "p_randomization", "count");

    private ComparisonWriter() {
    }

    /**
     * Writes {@code report} with the verdicts of {@code --fail-if-worse} (JSON shows them; the
     * others leave them to standard error).
     *
     * @param signature the run's signature line (JSON's {@code signature})
     * @param digits significant digits in text and table output ({@code --digits}; 0: the shortest that read back)
     */
    public static void write(Report report, List<Verdict> verdicts, String signature, OutputFormat format, int digits,
                             PrintWriter out) throws IOException {
        if (format == OutputFormat.JSON) {
            json(report, verdicts, signature, out);
        } else {
            rows(report, format, ResultWriter.printer(format, digits), out);
        }
        out.flush();
    }

    private static void rows(Report report, OutputFormat format, DoubleFunction<String> number, PrintWriter out) {
        List<String> by = report.slices().isEmpty() ? List.of() : List.copyOf(report.slices().get(0).key().keySet());
        boolean delimited = format == OutputFormat.CSV || format == OutputFormat.TSV;
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(by);
        header.addAll(COLUMNS);
        rows.add(header);
        List<String> whole = new ArrayList<>(Collections.nCopies(by.size(), ""));
        if (!by.isEmpty() && !delimited) {
            whole.set(0, ResultWriter.ALL);
        }
        for (Compared c : report.results()) {
            rows.add(row(whole, c, number));
        }
        for (Slice slice : report.slices()) {
            List<String> key = slice.key().values().stream().map(SliceColumns::text).toList();
            for (Compared c : slice.results()) {
                rows.add(row(key, c, number));
            }
        }
        switch (format) {
            case TABLE -> ResultWriter.aligned(rows, by.size() + 1, out);
            case TEXT -> rows.forEach(r -> out.println(String.join("\t", r)));
            case CSV, TSV -> rows.forEach(r -> out.println(ResultWriter.cells(r, format == OutputFormat.CSV ? ',' : '\t')));
            default -> throw new AssertionError(format);
        }
    }

    private static List<String> row(List<String> key, Compared c, DoubleFunction<String> number) {
        ComparisonResult r = c.result();
        List<String> row = new ArrayList<>(key);
        row.add(c.loss());
        for (double v : new double[] {r.baseline().value(), r.candidate().value(), r.difference(), r.interval().low(),
            r.interval().high(), r.bootstrapP(), r.randomizationP()}) {
            row.add(number.apply(v));
        }
        row.add(Long.toString(r.baseline().count()));
        return row;
    }

    private static void json(Report report, List<Verdict> verdicts, String signature, PrintWriter out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        results(g, report.results());
        if (!report.slices().isEmpty()) {
            g.writeArrayFieldStart("slices");
            for (Slice slice : report.slices()) {
                g.writeStartObject();
                g.writeFieldName("slice");
                ResultWriter.slice(g, slice.key());
                results(g, slice.results());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        ResultWriter.gates(g, verdicts);
        g.writeNumberField("records", report.records());
        g.writeNumberField("skipped", report.skipped());
        ResultWriter.warnings(g, report.warnings());
        g.writeStringField("signature", signature);
        g.writeEndObject();
        g.flush();
        out.println();
    }

    private static void results(JsonGenerator g, List<Compared> results) throws IOException {
        g.writeArrayFieldStart("results");
        for (Compared c : results) {
            ComparisonResult r = c.result();
            g.writeStartObject();
            g.writeStringField("loss", c.loss());
            g.writeStringField("id", c.id());
            g.writeFieldName("baseline");
            ResultWriter.number(g, r.baseline().value());
            g.writeFieldName("candidate");
            ResultWriter.number(g, r.candidate().value());
            g.writeFieldName("difference");
            ResultWriter.number(g, r.difference());
            g.writeStringField("reduction", c.reduction().id());
            g.writeNumberField("count", r.baseline().count());
            Interval ci = r.interval();
            g.writeObjectFieldStart("ci");
            g.writeFieldName("level");
            ResultWriter.number(g, ci.level());
            g.writeFieldName("low");
            ResultWriter.number(g, ci.low());
            g.writeFieldName("high");
            ResultWriter.number(g, ci.high());
            g.writeStringField("method", ci.method());
            g.writeNumberField("resamples", ci.resamples());
            g.writeNumberField("seed", ci.seed());
            g.writeEndObject();
            g.writeFieldName("p_bootstrap");
            ResultWriter.number(g, r.bootstrapP());
            g.writeFieldName("p_randomization");
            ResultWriter.number(g, r.randomizationP());
            g.writeNumberField("trials", r.trials());
            g.writeFieldName("params");
            ResultWriter.params(g, c.params());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
