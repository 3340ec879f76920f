package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON output's {@code signature}: version, losses with parameters, reduction, input kind, records, SHA-256 of each file. */
class SignatureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSV = "pred,target\n1,2\n3,5\n0,0\n";
    /** {@code printf 'pred,target\n1,2\n3,5\n0,0\n' | sha256sum} */
    private static final String CSV_SHA = "5d4e53999a47bb89dd7f5dbb12923fa2841da8ed64882c348fadc3bdb78b0dc1";

    @TempDir
    Path tmp;

    private static String signature(Cli.Run run) throws IOException {
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode root = JSON.readTree(run.out());
        return root.get("signature").asText();
    }

    private static String version() throws IOException {
        return Main.Version.version();
    }

    @Test
    void namesVersionLossesParametersReductionInputCountAndHash() throws IOException {
        Path f = Files.writeString(tmp.resolve("a.csv"), CSV);
        assertThat(signature(Cli.run("score", "-l", "mse,huber", "-P", "delta=0.5", "-o", "json", f.toString())))
                .isEqualTo("losskit:" + version() + "|mse|huber(delta=0.5)|red:mean|in:csv|n:3|sha256:" + CSV_SHA);
        assertThat(signature(Cli.run("score", "-l", "mae", "--reduction", "sum", "-o", "json", f.toString())))
                .isEqualTo("losskit:" + version() + "|mae|red:sum|in:csv|n:3|sha256:" + CSV_SHA);
    }

    @Test
    void standardInputIsHashedAsRead() throws IOException {
        assertThat(signature(Cli.runWithStdin(CSV, "score", "-l", "mse", "-o", "json", "-")))
                .endsWith("|in:csv|n:3|sha256:" + CSV_SHA);
    }

    @Test
    void skippedRecordsAreNotCounted() throws IOException {
        Path f = Files.writeString(tmp.resolve("bad.csv"), "pred,target\n1,2\nx,5\n0,0\n1,nan\n3,3\n");
        assertThat(signature(Cli.run("score", "-l", "mse", "--on-invalid", "skip", "-o", "json", f.toString())))
                .contains("|n:3|sha256:" + sha256(Files.readAllBytes(f)));
    }

    @Test
    void twoFilesGiveBothFormatsAndBothHashesPredFirstAndTheKey() throws IOException {
        Path pred = Files.writeString(tmp.resolve("p.csv"), "id,pred\n1,1\n2,3\n");
        Path target = Files.writeString(tmp.resolve("t.tsv"), "id\ttarget\n2\t5\n1\t2\n");
        String sig = signature(Cli.run("score", "-l", "mse", "-o", "json", "-p", pred.toString(), "-t", target.toString(),
                "--key", "id"));
        assertThat(sig).endsWith("|in:csv+tsv@key=id|n:2|sha256:" + sha256(Files.readAllBytes(pred)) + "+"
                + sha256(Files.readAllBytes(target)));
    }

    @Test
    void aCompressedFileIsHashedAsStoredAndAnNpzByItsBytes() throws IOException {
        Path gz = tmp.resolve("a.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(CSV.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(signature(Cli.run("score", "-l", "mse", "-o", "json", gz.toString())))
                .endsWith("|in:csv|n:3|sha256:" + sha256(Files.readAllBytes(gz)));
        Path npz = Path.of("src/test/resources/npy/reg-w.npz");
        assertThat(signature(Cli.run("score", "-l", "mse", "-o", "json", npz.toString())))
                .contains("|in:npz|").endsWith("|sha256:" + sha256(Files.readAllBytes(npz)));
    }

    @Test
    void aFileReadInParallelPartsIsHashedWhole() throws IOException {
        // above ScoreJob.PARALLEL_MIN_BYTES, so read by several threads, none from start to end
        Path f = tmp.resolve("big.csv");
        StringBuilder rows = new StringBuilder("pred,target\n");
        long rowsWritten = 0;
        while (rows.length() < ScoreJob.PARALLEL_MIN_BYTES + 1000) {
            rows.append(rowsWritten % 7).append(",").append(rowsWritten % 5).append(".25\n");
            rowsWritten++;
        }
        Files.writeString(f, rows);
        assertThat(signature(Cli.run("score", "-l", "mse", "-o", "json", f.toString())))
                .endsWith("|n:" + rowsWritten + "|sha256:" + sha256(Files.readAllBytes(f)));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
