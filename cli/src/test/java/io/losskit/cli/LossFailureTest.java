package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin's loss that throws, recurses without end, allocates without bound or loops: exit 4,
 * one line naming the loss and its jar, no stack trace (CLI.md, exit codes).
 */
class LossFailureTest {

    @TempDir
    static Path tmp;

    static Path plugins;
    static Path jar;
    static Path csv;

    @BeforeAll
    static void buildPlugin() throws IOException {
        plugins = Files.createDirectories(tmp.resolve("plugins"));
        String source = """
                package bad;
                import io.losskit.spi.*;
                import java.util.*;
                public final class Pack implements LossProvider {
                    static final List<double[]> HOARD = new ArrayList<>();
                    static double deeper(double x) { return deeper(x + 1) + 1; }
                    static LossDefinition loss(String id, PerSampleLoss body) {
                        LossDescriptor d = LossDescriptor.builder(id, "test").summary("misbehaves")
                                .roles(RoleSpec.required("pred", RoleKind.NUMBER, "p"), RoleSpec.required("target", RoleKind.NUMBER, "t"))
                                .build();
                        return new LossDefinition() {
                            public LossDescriptor descriptor() { return d; }
                            public Loss create(Parameters p, Set<String> r) { return body; }
                        };
                    }
                    public List<LossDefinition> losses() {
                        return List.of(
                                loss("boom", (s, t) -> { throw new IllegalStateException("kaboom"); }),
                                loss("deep", (s, t) -> deeper(s.number("pred"))),
                                loss("hog", (s, t) -> { while (true) { HOARD.add(new double[1 << 20]); } }),
                                loss("spin", (s, t) -> { double x = s.number("pred"); while (x == x) { x = Math.sqrt(x + 1); } return x; }));
                    }
                }
                """;
        jar = TestJars.build(Map.of("bad.Pack", source), Map.of(TestJars.SERVICES, "bad.Pack\n"), plugins.resolve("bad.jar"));
        csv = Files.writeString(tmp.resolve("x.csv"), "pred,target\n1,2\n3,4\n");
    }

    private static void assertOneLine(String err, String... parts) {
        assertThat(err.lines().count()).as(err).isEqualTo(1);
        assertThat(err).contains(parts).doesNotContain("\tat ", "Exception in thread");
    }

    @Test
    void aLossThatThrowsIsExit4NamingItAndItsJar() {
        Cli.Run run = Cli.run("score", "--plugin-dir", plugins.toString(), "-l", "mse,boom", csv.toString());
        assertThat(run.exit()).isEqualTo(4);
        assertOneLine(run.err(), "boom", jar.toString(), "IllegalStateException: kaboom");
        assertThat(run.err()).doesNotContain("internal error");
    }

    @Test
    void aLossThatRecursesWithoutEndIsExit4() {
        Cli.Run run = Cli.run("score", "--plugin-dir", plugins.toString(), "-l", "deep", csv.toString());
        assertThat(run.exit()).isEqualTo(4);
        assertOneLine(run.err(), "deep", jar.toString(), "stack overflow");
    }

    private static String[] child(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String[] {out, err};
    }

    @Test
    void aLossThatAllocatesWithoutBoundIsExit4WithWhatToDo() throws Exception {
        Process p = ChildJvm.losskit("64m", "score", "--plugin-dir", plugins.toString(), "-l", "hog", csv.toString())
                .redirectErrorStream(false).start();
        String[] outErr = child(p);
        assertThat(p.exitValue()).as(outErr[1]).isEqualTo(4);
        assertOneLine(outErr[1], "hog", jar.toString(), "out of memory", "LOSSKIT_JAVA_OPTS=-Xmx", "--batch-size");
        assertThat(outErr[0]).isEmpty();
    }

    @Test
    void aLossThatLoopsIsStoppedByTheLossTimeout() throws Exception {
        Process p = ChildJvm.losskit("64m", "score", "--plugin-dir", plugins.toString(), "-l", "mse,spin",
                "--loss-timeout", "0.5", csv.toString()).start();
        String[] outErr = child(p);
        assertThat(p.exitValue()).as(outErr[1]).isEqualTo(4);
        assertOneLine(outErr[1], "spin", jar.toString(), "--loss-timeout", "0.5 s");
        assertThat(outErr[0]).isEmpty();
    }

    @Test
    void theLossTimeoutLeavesALossThatFinishesAlone() {
        Cli.Run run = Cli.run("score", "-l", "mse,mae", "--loss-timeout", "30", csv.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("mse\t1.0\nmae\t1.0\n");
    }

    @Test
    void theLossTimeoutTakesAPositiveNumberOfSeconds() {
        for (String bad : new String[] {"0", "-1", "NaN", "abc", "Infinity", "1e10"}) {
            Cli.Run run = Cli.run("score", "-l", "mse", "--loss-timeout", bad, csv.toString());
            assertThat(run.exit()).as(bad + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).contains("--loss-timeout");
        }
    }

    @Test
    void anOutOfMemoryOutsideALossIsOneLineWithWhatToDo() throws Exception {
        StringBuilder rows = new StringBuilder("pred,target\n");
        for (int i = 0; i < 1_000_000; i++) {
            rows.append(i % 10).append(",1\n");
        }
        Path big = Files.writeString(tmp.resolve("big.csv"), rows);
        Process p = ChildJvm.losskit("16m", "score", "-l", "mse", "--reduction", "none", "-o", "json", big.toString()).start();
        String[] outErr = child(p);
        assertThat(p.exitValue()).as(outErr[1]).isEqualTo(3);
        assertOneLine(outErr[1], "out of memory", "LOSSKIT_JAVA_OPTS=-Xmx");
    }
}
