package io.losskit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code losskit}: compute loss functions over saved model output. */
@Command(name = "losskit",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Compute loss functions over saved model output.",
        subcommands = {ScoreCommand.class, ListCommand.class, DescribeCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit status:%n",
        footer = {"  0  done",
            "  1  a gate (--max, --min, --baseline) failed; the results are still printed",
            "  2  usage error: unknown command, option, loss or parameter, bad value",
            "  3  input error: unreadable file, malformed record, missing column, bad value",
            "", "Run 'losskit COMMAND --help' for a command's options; 'losskit list' for the losses.", ""},
        synopsisSubcommandLabel = "COMMAND")
public final class Main implements Runnable {

    static final int EXIT_GATE = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_INPUT = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final LossRegistry registry;

    public Main(LossRegistry registry) {
        this.registry = registry;
    }

    LossRegistry registry() {
        return registry;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: score, list or describe");
    }

    public static void main(String[] args) {
        System.exit(commandLine(LossRegistry.builtin()).execute(args));
    }

    /** The command line with losskit's error handling: usage errors exit 2, input errors 3, no stack traces. */
    public static CommandLine commandLine(LossRegistry registry) {
        CommandLine cl = new CommandLine(new Main(registry), new Factory(registry));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof UsageError) {
                err.println("losskit: " + e.getMessage());
                err.println("Try 'losskit " + commandLine.getCommandName() + " --help' for more information.");
                return EXIT_USAGE;
            }
            if (e instanceof InputError) {
                err.println("losskit: " + e.getMessage());
                return EXIT_INPUT;
            }
            if (e instanceof java.io.IOException) {
                err.println("losskit: cannot read the input: " + e.getMessage());
                return EXIT_INPUT;
            }
            err.println("losskit: internal error: " + e);
            if (System.getenv("LOSSKIT_DEBUG") != null) {
                e.printStackTrace(err);
            } else {
                err.println("(set LOSSKIT_DEBUG=1 for the stack trace, and please report it)");
            }
            return 70;
        });
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("losskit: " + e.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, c.getErr())) {
                c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            return EXIT_USAGE;
        });
        return cl;
    }

    /** Creates commands with the registry they need. */
    private record Factory(LossRegistry registry) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == Main.class) {
                return cls.cast(new Main(registry));
            }
            if (cls == ScoreCommand.class) {
                return cls.cast(new ScoreCommand(registry));
            }
            if (cls == ListCommand.class) {
                return cls.cast(new ListCommand(registry));
            }
            if (cls == DescribeCommand.class) {
                return cls.cast(new DescribeCommand(registry));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"losskit " + (v == null ? "(development build)" : v),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
