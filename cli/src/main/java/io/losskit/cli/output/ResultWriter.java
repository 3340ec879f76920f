package io.losskit.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.losskit.builtin.align.Alignment;
import io.losskit.cli.bind.SliceColumns;
import io.losskit.cli.engine.ScoreEngine;
import io.losskit.cli.engine.ScoreEngine.Outcome;
import io.losskit.cli.engine.ScoreEngine.Report;
import io.losskit.core.Numbers;
import io.losskit.spi.Reduction;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;

/** Writes a {@link Report} in the formats of CLI.md. */
public final class ResultWriter {

    private ResultWriter() {
    }

    /**
     * Writes {@code report} with the gates' {@code verdicts} (JSON shows them; the others leave
     * them to standard error) and the run's {@code signature} (JSON only); {@code digits}
     * significant digits in text and table output (0: the shortest that read back, as everywhere else).
     */
    public static void write(Report report, List<Verdict> verdicts, String signature, OutputFormat format, int digits,
                             PrintWriter out) throws IOException {
        DoubleFunction<String> number = printer(format, digits);
        if (!report.slices().isEmpty() && format != OutputFormat.JSON) {
            sliced(report, format, number, out);
        } else {
            switch (format) {
                case TEXT -> text(report, number, out);
                case TABLE -> table(report, number, out);
                case JSON -> json(report, verdicts, signature, out);
                case CSV -> delimited(report, out, ',');
                case TSV -> delimited(report, out, '\t');
                default -> throw new AssertionError(format);
            }
        }
        if (format != OutputFormat.JSON) {
            worst(report, format, number, out);
            alignments(report, number, out);
        }
        out.flush();
    }

    /** How values print in {@code format}: {@code --digits} applies to text and table, for people; the others keep every digit. */
    static DoubleFunction<String> printer(OutputFormat format, int digits) {
        return digits > 0 && (format == OutputFormat.TEXT || format == OutputFormat.TABLE) ? new Printer(digits) : EVERY_DIGIT;
    }

    /**
     * {@link Numbers#format} with {@code digits} significant digits, or with 0 the shortest that
     * reads back; a class, not a lambda (see {@code Main}).
     */
    private record Printer(int digits) implements DoubleFunction<String> {
        @Override
        public String apply(double v) {
            return digits > 0 ? Numbers.format(v, digits) : Numbers.format(v);
        }
    }

    private static final Printer EVERY_DIGIT = new Printer(0);

    /** What the whole input's row shows in the first slice column of text and table output. */
    static final String ALL = "(all)";

