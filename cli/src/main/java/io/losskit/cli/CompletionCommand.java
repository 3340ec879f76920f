package io.losskit.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code losskit completion bash|zsh|fish}: a shell completion script, loss ids included. */
final class CompletionCommand implements Callable<Integer> {

    private final CommandSpec spec;

    CompletionCommand() {
        spec = Specs.command("completion", this, "Print a shell completion script (bash, zsh or fish).", "",
                "The script completes commands, options and loss ids: the built-in ones and those of the plugins "
                + "loaded now, so run it again after adding a plugin.", "",
                "Examples:", "",
                "  source <(losskit completion bash)                  # this shell",
                "  losskit completion bash > ~/.local/share/bash-completion/completions/losskit",
                "  losskit completion zsh > \"$${fpath[1]}/_losskit\"     # or source it from ~/.zshrc",
                "  losskit completion fish > ~/.config/fish/completions/losskit.fish");
        spec.addPositional(Specs.positional("0", "SHELL").completionCandidates(List.of("bash", "zsh", "fish"))
                .description("bash, zsh or fish.").build());
        Specs.standardOptions(spec);
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        String shell = spec.positionalParameters().get(0).getValue();
        if (!shell.equals("bash") && !shell.equals("zsh") && !shell.equals("fish")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "SHELL is bash, zsh or fish, not '" + shell + "'");
        }
        CommandLine root = spec.root().commandLine();
        // One script serves bash and zsh: under zsh it switches on bashcompinit itself.
        String script = shell.equals("fish") ? FishCompletion.script(root) : AutoComplete.bash(root.getCommandName(), root);
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
