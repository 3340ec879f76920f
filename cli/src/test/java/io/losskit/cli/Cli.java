package io.losskit.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Runs the real command line in-process and captures what it prints. */
final class Cli {

    /** What a run printed and its exit code. */
    record Run(int exit, String out, String err) {
    }

    private static final LossRegistry REGISTRY = LossRegistry.builtin();

    private Cli() {
    }

    static Run run(String... args) {
        return runWithStdin("", args);
    }

    /** {@code losskit score OPTIONS FILE}, the options written as one space-separated string. */
    static Run score(String options, String file) {
        List<String> cmd = new ArrayList<>(List.of("score"));
        cmd.addAll(List.of(options.split(" ")));
        cmd.add(file);
        return run(cmd.toArray(String[]::new));
    }

    static Run runWithStdin(String stdin, String... args) {
        return runWithStdin(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    static Run runWithStdin(byte[] stdin, String... args) {
        InputStream saved = System.in;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(stdin));
            CommandLine cl = Main.commandLine(REGISTRY);
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(args);
            return new Run(exit, out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }

    /**
     * Runs losskit's {@code main} in a child process with {@code home} as the user's home
     * directory and {@code env} added to the environment.
     */
    static Run runProcess(Path home, Map<String, String> env, String... args) throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classPath, "-Duser.home=" + home, Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Path err = Files.createTempFile("losskit-err", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("losskit did not end within 60 s: " + List.of(args));
        }
        Run run = new Run(p.exitValue(), out, Files.readString(err));
        Files.delete(err);
        return run;
    }

    static LossRegistry registry() {
        return REGISTRY;
    }
}
