package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command line's packages depend one way, as the data flows: input → bind → engine → output
 * → the commands. A class may use its own package and those before it, never one after it
 * (read from the sources: imports and qualified names).
 */
class PackageDirectionTest {

    /** The packages in the order of the flow; a package's subpackages rank with it. */
    static final List<String> ORDER = List.of("input", "bind", "engine", "output", "");

    private static final Path SOURCES = Path.of("src/main/java/io/losskit/cli");
    private static final Pattern USE = Pattern.compile("\\bio\\.losskit\\.cli((?:\\.[a-z]\\w*)*)\\.[A-Z*]");

    static int rank(String subpackage) {
        String first = subpackage.isEmpty() ? "" : subpackage.split("\\.")[0];
        return ORDER.indexOf(first);
    }

    /** Where the sources in {@code root} use a package after their own, one line each. */
    static List<String> backwardUses(Path root) throws IOException {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String own = root.relativize(f.getParent()).toString().replace('/', '.');
                int ownRank = rank(own);
                if (ownRank < 0) {
                    wrong.add(f + ": package " + own + " has no place in " + ORDER);
                    continue;
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = USE.matcher(lines.get(i));
                    while (m.find()) {
                        String used = m.group(1).isEmpty() ? "" : m.group(1).substring(1);
                        int usedRank = rank(used);
                        if (usedRank < 0 || usedRank > ownRank) {
                            wrong.add(f + ":" + (i + 1) + ": " + (own.isEmpty() ? "(commands)" : own) + " uses "
                                    + (used.isEmpty() ? "(commands)" : used));
                        }
                    }
                }
            }
        }
        return wrong;
    }

    @Test
    void everyPackageUsesOnlyItselfAndThePackagesBeforeIt() throws IOException {
        assertThat(backwardUses(SOURCES)).isEmpty();
    }

    @Test
    void aBackwardUseIsFound(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        // the check itself: the engine using a command's class, the reader a binder's, both qualified and imported
        Path engine = Files.createDirectories(tmp.resolve("engine"));
        Files.writeString(engine.resolve("A.java"), "package io.losskit.cli.engine;\nimport io.losskit.cli.LossRegistry;\n");
        Path input = Files.createDirectories(tmp.resolve("input"));
        Files.writeString(input.resolve("B.java"), "package io.losskit.cli.input;\nimport io.losskit.cli.input.Record;\n"
                + "class B { io.losskit.cli.bind.BoundSample s; }\n");
        Path output = Files.createDirectories(tmp.resolve("output"));
        Files.writeString(output.resolve("C.java"), "package io.losskit.cli.output;\nimport io.losskit.cli.engine.ScoreEngine;\n");
        assertThat(backwardUses(tmp)).containsExactly(
                engine.resolve("A.java") + ":2: engine uses (commands)",
                input.resolve("B.java") + ":3: input uses bind");
    }
}
