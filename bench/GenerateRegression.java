import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a pred,target CSV of N rows with full-precision doubles (about 40 bytes a row), as a
 * model's saved regression output would look. Usage: java GenerateRegression.java N FILE
 */
public class GenerateRegression {
    public static void main(String[] args) throws IOException {
        long n = Long.parseLong(args[0]);
        SplittableRandom random = new SplittableRandom(42);
        try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.US_ASCII)) {
            w.write("pred,target\n");
            StringBuilder line = new StringBuilder(64);
            for (long i = 0; i < n; i++) {
                double target = random.nextDouble() * 4 - 2 + random.nextGaussian();
                double pred = target + 0.3 * random.nextGaussian();
                line.setLength(0);
                line.append(pred).append(',').append(target).append('\n');
                w.append(line);
            }
        }
    }
}
