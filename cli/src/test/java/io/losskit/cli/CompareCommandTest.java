package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code losskit compare} end to end: values worked out by hand, pairing, errors, the gate, the options shared with score. */
class CompareCommandTest {

    @TempDir
    Path dir;

    /** Baseline |pred − target|: 1, 2, 1, 0 (mae 1); candidate: 0.5, 1, 0.5, 0 (mae 0.5). */
    static final String BASELINE = "id,pred,target\na,1,0\nb,2,0\nc,0,1\nd,1,1\n";
    static final String CANDIDATE = "id,pred,target\na,0.5,0\nb,1,0\nc,0.5,1\nd,1,1\n";

    private String write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    private static JsonNode json(Cli.Run run) throws IOException {
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void maeOfTwoTinyFiles() throws IOException {
        Cli.Run run = Cli.run("compare", "-l", "mae", "-o", "json", write("b.csv", BASELINE), write("c.csv", CANDIDATE));
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode r = json(run).get("results").get(0);
        assertThat(r.get("loss").asText()).isEqualTo("mae");
        assertThat(r.get("baseline").asDouble()).isEqualTo(1.0);
        assertThat(r.get("candidate").asDouble()).isEqualTo(0.5);
        assertThat(r.get("difference").asDouble()).isEqualTo(-0.5);
        assertThat(r.get("count").asLong()).isEqualTo(4);
        assertThat(r.get("ci").get("level").asDouble()).isEqualTo(95);
        assertThat(r.get("ci").get("resamples").asInt()).isEqualTo(1000);
        assertThat(r.get("ci").get("seed").asLong()).isEqualTo(12345);
        assertThat(r.get("ci").get("method").asText()).isEqualTo("percentile");
        // every record's difference is ≤ 0, so is every resample's mean of them: the interval is within [-1, 0]
        assertThat(r.get("ci").get("low").asDouble()).isBetween(-1.0, -0.5);
        assertThat(r.get("ci").get("high").asDouble()).isBetween(-0.5, 0.0);
        assertThat(r.get("trials").asInt()).isEqualTo(10_000);
        // The exact randomization distribution: the differences are -0.5, -1, -0.5, 0; of the 16 sign
        // flips, |Σ ±dᵢ| ≥ |−2| only when the three non-zero terms share a sign (2 of 8), times 2 for the 0:
        // p = 4/16. 10,000 trials estimate it within a few hundredths (sd 0.0043).
        assertThat(r.get("p_randomization").asDouble()).isBetween(0.23, 0.27);
        assertThat(json(run).get("records").asLong()).isEqualTo(4);
    }

    @Test
    void textHasAHeaderAndARowPerLoss() throws IOException {
        Cli.Run run = Cli.run("compare", "-l", "mae,mse", write("b.csv", BASELINE), write("c.csv", CANDIDATE));
        assertThat(run.exit()).as(run.err()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("loss\tbaseline\tcandidate\tdifference\tci_low\tci_high\tp_bootstrap\tp_randomization\tcount");
        assertThat(lines[1]).startsWith("mae\t1.0\t0.5\t-0.5\t").endsWith("\t4");
        // squared errors 1, 4, 1, 0 (1.5) and 0.25, 1, 0.25, 0 (0.375)
        assertThat(lines[2]).startsWith("mse\t1.5\t0.375\t-1.125\t");
    }

    @Test
    void predFilesAndOneTargetFile() throws IOException {
        String t = write("t.csv", "target\n0\n0\n1\n1\n");
        Cli.Run run = Cli.run("compare", "-l", "mae", "-o", "csv", "-t", t, write("b.csv", "pred\n1\n2\n0\n1\n"),
                write("c.csv", "pred\n0.5\n1\n0.5\n1\n"));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().split("\n")[1]).startsWith("mae,1.0,0.5,-0.5,");
    }

    @Test
    void textFilesWithATargetFile() throws IOException {
        // wer of "a b" against "a c": 1/2; of "a c": 0
        String ref = write("ref.txt", "a c\nx y\n");
        Cli.Run run = Cli.run("compare", "-l", "wer", "-o", "csv", "-t", ref, write("old.txt", "a b\nx y\n"),
                write("new.txt", "a c\nx y\n"));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().split("\n")[1]).startsWith("wer,0.25,0.0,-0.25,");
    }

