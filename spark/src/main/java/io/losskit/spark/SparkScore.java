package io.losskit.spark;

import io.losskit.core.LossState;
import io.losskit.core.Losses;
import io.losskit.core.Numbers;
import io.losskit.spi.InvalidSampleException;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.LossDescriptor;
import io.losskit.spi.LossResult;
import io.losskit.spi.RoleSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.classic.ExpressionUtils;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;

/**
 * {@code losskit score} for {@code spark-submit}: the same options where they make sense (see
 * {@link ScoreOptions#USAGE}), the input read by Spark's own readers, the losses computed in one
 * pass by the aggregators, and the JSON that {@code losskit score -o json} prints.
 */
public final class SparkScore {

    static final int GATE = 1;
    static final int USAGE = 2;
    static final int INPUT = 3;
    static final int LOSS = 4;
    static final int INTERNAL = 70;

    /** A failure with its exit code and a one-line message. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int exit;

        Failure(int exit, String message, Throwable cause) {
            super(message, cause);
            this.exit = exit;
        }

        static Failure usage(String message) {
            return new Failure(USAGE, message, null);
        }
    }

    /** One selected loss: its recipe and the columns its roles read. */
    private record Planned(String id, String label, LossDefinition definition, Map<String, String> params, List<String> roles,
                           List<Column> columns) {
    }

    /** A loss's result over the whole input or a slice, and its warnings. */
    private record Outcome(Planned loss, LossRecipe recipe, LossResult result, Map<String, Long> warnings) {
    }

    private SparkScore() {
    }

    /** {@code spark-submit --class io.losskit.spark.SparkScore losskit-spark.jar ARGS}: exits with the code of {@link #run}. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code;
        SparkSession spark = null;
        try {
            ScoreOptions options = ScoreOptions.parse(args);
            if (options.help()) {
                out.println(ScoreOptions.USAGE);
                System.exit(0);
            }
            spark = SparkSession.builder().appName("losskit score").getOrCreate();
            code = run(spark, args, out, err);
        } catch (Failure e) {
            code = report(e, err);
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
        System.exit(code);
    }

    /** Runs {@code losskit score ARGS} in {@code spark}; the exit code of CLI.md. */
    public static int run(SparkSession spark, String[] args, PrintWriter out, PrintWriter err) {
        try {
            ScoreOptions options = ScoreOptions.parse(args);
            if (options.help()) {
                out.println(ScoreOptions.USAGE);
                return 0;
            }
            return score(spark, options, out, err);
        } catch (Failure e) {
            return report(e, err);
        } catch (Exception | Error e) {
            return report(new Failure(INTERNAL, "internal error: " + e + (debug() ? ""
                    : " (set LOSSKIT_DEBUG=1 for the stack trace, and please report it)"), e), err);
        }
    }

    private static boolean debug() {
        return System.getenv("LOSSKIT_DEBUG") != null;
    }

    private static int report(Failure e, PrintWriter err) {
        err.println("losskit: " + e.getMessage());
        if (e.exit == USAGE) {
            err.println("Try 'spark-submit --class " + SparkScore.class.getName() + " losskit-spark.jar --help' for more information.");
        }
        if (debug() && e.getCause() != null) {
            e.getCause().printStackTrace(err);
        }
        err.flush();
        return e.exit;
    }

