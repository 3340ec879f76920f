package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/losskit over an installation laid out as the distribution is, with this reader in
 * lib/formats/parquet/ (its classes and the jars it needs, from this test's class path, and no
 * Hadoop): a .parquet is read through the reader the cli finds there, and a CSV run loads none of
 * its classes.
 */
class ParquetLauncherTest {

    @TempDir
    static Path tmp;

    static Path launcher;

    @BeforeAll
    static void install() throws IOException {
        Path home = tmp.resolve("losskit");
        LauncherTest.install(home, Path.of("../cli"));
        Path formats = Files.createDirectories(home.resolve("lib/formats/parquet"));
        LauncherTest.jar(Path.of("target/classes"), formats.resolve("losskit-formats-parquet.jar"), null);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String s = p.toString().replace('\\', '/');
            if (s.contains("/org/apache/parquet/") || s.contains("/io/airlift/") || s.contains("/org/slf4j/")) {
                Files.copy(p, formats.resolve(p.getFileName()));
            }
        }
        launcher = home.resolve("bin/losskit");
    }

    @Test
    void readsParquetThroughTheReaderInLibFormats() throws Exception {
        Path loaded = tmp.resolve("parquet-classes.txt");
        LauncherTest.Run run = LauncherTest.run(launcher, Map.of("LOSSKIT_CDS", "off", "LOSSKIT_JAVA_OPTS", "-Xlog:class+load:file=" + loaded),
                "score", "-l", "mse", "src/test/resources/parquet/reg-w.parquet");
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("1.8645651894340116\n");
        List<String> classes = lines(loaded);
        assertThat(classes).anyMatch(l -> l.contains("io.losskit.formats.parquet.ParquetSource source: file:") && l.contains("/lib/formats/parquet/"));
        assertThat(classes).noneMatch(l -> l.contains("org.apache.hadoop"));
    }

    @Test
    void aCsvRunLoadsNoParquetClass() throws Exception {
        Path csv = Files.writeString(tmp.resolve("r.csv"), "pred,target\n1,2\n3,3\n0,1\n");
        Path loaded = tmp.resolve("csv-classes.txt");
        LauncherTest.Run run = LauncherTest.run(launcher, Map.of("LOSSKIT_CDS", "off", "LOSSKIT_JAVA_OPTS", "-Xlog:class+load:file=" + loaded),
                "score", "-l", "mse", csv.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("0.6666666666666666\n");
        assertThat(lines(loaded)).noneMatch(l -> l.contains("parquet") || l.contains("losskit-format"));
    }

    @Test
    void standardInputIsAUsageErrorSayingAFileIsNeeded() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "\"$0\" score -l mse - < src/test/resources/parquet/reg-a.parquet", launcher.toString());
        pb.environment().put("LOSSKIT_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("LOSSKIT_CDS", "off");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(out).startsWith("losskit: standard input (-) cannot be read as parquet: a .parquet file is read from its end,"
                + " so give it as a file, not through a pipe\n");
    }

    private static List<String> lines(Path file) throws IOException {
        try (Stream<String> s = Files.lines(file)) {
            return s.toList();
        }
    }
}
