package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every problem with a sample names the column as the input names it, whoever finds it. */
class ErrorLocationTest {

    @TempDir
    Path tmp;

    @Test
    void aBadEmbeddingInABatchIsReportedInTheEmbeddingColumn() throws IOException {
        // found when the batch is evaluated, long after the record was read
        Path jsonl = Files.writeString(tmp.resolve("emb.jsonl"), """
                {"embedding": [1, 2], "label": 0}
                {"embedding": [1, 3], "label": 0}
                {"embedding": [1, 2, 3], "label": 1}
                {"embedding": [0, 2], "label": 1}
                """);
        Cli.Run run = Cli.run("score", "-l", "triplet", jsonl.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("losskit: " + jsonl + ", line 3 (record 3), column \"embedding\": "
                + "a vector of dimension 3 where the batch's first pred has 2\n");
    }

    @Test
    void aBadEmbeddingInARecordIsReportedInTheEmbeddingColumn() throws IOException {
        // found while the record is read: the same column name
        Path csv = Files.writeString(tmp.resolve("emb.csv"), "embedding,label\n\"[1,2]\",0\n\"[1,x]\",0\n");
        Cli.Run run = Cli.run("score", "-l", "triplet", csv.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("losskit: " + csv + ", line 3 (record 2), column \"embedding\": "
                + "malformed JSON in the cell: \"[1,x]\"\n");
    }
}
