package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's "Using losskit from Java" compiles and runs as written, and prints what it says. */
class ReadmeJavaExampleTest {

    @Test
    void theExampleComputesHuber() throws Exception {
        Map<String, String> files = Readme.files(Readme.section("Using losskit from Java"));
        assertThat(files).containsOnlyKeys("src/main/java/HuberExample.java");
        String source = files.get("src/main/java/HuberExample.java");
        assertThat(source.lines().count() + 1).as("lines, with the file's name").isLessThanOrEqualTo(15);

        // the class path a user's program has: the kernel, the SPI and the built-in pack
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path classes = TestJars.compile(Map.of("HuberExample", source), classPath);
        try {
            Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classes + File.pathSeparator + classPath, "HuberExample")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            // δ = 0.5: |d| = 0.5 ≤ δ gives ½·0.25 = 0.125; |d| = 2 gives 0.5·(2 − 0.25) = 0.875; their mean
            assertThat(Double.parseDouble(out.trim())).isEqualTo((0.125 + 0.875) / 2);
        } finally {
            TestJars.delete(classes);
        }
    }
}
