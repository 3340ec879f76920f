package io.losskit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** losskit in a JVM of its own, for what must not happen in the test's JVM: a small heap, a stuck thread, a real pipe. */
final class ChildJvm {

    private ChildJvm() {
    }

    /** A process builder for {@code losskit ARGS} with the given heap, e.g. "64m". */
    static ProcessBuilder losskit(String heap, String... args) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-cp", classPath, Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("LOSSKIT_DEBUG");
        return pb;
    }
}
