package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options and inputs that pass when they should not, and warnings that must be there (issue 9). */
class ScoreChecksTest {

    @TempDir
    Path tmp;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private Path simple() throws IOException {
        return file("x.csv", "pred,target,weight\n1,2,1\n3,5,1\n");
    }

    @Test
    void aColForARoleNoSelectedLossReadsIsAUsageErrorWithASuggestion() throws IOException {
        Path csv = file("h.csv", "pred,target,sqft\n1,2,3\n");
        Cli.Run run = Cli.run("score", "-l", "mse", "--col", "wieght=sqft", csv.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("wieght", "did you mean weight?");
        Cli.Run far = Cli.run("score", "-l", "mse", "--col", "anchor=sqft", csv.toString());
        assertThat(far.exit()).isEqualTo(2);
        assertThat(far.err()).contains("no selected loss reads a role \"anchor\"").doesNotContain("did you mean");
    }

    @Test
    void aColNamingAColumnTheHeaderLacksIsAUsageError() throws IOException {
        Path csv = file("h.csv", "pred,target,sqft\n1,2,3\n");
        for (String[] args : new String[][] {{"--col", "target=sqtf"}, {"--weight-col", "nosuch"}, {"--col", "pred=zz_*"},
                {"--col", "pred=pred,nosuch"}}) {
            Cli.Run run = Cli.run("score", "-l", "mse", args[0], args[1], csv.toString());
            assertThat(run.exit()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).contains(csv.toString(), "pred, target, sqft");
        }
        assertThat(Cli.run("score", "-l", "mse", "--col", "target=sqtf", csv.toString()).err()).contains("did you mean sqft?");
    }

    @Test
    void probabilitiesGivenToALossThatReadsLogitsAreWarnedAboutOnce() throws IOException {
        Path csv = file("spam.csv", "p_ham,p_spam,target\n0.8,0.2,0\n0.3,0.7,1\n0.6,0.4,1\n");
        Cli.Run run = Cli.run("score", "-l", "cross-entropy", "--col", "pred=p_ham,p_spam", csv.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err().lines().filter(l -> l.contains("-P input=probs")).count()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).startsWith("losskit: warning: cross-entropy: every pred lies in [0, 1]");

        // -P input=probs: no warning, and sklearn's log_loss: mean(−ln 0.8, −ln 0.7, −ln 0.4)
        Cli.Run probs = Cli.run("score", "-l", "cross-entropy", "-P", "input=probs", "--col", "pred=p_ham,p_spam", csv.toString());
        assertThat(probs.err()).isEmpty();
        assertThat(Double.parseDouble(probs.out())).isCloseTo((-Math.log(0.8) - Math.log(0.7) - Math.log(0.4)) / 3,
                org.assertj.core.data.Offset.offset(1e-12));

        Path binary = file("bin.csv", "pred,target\n0.9,1\n0.2,0\n");
        Cli.Run focal = Cli.run("score", "-l", "focal", binary.toString());
        assertThat(focal.err()).contains("focal: every pred lies in [0, 1]", "-P input=probs");
    }

    @Test
    void logitsAndVectorsThatDoNotSumToOneAreNotWarnedAbout() throws IOException {
        Path logits = file("logits.csv", "a,b,target\n2.0,-1.0,0\n0.5,0.25,1\n");
        assertThat(Cli.run("score", "-l", "cross-entropy", "--col", "pred=a,b", logits.toString()).err()).isEmpty();
        Path small = file("small.csv", "a,b,target\n0.2,0.3,0\n0.5,0.25,1\n");
        assertThat(Cli.run("score", "-l", "cross-entropy", "--col", "pred=a,b", small.toString()).err()).isEmpty();
        Path binary = file("bin.csv", "pred,target\n0.9,1\n1.5,0\n");
        assertThat(Cli.run("score", "-l", "focal", binary.toString()).err()).isEmpty();
    }

    @Test
    void aNaNFromInfiniteInputsIsWarnedAbout() throws IOException {
        Path csv = file("inf.csv", "pred,target\ninf,inf\n1,2\n");
        Cli.Run run = Cli.run("score", "-l", "mse", csv.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("NaN\n");
        assertThat(run.err()).isEqualTo("losskit: warning: mse: NaN from infinite inputs (∞ − ∞ and ∞/∞ have no value)\n");
        Cli.Run finite = Cli.run("score", "-l", "mse", file("fin.csv", "pred,target\ninf,1\n").toString());
        assertThat(finite.out()).isEqualTo("Infinity\n");
        assertThat(finite.err()).isEmpty();
    }

    @Test
    void aWarningThatNamesItsLossIsNotPrefixedTwice() throws IOException {
        Path csv = file("emb.csv", "pred,target\n\"[0.1, 0.2]\",a\n\"[0.3, 0.1]\",a\n");
        Cli.Run run = Cli.run("score", "-l", "triplet", csv.toString());
        assertThat(run.err()).contains("losskit: warning: triplet: a batch has no valid triplet").doesNotContain("triplet: triplet:");
    }
}
