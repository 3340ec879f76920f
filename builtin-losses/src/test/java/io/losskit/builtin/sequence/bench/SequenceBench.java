package io.losskit.builtin.sequence.bench;

import io.losskit.core.Samples;
import io.losskit.builtin.sequence.Ctc;
import io.losskit.builtin.sequence.EditDistance;
import io.losskit.spi.LossDefinition;
import io.losskit.spi.ParameterValues;
import io.losskit.spi.PerSampleLoss;
import io.losskit.spi.Sample;
import io.losskit.spi.Tally;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Timing of the sequence losses on the two workloads, with fixed seeds (not a unit test:
 * run it by hand, see the class's {@code main}).
 *
 * <ul>
 *   <li>CTC: 256 samples, T = 200, C = 32, target length 40, log-probabilities = log-softmax of
 *       standard normal logits (as torch's benchmarks draw them), blank 0. Also a "peaky" variant
 *       (logits × 8) where part of the samples need the log-space evaluation.</li>
 *   <li>Edit distance: 200 000 pairs of about 40 characters (27 symbols: a–z and space), once as
 *       ASR-like pairs (the hypothesis is the reference with about 15 % of its characters
 *       substituted, deleted or followed by an insertion) and once as unrelated random strings of
 *       35–45 characters. Each call computes the distance and the details.</li>
 * </ul>
 * Each measurement is one pass over its workload; the median of the timed runs (after warm-up) is
 * printed. With a directory argument the workloads are also written there, for
 * {@code src/test/python/sequence_baselines.py} (torch, python-Levenshtein) to time the same data.
 *
 * <pre>
 * mvn -q test-compile -pl builtin-losses -am
 * java -cp spi/target/classes:builtin-losses/target/classes:builtin-losses/target/test-classes \
 *     io.losskit.builtin.sequence.bench.SequenceBench [bench/data/sequence]
 * </pre>
 */
public final class SequenceBench {

    private static final int WARMUP = 5;
    private static final int RUNS = 15;

    private SequenceBench() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : null;
        System.out.printf(Locale.ROOT, "java %s, %d processors; median of %d runs after %d warm-up%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), RUNS, WARMUP);

        double[][][] smooth = ctcInputs(256, 200, 32, 1.0, 11);
        double[][][] peaky = ctcInputs(256, 200, 32, 8.0, 11);
        int[][] targets = ctcTargets(256, 40, 32, 12);
        PerSampleLoss ctc = perSample(new Ctc(), Map.of());
        time("ctc 256 × T=200 × C=32, L=40 (log-probs)", () -> ctcPass(ctc, smooth, targets));
        time("ctc, peaky (logits × 8)", () -> ctcPass(ctc, peaky, targets));

        String[][] asr = asrPairs(200_000, 40, 0.15, 21);
        String[][] random = randomPairs(200_000, 35, 45, 22);
        PerSampleLoss edit = perSample(new EditDistance(), Map.of());
        time("edit-distance 200k ASR-like pairs (~40 chars, ~15% edits)", () -> editPass(edit, asr));
        time("edit-distance 200k unrelated random pairs (35-45 chars)", () -> editPass(edit, random));
        PerSampleLoss weighted = perSample(new EditDistance(), Map.of("sub-cost", "1.5"));
        time("edit-distance 200k ASR-like pairs, sub-cost=1.5 (dynamic programme)", () -> editPass(weighted, asr));

        if (dir != null) {
            write(dir, smooth, peaky, targets, asr, random);
            System.out.println("workloads written to " + dir);
        }
    }

    private static PerSampleLoss perSample(LossDefinition def, Map<String, String> params) {
        ParameterValues values = ParameterValues.of(def.descriptor(), params, path -> {
            throw new IllegalArgumentException(path);
        });
        return (PerSampleLoss) def.create(values, Set.of("pred", "target"));
    }

    /** A tally that only adds up, as the engine's does. */
    private static final class Counting implements Tally {
        long total;

        @Override
        public void count(String key, long n) {
            total += n;
        }

        @Override
        public void warn(String message) {
            total++;
        }
    }

    private static double ctcPass(PerSampleLoss loss, double[][][] x, int[][] targets) {
        Counting tally = new Counting();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += loss.loss(Samples.of("pred", x[i], "target", targets[i]), tally);
        }
        return sum;
    }

    private static double editPass(PerSampleLoss loss, String[][] pairs) {
        Counting tally = new Counting();
        double sum = 0;
        for (String[] p : pairs) {
            sum += loss.loss(sample(p[0], p[1]), tally);
        }
        return sum + tally.total * 0.0;
    }

    /** A sample of two strings, without Sample's map, as close to the engine's as can be. */
    private static Sample sample(String pred, String target) {
        return new Sample() {
            @Override
            public boolean has(String role) {
                return role.equals("pred") || role.equals("target");
            }

            @Override
            public double number(String role) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isVector(String role) {
                return false;
            }

            @Override
            public double[] vector(String role) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int classIndex(String role) {
                throw new UnsupportedOperationException();
            }

            @Override
            public double[][] matrix(String role) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String text(String role) {
                return role.equals("pred") ? pred : target;
            }

            @Override
            public boolean isText(String role) {
                return true;
            }

            @Override
            public int[] sequence(String role) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String[] tokens(String role) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private interface Pass {
        double run();
    }

    private static void time(String what, Pass pass) {
        double check = 0;
        for (int i = 0; i < WARMUP; i++) {
            check += pass.run();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            check += pass.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-70s median %8.1f ms  (min %.1f, max %.1f)  [checksum %.6g]%n",
                what, ms[RUNS / 2], ms[0], ms[RUNS - 1], check / (WARMUP + RUNS));
    }

    /** log-softmax of N(0, 1)·scale logits. */
    static double[][][] ctcInputs(int batch, int t, int c, double scale, long seed) {
        Random rnd = new Random(seed);
        double[][][] x = new double[batch][t][c];
        for (double[][] sample : x) {
            for (double[] row : sample) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    row[k] = scale * rnd.nextGaussian();
                    max = Math.max(max, row[k]);
                }
                double s = 0;
                for (int k = 0; k < c; k++) {
                    s += Math.exp(row[k] - max);
                }
                double lse = max + Math.log(s);
                for (int k = 0; k < c; k++) {
                    row[k] -= lse;
                }
            }
        }
        return x;
    }

    static int[][] ctcTargets(int batch, int length, int c, long seed) {
        Random rnd = new Random(seed);
        int[][] out = new int[batch][length];
        for (int[] t : out) {
            for (int k = 0; k < length; k++) {
                t[k] = 1 + rnd.nextInt(c - 1);
            }
        }
        return out;
    }

    private static final String SYMBOLS = "abcdefghijklmnopqrstuvwxyz ";

    private static String randomString(Random rnd, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(SYMBOLS.charAt(rnd.nextInt(SYMBOLS.length())));
        }
        return sb.toString();
    }

    /** {pred, target}: target random, pred = target with a fraction {@code rate} of edits. */
    static String[][] asrPairs(int count, int length, double rate, long seed) {
        Random rnd = new Random(seed);
        String[][] out = new String[count][];
        for (int i = 0; i < count; i++) {
            String ref = randomString(rnd, length);
            StringBuilder hyp = new StringBuilder();
            for (int k = 0; k < ref.length(); k++) {
                double r = rnd.nextDouble();
                if (r < rate / 3) {
                    continue; // deletion
                } else if (r < 2 * rate / 3) {
                    hyp.append(SYMBOLS.charAt(rnd.nextInt(SYMBOLS.length()))); // substitution
                } else if (r < rate) {
                    hyp.append(ref.charAt(k)).append(SYMBOLS.charAt(rnd.nextInt(SYMBOLS.length()))); // insertion
                } else {
                    hyp.append(ref.charAt(k));
                }
            }
            out[i] = new String[] {hyp.toString(), ref};
        }
        return out;
    }

    static String[][] randomPairs(int count, int min, int max, long seed) {
        Random rnd = new Random(seed);
        String[][] out = new String[count][];
        for (int i = 0; i < count; i++) {
            out[i] = new String[] {randomString(rnd, min + rnd.nextInt(max - min + 1)),
                    randomString(rnd, min + rnd.nextInt(max - min + 1))};
        }
        return out;
    }

    private static void write(Path dir, double[][][] smooth, double[][][] peaky, int[][] targets,
                              String[][] asr, String[][] random) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("ctc_logprobs.f64"), doubles(smooth));
        Files.write(dir.resolve("ctc_logprobs_peaky.f64"), doubles(peaky));
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("ctc_targets.txt"), StandardCharsets.UTF_8)) {
            for (int[] t : targets) {
                w.write(String.join(" ", Arrays.stream(t).mapToObj(Integer::toString).toList()));
                w.newLine();
            }
        }
        pairs(dir.resolve("edit_asr.tsv"), asr);
        pairs(dir.resolve("edit_random.tsv"), random);
        Files.writeString(dir.resolve("shape.txt"), smooth.length + " " + smooth[0].length + " "
                + smooth[0][0].length + "\n");
    }

    private static byte[] doubles(double[][][] x) {
        ByteBuffer b = ByteBuffer.allocate(x.length * x[0].length * x[0][0].length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double[][] s : x) {
            for (double[] row : s) {
                for (double v : row) {
                    b.putDouble(v);
                }
            }
        }
        return b.array();
    }

    private static void pairs(Path file, String[][] pairs) throws IOException {
        Function<String[], String> line = p -> p[0] + "\t" + p[1];
        Files.write(file, Arrays.stream(pairs).map(line).toList(), StandardCharsets.UTF_8);
    }
}
