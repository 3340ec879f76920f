package io.losskit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code losskit help [COMMAND]}: the usage of losskit or of one command (picocli's HelpCommand, without annotations). */
final class HelpCommand implements Callable<Integer> {

    private final CommandSpec spec;

    HelpCommand(Iterable<String> commands) {
        spec = Specs.command("help", this, "", "When no COMMAND is given, the usage help for the main command is displayed.",
                "If a COMMAND is specified, the help for that command is shown.", "");
        spec.usageMessage().header("Display help information about the specified command.");
        spec.helpCommand(true);
        spec.addPositional(Specs.positional("0", "COMMAND").arity("0..1").completionCandidates(commands)
                .description("The COMMAND to display the usage help message for.").build());
        spec.addOption(picocli.CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class)
                .arity("0").description("Show usage help for the help command and exit.").build());
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        CommandLine parent = spec.parent().commandLine();
        String name = spec.positionalParameters().get(0).getValue();
        CommandLine target = parent;
        if (name != null) {
            target = parent.getSubcommands().get(name);
            if (target == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Unknown subcommand '" + name + "'.");
            }
        }
        target.usage(spec.commandLine().getOut(), target.getColorScheme());
        return 0;
    }
}
