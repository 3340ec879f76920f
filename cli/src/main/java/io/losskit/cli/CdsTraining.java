package io.losskit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the class-data sharing archive: the launcher runs it once per Java runtime
 * with {@code -XX:ArchiveClassesAtExit}, and every later start maps the classes it loaded instead
 * of loading, parsing and verifying them again. It runs the commands people run (scores of each
 * input format and output, list, describe, help, errors) with their output thrown away. Not a
 * command: nothing here is needed for losskit to work.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("losskit-cds");
        try {
            Path empty = Files.createDirectory(dir.resolve("plugins"));
            Path csv = Files.writeString(dir.resolve("a.csv"), "pred,target,weight\n0.5,1,1\n1.5,1,2\n2.25,2,1\n");
            Path tsv = Files.writeString(dir.resolve("a.tsv"), "y_pred\ty_true\n0.5\t1\n1.5\t1\n");
            Path jsonl = Files.writeString(dir.resolve("a.jsonl"), "{\"pred\": 0.5, \"target\": 1}\n{\"pred\": [1.5], \"target\": [1]}\n");
            Path json = Files.writeString(dir.resolve("a.json"), "[{\"pred\": 0.5, \"target\": 1}, {\"pred\": 1.5, \"target\": 1}]");
            Path bad = Files.writeString(dir.resolve("bad.csv"), "pred,target\nx,1\n");
            List<List<String>> runs = List.of(
                    List.of("score", "-l", "mse", csv.toString()),
                    List.of("score", "-l", "mse", "-P", "mse.nothing=1", csv.toString()),
                    List.of("score", "-l", "mse,mse", "--reduction", "sum", "-o", "json", "--max", "mse=0.1", csv.toString()),
                    List.of("score", "-l", "mse", "--reduction", "none", "-o", "csv", tsv.toString()),
                    List.of("score", "-l", "mse", "-o", "tsv", jsonl.toString()),
                    List.of("score", "-l", "mse", "--plugin-dir", empty.toString(), json.toString()),
                    List.of("score", "-l", "mse", bad.toString()),
                    List.of("score", "-l", "no-such-loss", csv.toString()),
                    List.of("list"),
                    List.of("list", "-o", "json"),
                    List.of("describe", "mse"),
                    List.of("--help"),
                    List.of("score", "--help"),
                    List.of("--version"),
                    List.of("--no-such-option"));
            // Through Main.run, as main() goes, so that its lambdas are archived too; the output goes nowhere.
            PrintStream out = System.out;
            PrintStream err = System.err;
            try (PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream())) {
                System.setOut(nowhere);
                System.setErr(nowhere);
                for (List<String> run : runs) {
                    Main.run(run.toArray(new String[0]), List.of());
                }
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
