package io.losskit.cli;

import io.losskit.cli.engine.LossFailure;
import io.losskit.cli.engine.OutOfMemory;
import io.losskit.cli.input.InputError;
import io.losskit.cli.input.UsageError;
import io.losskit.cli.output.FailFastOutput;
import io.losskit.cli.output.OutputError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * {@code losskit}: compute loss functions over saved model output.
 *
 * <p>The way of a {@code score -l mse} of a CSV file (this class, the score command and job, the
 * engine, the reader, the output, the loss) uses no lambda, method reference, stream or regular
 * expression: each one a run meets costs start-up time (a call site linked through
 * java.lang.invoke, in the interpreter; regular expressions compile to lambdas), so their places
 * there hold small classes and loops instead. {@code StartupPathTest} checks that such a run links
 * no lambda of losskit's, picocli's, the JDK's regular expressions or streams.
 */
public final class Main implements Runnable {

    static final int EXIT_GATE = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_INPUT = 3;
    static final int EXIT_LOSS = 4;
    static final int EXIT_INTERNAL = 70;

    private static final String PLUGIN_DIR = "--plugin-dir";

    /** {@link LossRegistry#builtin}, as a class (see {@link Main}). */
    private static final Supplier<LossRegistry> BUILTINS = new Supplier<>() {
        @Override
        public LossRegistry get() {
            return LossRegistry.builtin();
        }
    };

    private final CommandSpec spec;

    private Main() {
        spec = Specs.command("losskit", this, "Compute loss functions over saved model output.");
        spec.usageMessage().synopsisSubcommandLabel("COMMAND")
                .exitCodeListHeading("%nExit status:%n")
                .exitCodeList(exitCodes(
                        "0", "done",
                        "1", "a gate (--max, --min, --baseline; compare --fail-if-worse) failed; the results are still printed",
                        "2", "usage error: unknown command, option, loss or parameter, bad value, an ambiguous loss id",
                        "3", "input error: unreadable file, malformed record, missing column, bad value; output that cannot be written",
                        "4", "a loss failed: a plugin's loss threw, ran out of memory or ran past --loss-timeout",
                        "70", "an unexpected failure of losskit itself (LOSSKIT_DEBUG=1 prints the stack trace)"))
                .footerHeading("%nPlugins:%n")
                .footer("Losses come from the built-in pack and from the plugin packs in the directories given with --plugin-dir, "
                        + "in the LOSSKIT_PLUGIN_PATH list and in ~/.losskit/plugins (one subdirectory of jars per pack). "
                        + "A built-in keeps its id: a plugin's loss is also PACK:ID, and an id that two packs claim is "
                        + "only that. A pack that cannot be loaded is reported, and every other loss keeps working.",
                        "", "Run 'losskit COMMAND --help' for a command's options; 'losskit list' for the losses.", "");
        Specs.standardOptions(spec);
        // Inherited: every command takes it too. Its values are read from the parse result (see pluginDirs).
        spec.addOption(Specs.list(PLUGIN_DIR).paramLabel("DIR").scopeType(CommandLine.ScopeType.INHERIT)
                .description("Also load the loss pack DIR (a directory of jars), or the packs in DIR (one subdirectory each); "
                        + "repeatable. Before or after the command.").build());
    }

