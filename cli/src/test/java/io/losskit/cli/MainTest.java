package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    @Test
    void theCommandARunNeedsIsFoundWithoutParsing() {
        assertThat(Main.commandOf(new String[] {"score", "-l", "mse", "x.csv"})).isEqualTo("score");
        assertThat(Main.commandOf(new String[] {"--plugin-dir", "score", "list"})).isEqualTo("list");
        assertThat(Main.commandOf(new String[] {"--plugin-dir=p", "describe", "mse"})).isEqualTo("describe");
        // these need every command's model
        assertThat(Main.commandOf(new String[] {"help", "score"})).isNull();
        assertThat(Main.commandOf(new String[] {"completion", "bash"})).isNull();
        assertThat(Main.commandOf(new String[] {"--help"})).isNull();
        assertThat(Main.commandOf(new String[] {"scor"})).isNull();
        assertThat(Main.commandOf(new String[] {})).isNull();
    }

    @Test
    void aModelWithOneCommandParsesAndHelpsAsTheWholeOne() {
        for (String command : List.of("score", "compare", "list", "describe")) {
            CommandLine one = Main.commandLine(LossRegistry::builtin, List.of(), command);
            CommandLine all = Main.commandLine(LossRegistry::builtin, List.of());
            assertThat(one.getSubcommands().keySet()).containsExactly(command);
            assertThat(usage(one.getSubcommands().get(command))).isEqualTo(usage(all.getSubcommands().get(command)));
        }
        assertThat(Main.commandLine(LossRegistry::builtin, List.of()).getSubcommands().keySet())
                .containsExactly("score", "compare", "list", "describe", "completion", "help");
    }

    private static String usage(CommandLine cl) {
        StringWriter w = new StringWriter();
        cl.usage(new PrintWriter(w), CommandLine.Help.Ansi.OFF);
        return w.toString();
    }

    @Test
    void helpCommand() {
        Cli.Run run = Cli.run("help", "list");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Usage: losskit list [-hV]");
        Cli.Run unknown = Cli.run("help", "nope");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown subcommand 'nope'");
    }

    @Test
    void theCdsTrainingRunsEveryCommandQuietly() throws Exception {
        java.io.PrintStream out = System.out;
        CdsTraining.main(new String[0]);
        assertThat(System.out).isSameAs(out);
    }
}
