import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes benchmark inputs with a fixed seed, full-precision doubles, as saved model output looks.
 * <pre>
 *   java Generate.java regression N FILE          pred,target (about 40 bytes a row)
 *   java Generate.java classification N C FILE    logit_0..logit_{C-1},target (class index)
 * </pre>
 */
public class Generate {
    public static void main(String[] args) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        long n = Long.parseLong(args[1]);
        boolean regression = args[0].equals("regression");
        int classes = regression ? 0 : Integer.parseInt(args[2]);
        Path file = Path.of(args[regression ? 2 : 3]);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            StringBuilder line = new StringBuilder(256);
            if (regression) {
                w.write("pred,target\n");
            } else {
                for (int c = 0; c < classes; c++) {
                    line.append("logit_").append(c).append(',');
                }
                w.append(line).append("target\n");
            }
            for (long i = 0; i < n; i++) {
                line.setLength(0);
                if (regression) {
                    double target = random.nextDouble() * 4 - 2 + random.nextGaussian();
                    line.append(target + 0.3 * random.nextGaussian()).append(',').append(target);
                } else {
                    int k = random.nextInt(classes);
                    for (int c = 0; c < classes; c++) {
                        line.append(random.nextGaussian() + (c == k ? 1.5 : 0)).append(',');
                    }
                    line.append(k);
                }
                w.append(line).append('\n');
            }
        }
    }
}
