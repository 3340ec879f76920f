package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's plugin guide, done as a new user does it, with Maven: its install command in a
 * losskit checkout, then its pom and files in an empty folder and its build command, outside
 * this reactor and with an empty local repository. The repository gets what it needs from the
 * one this build uses, as a mirror on disk (no network); about 20 s on two busy cores.
 */
class ReadmePluginGuideBuildTest {

    @TempDir
    Path tmp;

    @Test
    void thePomAndCommandsBuildAPackFromAnEmptyFolder() throws Exception {
        Path seed = Path.of(System.getProperty("maven.repo.local",
                System.getProperty("user.home") + "/.m2/repository"));
        assumeTrue(onPath("mvn") && Files.isDirectory(seed), "Maven and its local repository");
        String guide = Readme.section("Writing a plugin");

        // A home whose Maven settings use an empty local repository, seeded from this build's
        Path home = Files.createDirectories(tmp.resolve("home/.m2"));
        Files.writeString(home.resolve("settings.xml"), """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors><mirror><id>seed</id><mirrorOf>*</mirrorOf><url>%s</url></mirror></mirrors>
                </settings>
                """.formatted(tmp.resolve("repository"), seed.toUri()));

        // The checkout: the poms and the SPI's sources (a copy, so that this build's files stay as they are)
        Path checkout = tmp.resolve("losskit");
        try (Stream<Path> poms = Files.list(Path.of(".."))) {
            for (Path dir : poms.filter(d -> Files.exists(d.resolve("pom.xml"))).toList()) {
                Path to = Files.createDirectories(checkout.resolve(Path.of("..").relativize(dir)));
                Files.copy(dir.resolve("pom.xml"), to.resolve("pom.xml"));
            }
        }
        Files.copy(Path.of("../pom.xml"), checkout.resolve("pom.xml"));
        copyTree(Path.of("../spi/src"), checkout.resolve("spi/src"));

        Matcher install = Pattern.compile("\n(cd losskit && mvn [^\n]*)\n").matcher(guide);
        assertThat(install.find()).as("the guide's install command").isTrue();
        shell(tmp, install.group(1));

        // The pack, from an empty folder
        Path acme = Files.createDirectories(tmp.resolve("acme"));
        Matcher pom = Pattern.compile("```xml\n(.*?)```", Pattern.DOTALL).matcher(guide);
        assertThat(pom.find()).isTrue();
        Files.writeString(acme.resolve("pom.xml"), pom.group(1));
        for (Map.Entry<String, String> file : Readme.files(guide).entrySet()) {
            Path f = acme.resolve(file.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, file.getValue());
        }
        Matcher build = Pattern.compile("\n(mvn [^\n]*package)\n").matcher(guide);
        assertThat(build.find()).as("the guide's build command").isTrue();
        shell(acme, build.group(1));

        Path csv = Files.writeString(tmp.resolve("preds.csv"), "pred,target\n110,100\n0,0\n50,100\n");
        Cli.Run score = Cli.run("score", "-l", "smape", "-P", "smape.floor=1e-9", "--plugin-dir",
                acme.resolve("target").toString(), csv.toString());
        assertThat(score.err()).isEmpty();
        // (200·10/210 + 0 + 200·50/150) / 3
        assertThat(Double.parseDouble(score.out().trim())).isCloseTo((200.0 * 10 / 210 + 200.0 * 50 / 150) / 3,
                within(1e-12));
    }

    /** Runs {@code command} with {@code sh} in {@code dir}, Maven reading the settings of the test's home. */
    private void shell(Path dir, String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("MAVEN_OPTS", "-Duser.home=" + tmp.resolve("home"));
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(command).isTrue();
        assertThat(p.exitValue()).as(command + "\n" + log).isZero();
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
