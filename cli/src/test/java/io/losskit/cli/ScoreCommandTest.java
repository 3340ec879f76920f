package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: the real command line, its stdout, stderr and exit code. */
class ScoreCommandTest {

    @TempDir
    Path dir;

    /** d = 1, −2, 3: mse = 14/3, mae = 2, me = 2/3, rmse = √(14/3). */
    private String file() throws IOException {
        Path f = dir.resolve("p.csv");
        Files.writeString(f, "y_pred,y_true\n2,1\n0,2\n6,3\n");
        return f.toString();
    }

    @Test
    void oneLossPrintsTheBareNumber() throws IOException {
        Cli.Run run = Cli.run("score", "-l", "mae", file());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("2.0\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void severalLossesPrintIdTabValueInOrder() throws IOException {
        Cli.Run run = Cli.run("score", "-l", "mae,me", "-l", "bias", file());
        assertThat(run.exit()).isZero();
        // bias is me's alias: asked twice, computed once
        assertThat(run.out()).isEqualTo("mae\t2.0\nme\t" + (2.0 / 3) + "\n");
    }

    @Test
    void reductionNonePrintsAHeaderThenOneLinePerSampleWithItsLineNumber() throws IOException {
        assertThat(Cli.run("score", "-l", "mae", "--reduction", "none", file()).out()).isEqualTo("line\tmae\n2\t1.0\n3\t2.0\n4\t3.0\n");
        assertThat(Cli.run("score", "-l", "mae,me", "--reduction", "none", file()).out())
                .isEqualTo("line\tmae\tme\n2\t1.0\t1.0\n3\t2.0\t-2.0\n4\t3.0\t3.0\n");
    }

    @Test
    void jsonHasTheSchemaOfCliMd() throws IOException {
        Cli.Run run = Cli.run("score", "-l", "huber", "-P", "delta=1.5", "-o", "json", file());
        assertThat(run.exit()).isZero();
        // huber δ=1.5: |d| = 1 → ½; 2 → 1.5·(2 − 0.75) = 1.875; 3 → 1.5·(3 − 0.75) = 3.375; sum 5.75
        assertThat(run.out()).contains("\"loss\" : \"huber\"", "\"value\" : " + (5.75 / 3), "\"reduction\" : \"mean\"",
                "\"count\" : 3", "\"delta\" : 1.5");
    }

    @Test
    void csvOutputIsATable() throws IOException {
        assertThat(Cli.run("score", "-l", "mae,me", "-o", "csv", "--reduction", "sum", file()).out())
                .isEqualTo("loss,value,reduction,count\nmae,6.0,sum,3\nme,2.0,sum,3\n");
    }

    @Test
    void gatesExitOneAndStillPrint() throws IOException {
        Cli.Run above = Cli.run("score", "-l", "mae", "--max", "mae=1.5", file());
        assertThat(above.exit()).isEqualTo(1);
        assertThat(above.out()).isEqualTo("2.0\n");
        assertThat(above.err()).contains("gate failed", "mae = 2.0 is above --max 1.5");
        assertThat(Cli.run("score", "-l", "mae", "--max", "mae=2", "--min", "mae=1", file()).exit()).isZero();
        assertThat(Cli.run("score", "-l", "mae", "--min", "mae=2.5", file()).exit()).isEqualTo(1);
        assertThat(Cli.run("score", "-l", "mae", "--max", "mse=1", file()).exit()).isEqualTo(2);
    }

    @Test
    void baselineGateAllowsTheTolerance() throws IOException {
        Path baseline = dir.resolve("base.json");
        Files.writeString(baseline, "{\"results\": [{\"loss\": \"mae\", \"value\": 1.9}]}");
        String b = baseline.toString();
        assertThat(Cli.run("score", "-l", "mae", "--baseline", b, file()).exit()).isEqualTo(1);
        assertThat(Cli.run("score", "-l", "mae", "--baseline", b, "--tolerance", "0.1", file()).exit()).isZero();
        // 2.0 against 1.9: 5.26% worse
        assertThat(Cli.run("score", "-l", "mae", "--baseline", b, "--tolerance", "5.3%", file()).exit()).isZero();
        assertThat(Cli.run("score", "-l", "mae", "--baseline", b, "--tolerance", "5.2%", file()).exit()).isEqualTo(1);
        // a baseline written by losskit itself
        Cli.Run json = Cli.run("score", "-l", "mae", "-o", "json", file());
        Files.writeString(baseline, json.out());
        assertThat(Cli.run("score", "-l", "mae", "--baseline", b, file()).exit()).isZero();
    }

    @Test
    void standardInputNeedsNoExtension() {
        Cli.Run run = Cli.runWithStdin("{\"pred\": 1, \"target\": 3}\n{\"pred\": 2, \"target\": 2}\n",
                "score", "-l", "mse", "-");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("2.0\n");
        Cli.Run tsv = Cli.runWithStdin("pred\ttarget\n1\t3\n", "score", "-l", "mae", "--format", "tsv", "-");
        assertThat(tsv.out()).isEqualTo("2.0\n");
    }

    @Test
    void usageErrorsExitTwoWithOneLine() throws IOException {
        Cli.Run unknown = Cli.run("score", "-l", "msee", file());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown loss \"msee\"", "did you mean mse");
        Cli.Run param = Cli.run("score", "-l", "huber", "-P", "huber.delta=-1", file());
        assertThat(param.exit()).isEqualTo(2);
        assertThat(param.err()).contains("huber.delta must be in (0, ∞)");
        assertThat(Cli.run("score", "-l", "mae", "--reduction", "median", file()).exit()).isEqualTo(2);
        assertThat(Cli.run("score", file()).exit()).isEqualTo(2);
        assertThat(Cli.run("frobnicate").exit()).isEqualTo(2);
        assertThat(Cli.run().exit()).isEqualTo(2);
    }

