package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A weight column weighs the losses that declare a weight, and only those. */
class SampleWeightTest {

    @TempDir
    Path tmp;

    @Test
    void aLossThatTakesNoWeightIsNotWeighedAndTheRunSaysSo() throws IOException {
        // ℓ = |ŷ − y|, declared without a weight
        PluginLoaderTest.packJar(tmp.resolve("p"), "a.jar", "a", 1, "plain");
        Path csv = Files.writeString(tmp.resolve("x.csv"), "pred,target,weight\n1,2,3\n0,4,1\n");
        Cli.Run run = Cli.run("score", "-l", "plain,mae", "--plugin-dir", tmp.resolve("p").toString(), csv.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        // plain: (1 + 4) / 2; mae: (3·1 + 1·4) / (3 + 1)
        assertThat(run.out()).isEqualTo("plain\t2.5\nmae\t1.75\n");
        assertThat(run.err()).isEqualTo("losskit: warning: plain: takes no sample weight; the weights (weight) apply to "
                + "the other losses only\n");
        // alone, it reads no weight column at all
        Cli.Run alone = Cli.run("score", "-l", "plain", "--plugin-dir", tmp.resolve("p").toString(), csv.toString());
        assertThat(alone.out()).as(alone.err()).isEqualTo("2.5\n");
        assertThat(alone.err()).isEmpty();
    }
}
