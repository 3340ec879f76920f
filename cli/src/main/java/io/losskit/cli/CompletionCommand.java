package io.losskit.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code losskit completion bash|zsh}: a shell completion script, loss ids included. */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Print a shell completion script (bash or zsh).", "",
            "The script completes commands, options and loss ids: the built-in ones and those of the plugins "
            + "loaded now, so run it again after adding a plugin.", "",
            "Examples:", "",
            "  source <(losskit completion bash)                  # this shell",
            "  losskit completion bash > ~/.local/share/bash-completion/completions/losskit",
            "  losskit completion zsh > \"$${fpath[1]}/_losskit\"     # or source it from ~/.zshrc"})
final class CompletionCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.", completionCandidates = Shells.class)
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "SHELL is bash or zsh, not '" + shell + "'");
        }
        CommandLine root = spec.root().commandLine();
        // One script serves both: under zsh it switches on bashcompinit itself.
        String script = AutoComplete.bash(root.getCommandName(), root);
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The shells {@code completion} writes for. */
    static final class Shells implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("bash", "zsh").iterator();
        }
    }
}
