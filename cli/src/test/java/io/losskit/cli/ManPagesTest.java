package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed man pages (man/) are those of the current picocli model. */
class ManPagesTest {

    static final Path MAN = Path.of("../man");
    static final String REGENERATE = "the man pages are out of date: regenerate them with "
            + "`mvn -q -Pman -pl cli -am process-test-classes` and commit man/ (see man/README.md)";

    static Map<String, String> sources;

    @BeforeAll
    static void generate() {
        sources = ManPages.sources();
    }

    private static Set<String> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length())).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void oneSourceAndOnePagePerCommand() throws IOException {
        assertThat(sources.keySet()).contains("losskit", "losskit-score", "losskit-list", "losskit-describe", "losskit-completion");
        assertThat(files(MAN.resolve("src"), ".adoc")).as(REGENERATE).isEqualTo(new TreeSet<>(sources.keySet()));
        assertThat(files(MAN, ".1")).as(REGENERATE).isEqualTo(new TreeSet<>(sources.keySet()));
    }

    @Test
    void theSourcesAreThoseOfTheModel() throws IOException {
        for (Map.Entry<String, String> page : sources.entrySet()) {
            Path committed = MAN.resolve("src").resolve(page.getKey() + ".adoc");
            assertThat(committed).as(REGENERATE).exists();
            assertThat(Files.readString(committed)).as(REGENERATE + " (" + committed + ")").isEqualTo(page.getValue());
        }
    }

    @Test
    void thePagesWereMadeFromThoseSources() throws IOException {
        for (Map.Entry<String, String> page : sources.entrySet()) {
            String expected = ManPages.recordedChecksum(page.getValue());
            assertThat(expected).isNotNull().hasSize(64);
            Path roff = MAN.resolve(page.getKey() + ".1");
            assertThat(roff).as(REGENERATE).exists();
            assertThat(ManPages.recordedChecksum(Files.readString(roff))).as(REGENERATE + " (" + roff + ")").isEqualTo(expected);
        }
    }

    @Test
    void theMainPageHasTheExitStatus() throws IOException {
        String roff = Files.readString(MAN.resolve("losskit.1"));
        assertThat(roff).contains(".SH \"EXIT STATUS\"").contains("usage error").contains(".SH \"COMMANDS\"");
    }

    @Test
    void manRendersEveryPage() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/man")), "no man(1) here");
        for (String page : sources.keySet()) {
            ProcessBuilder pb = new ProcessBuilder("man", "-l", MAN.resolve(page + ".1").toString());
            pb.environment().put("MANPAGER", "cat");
            pb.environment().put("MANWIDTH", "80");
            pb.environment().put("LC_ALL", "C.UTF-8");
            Path err = Files.createTempFile("man", ".err");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(err)).isZero();
            assertThat(Files.readString(err)).as(page).isEmpty();
            assertThat(out).as(page).contains("NAME").contains("SYNOPSIS").contains(page.toUpperCase());
            Files.delete(err);
        }
    }
}
