package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.losskit.cli.bind.Binder;
import io.losskit.spi.RoleKind;
import io.losskit.spi.RoleSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way of {@code score -l mse} over a CSV file links no lambda (see {@link Main}): none of
 * losskit's or picocli's, and no regular expression or stream of the JDK's, whose own lambdas
 * would be linked then. And the places that do without them still do what they did.
 */
class StartupPathTest {

    @TempDir
    Path tmp;

    @Test
    void aScoreOfACsvFileLinksNoLambdaOfLosskitPicocliRegularExpressionsOrStreams() throws Exception {
        Path csv = Files.writeString(tmp.resolve("a.csv"), "pred,target\n0.5,1\n1.5,1\n2.25,2\n");
        Path log = tmp.resolve("classes.log");
        ProcessBuilder pb = ChildJvm.losskit("64m", "score", "-l", "mse", csv.toString());
        pb.command().add(1, "-Xlog:class+load=info:file=" + log);
        pb.redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("out.txt"))).isZero();
        assertThat(Files.readString(tmp.resolve("out.txt")).trim()).isEqualTo("0.1875"); // (0.25 + 0.25 + 0.0625) / 3

        List<String> lambdas = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            String[] words = line.split(" ");
            String loaded = words.length > 1 ? words[1] : "";
            if (loaded.contains("$$Lambda") && (loaded.startsWith("io.losskit.") || loaded.startsWith("picocli.")
                    || loaded.startsWith("java.util.regex.") || loaded.startsWith("java.util.stream."))) {
                lambdas.add(loaded);
            }
        }
        assertThat(lambdas).isEmpty();
    }

    @Test
    void finiteNumbersAreThoseOfTheRegularExpressionItReplaces() {
        Pattern number = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
        Random random = new Random(14);
        String alphabet = "0123456789+-.eE x";
        for (int i = 0; i < 100_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = s.toString();
            Double expected = number.matcher(t.trim()).matches() && Double.isFinite(Double.parseDouble(t.trim()))
                    ? Double.parseDouble(t.trim()) : null;
            assertThat(Gates.finite(t)).as("'%s'", t).isEqualTo(expected);
        }
        assertThat(Gates.finite(" 1.5e3 ")).isEqualTo(1500.0);
        assertThat(Gates.finite("5.")).isEqualTo(5.0);
        assertThat(Gates.finite(".")).isNull();
        assertThat(Gates.finite("1e999")).isNull();
    }

    @Test
    void theReadableColumnsAreTheRolesNamesAndNumberedColumnsTheMappedOnesAndTheNamed() {
        Map<String, List<RoleSpec>> specs = Map.of(
                "pred", List.of(RoleSpec.required("pred", RoleKind.NUMERIC, "p")),
                "target", List.of(RoleSpec.required("target", RoleKind.NUMERIC, "t")),
                "weight", List.of(RoleSpec.required("weight", RoleKind.NUMERIC, "w")));
        Predicate<String> readable = Binder.readable(specs, Map.of("target", "y, truth", "weight", "w_*"), List.of("fold"));
        for (String yes : new String[] {"pred", "yhat", "pred_0", "pred_17", "y", "truth", "w_1", "w_", "fold"}) {
            assertThat(readable.test(yes)).as(yes).isTrue();
        }
        for (String no : new String[] {"pred_", "pred_1a", "pred0", "target", "y_true", "target_0", "weight", "x", "Fold"}) {
            assertThat(readable.test(no)).as(no).isFalse();
        }
    }
}