    private static Map<String, String> exitCodes(String... codeAndMeaning) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (int i = 0; i < codeAndMeaning.length; i += 2) {
            codes.put(codeAndMeaning[i], codeAndMeaning[i + 1]);
        }
        return codes;
    }

    /** Every {@code --plugin-dir} value, of the command and of its subcommands, in the order given. */
    static List<Path> pluginDirs(CommandLine.ParseResult parsed) {
        List<Path> dirs = new java.util.ArrayList<>();
        for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
            CommandLine.Model.OptionSpec option = r.matchedOption(PLUGIN_DIR);
            if (option != null) {
                for (String value : option.stringValues()) {
                    dirs.add(Path.of(value));
                }
            }
        }
        return dirs;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: score, compare, list or describe");
    }

    public static void main(String[] args) {
        String home = System.getProperty("user.home");
        System.exit(run(args, PluginLoader.directories(List.of(), System.getenv(PluginLoader.PATH_VARIABLE),
                home == null || home.isEmpty() ? null : Path.of(home))));
    }

    /**
     * What {@link #main} does, short of exiting: runs {@code args} and returns the exit code.
     * Standard output is buffered (no flush per line) and fails fast: a write that fails stops the
     * run with exit 3 (see {@link FailFastOutput}).
     */
    static int run(String[] args, List<PluginLoader.Directory> pluginDirs) {
        CommandLine cl = commandLine(BUILTINS, pluginDirs, commandOf(args));
        String encoding = System.getProperty("sun.stdout.encoding");
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                new FailFastOutput(new java.io.FileOutputStream(java.io.FileDescriptor.out)),
                encoding == null ? java.nio.charset.Charset.defaultCharset() : java.nio.charset.Charset.forName(encoding)),
                1 << 16));
        cl.setOut(out);
        int code = cl.execute(args);
        try {
            out.flush();
        } catch (OutputError e) {
            if (code != EXIT_INPUT) { // else the failed write that stopped the run was reported already
                cl.getErr().println("losskit: " + e.getMessage());
                cl.getErr().flush();
            }
            return EXIT_INPUT;
        }
        return code;
    }

    /**
     * The command {@code args} run ({@code score}, {@code compare}, {@code list}, {@code describe}), or null
     * when it needs them all ({@code help}, {@code completion}, an unknown one, none): the
     * first word that is neither an option nor the value of {@code --plugin-dir}.
     */
    static String commandOf(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals(PLUGIN_DIR)) {
                i++;
            } else if (a.equals("--")) {
                return null;
            } else if (!a.startsWith("-")) {
                return a.equals("score") || a.equals("compare") || a.equals("list") || a.equals("describe") ? a : null;
            }
        }
        return null;
    }

    /**
     * The command line over {@code registry} and the plugins of {@code --plugin-dir} (not those of
     * {@code LOSSKIT_PLUGIN_PATH} or {@code ~/.losskit/plugins}), with losskit's error handling.
     */
    public static CommandLine commandLine(LossRegistry registry) {
        return commandLine(() -> registry, List.of());
    }

    /**
     * The command line with losskit's error handling: usage errors exit 2, input errors 3, no stack traces.
     *
     * @param builtins the built-in losses, asked for when a command first needs losses
     * @param pluginDirs the plugin directories read after those of {@code --plugin-dir}
     */
    public static CommandLine commandLine(Supplier<LossRegistry> builtins, List<PluginLoader.Directory> pluginDirs) {
        return commandLine(builtins, pluginDirs, null);
    }

    /**
     * As {@link #commandLine(Supplier, List)}, but with only the subcommand {@code only} when it
     * is not null: building the model of commands a run does not use is start-up time lost.
     */
    static CommandLine commandLine(Supplier<LossRegistry> builtins, List<PluginLoader.Directory> pluginDirs, String only) {
        lightPicocli();
        Handling handling = new Handling(builtins, pluginDirs);
        RegistrySource registries = handling.registries;
        LossIds ids = new LossIds(registries);
        CommandLine cl = new CommandLine(new Main().spec);
        if (only == null || only.equals("score")) {
            cl.addSubcommand(new ScoreCommand(registries, ids).spec());
        }
        if (only == null || only.equals("compare")) {
            cl.addSubcommand(new CompareCommand(registries, ids).spec());
        }
        if (only == null || only.equals("list")) {
            cl.addSubcommand(new ListCommand(registries).spec());
        }
        if (only == null || only.equals("describe")) {
            cl.addSubcommand(new DescribeCommand(registries, ids).spec());
        }
        if (only == null) {
            cl.addSubcommand(new CompletionCommand().spec());
            cl.addSubcommand(new HelpCommand(List.of("score", "compare", "list", "describe", "completion", "help")).spec());
        }
        handling.root = cl;
        cl.setExecutionStrategy(handling);
        cl.setExecutionExceptionHandler(handling);
        cl.setParameterExceptionHandler(handling);
        return cl;
    }

    /**
     * losskit's part in picocli's run: the {@code --plugin-dir} values go to the registries before
     * the command runs, a failure is reported in one line (see {@link #failure}), and the
     * registries' warnings go to the command line's standard error. One class rather than lambdas,
     * as everywhere on the way of a {@code score} (see {@link Main}).
     */
    private static final class Handling implements CommandLine.IExecutionStrategy, CommandLine.IExecutionExceptionHandler,
            CommandLine.IParameterExceptionHandler, Supplier<PrintWriter> {
        final RegistrySource registries;
        /** The command line it handles, set once it is built. */
        CommandLine root;

        Handling(Supplier<LossRegistry> builtins, List<PluginLoader.Directory> pluginDirs) {
            registries = new RegistrySource(builtins, pluginDirs, this);
        }

        /** Where the registries' warnings go. */
        @Override
        public PrintWriter get() {
            return root.getErr();
        }

        @Override
        public int execute(CommandLine.ParseResult parsed) {
            registries.pluginDirs(pluginDirs(parsed));
            try {
                return new CommandLine.RunLast().execute(parsed);
            } catch (Error e) {
                // picocli hands only Exceptions to the handler below; an Error would end the JVM with a trace
                return failure(e, root);
            }
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
            return failure(e, commandLine);
        }

        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            CommandLine c = e.getCommandLine();
            c.getErr().println("losskit: " + e.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, c.getErr())) {
                c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            return EXIT_USAGE;
        }
    }

    /**
     * The converters picocli registers by reflection, none of which losskit's options use: its
     * java.sql and java.time types and {@code java.nio.file.Path}. picocli matches each name
     * against this regular expression, which is made of literals and groups only: a {@code .}
     * or a character class would compile to lambdas (see {@link Main}).
     */
    private static final String REFLECTED_CONVERTERS = "java\\.sql\\.(Time|Connection|Driver|Timestamp)"
            + "|java\\.time\\.(Duration|Instant|LocalDate|LocalDateTime|LocalTime|MonthDay|OffsetDateTime|OffsetTime|Period"
            + "|Year|YearMonth|ZonedDateTime|ZoneId|ZoneOffset)|java\\.nio\\.file\\.Path";

    /**
     * Turns off two things picocli does on every start that losskit's commands never use (they
     * were about a fifth of a 100-row score's start-up): looking for Groovy's {@code Closure}
     * class (a failed class lookup opens every jar of the class path) and registering the
     * converters of {@link #REFLECTED_CONVERTERS} (class initialisers, reflection). A value set by
     * the user is kept.
     */
    private static void lightPicocli() {
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", REFLECTED_CONVERTERS);
        }
    }

    /** Reports {@code e}, the failure of a command, in one line (and the trace under LOSSKIT_DEBUG); its exit code. */
    private static int failure(Throwable e, CommandLine commandLine) {
        PrintWriter err = commandLine.getErr();
        boolean debug = System.getenv("LOSSKIT_DEBUG") != null;
        int code;
        if (e instanceof UsageError) {
            err.println("losskit: " + e.getMessage());
            err.println("Try 'losskit " + commandLine.getCommandName() + " --help' for more information.");
            code = EXIT_USAGE;
        } else if (e instanceof InputError || e instanceof OutputError) {
            err.println("losskit: " + e.getMessage());
            code = EXIT_INPUT;
        } else if (e instanceof java.io.IOException) {
            err.println("losskit: cannot read the input: " + e.getMessage());
            code = EXIT_INPUT;
        } else if (e instanceof LossFailure) {
            err.println("losskit: " + e.getMessage());
            code = EXIT_LOSS;
        } else if (e instanceof OutOfMemoryError) {
            // outside a loss (a loss's is a LossFailure): reading the input, or keeping per-sample values
            err.println("losskit: " + OutOfMemory.message("reading the input"));
            code = EXIT_INPUT;
        } else {
            err.println("losskit: internal error: " + e + (debug ? "" : " (set LOSSKIT_DEBUG=1 for the stack trace, and please report it)"));
            code = EXIT_INTERNAL;
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** The version the build wrote into the jar's manifest and version.txt, and the Java that runs losskit. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            return new String[] {"losskit " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }

        /**
         * The Implementation-Version of losskit-cli.jar's manifest, which the class-data archive
         * keeps (so no jar is opened to read it), else version.txt (a build's classes directory).
         */
        static String version() throws java.io.IOException {
            String manifest = Main.class.getPackage().getImplementationVersion();
            if (manifest != null) {
                return manifest;
            }
            try (java.io.InputStream in = Main.class.getResourceAsStream("version.txt")) {
                String v = in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
                return v.isEmpty() || v.startsWith("$") ? "(development build)" : v;
            }
        }
    }
}
