package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code losskit completion}: the script is run by a real bash (and zsh, where installed). */
class CompletionTest {

    @TempDir
    Path tmp;

    /** Sources the script, then asks for the completions of each line of words (COMPREPLY, one per line). */
    private static final String HARNESS = """
            source "$1"; shift
            compopt() { :; }   # only valid inside a real completion; harmless here
            for line in "$@"; do
              read -r -a COMP_WORDS <<< "$line"
              [[ "$line" == *" " ]] && COMP_WORDS+=("")
              COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE="$line"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
              _complete_losskit
              echo "[$line] ${COMPREPLY[*]}"
            done
            """;

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static boolean has(String shell) {
        return Files.isExecutable(Path.of("/bin", shell)) || Files.isExecutable(Path.of("/usr/bin", shell));
    }

    @Test
    void bashCompletesCommandsOptionsAndLossIdsIncludingPlugins() throws Exception {
        Assumptions.assumeTrue(has("bash"), "no bash");
        PluginLoaderTest.packJar(tmp.resolve("p"), "p.jar", "p", 1, "zz-plugin-loss");
        Cli.Run gen = Cli.run("completion", "bash", "--plugin-dir", tmp.resolve("p").toString());
        assertThat(gen.exit()).as(gen.err()).isZero();
        Path script = Files.writeString(tmp.resolve("losskit.bash"), gen.out());
        Path harness = Files.writeString(tmp.resolve("harness.bash"), HARNESS);
        String out = run(List.of("bash", harness.toString(), script.toString(),
                "losskit sc", "losskit score -l ", "losskit score -l zz", "losskit describe zz-", "losskit score --red",
                "losskit completion ", "losskit score --reduction ", "losskit score -o ", "losskit comp",
                "losskit compare -l zz", "losskit compare --fail"));
        // every name that selects a loss in this run, built-in and plugin (PACK:ID too), sorted
        List<String> ids = new java.util.ArrayList<>(Cli.registry().names());
        ids.add("zz-plugin-loss");
        ids.add("p:zz-plugin-loss");
        assertThat(out).contains("[losskit score -l ] " + String.join(" ", ids.stream().sorted().toList()) + "\n")
                .contains("[losskit sc] score\n")
                .contains("[losskit score -l zz] zz-plugin-loss\n")
                .contains("[losskit describe zz-] zz-plugin-loss\n")
                .contains("[losskit score --red] --reduction\n")
                .contains("[losskit completion ] bash zsh fish\n")
                // lower case, as the parser takes them (picocli would offer the enum's MEAN SUM NONE)
                .contains("[losskit score --reduction ] mean sum none\n")
                .contains("[losskit score -o ] text table json csv tsv\n")
                .contains("[losskit comp] compare completion\n")
                .contains("[losskit compare -l zz] zz-plugin-loss\n")
                .contains("[losskit compare --fail] --fail-if-worse\n");
    }

    @Test
    void zshLoadsTheScript() throws Exception {
        Assumptions.assumeTrue(has("zsh"), "no zsh");
        Cli.Run gen = Cli.run("completion", "zsh");
        assertThat(gen.exit()).isZero();
        Path script = Files.writeString(tmp.resolve("losskit.zsh"), gen.out());
        String out = run(List.of("zsh", "-fc", "autoload -U +X compinit && compinit -u -d " + tmp.resolve("zcompdump")
                + "; source " + script + " && print -r -- \"$_comps[losskit]\""));
        assertThat(out).contains("_complete_losskit");
    }

    @Test
    void fishCompletesCommandsOptionsValuesAndLossIds() throws Exception {
        Assumptions.assumeTrue(has("fish"), "no fish");
        PluginLoaderTest.packJar(tmp.resolve("p"), "p.jar", "p", 1, "zz-plugin-loss");
        Cli.Run gen = Cli.run("completion", "fish", "--plugin-dir", tmp.resolve("p").toString());
        assertThat(gen.exit()).as(gen.err()).isZero();
        assertThat(gen.err()).isEmpty();
        Path script = Files.writeString(tmp.resolve("losskit.fish"), gen.out());
        String out = run(List.of("fish", "--no-config", "-c", "source " + script
                + "; for l in 'losskit sc' 'losskit score --reduction ' 'losskit score -o ' 'losskit score -l zz'"
                + " 'losskit describe log-' 'losskit score --red' 'losskit completion ' 'losskit score --no-pro';"
                + " echo \"[$l]\"; complete -C $l | string replace -r '\\t.*' ''; end"));
        assertThat(out).contains("[losskit sc]\nscore\n")
                // fish sorts what it offers
                .contains("[losskit score --reduction ]\nmean\nnone\nsum\n")
                .contains("[losskit score -o ]\ncsv\njson\ntable\ntext\ntsv\n")
                .contains("[losskit score -l zz]\nzz-plugin-loss\n")
                .contains("[losskit describe log-]\nlog-cosh\nlog-loss\n")
                .contains("[losskit score --red]\n--reduction\n")
                .contains("[losskit completion ]\nbash\nfish\nzsh\n")
                .contains("[losskit score --no-pro]\n--no-progress\n");
    }

    @Test
    void otherShellsAreAUsageError() {
        Cli.Run run = Cli.run("completion", "powershell");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("losskit: SHELL is bash, zsh or fish, not 'powershell'\n");
    }
}