    @Test
    void recordsPairOnAKey() throws IOException {
        String shuffled = "id,pred,target\nd,1,1\nc,0.5,1\nb,1,0\na,0.5,0\n";
        Cli.Run run = Cli.run("compare", "-l", "mae", "-o", "csv", "--key", "id", write("b.csv", BASELINE),
                write("c.csv", shuffled));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().split("\n")[1]).startsWith("mae,1.0,0.5,-0.5,");
        // by position the same files pair a with d: the targets differ
        Cli.Run byPosition = Cli.run("compare", "-l", "mae", dir.resolve("b.csv").toString(), dir.resolve("c.csv").toString());
        assertThat(byPosition.exit()).isEqualTo(3);
    }

    @Test
    void aRecordMissingFromTheCandidateIsAnInputError() throws IOException {
        Cli.Run run = Cli.run("compare", "-l", "mae", write("b.csv", BASELINE),
                write("c.csv", "id,pred,target\na,0.5,0\nb,1,0\nc,0.5,1\n"));
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(dir.resolve("b.csv") + ", line 5 (record 4)", "has 4 records", "has 3")
                .doesNotContain("\tat ");
    }

    @Test
    void aKeyMissingFromOneSideIsAnInputError() throws IOException {
        String b = write("b.csv", BASELINE);
        Cli.Run noCandidate = Cli.run("compare", "-l", "mae", "--key", "id", b,
                write("c.csv", "id,pred,target\na,0.5,0\nb,1,0\nd,1,1\n"));
        assertThat(noCandidate.exit()).isEqualTo(3);
        assertThat(noCandidate.err()).contains(b + ", line 4 (record 3), column \"id\": no record with key c in "
                + dir.resolve("c.csv"));
        Cli.Run noBaseline = Cli.run("compare", "-l", "mae", "--key", "id", write("b3.csv", "id,pred,target\na,1,0\nb,2,0\n"),
                write("c3.csv", "id,pred,target\nb,1,0\nz,1,1\na,0.5,0\n"));
        assertThat(noBaseline.exit()).isEqualTo(3);
        assertThat(noBaseline.err()).contains(dir.resolve("c3.csv") + ", line 3 (record 2), column \"id\": 1 record(s) of "
                + dir.resolve("c3.csv") + " have a key that no record of " + dir.resolve("b3.csv") + " has");
    }

    @Test
    void targetsThatDifferAreAnInputError() throws IOException {
        Cli.Run run = Cli.run("compare", "-l", "mae", write("b.csv", BASELINE),
                write("c.csv", "id,pred,target\na,0.5,0\nb,1,0\nc,0.5,2\nd,1,1\n"));
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains(dir.resolve("c.csv") + ", line 4 (record 3), column \"target\": the target is 2 here but 1 in "
                + dir.resolve("b.csv") + " at line 4");
    }

    @Test
    void targetsThatReadAsTheSameNumberAgree() throws IOException {
        Cli.Run run = Cli.run("compare", "-l", "mae", write("b.csv", BASELINE),
                write("c.jsonl", "{\"pred\": 0.5, \"target\": 0.0}\n{\"pred\": 1, \"target\": 0}\n"
                        + "{\"pred\": 0.5, \"target\": 1.0}\n{\"pred\": 1, \"target\": 1}\n"));
        assertThat(run.exit()).as(run.err()).isZero();
    }

    @Test
    void aBadValueIsLocatedInItsOwnFile() throws IOException {
        Cli.Run run = Cli.run("compare", "-l", "mae", write("b.csv", BASELINE),
                write("c.csv", "id,pred,target\na,0.5,0\nb,x,0\nc,0.5,1\nd,1,1\n"));
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains(dir.resolve("c.csv") + ", line 3 (record 2), column \"pred\"");
    }

    @Test
    void failIfWorseExitsOneWhenTheWholeIntervalIsAboveTheMargin() throws IOException {
        // the tiny files ten times over: a resample without any record that differs is then unlikely (e^-30)
        String b = write("b.csv", "id,pred,target\n" + BASELINE.substring(BASELINE.indexOf('\n') + 1).repeat(10));
        String c = write("c.csv", "id,pred,target\n" + CANDIDATE.substring(CANDIDATE.indexOf('\n') + 1).repeat(10));
        // c as the baseline, b as the candidate: every record is worse or as good, the interval lies above 0
        Cli.Run worse = Cli.run("compare", "-l", "mae", "--fail-if-worse", "--", c, b);
        Cli.Run worseGiven = Cli.run("compare", "-l", "mae", "--fail-if-worse", "0", c, b);
        Cli.Run better = Cli.run("compare", "-l", "mae", "--fail-if-worse", b, c);
        Cli.Run withinMargin = Cli.run("compare", "-l", "mae", "--fail-if-worse=1", c, b);
        assertThat(worse.exit()).as(worse.err()).isEqualTo(1);
        assertThat(worseGiven.exit()).isEqualTo(1);
        assertThat(worseGiven.out()).startsWith("loss\t");
        assertThat(worseGiven.err()).contains("gate failed: mae: candidate − baseline = 0.5, its 95% interval [",
                "lies above --fail-if-worse 0 by");
        assertThat(better.exit()).as(better.err()).isZero();
        assertThat(better.err()).contains("gate passed: mae: candidate − baseline = -0.5");
        assertThat(withinMargin.exit()).isZero();
        assertThat(withinMargin.err()).contains("is not all above --fail-if-worse 1");
        // a margin that is not a number is not taken for one: it is a third file
        Cli.Run bad = Cli.run("compare", "-l", "mae", "--fail-if-worse=x", b, c);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("x");
    }

    @Test
    void aBatchLossIsAUsageError() throws IOException {
        String f = "pred,target\n\"[0, 1]\",0\n\"[1, 0]\",1\n\"[0, 1]\",0\n";
        Cli.Run run = Cli.run("compare", "-l", "triplet", write("b.csv", f), write("c.csv", f));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("compare: triplet", "batch loss");
    }

    @Test
    void badOptionValuesAreUsageErrors() throws IOException {
        String b = write("b.csv", BASELINE);
        String c = write("c.csv", CANDIDATE);
        assertThat(Cli.run("compare", "-l", "mae", "--ci", "100", b, c).exit()).isEqualTo(2);
        assertThat(Cli.run("compare", "-l", "mae", "--bootstrap", "0", b, c).exit()).isEqualTo(2);
        assertThat(Cli.run("compare", "-l", "mae", "--trials", "-1", b, c).exit()).isEqualTo(2);
        assertThat(Cli.run("compare", "-l", "mae", "--reduction", "none", b, c).exit()).isEqualTo(2);
        assertThat(Cli.run("compare", "-l", "mae", b).exit()).isEqualTo(2);
    }

    @Test
    void identicalSystemsHavePOne() throws IOException {
        String b = write("b.csv", BASELINE);
        Cli.Run run = Cli.run("compare", "-l", "mae", "-o", "json", b, write("same.csv", BASELINE));
        JsonNode r = json(run).get("results").get(0);
        assertThat(r.get("difference").asDouble()).isZero();
        assertThat(r.get("p_bootstrap").asDouble()).isEqualTo(1.0);
        assertThat(r.get("p_randomization").asDouble()).isEqualTo(1.0);
    }

    @Test
    void slicesCompareEachSliceAndTheWhole() throws IOException {
        // fold 1: records a, b (baseline mae 1.5, candidate 0.75); fold 2: c, d (0.5 and 0.25)
        String b = write("b.csv", "fold,pred,target\n1,1,0\n1,2,0\n2,0,1\n2,1,1\n");
        String c = write("c.csv", "fold,pred,target\n1,0.5,0\n1,1,0\n2,0.5,1\n2,1,1\n");
        Cli.Run tsv = Cli.run("compare", "-l", "mae", "--by", "fold", "-o", "tsv", b, c);
        assertThat(tsv.exit()).as(tsv.err()).isZero();
        String[] lines = tsv.out().split("\n");
        assertThat(lines[0]).isEqualTo("fold\tloss\tbaseline\tcandidate\tdifference\tci_low\tci_high\tp_bootstrap\tp_randomization\tcount");
        assertThat(lines[1]).startsWith("\tmae\t1.0\t0.5\t-0.5\t").endsWith("\t4");
        assertThat(lines[2]).startsWith("1\tmae\t1.5\t0.75\t-0.75\t").endsWith("\t2");
        assertThat(lines[3]).startsWith("2\tmae\t0.5\t0.25\t-0.25\t").endsWith("\t2");
        Cli.Run table = Cli.run("compare", "-l", "mae", "--by", "fold", "-o", "table", b, c);
        assertThat(table.out().split("\n")[1]).startsWith("(all)  mae");
        JsonNode json = json(Cli.run("compare", "-l", "mae", "--by", "fold", "-o", "json", b, c));
        assertThat(json.get("slices")).hasSize(2);
        assertThat(json.get("slices").get(1).get("slice").get("fold").asInt()).isEqualTo(2);
        assertThat(json.get("slices").get(1).get("results").get(0).get("difference").asDouble()).isEqualTo(-0.25);
    }

    @Test
    void theSignatureNamesTheLossesTheResamplingAndBothFiles() throws IOException {
        Cli.Run run = Cli.run("compare", "-l", "mae", "-o", "json", "--bootstrap", "200", write("b.csv", BASELINE),
                write("c.csv", CANDIDATE));
        // printf 'id,pred,target\na,1,0\n…' | sha256sum, for each file
        assertThat(json(run).get("signature").asText()).isEqualTo("losskit:" + Main.Version.version()
                + "|mae|red:mean|in:csv+csv|compare:candidate-baseline|ci:95,bs:200,seed:12345|ar:10000|n:4|sha256:"
                + "710e007cecbad5b2671e6c786f250c1f95d633c07ff2da9ea97c2346fde5b5b6+"
                + "d70f042b7d077c6fa60cb60c214dfb3e145e58d09fb36351a7ebe8daa562fd99");
    }

    @Test
    void resultsAreLabelledAsTypedWithTheIdInJson() throws IOException {
        Cli.Run run = Cli.run("compare", "-l", "pinball", "-o", "json", write("b.csv", BASELINE), write("c.csv", CANDIDATE));
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode r = json(run).get("results").get(0);
        assertThat(r.get("loss").asText()).isEqualTo("pinball");
        assertThat(r.get("id").asText()).isEqualTo("quantile");
    }

    // the options of score that compare takes "as for score" (CLI.md)

    @Test
    void posLabelNamesThePositiveClassOfBothSystems() throws IOException {
        String b = write("b.csv", "pred,target\n0.8,yes\n0.4,no\n0.3,no\n");
        String c = write("c.csv", "pred,target\n0.9,yes\n0.2,no\n0.3,no\n");
        Cli.Run run = Cli.run("compare", "-l", "log-loss", "--pos-label", "yes", "-o", "json", b, c);
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode r = json(run).get("results").get(0);
        // yes = 1, no = 0: −(ln 0.8 + ln 0.6 + ln 0.7)/3 and −(ln 0.9 + ln 0.8 + ln 0.7)/3
        assertThat(r.get("baseline").asDouble()).isCloseTo(-(Math.log(0.8) + Math.log(0.6) + Math.log(0.7)) / 3,
                offset(1e-15));
        assertThat(r.get("candidate").asDouble()).isCloseTo(-(Math.log(0.9) + Math.log(0.8) + Math.log(0.7)) / 3,
                offset(1e-15));

        // --pos-label no turns the targets round: −(ln 0.2 + ln 0.4 + ln 0.3)/3 for the baseline
        Cli.Run flipped = Cli.run("compare", "-l", "log-loss", "--pos-label", "no", "-o", "json", b, c);
        assertThat(flipped.exit()).as(flipped.err()).isZero();
        assertThat(json(flipped).get("results").get(0).get("baseline").asDouble())
                .isCloseTo(-(Math.log(0.2) + Math.log(0.4) + Math.log(0.3)) / 3, offset(1e-15));

        Cli.Run without = Cli.run("compare", "-l", "log-loss", b, c);
        assertThat(without.exit()).isEqualTo(3);
        assertThat(without.err()).contains("b.csv, line 2 (record 1), column \"target\": \"yes\" is not a number");

        Cli.Run both = Cli.run("compare", "-l", "log-loss", "--pos-label", "maybe", "--classes", "no,yes", b, c);
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--pos-label maybe with --classes names one of two classes, not of no,yes");
    }

    @Test
    void digitsRoundTextAndTableButNotCsvOrJson() throws IOException {
        // absolute errors 1, 0, 0 (mae 1/3) and 2, 0, 0 (mae 2/3)
        String b = write("b.csv", "pred,target\n1,0\n0,0\n1,1\n");
        String c = write("c.csv", "pred,target\n2,0\n0,0\n1,1\n");
        Cli.Run text = Cli.run("compare", "-l", "mae", "--digits", "3", "--trials", "0", b, c);
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out().split("\n")[1]).startsWith("mae\t0.333\t0.667\t0.333\t");
        Cli.Run table = Cli.run("compare", "-l", "mae", "--digits", "2", "--trials", "0", "-o", "table", b, c);
        assertThat(table.out().split("\n")[1].trim().split(" +")).startsWith("mae", "0.33", "0.67", "0.33");
        Cli.Run csv = Cli.run("compare", "-l", "mae", "--digits", "3", "--trials", "0", "-o", "csv", b, c);
        assertThat(csv.out().split("\n")[1]).startsWith("mae,0.3333333333333333,0.6666666666666666,0.3333333333333333,");
        Cli.Run json = Cli.run("compare", "-l", "mae", "--digits", "3", "--trials", "0", "-o", "json", b, c);
        assertThat(json(json).get("results").get(0).get("baseline").asDouble()).isEqualTo(1.0 / 3);

        Cli.Run bad = Cli.run("compare", "-l", "mae", "--digits", "18", b, c);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--digits takes 1 to 17 significant digits, not 18");
    }

    @Test
    void onInvalidSkipLeavesOutARecordThatEitherSystemGetsWrong() throws IOException {
        // line 3: the baseline's pred is not a number; line 5: the candidate's probability is above 1,
        // which log-loss refuses (a loss's refusal, after both files were read)
        String b = write("b.csv", "pred,target\n0.8,1\nabc,0\n0.3,1\n0.5,0\n");
        String c = write("c.csv", "pred,target\n0.9,1\n0.2,0\n0.6,1\n1.5,0\n");
        Cli.Run failing = Cli.run("compare", "-l", "mae,log-loss", b, c);
        assertThat(failing.exit()).isEqualTo(3);
        assertThat(failing.err()).contains("b.csv, line 3 (record 2), column \"pred\": \"abc\" is not a number");

        Cli.Run run = Cli.run("compare", "-l", "mae,log-loss", "--on-invalid", "skip", "-o", "json", b, c);
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode out = json(run);
        // records 1 and 3 remain, for both losses and both systems
        JsonNode mae = out.get("results").get(0);
        assertThat(mae.get("count").asLong()).isEqualTo(2);
        assertThat(mae.get("baseline").asDouble()).isCloseTo((0.2 + 0.7) / 2, offset(1e-15));
        assertThat(mae.get("candidate").asDouble()).isCloseTo((0.1 + 0.4) / 2, offset(1e-15));
        JsonNode logLoss = out.get("results").get(1);
        assertThat(logLoss.get("count").asLong()).isEqualTo(2);
        assertThat(logLoss.get("baseline").asDouble()).isCloseTo(-(Math.log(0.8) + Math.log(0.3)) / 2,
                offset(1e-15));
        assertThat(out.get("records").asLong()).isEqualTo(4);
        assertThat(out.get("skipped").asLong()).isEqualTo(2);
        assertThat(out.get("signature").asText()).contains("|n:2|");
        assertThat(run.err()).contains("losskit: warning: skipped 2 invalid record(s) of 4; the first: " + b
                + ", line 3 (record 2), column \"pred\": \"abc\" is not a number");

        // targets that differ are not an invalid record: they stop the run under skip too
        String other = write("o.csv", "pred,target\n0.9,1\n0.2,0\n0.6,0\n0.5,0\n");
        Cli.Run differ = Cli.run("compare", "-l", "mae", "--on-invalid", "skip", b, other);
        assertThat(differ.exit()).isEqualTo(3);
        assertThat(differ.err()).contains("o.csv, line 4 (record 3)").contains("the target is 0 here but 1");

        Cli.Run typo = Cli.run("compare", "-l", "mae", "--on-invalid", "skipp", b, c);
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("--on-invalid takes fail or skip, not 'skipp'");
    }

    /** Each option that compare shares with score reads the same in both helps. */
    @Test
    void compareHelpDescribesTheSharedOptionsAsScoreHelpDoes() {
        String score = Cli.run("score", "--help").out();
        String compare = Cli.run("compare", "--help").out();
        for (String option : List.of("--pos-label", "--on-invalid", "--digits", "--classes", "--format")) {
            assertThat(block(compare, option)).as(option).isNotEmpty().isEqualTo(block(score, option));
        }
    }

    /** The text of {@code help} that describes {@code option}: its line and those continuing it, spaces collapsed. */
    private static String block(String help, String option) {
        StringBuilder out = new StringBuilder();
        boolean in = false;
        for (String line : help.split("\n")) {
            boolean starts = line.matches("\\s+(-\\w, )?--[\\w-]+.*");
            if (starts) {
                in = line.trim().replaceFirst("^-\\w, ", "").startsWith(option + " ") || line.trim().equals(option)
                        || line.trim().replaceFirst("^-\\w, ", "").startsWith(option + "=");
            }
            if (in) {
                out.append(line).append('\n');
            }
        }
        return out.toString().replaceAll("\\s+", " "); // the columns' widths differ
    }
}