    /**
     * Results with slices. text and table: one row per slice (the whole input's first, marked
     * {@value #ALL}), a column per {@code --by} column, the count and a column per loss; csv and
     * tsv: one row per slice and loss, as without slices, after a column per {@code --by} column
     * (empty for the whole input's rows).
     */
    private static void sliced(Report report, OutputFormat format, DoubleFunction<String> number, PrintWriter out) {
        List<String> by = List.copyOf(report.slices().get(0).key().keySet());
        if (format == OutputFormat.CSV || format == OutputFormat.TSV) {
            char sep = format == OutputFormat.CSV ? ',' : '\t';
            List<String> header = new ArrayList<>(by);
            header.addAll(List.of("loss", "value", "reduction", "count"));
            if (hasCi(report.results())) {
                header.addAll(List.of("low", "high"));
            }
            out.println(cells(header, sep));
            List<String> none = java.util.Collections.nCopies(by.size(), "");
            for (Outcome o : report.results()) {
                out.println(cells(delimitedRow(none, o), sep));
            }
            for (ScoreEngine.Slice slice : report.slices()) {
                List<String> key = slice.key().values().stream().map(SliceColumns::text).toList();
                for (Outcome o : slice.results()) {
                    out.println(cells(delimitedRow(key, o), sep));
                }
            }
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(by);
        header.add("count");
        for (Outcome o : report.results()) {
            header.add(o.loss());
            if (o.ci() != null) {
                header.add(o.loss() + ".low");
                header.add(o.loss() + ".high");
            }
        }
        rows.add(header);
        List<String> whole = new ArrayList<>(java.util.Collections.nCopies(by.size(), ""));
        whole.set(0, ALL);
        rows.add(wideRow(whole, report.results(), number));
        for (ScoreEngine.Slice slice : report.slices()) {
            rows.add(wideRow(slice.key().values().stream().map(SliceColumns::text).toList(), slice.results(), number));
        }
        if (format == OutputFormat.TABLE) {
            aligned(rows, by.size(), out);
        } else {
            rows.forEach(r -> out.println(String.join("\t", r)));
        }
    }

    private static List<String> delimitedRow(List<String> key, Outcome o) {
        List<String> row = new ArrayList<>(key);
        row.addAll(List.of(o.loss(), Numbers.format(o.value()), o.reduction().id(), Long.toString(o.count())));
        addCi(row, o, EVERY_DIGIT);
        return row;
    }

    private static List<String> wideRow(List<String> key, List<Outcome> results, DoubleFunction<String> number) {
        List<String> row = new ArrayList<>(key);
        row.add(Long.toString(results.get(0).count()));
        for (Outcome o : results) {
            row.add(number.apply(o.value()));
            addCi(row, o, number);
        }
        return row;
    }

    /**
     * The worst records of {@code --worst}, after the results and a blank line: a table of
     * loss, rank, line, the {@code --id} columns and the value, worst first per loss.
     */
    private static void worst(Report report, OutputFormat format, DoubleFunction<String> number, PrintWriter out) {
        boolean none = true;
        for (Outcome o : report.results()) {
            none &= o.worst() == null;
        }
        if (none) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("loss", "rank", "line"));
        header.addAll(report.idColumns());
        header.add("value");
        rows.add(header);
        for (Outcome o : report.results()) {
            if (o.worst() == null) {
                continue;
            }
            int rank = 1;
            for (ScoreEngine.Worst w : o.worst()) {
                List<String> row = new ArrayList<>(List.of(o.loss(), Integer.toString(rank++), Long.toString(w.line())));
                row.addAll(w.ids());
                row.add(number.apply(w.value()));
                rows.add(row);
            }
        }
        out.println();
        if (format == OutputFormat.TABLE) {
            aligned(rows, 1, out);
            return;
        }
        char sep = format == OutputFormat.CSV ? ',' : '\t';
        rows.forEach(r -> out.println(cells(r, sep)));
    }

    /**
     * The alignments of {@code --align} (text and table output; csv and tsv are refused it), after
     * the worst records: per worst record of the edit-distance family, a header naming the loss,
     * the rank, the line, the {@code --id} columns, the value and the counts, then jiwer's three lines.
     */
    private static void alignments(Report report, DoubleFunction<String> number, PrintWriter out) {
        for (Outcome o : report.results()) {
            if (o.worst() == null) {
                continue;
            }
            int rank = 1;
            for (ScoreEngine.Worst w : o.worst()) {
                if (w.alignment() == null && w.unaligned() == null) {
                    continue;
                }
                StringBuilder header = new StringBuilder("=== ").append(o.loss()).append(' ').append(rank++).append(" of ")
                        .append(o.worst().size()).append(": line ").append(w.line());
                for (int c = 0; c < w.ids().size(); c++) {
                    header.append(", ").append(report.idColumns().get(c)).append('=').append(w.ids().get(c));
                }
                header.append(": ").append(number.apply(w.value()));
                Alignment a = w.alignment();
                if (a != null) {
                    header.append(" (substitutions=").append(a.count(Alignment.Op.SUBSTITUTE))
                            .append(" deletions=").append(a.count(Alignment.Op.DELETE))
                            .append(" insertions=").append(a.count(Alignment.Op.INSERT))
                            .append(" hits=").append(a.count(Alignment.Op.EQUAL)).append(')');
                }
                out.println();
                out.println(header.append(" ===").toString().replace('\n', ' ').replace('\r', ' '));
                out.println();
                if (a == null) {
                    out.println("(" + w.unaligned() + ")");
                } else {
                    AlignmentText.lines(a).forEach(out::println);
                }
            }
        }
    }

    /** Whether the results carry {@code --ci} intervals. */
    private static boolean hasCi(List<Outcome> results) {
        return !results.isEmpty() && results.get(0).ci() != null;
    }

    /** The interval's low and high ends, when there is one. */
    private static void addCi(List<String> row, Outcome o, DoubleFunction<String> number) {
        if (o.ci() != null) {
            row.add(number.apply(o.ci().low()));
            row.add(number.apply(o.ci().high()));
        }
    }

