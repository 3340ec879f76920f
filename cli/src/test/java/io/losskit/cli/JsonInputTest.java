package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON and JSON Lines, end to end: nothing after the document, messages in a user's terms that
 * name the record and field, duplicate keys, the two JSON forms agreeing.
 */
class JsonInputTest {

    @TempDir
    Path dir;

    private Cli.Run score(String name, String content, String... args) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        String[] all = new String[args.length + 4];
        all[0] = "score";
        all[1] = "-l";
        all[2] = "mse";
        System.arraycopy(args, 0, all, 3, args.length);
        all[all.length - 1] = f.toString();
        return Cli.run(all);
    }

    /** An input error: exit 3 and one line, which starts with the file's name and has no parser internals. */
    private Cli.Run inputError(String name, String content, String... args) throws IOException {
        Cli.Run run = score(name, content, args);
        assertThat(run.exit()).as(run.err()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        String line = run.err().strip();
        assertThat(line).doesNotContain("\n").startsWith("losskit: " + dir.resolve(name));
        for (String internal : List.of("START_", "END_", "VALUE_", "FIELD_NAME", "Source:", "REDACTED", "JsonReadFeature",
                "StreamRead", "Constraints", "code ", "Exception", "`")) {
            assertThat(line).doesNotContain(internal);
        }
        return run;
    }

    @Test
    void textAfterTheDocumentIsAnError() throws IOException {
        assertThat(inputError("a.json", "[{\"pred\": 1, \"target\": 2}] [{\"pred\": 5, \"target\": 2}]").err())
                .contains("after the end");
        assertThat(inputError("b.json", "{\"pred\": [1], \"target\": [2]} junk").err()).contains("after the end");
        assertThat(inputError("c.json", "[{\"pred\": 1, \"target\": 2}]\n]").err()).contains("line 2").contains("after the end");
        assertThat(inputError("d.json", "{\"pred\": [1], \"target\": [2]}{}").err()).contains("after the end");
        // white space after it is fine
        assertThat(score("e.json", "[{\"pred\": 1, \"target\": 3}]\n\n  \n").out()).isEqualTo("4.0\n");
    }

    @Test
    void malformedJsonNamesTheRecordAndTheFieldInPlainWords() throws IOException {
        String rows = "[{\"pred\": 1, \"target\": 2},\n {\"pred\": 1 \"target\": 2}]";
        assertThat(inputError("a.json", rows).err()).contains("line 2 (record 2), column \"pred\"", "comma");
        assertThat(inputError("b.json", "[{\"pred\": 1, \"target\": [1, 2}]").err()).contains("column \"target\"", "']'");
        assertThat(inputError("c.json", "[{\"pred\": 1, \"target\": \"ab").err()).contains("column \"target\"", "ends inside a string");
        assertThat(inputError("d.json", "[{\"pred\": 1, \"target\": tru}]").err()).contains("'tru'");
        assertThat(inputError("e.json", "[{\"pred\": 01, \"target\": 1}]").err()).contains("column \"pred\"", "leading zeros");
        assertThat(inputError("f.json", "[{\"pred\": \"a\u0001\", \"target\": 1}]").err()).contains("control character");
        assertThat(inputError("g.json", "[{\"pred\": +1, \"target\": 1}]").err()).contains("column \"pred\"");
        assertThat(inputError("h.json", "[{\"pred\": 1, \"target\": 1}, 7]").err()).contains("record 2", "found a number");
        assertThat(inputError("i.json", "\"x\"").err()).contains("found a string");
        assertThat(inputError("j.json", "").err()).contains("empty");
        assertThat(inputError("k.json", "[" + "[".repeat(1200) + "]".repeat(1200) + "]").err()).contains("nested");
        // the columns form: the column, and the row as the record (the unexpected 3 is the third)
        assertThat(inputError("l.json", "{\"pred\": [1, 2, 3], \"target\": [1, 2 3]}").err())
                .contains("line 1 (record 3), column \"target\"");
        assertThat(inputError("m.json", "{\"pred\": [1, 2, 3], \"target\": 5}").err()).contains("column \"target\"", "found a number");
    }

    @Test
    void aDamagedJsonLineNamesItsLineAndCanBeSkipped() throws IOException {
        String jsonl = "{\"pred\": 1, \"target\": 3}\n{\"pred\": 1, \"tar\n[1, 2]\n{\"pred\": 1, \"target\": 3} x\n{\"pred\": 2, \"target\": 3}\n";
        assertThat(inputError("a.jsonl", jsonl).err()).contains("line 2 (record 2)", "ends inside");
        Cli.Run skipped = score("a.jsonl", jsonl, "--on-invalid", "skip");
        // (1−3)² and (2−3)²: mean 2.5; lines 2, 3 and 4 skipped
        assertThat(skipped.out()).isEqualTo("2.5\n");
        assertThat(skipped.err()).contains("skipped 3");
        assertThat(inputError("b.jsonl", "[1, 2]\n").err()).contains("expected a JSON object, found a list");
    }

    @Test
    void anObjectWhereAValueGoesIsAnObject() throws IOException {
        assertThat(inputError("a.json", "[{\"pred\": {}, \"target\": 1}]").err()).contains("an object").doesNotContain("a list");
        assertThat(inputError("b.json", "{\"pred\": [{\"x\": 1}], \"target\": [1]}").err()).contains("an object").doesNotContain("a list");
        assertThat(inputError("c.jsonl", "{\"pred\": 1, \"target\": {\"a\": [1]}}\n").err()).contains("an object");
    }

    @Test
    void aDuplicateKeyThatARoleReadsIsAnErrorInEveryForm() throws IOException {
        assertThat(inputError("a.json", "[{\"pred\": 1, \"target\": 2, \"pred\": 3}]").err())
                .contains("record 1", "column \"pred\"", "twice");
        assertThat(inputError("b.jsonl", "{\"pred\": 1, \"target\": 2}\n{\"target\": 1, \"target\": 2, \"pred\": 0}\n").err())
                .contains("line 2 (record 2)", "column \"target\"", "twice");
        assertThat(inputError("c.json", "{\"pred\": [1], \"target\": [2], \"pred\": [3]}").err())
                .contains("column \"pred\"", "twice");
        // an alias a role would read counts; a field nothing reads does not
        assertThat(inputError("d.json", "[{\"y_pred\": 1, \"y_pred\": 1, \"target\": 2}]").err()).contains("twice");
        assertThat(score("e.json", "[{\"pred\": 1, \"target\": 3, \"note\": 1, \"note\": 2}]").out()).isEqualTo("4.0\n");
        assertThat(score("f.json", "{\"pred\": [1], \"note\": [1], \"target\": [3], \"note\": [\"x\"]}").out()).isEqualTo("4.0\n");
        assertThat(score("g.jsonl", "{\"pred\": 1, \"target\": 3, \"note\": 1, \"note\": 2}\n").out()).isEqualTo("4.0\n");
    }

    @Test
    void aHeaderThatNamesAColumnTwiceIsAnError() throws IOException {
        assertThat(inputError("a.csv", "pred,target,pred\n1,2,3\n").err()).contains("line 1", "column \"pred\"", "twice");
        assertThat(inputError("b.tsv", "x\ty\tx\tpred\ttarget\n1\t2\t3\t4\t5\n").err()).contains("column \"x\"", "columns 1 and 3");
    }

    @Test
    void theColumnsFormReadsOnlyWhatRolesReadAndAgreesWithTheRowsForm() throws IOException {
        // the unread columns may hold anything, of any length
        String columns = "{\"id\": [\"a\", \"b\", \"c\"], \"pred\": [1, 2.5, null], \"extra\": [[1, {\"deep\": [2]}], 3, 4],"
                + " \"target\": [0, 0.5, 7], \"weight\": [1, 1, 1]}";
        String rows = "[{\"id\": \"a\", \"pred\": 1, \"target\": 0, \"weight\": 1}, {\"id\": \"b\", \"pred\": 2.5, \"target\": 0.5,"
                + " \"weight\": 1}, {\"id\": \"c\", \"pred\": null, \"target\": 7, \"weight\": 1}]";
        // record 3 has no pred in both forms; skipped, mse = (1 + 4)/2
        Cli.Run c = score("c.json", columns, "--on-invalid", "skip");
        Cli.Run r = score("r.json", rows, "--on-invalid", "skip");
        assertThat(c.out()).isEqualTo("2.5\n").isEqualTo(r.out());
        assertThat(c.err()).contains("record 3, column \"pred\"");
        // unequal lengths, whether or not a role reads the column
        assertThat(inputError("d.json", "{\"pred\": [1, 2], \"target\": [1, 2], \"note\": [1]}").err())
                .contains("column \"note\"", "1 values", "2");
        // a column of vectors (mse averages over the elements: (0 + 1)/2 each) and one of numbers given as strings
        assertThat(score("e.json", "{\"pred\": [[1, 2], [3, 4]], \"target\": [[1, 1], [3, 3]]}").out()).isEqualTo("0.5\n");
        assertThat(score("f.json", "{\"pred\": [\"1\", 2], \"target\": [3, \"4\"]}").out()).isEqualTo("4.0\n");
    }
}
