package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code score --align}: jiwer-style alignments of the worst utterances, through the real command. */
class AlignTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEADER = Pattern.compile(
            "=== (\\S+) (\\d+) of (\\d+): line (\\d+)(.*): (\\S+) \\(substitutions=(\\d+) deletions=(\\d+) insertions=(\\d+) hits=(\\d+)\\) ===");

    @TempDir
    Path dir;

    private String write(String name, String text) throws IOException {
        return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Test
    void textShowsTheWorstUtterancesAsJiwerDoes() throws IOException {
        // jiwer's layout, -p hyp.txt -t ref.txt. By hand, per line: 1 "so" and "um" inserted around
        // "the cat sat" (2/3); 2 an empty reference, two words inserted (+∞); 3 an empty hypothesis,
        // both words deleted (1); 4 "Hello," and "World!" substituted by "hello" and "world" (1; no
        // ignore-case). --align alone: --worst 5, here all four, worst first, ties in line order.
        String hyp = write("hyp.txt", "so the cat sat um\nuh huh\n\nhello world\n");
        String ref = write("ref.txt", "the cat sat\n\nhello world\nHello, World!\n");
        Cli.Run run = Cli.run("score", "-l", "wer", "--align", "-p", hyp, "-t", ref);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(String.join("\n",
                "1.1428571428571428",   // 8 edits / 7 reference words
                "",
                "loss\trank\tline\tvalue",
                "wer\t1\t2\tInfinity",
                "wer\t2\t3\t1.0",
                "wer\t3\t4\t1.0",
                "wer\t4\t1\t0.6666666666666666",
                "",
                "=== wer 1 of 4: line 2: Infinity (substitutions=0 deletions=0 insertions=2 hits=0) ===",
                "",
                "REF: ** ***",
                "HYP: uh huh",
                "      I   I",
                "",
                "=== wer 2 of 4: line 3: 1.0 (substitutions=0 deletions=2 insertions=0 hits=0) ===",
                "",
                "REF: hello world",
                "HYP: ***** *****",
                "         D     D",
                "",
                "=== wer 3 of 4: line 4: 1.0 (substitutions=2 deletions=0 insertions=0 hits=0) ===",
                "",
                "REF: Hello, World!",
                "HYP:  hello  world",
                "          S      S",
                "",
                "=== wer 4 of 4: line 1: 0.6666666666666666 (substitutions=0 deletions=0 insertions=2 hits=3) ===",
                "",
                "REF: ** the cat sat **",
                "HYP: so the cat sat um",
                "      I              I",
                ""));
        // --worst K keeps K; the --id columns and --digits go into the header
        String csv = write("asr.csv", "utt,hyp,ref\nu1,the cat sit,the cat sat\nu2,a b c,a b\nu3,x,x\n");
        Cli.Run one = Cli.run("score", "-l", "wer", "--align", "--worst", "1", "--id", "utt", "--digits", "3", csv);
        assertThat(one.out()).endsWith("\n=== wer 1 of 1: line 3, utt=u2: 0.5 (substitutions=0 deletions=0 insertions=1 hits=2) ===\n"
                + "\nREF: a b *\nHYP: a b c\n         I\n");
        assertThat(Cli.run("score", "-l", "wer", "--align", "--worst", "1", "--id", "utt", "--digits", "3", "-o", "table", csv)
                .out()).endsWith("\n=== wer 1 of 1: line 3, utt=u2: 0.5 (substitutions=0 deletions=0 insertions=1 hits=2) ===\n"
                + "\nREF: a b *\nHYP: a b c\n         I\n");
    }

    @Test
    void ignoreCaseAndStripPunctuationShowTheWordsAsCompared() throws IOException {
        // strip-punctuation removes "," and "!" before the words are cut; ignore-case compares "The"
        // with "the" as a hit but shows each in its own case. pred "The CAT, sat!" against "the cat sat
        // on": 3 hits, "on" deleted (1/4).
        String csv = write("asr.csv", "hyp,ref\n\"The CAT, sat!\",the cat sat on\n");
        Cli.Run both = Cli.run("score", "-l", "wer", "-P", "ignore-case=true", "-P", "strip-punctuation=true", "--align", csv);
        assertThat(both.out()).endsWith("=== wer 1 of 1: line 2: 0.25 (substitutions=0 deletions=1 insertions=0 hits=3) ===\n\n"
                + "REF: the cat sat on\nHYP: The CAT sat **\n                  D\n");
        // without ignore-case the case differences are substitutions; without strip-punctuation "CAT," is a
        // word: two substitutions and a deletion, which (as jiwer puts them) comes last
        assertThat(Cli.run("score", "-l", "wer", "-P", "strip-punctuation=true", "--align", csv).out())
                .contains("(substitutions=2 deletions=1 insertions=0 hits=1)")
                .endsWith("REF: the cat sat on\nHYP: The CAT sat **\n       S   S      D\n");
        assertThat(Cli.run("score", "-l", "wer", "-P", "ignore-case=true", "--align", csv).out())
                .endsWith("REF: the  cat  sat on\nHYP: The CAT, sat! **\n            S    S  D\n");
        // cer: characters, no spaces between them; the space is a character too
        assertThat(Cli.run("score", "-l", "cer", "-P", "ignore-case=true", "-P", "strip-punctuation=true", "--align", csv).out())
                .endsWith("REF: the cat sat on\nHYP: The CAT sat***\n                DDD\n");
    }

    @Test
    void jiwersOwnVisualizations() throws IOException {
        // src/test/resources/align/jiwer-alignments.json, written by jiwer 4.0.0 (generate.py beside it)
        JsonNode cases;
        try (InputStream in = AlignTest.class.getResourceAsStream("/align/jiwer-alignments.json")) {
            cases = JSON.readTree(in);
        }
        Map<String, List<JsonNode>> byRun = new LinkedHashMap<>();
        for (JsonNode c : cases) {
            byRun.computeIfAbsent(c.get("loss").asText() + " " + c.get("params").asText(), k -> new ArrayList<>()).add(c);
        }
        int compared = 0;
        for (Map.Entry<String, List<JsonNode>> run : byRun.entrySet()) {
            String[] lossAndParams = run.getKey().split(" ", -1);
            StringBuilder jsonl = new StringBuilder();
            for (JsonNode c : run.getValue()) {
                ObjectNode row = JSON.createObjectNode().put("hyp", c.get("hyp").asText()).put("ref", c.get("ref").asText());
                jsonl.append(row).append('\n');
            }
            String file = write("cases.jsonl", jsonl.toString());
            List<String> args = new ArrayList<>(List.of("score", "-l", lossAndParams[0], "--align", "--worst",
                    Integer.toString(run.getValue().size())));
            if (!lossAndParams[1].isEmpty()) {
                args.addAll(List.of("-P", lossAndParams[1]));
            }
            args.add(file);
            Cli.Run r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(r.err()).isZero();
            List<String> out = Arrays.asList(r.out().split("\n", -1));
            for (int i = 0; i < out.size(); i++) {
                Matcher m = HEADER.matcher(out.get(i));
                if (!m.matches()) {
                    continue;
                }
                JsonNode c = run.getValue().get(Integer.parseInt(m.group(4)) - 1);   // JSONL: line k is record k
                String what = run.getKey() + ": " + c.get("ref") + " / " + c.get("hyp");
                assertThat(out.subList(i + 2, i + 5)).as(what)
                        .containsExactly(c.get("lines").get(0).asText(), c.get("lines").get(1).asText(), c.get("lines").get(2).asText());
                assertThat(List.of(m.group(7), m.group(8), m.group(9), m.group(10))).as(what).containsExactly(
                        c.get("substitutions").asText(), c.get("deletions").asText(), c.get("insertions").asText(),
                        c.get("hits").asText());
                compared++;
            }
        }
        assertThat(compared).isEqualTo(cases.size());
    }

    @Test
    void jsonCarriesTheAlignmentAndItsCountsAreTheLossDetails() throws IOException {
        // every record among the worst: the alignments' counts add up to the details the loss reports
        String csv = write("asr.csv", "hyp,ref\nshoe order one,short one here\n"
                + "quite bit of an even longest sentence here,quite a bit of longer sentence\nthe cat,the cat\n,a b c\n");
        for (String loss : List.of("wer", "cer", "mer", "wil")) {
            JsonNode r = JSON.readTree(Cli.run("score", "-l", loss, "--align", "-o", "json", csv).out()).get("results").get(0);
            assertCountsAddUp(r, loss);
        }
        JsonNode edit = JSON.readTree(Cli.run("score", "-l", "edit-distance", "-P", "unit=word", "-P", "ins-cost=2", "-P", "sub-cost=1.5",
                "--align", "-o", "json", csv).out()).get("results").get(0);
        assertCountsAddUp(edit, "edit-distance");
        // lines 2 and 5 both at 1.0: the earlier first
        JsonNode wer = JSON.readTree(Cli.run("score", "-l", "wer", "--align", "--worst", "2", "-o", "json", csv).out())
                .get("results").get(0).get("worst");
        assertThat(wer.toString()).isEqualTo("[{\"line\":2,\"value\":1.0,\"alignment\":{\"ref\":[null,\"short\",\"one\","
                + "\"here\"],\"hyp\":[\"shoe\",\"order\",\"one\",null],\"ops\":[\"insert\",\"substitute\",\"equal\",\"delete\"],"
                + "\"hits\":1,\"substitutions\":1,\"deletions\":1,\"insertions\":1}},"
                + "{\"line\":5,\"value\":1.0,\"alignment\":{\"ref\":[\"a\",\"b\",\"c\"],"
                + "\"hyp\":[null,null,null],\"ops\":[\"delete\",\"delete\",\"delete\"],"
                + "\"hits\":0,\"substitutions\":0,\"deletions\":3,\"insertions\":0}}]");
        // worst values of wer are the utterances' own rates (its values under --reduction none), also without --align
        JsonNode plain = JSON.readTree(Cli.run("score", "-l", "wer", "--worst", "4", "-o", "json", csv).out());
        JsonNode none = JSON.readTree(Cli.run("score", "-l", "wer", "--reduction", "none", "-o", "json", csv).out());
        assertThat(plain.get("results").get(0).get("worst").toString()).isEqualTo(
                "[{\"line\":2,\"value\":1.0},{\"line\":5,\"value\":1.0},{\"line\":3,\"value\":0.8333333333333334},"
                + "{\"line\":4,\"value\":0.0}]");
        assertThat(none.get("results").get(0).get("values").toString()).isEqualTo("[1.0,0.8333333333333334,0.0,1.0]");
        assertThat(plain.has("warnings")).isFalse();
    }

    private static void assertCountsAddUp(JsonNode result, String loss) {
        JsonNode worst = result.get("worst");
        assertThat(worst).as(loss).hasSize(4);
        long[] sum = new long[4];
        String[] names = {"hits", "substitutions", "deletions", "insertions"};
        for (JsonNode w : worst) {
            JsonNode a = w.get("alignment");
            for (int k = 0; k < 4; k++) {
                sum[k] += a.get(names[k]).asLong();
            }
            int n = a.get("ops").size();
            assertThat(a.get("ref")).hasSize(n);
            assertThat(a.get("hyp")).hasSize(n);
        }
        for (int k = 0; k < 4; k++) {
            assertThat(sum[k]).as(loss + " " + names[k]).isEqualTo(result.get("details").get(names[k]).asLong());
        }
    }

    @Test
    void aFileReadInParallelPartsAlignsAsOneReadInOrder() throws IOException {
        // big enough to be read in parts: the kept samples of a part outlive it, and the worst are
        // those of the whole file, as standard input (read on one thread) gives them
        StringBuilder csv = new StringBuilder("utt,hyp,ref\n");
        Map<Integer, String> errors = Map.of(100, "x b c d", 500_000, "x y c d", 800_000, "x y z d");
        int n = 0;
        while (csv.length() < ScoreJob.PARALLEL_MIN_BYTES + 1000 || n <= 800_000) {
            csv.append('u').append(n).append(',').append(errors.getOrDefault(n, "a b c d")).append(",a b c d\n");
            n++;
        }
        Path f = dir.resolve("big.csv");
        Files.writeString(f, csv);
        Cli.Run parts = Cli.run("score", "-l", "wer", "--align", "--worst", "3", "--id", "utt", "-o", "json", f.toString());
        assertThat(parts.exit()).as(parts.err()).isZero();
        JsonNode worst = JSON.readTree(parts.out()).get("results").get(0).get("worst");
        assertThat(worst.toString()).isEqualTo("[{\"line\":800002,\"ids\":{\"utt\":\"u800000\"},\"value\":0.75,"
                + "\"alignment\":{\"ref\":[\"a\",\"b\",\"c\",\"d\"],\"hyp\":[\"x\",\"y\",\"z\",\"d\"],"
                + "\"ops\":[\"substitute\",\"substitute\",\"substitute\",\"equal\"],\"hits\":1,\"substitutions\":3,"
                + "\"deletions\":0,\"insertions\":0}},{\"line\":500002,\"ids\":{\"utt\":\"u500000\"},\"value\":0.5,"
                + "\"alignment\":{\"ref\":[\"a\",\"b\",\"c\",\"d\"],\"hyp\":[\"x\",\"y\",\"c\",\"d\"],"
                + "\"ops\":[\"substitute\",\"substitute\",\"equal\",\"equal\"],\"hits\":2,\"substitutions\":2,"
                + "\"deletions\":0,\"insertions\":0}},{\"line\":102,\"ids\":{\"utt\":\"u100\"},\"value\":0.25,"
                + "\"alignment\":{\"ref\":[\"a\",\"b\",\"c\",\"d\"],\"hyp\":[\"x\",\"b\",\"c\",\"d\"],"
                + "\"ops\":[\"substitute\",\"equal\",\"equal\",\"equal\"],\"hits\":3,\"substitutions\":1,"
                + "\"deletions\":0,\"insertions\":0}}]");
        Cli.Run stdin = Cli.runWithStdin(Files.readAllBytes(f), "score", "-l", "wer", "--align", "--worst", "3", "--id", "utt",
                "-o", "json", "--format", "csv", "-");
        assertThat(JSON.readTree(stdin.out()).get("results").get(0).get("worst")).isEqualTo(worst);
    }

    @Test
    void anUtteranceTooLongToAlignSaysSo() throws IOException {
        // cer of two 9,000-character lines with nothing in common: 9,001² cells > 2^26
        String hyp = write("hyp.txt", "a".repeat(9000) + "\nab\n");
        String ref = write("ref.txt", "b".repeat(9000) + "\nab\n");
        Cli.Run text = Cli.run("score", "-l", "cer", "--align", "-p", hyp, "-t", ref);
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("=== cer 1 of 2: line 1: 1.0 ===\n\n(too long to align: 9,000 reference and 9,000"
                + " hypothesis symbols (the traceback would take 81,018,001 cells, more than 67,108,864))\n");
        assertThat(text.out()).endsWith("=== cer 2 of 2: line 2: 0.0 (substitutions=0 deletions=0 insertions=0 hits=2) ===\n\n"
                + "REF: ab\nHYP: ab\n       \n");
        JsonNode w = JSON.readTree(Cli.run("score", "-l", "cer", "--align", "-o", "json", "-p", hyp, "-t", ref).out())
                .get("results").get(0).get("worst").get(0);
        assertThat(w.get("alignment").isNull()).isTrue();
        assertThat(w.get("unaligned").asText()).startsWith("too long to align: 9,000 reference");
    }

    @Test
    void usageErrors() throws IOException {
        String csv = write("reg.csv", "pred,target,hyp,ref\n1,2,a,b\n");
        Cli.Run noFamily = Cli.run("score", "-l", "mse,mae", "--align", csv);
        assertThat(noFamily.exit()).isEqualTo(2);
        assertThat(noFamily.err()).startsWith("losskit: --align shows how pred aligns to target for the edit-distance family"
                + " (wer, cer, mer, wil, edit-distance), and none of mse, mae is one\n");
        assertThat(noFamily.out()).isEmpty();
        String asr = write("asr.csv", "hyp,ref\na,b\n");
        for (String format : List.of("csv", "tsv")) {
            Cli.Run r = Cli.run("score", "-l", "wer", "--align", "-o", format, asr);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).startsWith("losskit: --align prints alignments in text, table and json output; " + format
                    + " has one row per record and no room for them");
        }
        assertThat(Cli.run("score", "-l", "wer", "--align", "--worst", "0", asr).exit()).isEqualTo(2);
        // beside other losses: those keep their --worst lists (or say they have none), the family is aligned
        Cli.Run mixed = Cli.run("score", "-l", "wer,cross-entropy", "--align", "--col", "pred=hyp", asr);
        assertThat(mixed.exit()).isNotEqualTo(0);   // cross-entropy cannot read text: the input error names it
    }
}
