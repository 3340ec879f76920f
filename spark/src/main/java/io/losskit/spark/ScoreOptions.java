package io.losskit.spark;

import io.losskit.spi.Reduction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@link SparkScore}, those of {@code losskit score} that make sense on Spark.
 *
 * @param by the {@code --by} columns, in order
 * @param columns {@code --col ROLE=NAME} and its shortcuts: a name, a comma-separated list or a glob
 * @param format the input format where the path does not say it, or null
 */
record ScoreOptions(List<String> losses, List<String> params, Reduction reduction, List<String> by,
                    Map<String, String> columns, String format, boolean json, List<String> max, List<String> min,
                    String file, boolean help) {

    static final String USAGE = """
            Usage: spark-submit --class io.losskit.spark.SparkScore losskit-spark.jar -l ID[,ID…] [options] FILE
            Compute losses over a table Spark reads (Parquet, CSV, TSV, JSON, JSONL), as losskit score does.
              -l, --loss ID[,ID…]        losses to compute (repeatable)
              -P, --param [ID.]KEY=VALUE a parameter; without ID. it goes to every selected loss that has KEY
                  --reduction mean|sum   default mean
                  --by COL[,COL…]        results per slice (each distinct combination of values) and overall
                  --col ROLE=NAME        read a role from another column: a name, a comma-separated list
                                         or a glob (pred='logit_*') making a vector
                  --pred-col, --target-col, --weight-col NAME   the same as --col pred=NAME, …
                  --format parquet|csv|tsv|json|jsonl   where the path's extension does not say it
              -o, --output text|json     default text
                  --max ID=X, --min ID=X gates: exit 1 when the loss (overall or of any slice) is above / below X
              -h, --help
            Exit status: 0 done, 1 a gate failed, 2 usage error, 3 input error, 4 a loss failed, 70 a bug of losskit.""";

    /**
     * Parses {@code args}.
     *
     * @throws SparkScore.Failure with exit 2 for an unknown option, a missing value or a bad one
     */
    static ScoreOptions parse(String[] args) {
        List<String> losses = new ArrayList<>();
        List<String> params = new ArrayList<>();
        List<String> by = new ArrayList<>();
        List<String> max = new ArrayList<>();
        List<String> min = new ArrayList<>();
        Map<String, String> columns = new LinkedHashMap<>();
        Reduction reduction = Reduction.MEAN;
        String format = null;
        boolean json = false;
        String file = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                if (file != null) {
                    throw SparkScore.Failure.usage("one input, not " + file + " and " + arg);
                }
                file = arg;
                continue;
            }
            if (value == null) {
                if (i + 1 == args.length) {
                    throw SparkScore.Failure.usage(arg + " needs a value");
                }
                value = args[++i];
            }
            switch (arg) {
                case "-l", "--loss" -> losses.addAll(split(value));
                case "-P", "--param" -> params.add(value);
                case "--reduction" -> reduction = reduction(value);
                case "--by" -> by.addAll(split(value));
                case "--col" -> column(columns, value);
                case "--pred-col" -> column(columns, "pred=" + value);
                case "--target-col" -> column(columns, "target=" + value);
                case "--weight-col" -> column(columns, "weight=" + value);
                case "--format" -> format = value;
                case "-o", "--output" -> json = switch (value) {
                    case "json" -> true;
                    case "text" -> false;
                    default -> throw SparkScore.Failure.usage("-o takes text or json on Spark, not '" + value + "'");
                };
                case "--max" -> max.add(value);
                case "--min" -> min.add(value);
                default -> throw SparkScore.Failure.usage("unknown option " + arg + unsupported(arg));
            }
        }
        if (!help && losses.isEmpty()) {
            throw SparkScore.Failure.usage("no loss selected; name one with -l ID");
        }
        if (!help && file == null) {
            throw SparkScore.Failure.usage("no input: give FILE (a path Spark reads: a file, a directory, s3a://…)");
        }
        return new ScoreOptions(losses, params, reduction, by, columns, format, json, max, min, file, help);
    }

    /** Why an option of {@code losskit score} is not here. */
    private static String unsupported(String option) {
        return switch (option) {
            case "-p", "--pred-file", "-t", "--target-file", "--key" ->
                    " (on Spark, join the pred and target tables first, and score the joined table)";
            case "--batch-size" -> " (batch losses have no Spark form)";
            case "--baseline", "--tolerance", "--ci", "--bootstrap", "--seed", "--worst", "--id", "--classes",
                 "--on-invalid", "--loss-timeout", "--strict", "--digits", "--progress" -> " (not on Spark)";
            default -> "";
        };
    }

    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        for (String p : value.split(",")) {
            if (!p.isBlank()) {
                parts.add(p.trim());
            }
        }
        return parts;
    }

    private static Reduction reduction(String value) {
        return switch (value) {
            case "mean" -> Reduction.MEAN;
            case "sum" -> Reduction.SUM;
            case "none" -> throw SparkScore.Failure.usage("--reduction none has no Spark form (one value per row: use"
                    + " losskit score, or a SQL expression per row)");
            default -> throw SparkScore.Failure.usage("--reduction takes mean or sum, not '" + value + "'");
        };
    }

    private static void column(Map<String, String> columns, String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw SparkScore.Failure.usage("--col takes ROLE=NAME, not \"" + spec + "\"");
        }
        String role = spec.substring(0, eq).trim();
        String name = spec.substring(eq + 1).trim();
        String before = columns.put(role, name);
        if (before != null && !before.equals(name)) {
            throw SparkScore.Failure.usage("role " + role + " is mapped twice: to " + before + " and to " + name);
        }
    }
}