    /** Rows in columns padded to their widest cell: the first {@code text} columns left-aligned, numbers right-aligned. */
    static void aligned(List<List<String>> rows, int text, PrintWriter out) {
        int[] width = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).codePointCount(0, row.get(i).length()));
            }
        }
        StringBuilder line = new StringBuilder();
        for (List<String> row : rows) {
            line.setLength(0);
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                String pad = " ".repeat(width[i] - cell.codePointCount(0, cell.length()));
                line.append(i > 0 ? "  " : "").append(i < text ? cell + pad : pad + cell);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /**
     * One line of CSV (RFC 4180: a cell holding a comma, a quote or a line break is quoted) or of
     * TSV (which cannot quote: a tab or line break in a cell becomes a space).
     */
    static String cells(List<String> cells, char sep) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (i > 0) {
                line.append(sep);
            }
            if (sep == ',' && (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0)) {
                line.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                line.append(sep == ',' ? c : c.replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
            }
        }
        return line.toString();
    }

    /**
     * Where the engine writes the rows of {@code --reduction none} as it computes them, for the
     * formats that are one line per sample; null for JSON, which is written whole at the end.
     *
     * @param ids the {@code --id} columns, shown after the line number
     */
    public static ScoreEngine.RowSink rows(List<String> losses, List<String> ids, OutputFormat format, int digits,
                                           PrintWriter out) {
        if (format == OutputFormat.JSON) {
            return null;
        }
        PerSampleRows rows = new PerSampleRows(losses, ids, format, printer(format, digits));
        return new ScoreEngine.RowSink() {
            @Override
            public void begin() {
                out.println(rows.header());
            }

            @Override
            public void row(long line, String[] id, double[] values) {
                out.println(rows.row(line, id, values));
            }
        };
    }

    /**
     * The lines of per-sample output: a header (line, the {@code --id} columns, a column per loss),
     * then per record its line number, its ids and its values. A table pads each column to a width
     * fixed in advance (streamed rows cannot wait for their widest cell): a number to 24
     * characters, ids to 12, or the column's name when longer; the other formats do not pad.
     */
    private static final class PerSampleRows {
        private final char sep;
        private final List<String> header = new ArrayList<>();
        private final int[] width;
        private final StringBuilder line = new StringBuilder();
        private final List<String> cells = new ArrayList<>();
        private final int ids;
        private final DoubleFunction<String> number;

        PerSampleRows(List<String> losses, List<String> ids, OutputFormat format, DoubleFunction<String> number) {
            this.number = number;
            sep = format == OutputFormat.CSV ? ',' : format == OutputFormat.TABLE ? ' ' : '\t';
            this.ids = ids.size();
            header.add("line");
            header.addAll(ids);
            header.addAll(losses);
            width = new int[header.size()];
            if (format == OutputFormat.TABLE) {
                for (int j = 0; j < width.length; j++) {
                    int least = j == 0 ? 10 : j <= ids.size() ? 12 : 24;
                    width[j] = Math.max(least, header.get(j).length());
                }
            }
        }

        String header() {
            return format(header);
        }

        String row(long at, String[] id, double[] values) {
            cells.clear();
            cells.add(Long.toString(at));
            for (int j = 0; j < ids; j++) {
                cells.add(id[j]);
            }
            for (double v : values) {
                cells.add(number.apply(v));
            }
            return format(cells);
        }

        private String format(List<String> row) {
            if (sep != ' ') {
                return cells(row, sep);
            }
            line.setLength(0);
            for (int j = 0; j < row.size(); j++) {
                String c = row.get(j).replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
                if (j > 0) {
                    line.append(' ');
                }
                String pad = " ".repeat(Math.max(0, width[j] - c.codePointCount(0, c.length())));
                // ids left-aligned, numbers right-aligned
                line.append(j >= 1 && j <= ids ? c + pad : pad + c);
            }
            return line.toString().stripTrailing();
        }
    }

    private static boolean perSample(List<Outcome> results) {
        return results.get(0).reduction() == Reduction.NONE;
    }

    private static void text(Report report, DoubleFunction<String> number, PrintWriter out) {
        List<Outcome> results = report.results();
        if (perSample(results)) {
            rows(report, OutputFormat.TEXT, number, out);
            return;
        }
        // under --ci: VALUE, LOW, HIGH, tab-separated (the value stays the first field)
        if (results.size() == 1) {
            List<String> row = new ArrayList<>(List.of(number.apply(results.get(0).value())));
            addCi(row, results.get(0), number);
            out.println(String.join("\t", row));
            return;
        }
        for (Outcome o : results) {
            List<String> row = new ArrayList<>(List.of(o.loss(), number.apply(o.value())));
            addCi(row, o, number);
            out.println(String.join("\t", row));
        }
    }

    /** A table: one row per loss, or under {@code none} one per sample. */
    private static void table(Report report, DoubleFunction<String> number, PrintWriter out) {
        List<Outcome> results = report.results();
        if (perSample(results)) {
            rows(report, OutputFormat.TABLE, number, out);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(hasCi(results) ? List.of("loss", "value", "low", "high", "reduction", "count")
                : List.of("loss", "value", "reduction", "count"));
        for (Outcome o : results) {
            List<String> row = new ArrayList<>(List.of(o.loss(), number.apply(o.value())));
            addCi(row, o, number);
            row.addAll(List.of(o.reduction().id(), Long.toString(o.count())));
            rows.add(row);
        }
        aligned(rows, 1, out);
    }

    /** The rows of {@code --reduction none} when the values come at the end (a batch loss is selected), or none when they were streamed. */
    private static void rows(Report report, OutputFormat format, DoubleFunction<String> number, PrintWriter out) {
        List<Outcome> results = report.results();
        if (results.get(0).values() == null) {
            return; // written as they were computed, by the sink of rows()
        }
        PerSampleRows rows = new PerSampleRows(results.stream().map(Outcome::loss).toList(), report.idColumns(), format, number);
        out.println(rows.header());
        int n = results.stream().mapToInt(o -> o.values().length).max().orElse(0);
        double[] values = new double[results.size()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < results.size(); j++) {
                double[] v = results.get(j).values();
                values[j] = i < v.length ? v[i] : Double.NaN;
            }
            out.println(rows.row(report.lines()[i], report.ids().get(i), values));
        }
    }

    private static void delimited(Report report, PrintWriter out, char sep) {
        List<Outcome> results = report.results();
        if (perSample(results)) {
            rows(report, sep == ',' ? OutputFormat.CSV : OutputFormat.TSV, EVERY_DIGIT, out);
            return;
        }
        // the details (wer's hits … insertions, triplet's easy … hard) as columns after count,
        // empty for a loss that does not report one
        Set<String> details = new LinkedHashSet<>();
        results.forEach(o -> details.addAll(o.details().keySet()));
        List<String> header = new ArrayList<>(List.of("loss", "value", "reduction", "count"));
        if (hasCi(results)) {
            header.addAll(List.of("low", "high"));
        }
        header.addAll(details);
        out.println(String.join(String.valueOf(sep), header));
        for (Outcome o : results) {
            List<String> row = new ArrayList<>(List.of(o.loss(), Numbers.format(o.value()), o.reduction().id(),
                    Long.toString(o.count())));
            addCi(row, o, EVERY_DIGIT);
            for (String d : details) {
                Long n = o.details().get(d);
                row.add(n == null ? "" : n.toString());
            }
            out.println(String.join(String.valueOf(sep), row));
        }
    }

    private static void json(Report report, List<Verdict> verdicts, String signature, PrintWriter out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        results(g, report.results(), report.skipped(), report);
        if (!report.slices().isEmpty()) {
            g.writeArrayFieldStart("slices");
            for (ScoreEngine.Slice slice : report.slices()) {
                g.writeStartObject();
                g.writeFieldName("slice");
                slice(g, slice.key());
                results(g, slice.results(), 0, null);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        gates(g, verdicts);
        g.writeNumberField("records", report.records());
        g.writeNumberField("skipped", report.skipped());
        warnings(g, report.warnings());
        g.writeStringField("signature", signature);
        g.writeEndObject();
        g.flush();
        out.println();
    }

    /** The member "gates": every verdict (none: no member). */
    static void gates(JsonGenerator g, List<Verdict> verdicts) throws IOException {
        if (verdicts.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("gates");
        for (Verdict v : verdicts) {
            g.writeStartObject();
            g.writeStringField("gate", v.gate());
            g.writeStringField("loss", v.loss());
            g.writeFieldName("slice");
            if (v.slice() == null) {
                g.writeNull();
            } else {
                slice(g, v.slice());
            }
            g.writeFieldName("value");
            number(g, v.value());
            g.writeFieldName("bound");
            number(g, v.bound());
            g.writeFieldName("difference");
            number(g, v.value() - v.bound());
            g.writeBooleanField("passed", v.passed());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The member "warnings" (none: no member). */
    static void warnings(JsonGenerator g, List<String> warnings) throws IOException {
        if (warnings.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("warnings");
        for (String w : warnings) {
            g.writeString(w);
        }
        g.writeEndArray();
    }

    /** A slice's key: an object of its value by column. */
    static void slice(JsonGenerator g, Map<String, Object> key) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> k : key.entrySet()) {
            g.writeFieldName(k.getKey());
            if (k.getValue() instanceof Double d) {
                sliceNumber(g, d);
            } else {
                g.writeString((String) k.getValue());
            }
        }
        g.writeEndObject();
    }

    /** A slice's number: an integral one as an integer (a fold 1 read as 1.0 is written 1). */
    private static void sliceNumber(JsonGenerator g, double d) throws IOException {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            g.writeNumber((long) d);
        } else {
            number(g, d);
        }
    }

    /**
     * The member "results": one object per loss; with the lines and ids of {@code report}'s
     * per-sample values when it is given (the whole input's results).
     */
    private static void results(JsonGenerator g, List<Outcome> results, long skipped, Report report) throws IOException {
        g.writeArrayFieldStart("results");
        for (Outcome o : results) {
            g.writeStartObject();
            g.writeStringField("loss", o.loss());
            g.writeStringField("id", o.id());
            if (o.reduction() == Reduction.NONE) {
                g.writeArrayFieldStart("values");
                for (double v : o.values()) {
                    number(g, v);
                }
                g.writeEndArray();
                if (report != null && report.lines() != null) {
                    g.writeArrayFieldStart("lines");
                    for (long line : report.lines()) {
                        g.writeNumber(line);
                    }
                    g.writeEndArray();
                    if (!report.idColumns().isEmpty()) {
                        g.writeObjectFieldStart("ids");
                        for (int c = 0; c < report.idColumns().size(); c++) {
                            g.writeArrayFieldStart(report.idColumns().get(c));
                            for (String[] id : report.ids()) {
                                g.writeString(id[c]);
                            }
                            g.writeEndArray();
                        }
                        g.writeEndObject();
                    }
                }
            } else {
                g.writeFieldName("value");
                number(g, o.value());
            }
            if (o.ci() != null) {
                g.writeObjectFieldStart("ci");
                g.writeFieldName("level");
                number(g, o.ci().level());
                g.writeFieldName("low");
                number(g, o.ci().low());
                g.writeFieldName("high");
                number(g, o.ci().high());
                g.writeStringField("method", o.ci().method());
                g.writeNumberField("resamples", o.ci().resamples());
                g.writeNumberField("seed", o.ci().seed());
                g.writeEndObject();
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
            if (o.worst() != null) {
                g.writeArrayFieldStart("worst");
                for (ScoreEngine.Worst w : o.worst()) {
                    g.writeStartObject();
                    g.writeNumberField("line", w.line());
                    if (report != null && !report.idColumns().isEmpty()) {
                        g.writeObjectFieldStart("ids");
                        for (int c = 0; c < w.ids().size(); c++) {
                            g.writeStringField(report.idColumns().get(c), w.ids().get(c));
                        }
                        g.writeEndObject();
                    }
                    g.writeFieldName("value");
                    number(g, w.value());
                    if (w.alignment() != null) {
                        alignment(g, w.alignment());
                    } else if (w.unaligned() != null) {
                        g.writeNullField("alignment");
                        g.writeStringField("unaligned", w.unaligned());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (skipped > 0) {
                g.writeNumberField("skipped", skipped);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * The member "alignment" of a worst record: "ref" and "hyp", the symbols position by position
     * (null where that side has none), "ops", jiwer's names of the operations, and their counts.
     */
    private static void alignment(JsonGenerator g, Alignment a) throws IOException {
        g.writeObjectFieldStart("alignment");
        g.writeArrayFieldStart("ref");
        for (String r : a.reference()) {
            g.writeString(r);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("hyp");
        for (String h : a.hypothesis()) {
            g.writeString(h);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("ops");
        for (Alignment.Op op : a.ops()) {
            g.writeString(op.jiwerName());
        }
        g.writeEndArray();
        g.writeNumberField("hits", a.count(Alignment.Op.EQUAL));
        g.writeNumberField("substitutions", a.count(Alignment.Op.SUBSTITUTE));
        g.writeNumberField("deletions", a.count(Alignment.Op.DELETE));
        g.writeNumberField("insertions", a.count(Alignment.Op.INSERT));
        g.writeEndObject();
    }

    /** A number, or the strings "Infinity", "-Infinity", "NaN" (JSON has no such numbers). */
    static void number(JsonGenerator g, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(Numbers.format(v));   // as text prints it (Python's repr): 5e+39, not 5.0E39
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

    static void params(JsonGenerator g, Map<String, Object> params) throws IOException {
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
