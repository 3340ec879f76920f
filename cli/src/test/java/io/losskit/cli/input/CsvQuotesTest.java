package io.losskit.cli.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.losskit.cli.LossRegistry;
import io.losskit.cli.ScorePlanner;
import io.losskit.cli.engine.ScoreEngine;
import io.losskit.cli.engine.ScorePlan;
import io.losskit.spi.Reduction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quotes in CSV: an unclosed quoted field is an error at the line where it opens, on one thread or several. */
class CsvQuotesTest {

    @TempDir
    Path dir;

    private static List<String> cells(String csv) throws IOException {
        List<String> out = new ArrayList<>();
        try (CsvSource s = new CsvSource("t.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), ',')) {
            Record r;
            while ((r = s.next()) != null) {
                for (int i = 0; i < s.columns().size(); i++) {
                    out.add((String) r.value(i));
                }
            }
        }
        return out;
    }

    private static InputError error(String csv) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> cells(csv));
        assertThat(t).isInstanceOf(InputError.class);
        return (InputError) t;
    }

    @Test
    void anUnclosedQuoteIsAnErrorAtTheLineWhereItOpens() {
        InputError e = error("a,b,c\n1,2,\"abc\n3,4,5\n6,7,8\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.record()).isEqualTo(1);
        assertThat(e.column()).isEqualTo("c");
        assertThat(e.getMessage()).contains("never closed");
        assertThat(e.recoverable()).isFalse();
        // after a quoted field that spans lines, the line count goes on from where it closed
        e = error("a,b\n\"x\ny\",1\n2,\"open\n3,4");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.record()).isEqualTo(2);
        assertThat(e.column()).isEqualTo("b");
        // at the very end, without a line break
        assertThat(error("a,b\n1,2\n3,\"4").line()).isEqualTo(3);
        // in the header
        InputError h = error("a,\"b\n1,2\n");
        assertThat(h.line()).isEqualTo(1);
        assertThat(h.record()).isEqualTo(-1);
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsACharacterOfIt() throws IOException {
        // as RFC 4180 and Python's csv read it: only a quote at a field's start opens a quoted field
        assertThat(cells("size,n\n5\",1\n6\",2\n")).containsExactly("5\"", "1", "6\"", "2");
        assertThat(cells("a,b\n\"x\"\"y\",\"p,q\"\n")).containsExactly("x\"y", "p,q");
        // text after a closing quote is kept, a quote in it included
        assertThat(cells("a,b\n\"x\"y\"z,1\n")).containsExactly("xy\"z", "1");
    }

    private Path file(String bad) throws IOException {
        StringBuilder sb = new StringBuilder("pred,target\n");
        for (int i = 0; i < 8000; i++) {
            if (i == 3000) {
                sb.append(bad);
            }
            sb.append(i % 7).append(',').append(i % 5).append('\n');
        }
        Path f = dir.resolve("data.csv");
        Files.writeString(f, sb);
        return f;
    }

    private static ScoreEngine.Report run(Path f, int threads) throws IOException {
        ScorePlan plan = ScorePlanner.plan(LossRegistry.builtin(), List.of("mse"), List.of(), Reduction.MEAN, x -> Map.of());
        try (RecordSource source = Inputs.open(f.toString(), null, InputStream.nullInputStream())) {
            return new ScoreEngine().run(plan, source, new ScoreEngine.Options(0, List.of(), Map.of(), true).threads(threads));
        }
    }

    @Test
    void anUnclosedQuoteStopsTheChunkedReadToo() throws IOException {
        // record 3001 (line 3002) opens a quote that nothing closes; even skipping invalid records
        // cannot go on, on one thread or on several
        Path f = file("1,\"2\n");
        for (int threads : new int[] {1, 4}) {
            assertThatThrownBy(() -> run(f, threads)).isInstanceOfSatisfying(InputError.class, e -> {
                assertThat(e.line()).isEqualTo(3002);
                assertThat(e.record()).isEqualTo(3001);
                assertThat(e.column()).isEqualTo("target");
            });
        }
    }
}