    @Test
    void aParameterIsAFiniteNumberInItsRangeOfEveryNumericType() throws IOException {
        // (0, ∞) is open at ∞: Infinity is outside it, as NaN is outside every range
        for (String bad : List.of("huber.delta=Infinity", "huber.delta=inf", "huber.delta=NaN", "huber.delta=1e309",
                "huber.delta=1d", "huber.delta=0x1p3", "margin-ranking.margin=-Infinity", "ctc.blank=Infinity",
                "cross-entropy.class-weights=1,Infinity", "cross-entropy.class-weights=NaN,1")) {
            Cli.Run run = Cli.run("score", "-l", bad.substring(0, bad.indexOf('.')), "-P", bad, file());
            assertThat(run.exit()).as(bad).isEqualTo(2);
            assertThat(run.err()).as(bad).startsWith("losskit: " + bad.substring(0, bad.indexOf('=')) + " must be ")
                    .doesNotContain("\tat ");
        }
        assertThat(Cli.run("score", "-l", "huber", "-P", "huber.delta=1e300", file()).exit()).isZero();
    }

    @Test
    void inputErrorsExitThreeNamingTheSpot() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "pred,target\n1,2\n3,x\n");
        Cli.Run run = Cli.run("score", "-l", "mse", f.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("losskit: " + f + ", line 3 (record 2), column \"target\": \"x\" is not a number\n");
        Cli.Run missing = Cli.run("score", "-l", "mse", dir.resolve("nope.csv").toString());
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.err()).contains("nope.csv: no such file");
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "pred,target\n");
        assertThat(Cli.run("score", "-l", "mse", empty.toString()).err()).contains("no records");
    }

    @Test
    void quotedCsvFieldsAndCrLfLineEnds() throws IOException {
        Path f = dir.resolve("q.csv");
        Files.writeString(f, "\"pred\",\"target\",note\r\n\"1.5\",0.5,\"a, \"\"quoted\"\"\r\nnote\"\r\n2,2,x\r\n");
        Cli.Run run = Cli.run("score", "-l", "mae", "--reduction", "sum", f.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("1.0\n");
    }

    @Test
    void listAndDescribeComeFromTheDescriptors() {
        Cli.Run list = Cli.run("list", "--category", "regression");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("REGRESSION", "mse", "quantile", "(pinball)");
        Cli.Run describe = Cli.run("describe", "pinball");
        assertThat(describe.exit()).isZero();
        assertThat(describe.out()).contains("quantile (also pinball)", "q ", "default 0.5", "(0, 1)", "mean_pinball_loss");
        assertThat(Cli.run("describe", "nope").exit()).isEqualTo(2);
        assertThat(Cli.run("list", "-o", "json").out()).contains("\"id\" : \"mse\"", "\"origin\" : \"built-in\"");
    }

    @Test
    void keyJoinMatchesRecordsAndSaysWhatWasLeftOver() throws IOException {
        Path pred = dir.resolve("pred.csv");
        Path target = dir.resolve("target.jsonl");
        Files.writeString(pred, "id,pred\nc,1.0\na,2.0\n");
        Files.writeString(target, "{\"id\": \"a\", \"target\": 1.5}\n{\"id\": \"b\", \"target\": 9}\n{\"id\": \"c\", \"target\": 0}\n");
        Cli.Run run = Cli.run("score", "-l", "mae", "--reduction", "none", "-p", pred.toString(), "-t", target.toString(),
                "--key", "id");
        assertThat(run.exit()).as(run.err()).isZero();
        // c: |1 − 0| = 1; a: |2 − 1.5| = 0.5 — in pred order, labelled with the pred file's lines
        assertThat(run.out()).isEqualTo("line\tmae\n2\t1.0\n3\t0.5\n");
        assertThat(run.err()).contains("1 record(s) of " + target + " have a key that no record of " + pred + " has");
        Path shortTarget = dir.resolve("short.jsonl");
        Files.writeString(shortTarget, "{\"id\": \"a\", \"target\": 1.5}\n");
        Cli.Run missing = Cli.run("score", "-l", "mae", "-p", pred.toString(), "-t", shortTarget.toString(), "--key", "id");
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.err()).contains("line 2 (record 1), column \"id\": no record with key c");
    }

    @Test
    void aMalformedObjectInAJsonArrayIsLocated() throws IOException {
        Path f = dir.resolve("rows.json");
        Files.writeString(f, "[\n{\"pred\": 1, \"target\": 2},\n{\"pred\": 1 \"target\": 2}\n]\n");
        Cli.Run run = Cli.run("score", "-l", "mse", f.toString());
        assertThat(run.exit()).isEqualTo(3);
        // the field being read when the parser stopped is named too
        assertThat(run.err()).startsWith("losskit: " + f + ", line 3 (record 2), column \"pred\": malformed JSON");
    }

    @Test
    void recordsSkippedBeforeTheFirstValidOneAreCounted() throws IOException {
        Path f = dir.resolve("bad-first.jsonl");
        Files.writeString(f, "{\"pred\": 1,\n{\"pred\": 1, \"target\": 3}\n{\"pred\": 2, \"target\": 2}\n");
        Cli.Run run = Cli.run("score", "-l", "mse", "--on-invalid", "skip", "-o", "json", f.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"value\" : 2.0", "\"records\" : 3", "\"skipped\" : 1");
        assertThat(run.err()).contains("skipped 1 invalid record(s) of 3; the first: " + f + ", line 1 (record 1)");
    }

    @Test
    void sequenceCellsMayBeJsonArraysOrSpaceSeparated() throws IOException {
        Path f = dir.resolve("tokens.csv");
        // [1, 2, 3] → 1 2 4: one substitution; "a b" → [\"a\", \"c\", \"b\"]: one insertion
        Files.writeString(f, "pred,target\n\"[1, 2, 3]\",1 2 4\na b,\"[\"\"a\"\", \"\"c\"\", \"\"b\"\"]\"\n");
        Cli.Run run = Cli.run("score", "-l", "edit-distance", "-P", "unit=token", "--reduction", "none", f.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("line\tedit-distance\n2\t1.0\n3\t1.0\n");
    }
}
