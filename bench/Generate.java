import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes benchmark inputs with a fixed seed, full-precision doubles, as saved model output looks.
 * <pre>
 *   java Generate.java regression N [S] FILE      pred,target (about 40 bytes a row) [,slice: one of S names]
 *   java Generate.java classification N C FILE    logit_0..logit_{C-1},target (class index)
 *   java Generate.java labelled N D K FILE         JSONL {"pred": [D numbers], "target": label of K}
 *   java Generate.java ctc N T C L FILE            JSONL {"pred": T×C log-probs, "target": L labels}
 *   java Generate.java asr N FILE                  hyp,ref CSV of ~40-character sentences
 *   java Generate.java pair N BASELINE CANDIDATE   two pred,target files of the same targets (compare):
 *                                                  pred errors of sd 0.3 and 0.297
 * </pre>
 */
public class Generate {
    public static void main(String[] args) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        long n = Long.parseLong(args[1]);
        switch (args[0]) {
            case "labelled" -> {
                labelled(random, n, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
                return;
            }
            case "ctc" -> {
                ctc(random, n, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                        Path.of(args[5]));
                return;
            }
            case "asr" -> {
                asr(random, n, Path.of(args[2]));
                return;
            }
            case "pair" -> {
                pair(random, n, Path.of(args[2]), Path.of(args[3]));
                return;
            }
            default -> {
            }
        }
        boolean regression = args[0].equals("regression");
        int classes = regression ? 0 : Integer.parseInt(args[2]);
        Path file = Path.of(args[args.length - 1]);
        int slices = regression && args.length > 3 ? Integer.parseInt(args[2]) : 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            StringBuilder line = new StringBuilder(256);
            if (regression) {
                w.write(slices > 0 ? "pred,target,slice\n" : "pred,target\n");
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
                    if (slices > 0) {
                        line.append(",s").append(random.nextInt(slices));
                    }
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

    private static void pair(SplittableRandom random, long n, Path baseline, Path candidate) throws IOException {
        try (BufferedWriter b = Files.newBufferedWriter(baseline, StandardCharsets.US_ASCII);
             BufferedWriter c = Files.newBufferedWriter(candidate, StandardCharsets.US_ASCII)) {
            b.write("pred,target\n");
            c.write("pred,target\n");
            for (long i = 0; i < n; i++) {
                double target = random.nextDouble() * 4 - 2 + random.nextGaussian();
                b.append(Double.toString(target + 0.3 * random.nextGaussian())).append(',').append(Double.toString(target)).append('\n');
                c.append(Double.toString(target + 0.297 * random.nextGaussian())).append(',').append(Double.toString(target)).append('\n');
            }
        }
    }

    private static void labelled(SplittableRandom random, long n, int d, int k, Path file) throws IOException {
        double[][] centres = new double[k][d];
        for (double[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = random.nextGaussian();
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            StringBuilder line = new StringBuilder(4096);
            for (long i = 0; i < n; i++) {
                int label = random.nextInt(k);
                line.setLength(0);
                line.append("{\"pred\": [");
                for (int j = 0; j < d; j++) {
                    line.append(j == 0 ? "" : ", ").append(centres[label][j] + 0.8 * random.nextGaussian());
                }
                line.append("], \"target\": ").append(label).append("}\n");
                w.append(line);
            }
        }
    }

    private static void ctc(SplittableRandom random, long n, int t, int c, int l, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            StringBuilder line = new StringBuilder(1 << 16);
            double[] row = new double[c];
            for (long i = 0; i < n; i++) {
                line.setLength(0);
                line.append("{\"pred\": [");
                for (int s = 0; s < t; s++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < c; j++) {
                        row[j] = 2 * random.nextGaussian();
                        max = Math.max(max, row[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < c; j++) {
                        sum += Math.exp(row[j] - max);
                    }
                    line.append(s == 0 ? "[" : ", [");
                    for (int j = 0; j < c; j++) {
                        line.append(j == 0 ? "" : ", ").append(row[j] - max - Math.log(sum));
                    }
                    line.append(']');
                }
                line.append("], \"target\": [");
                for (int j = 0; j < l; j++) {
                    line.append(j == 0 ? "" : ", ").append(1 + random.nextInt(c - 1));
                }
                line.append("]}\n");
                w.append(line);
            }
        }
    }

    private static final String[] WORDS = ("the of and to a in is that for it as was with be by on not he this are "
            + "or his from at which but have an they you were her she there been one all we their its can more "
            + "would when will other each about model loss data value error score").split(" ");

    private static void asr(SplittableRandom random, long n, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write("hyp,ref\n");
            StringBuilder ref = new StringBuilder();
            StringBuilder hyp = new StringBuilder();
            for (long i = 0; i < n; i++) {
                ref.setLength(0);
                while (ref.length() < 40) {
                    ref.append(ref.length() == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
                }
                hyp.setLength(0);
                for (int j = 0; j < ref.length(); j++) {
                    double u = random.nextDouble();
                    if (u < 0.03) {
                        continue;
                    }
                    hyp.append(u < 0.08 ? (char) ('a' + random.nextInt(26)) : ref.charAt(j));
                    if (u > 0.98) {
                        hyp.append((char) ('a' + random.nextInt(26)));
                    }
                }
                w.append(hyp).append(',').append(ref).append('\n');
            }
        }
    }
}