    private static int score(SparkSession spark, ScoreOptions o, PrintWriter out, PrintWriter err) {
        List<LossDefinition> selected = new ArrayList<>();
        Map<LossDefinition, String> labels = new java.util.HashMap<>();
        for (String name : o.losses()) {
            LossDefinition d = find(name);
            if (!selected.contains(d)) {
                selected.add(d);
                labels.put(d, name);   // labelled as typed, as losskit score does
            }
        }
        Map<LossDefinition, Map<String, String>> params = params(selected, o.params());
        Gate gates = new Gate(selected, o.max(), o.min());
        Dataset<Row> input = read(spark, o);
        List<String> names = Arrays.asList(input.columns());
        for (String by : o.by()) {
            if (!names.contains(by)) {
                throw Failure.usage("--by " + by + ": " + o.file() + " has no column \"" + by + "\"; its columns are: "
                        + String.join(", ", names));
            }
        }
        List<Planned> plan = new ArrayList<>();
        for (LossDefinition d : selected) {
            plan.add(bind(d, labels.get(d), params.get(d), input, o));
        }
        checkMapped(o, plan);
        List<LossRecipe> recipes = new ArrayList<>();
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(functions.count(functions.lit(1)));
        for (Planned p : plan) {
            LossRecipe recipe = recipe(p, o);
            recipes.add(recipe);
            Dataset<Row> roles = input.select(p.columns().toArray(Column[]::new));
            List<DataType> types = Arrays.stream(roles.schema().fields()).map(StructField::dataType).toList();
            List<Expression> columns = p.columns().stream().map(ExpressionUtils::expression).toList();
            aggregates.add(ExpressionUtils.column(LosskitSpark.aggregate(recipe, columns, types, true).toAggregateExpression())
                    .as(p.id()));
        }
        Column first = aggregates.get(0);
        Column[] rest = aggregates.subList(1, aggregates.size()).toArray(Column[]::new);
        List<Row> rows;
        try {
            rows = o.by().isEmpty() ? input.agg(first, rest).collectAsList()
                    : input.groupBy(o.by().stream().map(functions::col).toArray(Column[]::new)).agg(first, rest).collectAsList();
        } catch (Exception e) {
            throw failure(e, plan, o.file());
        }
        // The overall result merges the slices' states: one pass over the input.
        int k = o.by().size();
        long records = 0;
        LossState[] whole = new LossState[plan.size()];
        List<Map.Entry<Map<String, Object>, List<Outcome>>> slices = new ArrayList<>();
        for (Row row : rows) {
            records += row.getLong(k);
            Map<String, Object> slice = new LinkedHashMap<>();
            for (int i = 0; i < k; i++) {
                slice.put(o.by().get(i), row.get(i));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (int j = 0; j < plan.size(); j++) {
                byte[] bytes = (byte[]) row.get(k + 1 + j);
                LossState state = recipes.get(j).decode(bytes);
                if (k > 0) {
                    outcomes.add(finish(plan.get(j), recipes.get(j), state));
                    LossState copy = recipes.get(j).decode(bytes);
                    if (whole[j] == null) {
                        whole[j] = copy;
                    } else {
                        whole[j].merge(copy);
                    }
                } else {
                    whole[j] = state;
                }
            }
            if (k > 0) {
                slices.add(Map.entry(slice, outcomes));
            }
        }
        List<Outcome> overall = new ArrayList<>();
        for (int j = 0; j < plan.size(); j++) {
            overall.add(finish(plan.get(j), recipes.get(j), whole[j] == null ? recipes.get(j).newState() : whole[j]));
        }
        slices.sort((a, b) -> compareSlices(a.getKey(), b.getKey()));
        List<String> warnings = new ArrayList<>();
        for (Outcome outcome : overall) {
            outcome.warnings().forEach((message, n) -> warnings.add((message.startsWith(outcome.loss().id() + ":") ? message
                    : outcome.loss().id() + ": " + message) + (n > 1 ? " (" + n + " times)" : "")));
        }
        List<String> failures = gates.check(overall, null);
        for (Map.Entry<Map<String, Object>, List<Outcome>> s : slices) {
            failures.addAll(gates.check(s.getValue(), s.getKey()));
        }
        if (o.json()) {
            out.println(json(overall, slices, records, warnings));
        } else {
            text(overall, slices, out);
        }
        out.flush();
        if (out.checkError()) {
            throw new Failure(INPUT, "the write failed", null);
        }
        for (String w : warnings) {
            err.println("losskit: warning: " + w);
        }
        for (String f : failures) {
            err.println("losskit: gate failed: " + f);
        }
        err.flush();
        return failures.isEmpty() ? 0 : GATE;
    }

    private static LossDefinition find(String name) {
        try {
            return Losses.find(name).orElseThrow(() -> Failure.usage("unknown loss \"" + name + "\"; the class path has: "
                    + String.join(", ", Losses.all().stream().map(d -> d.descriptor().id()).toList())));
        } catch (IllegalStateException e) {
            throw Failure.usage(e.getMessage());
        }
    }

    /** {@code -P [ID.]KEY=VALUE}: to the loss named, or to every selected loss that has KEY. */
    private static Map<LossDefinition, Map<String, String>> params(List<LossDefinition> selected, List<String> settings) {
        Map<LossDefinition, Map<String, String>> given = new LinkedHashMap<>();
        selected.forEach(d -> given.put(d, new LinkedHashMap<>()));
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw Failure.usage("-P takes [ID.]KEY=VALUE, not \"" + setting + "\"");
            }
            String key = setting.substring(0, eq).trim();
            String value = setting.substring(eq + 1);
            boolean used = false;
            for (LossDefinition d : selected) {
                LossDescriptor desc = d.descriptor();
                for (String name : names(desc)) {
                    if (key.startsWith(name + ".")) {
                        String param = key.substring(name.length() + 1);
                        if (desc.param(param) == null) {
                            throw Failure.usage(desc.id() + " has no parameter \"" + param + "\"");
                        }
                        given.get(d).put(param, value);
                        used = true;
                    }
                }
            }
            if (!used) {
                for (LossDefinition d : selected) {
                    if (d.descriptor().param(key) != null) {
                        given.get(d).put(key, value);
                        used = true;
                    }
                }
            }
            if (!used) {
                throw Failure.usage("no selected loss has a parameter \"" + key + "\"");
            }
        }
        return given;
    }

    private static List<String> names(LossDescriptor d) {
        List<String> names = new ArrayList<>(d.aliases());
        names.add(0, d.id());
        return names;
    }

    private static Dataset<Row> read(SparkSession spark, ScoreOptions o) {
        String path = o.file();
        String format = o.format() != null ? o.format() : formatOf(path);
        DataFrameReader reader = spark.read();
        try {
            return switch (format) {
                case "parquet" -> reader.parquet(path);
                case "csv" -> reader.option("header", "true").option("inferSchema", "true").csv(path);
                case "tsv" -> reader.option("header", "true").option("inferSchema", "true").option("sep", "\t").csv(path);
                case "json" -> reader.option("multiLine", "true").json(path);
                case "jsonl", "ndjson" -> reader.json(path);
                default -> throw Failure.usage("--format takes parquet, csv, tsv, json or jsonl on Spark, not '" + format + "'");
            };
        } catch (Failure e) {
            throw e;
        } catch (Exception e) {   // Spark's AnalysisException (no such path) is a checked exception Scala throws
            throw new Failure(INPUT, path + ": " + firstLine(e), e);
        }
    }

    private static String formatOf(String path) {
        String p = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "").replaceAll("\\.(gz|bz2|snappy|zst)$", "");
        int dot = p.lastIndexOf('.');
        String ext = dot < 0 || p.lastIndexOf('/') > dot ? "" : p.substring(dot + 1);
        if (ext.isEmpty()) {
            throw Failure.usage(path + ": the name does not say the format; give --format parquet|csv|tsv|json|jsonl");
        }
        return ext;
    }

    /** The columns of {@code d}'s roles: {@code --col}, else the column named as the role; the weight when the loss takes it. */
    private static Planned bind(LossDefinition d, String label, Map<String, String> params, Dataset<Row> input, ScoreOptions o) {
        LossDescriptor desc = d.descriptor();
        List<String> roles = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        List<RoleSpec> specs = new ArrayList<>(desc.roles());
        for (RoleSpec r : specs) {
            if (roles.contains(r.name())) {
                continue;
            }
            Column c = column(r.name(), input, o);
            if (c == null) {
                boolean required = specs.stream().anyMatch(s -> s.name().equals(r.name()) && s.required());
                if (required) {
                    throw new Failure(INPUT, o.file() + ": no column for role \"" + r.name() + "\" of " + desc.id()
                            + "; the columns are: " + String.join(", ", input.columns()) + "; map one with --col "
                            + r.name() + "=NAME", null);
                }
                continue;
            }
            roles.add(r.name());
            columns.add(c);
        }
        if (desc.takesWeight() && !roles.contains(LossDescriptor.WEIGHT)) {
            Column w = column(LossDescriptor.WEIGHT, input, o);
            if (w != null) {
                roles.add(LossDescriptor.WEIGHT);
                columns.add(w);
            }
        }
        return new Planned(desc.id(), label, d, params, roles, columns);
    }

    /** A role's column: a name, a list or a glob of {@code --col} (several make a vector), else the role's name. */
    private static Column column(String role, Dataset<Row> input, ScoreOptions o) {
        List<String> names = Arrays.asList(input.columns());
        String spec = o.columns().get(role);
        if (spec == null) {
            return names.contains(role) ? functions.col("`" + role + "`") : null;
        }
        List<String> picked = new ArrayList<>();
        if (spec.contains("*") || spec.contains("?")) {
            Pattern glob = Pattern.compile(Pattern.quote(spec).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
            names.stream().filter(n -> glob.matcher(n).matches()).forEach(picked::add);
            if (picked.isEmpty()) {
                throw Failure.usage("--col " + role + "=" + spec + ": no column matches; the columns are: " + String.join(", ", names));
            }
        } else {
            for (String n : spec.split(",")) {
                if (!names.contains(n.trim())) {
                    throw Failure.usage("--col " + role + "=" + spec + ": " + o.file() + " has no column \"" + n.trim()
                            + "\"; its columns are: " + String.join(", ", names));
                }
                picked.add(n.trim());
            }
        }
        List<Column> cols = picked.stream().map(n -> functions.col("`" + n + "`")).toList();
        return picked.size() == 1 && !spec.contains(",") && !spec.contains("*") && !spec.contains("?") ? cols.get(0)
                : functions.array(cols.toArray(Column[]::new));
    }

    /** A {@code --col} for a role that no selected loss reads is a usage error, as on the command line. */
    private static void checkMapped(ScoreOptions o, List<Planned> plan) {
        for (Map.Entry<String, String> m : o.columns().entrySet()) {
            if (plan.stream().noneMatch(p -> p.roles().contains(m.getKey()))) {
                throw Failure.usage("--col " + m.getKey() + "=" + m.getValue() + ": no selected loss reads a role \""
                        + m.getKey() + "\"");
            }
        }
    }

    private static LossRecipe recipe(Planned p, ScoreOptions o) {
        try {
            return new LossRecipe(p.id(), p.params(), o.reduction(), p.roles()).check();
        } catch (io.losskit.spi.InvalidInputException e) {
            throw new Failure(INPUT, o.file() + ": " + p.id() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw Failure.usage(m.startsWith(p.id()) ? m : p.id() + ": " + m);
        }
    }

    private static Outcome finish(Planned p, LossRecipe recipe, LossState state) {
        return new Outcome(p, recipe, state.finish(), state.warnings());
    }

    /**
     * What a failed job means: a value a loss refused (exit 3, naming the column), a loss that
     * threw (exit 4, naming it), or a failure of Spark or of the input (exit 3).
     */
    private static Failure failure(Exception e, List<Planned> plan, String file) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidSampleException invalid) {
                String column = invalid.role();
                for (Planned p : plan) {
                    int i = p.roles().indexOf(invalid.role());
                    if (i >= 0) {
                        column = p.columns().get(i).toString();
                        break;
                    }
                }
                return new Failure(INPUT, file + ", column \"" + column + "\": " + invalid.getMessage(), e);
            }
            for (StackTraceElement frame : t.getStackTrace()) {
                for (Planned p : plan) {
                    if (frame.getClassName().startsWith(p.definition().getClass().getName())) {
                        java.security.CodeSource source = p.definition().getClass().getProtectionDomain().getCodeSource();
                        return new Failure(LOSS, "loss " + p.id() + " failed: " + t + " (from " + (source == null ? "?"
                                : source.getLocation()) + ")", e);
                    }
                }
            }
        }
        return new Failure(INPUT, file + ": " + firstLine(e), e);
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareSlices(Map<String, Object> a, Map<String, Object> b) {
        for (String key : a.keySet()) {
            Object x = a.get(key);
            Object y = b.get(key);
            int c = x == null ? (y == null ? 0 : -1) : y == null ? 1
                    : x instanceof Comparable cx && x.getClass() == y.getClass() ? cx.compareTo(y) : x.toString().compareTo(y.toString());
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The gates {@code --max ID=X} and {@code --min ID=X}. */
    private static final class Gate {
        private final Map<String, Double> max = new LinkedHashMap<>();
        private final Map<String, Double> min = new LinkedHashMap<>();
        private final Map<String, String> text = new LinkedHashMap<>();

        Gate(List<LossDefinition> selected, List<String> maxes, List<String> mins) {
            parse(selected, maxes, "--max", max);
            parse(selected, mins, "--min", min);
        }

        private void parse(List<LossDefinition> selected, List<String> specs, String option, Map<String, Double> bounds) {
            for (String spec : specs) {
                int eq = spec.lastIndexOf('=');
                if (eq <= 0) {
                    throw Failure.usage(option + " takes ID=X, not \"" + spec + "\"");
                }
                String name = spec.substring(0, eq).trim();
                String value = spec.substring(eq + 1).trim();
                LossDescriptor d = selected.stream().map(LossDefinition::descriptor).filter(x -> names(x).contains(name))
                        .findFirst().orElseThrow(() -> Failure.usage(option + " " + spec + ": " + name
                                + " is not among the selected losses"));
                double bound;
                try {
                    bound = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    bound = Double.NaN;
                }
                if (!Double.isFinite(bound) || value.matches(".*[a-zA-Z&&[^eE]].*")) {
                    throw Failure.usage(option + " " + spec + ": \"" + value + "\" is not a finite number");
                }
                bounds.put(d.id(), bound);
                text.put(option + d.id(), value);
            }
        }

        List<String> check(List<Outcome> outcomes, Map<String, Object> slice) {
            List<String> failures = new ArrayList<>();
            String where = slice == null ? "" : " (slice " + String.join(", ", slice.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()) + ")";
            for (Outcome o : outcomes) {
                String id = o.loss().id();
                double v = o.result().value();
                if (max.containsKey(id) && !(v <= max.get(id))) {
                    failures.add(o.loss().label() + " = " + Numbers.format(v) + " is above --max " + text.get("--max" + id) + where);
                }
                if (min.containsKey(id) && !(v >= min.get(id))) {
                    failures.add(o.loss().label() + " = " + Numbers.format(v) + " is below --min " + text.get("--min" + id) + where);
                }
            }
            return failures;
        }
    }

    private static void text(List<Outcome> overall, List<Map.Entry<Map<String, Object>, List<Outcome>>> slices, PrintWriter out) {
        if (overall.size() == 1 && slices.isEmpty()) {
            out.println(Numbers.format(overall.get(0).result().value()));
            return;
        }
        for (Outcome o : overall) {
            out.println(o.loss().label() + "\t" + Numbers.format(o.result().value()));
        }
        for (Map.Entry<Map<String, Object>, List<Outcome>> s : slices) {
            String slice = String.join(",", s.getKey().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
            for (Outcome o : s.getValue()) {
                out.println(slice + "\t" + o.loss().label() + "\t" + Numbers.format(o.result().value()));
            }
        }
    }

    /** The members of {@code losskit score -o json}: results, slices under --by, records, skipped, warnings. */
    private static String json(List<Outcome> overall, List<Map.Entry<Map<String, Object>, List<Outcome>>> slices,
                               long records, List<String> warnings) {
        Json j = new Json();
        j.begin('{').key("results");
        results(j, overall);
        if (!slices.isEmpty()) {
            j.key("slices").begin('[');
            for (Map.Entry<Map<String, Object>, List<Outcome>> s : slices) {
                j.begin('{').key("slice").begin('{');
                s.getKey().forEach((col, value) -> j.key(col).value(value));
                j.end('}').key("results");
                results(j, s.getValue());
                j.end('}');
            }
            j.end(']');
        }
        j.key("records").value(records).key("skipped").value(0L);
        if (!warnings.isEmpty()) {
            j.key("warnings").begin('[');
            warnings.forEach(j::value);
            j.end(']');
        }
        return j.end('}').toString();
    }

    private static void results(Json j, List<Outcome> outcomes) {
        j.begin('[');
        for (Outcome o : outcomes) {
            j.begin('{').key("loss").value(o.loss().label()).key("id").value(o.loss().id()).key("value").value(o.result().value())
                    .key("reduction").value(o.recipe().reduction.id()).key("count").value(o.result().count())
                    .key("params").begin('{');
            o.recipe().effectiveParams().forEach((k, v) -> j.key(k).value(v));
            j.end('}');
            if (!o.result().details().isEmpty()) {
                j.key("details").begin('{');
                o.result().details().forEach((k, v) -> j.key(k).value(v));
                j.end('}');
            }
            j.end('}');
        }
        j.end(']');
    }
}
