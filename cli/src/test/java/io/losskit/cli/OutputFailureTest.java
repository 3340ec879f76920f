package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results that cannot be written are exit 3 in one line, and a closed pipe stops the run (CLI.md, Output). */
class OutputFailureTest {

    @TempDir
    Path tmp;

    @Test
    void aFullDiskIsExit3() throws Exception {
        Path csv = Files.writeString(tmp.resolve("x.csv"), "pred,target\n1,2\n3,5\n");
        for (String reduction : new String[] {"mean", "none"}) {
            Process p = ChildJvm.losskit("64m", "score", "-l", "mse", "--reduction", reduction, csv.toString())
                    .redirectOutput(new File("/dev/full")).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(err).isEqualTo(3);
            assertThat(err).isEqualTo("losskit: cannot write the results to standard output: No space left on device\n");
        }
    }

    /**
     * The input never ends (the test writes rows until the process goes): only a run that stops
     * when its output pipe closes can exit at all.
     */
    @Test
    void aClosedPipeStopsTheRunWithExit3() throws Exception {
        Process p = ChildJvm.losskit("64m", "score", "-l", "mse,mae", "--reduction", "none", "--format", "csv", "-")
                .redirectError(tmp.resolve("err.txt").toFile()).start();
        Thread feeder = new Thread(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write("pred,target\n".getBytes(StandardCharsets.UTF_8));
                byte[] rows = "1,2\n3,5\n".repeat(4096).getBytes(StandardCharsets.UTF_8);
                while (true) {
                    in.write(rows);
                }
            } catch (IOException e) {
                // the process is gone: as it should be
            }
        });
        feeder.setDaemon(true);
        feeder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("line\tmse\tmae");
            assertThat(out.readLine()).isEqualTo("2\t1.0\t1.0");
        }
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("the run went on after its output closed").isTrue();
        String err = Files.readString(tmp.resolve("err.txt"));
        assertThat(p.exitValue()).as(err).isEqualTo(3);
        assertThat(err).isEqualTo("losskit: cannot write the results to standard output: Broken pipe\n");
    }

    @Test
    void aWriterThatFailsIsExit3InProcess() throws IOException {
        Path csv = Files.writeString(tmp.resolve("x.csv"), "pred,target\n1,2\n");
        picocli.CommandLine cl = Main.commandLine(Cli.registry());
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setOut(new java.io.PrintWriter(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        }));
        assertThat(cl.execute("score", "-l", "mse", csv.toString())).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("losskit: cannot write the results to standard output: the write failed\n");
    }
}
