package io.losskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: numbers print as Python's repr (the same in text and JSON); --digits for people. */
class NumberOutputTest {

    @TempDir
    Path dir;

    private String write(String content) throws IOException {
        Path f = dir.resolve("p.csv");
        Files.writeString(f, content);
        return f.toString();
    }

    @Test
    void textAndJsonPrintTheShortestDigitsInPythonsNotation() throws IOException {
        String file = write("pred,target\n5e39,0\n");
        Cli.Run text = Cli.run("score", "-l", "mae", file);
        assertThat(text.exit()).isZero();
        assertThat(text.err()).isEmpty();
        assertThat(text.out()).isEqualTo("5e+39\n");
        Cli.Run json = Cli.run("score", "-l", "mae", "-o", "json", file);
        assertThat(json.out()).contains("\"value\" : 5e+39,");
        assertThat(Cli.run("score", "-l", "mae", "-o", "csv", file).out()).isEqualTo("loss,value,reduction,count\nmae,5e+39,mean,1\n");
        // Python: repr(1e-05) == '1e-05', repr(0.0001) == '0.0001', repr(0.1 + 0.2) == '0.30000000000000004'
        assertThat(Cli.run("score", "-l", "mae", write("pred,target\n0.00001,0\n")).out()).isEqualTo("1e-05\n");
        assertThat(Cli.run("score", "-l", "mae", write("pred,target\n0.0001,0\n")).out()).isEqualTo("0.0001\n");
        assertThat(Cli.run("score", "-l", "mae,mse", write("pred,target\n2,0\n")).out()).isEqualTo("mae\t2.0\nmse\t4.0\n");
    }

    @Test
    void digitsRoundForPeopleInTextAndTableOnly() throws IOException {
        String file = write("pred,target\n0.5,1\n0.25,0\n");
        // bce: (−log 0.5 − log 0.75) / 2 = 0.4904146265058631; mse: (0.25 + 0.0625) / 2 = 0.15625
        assertThat(Cli.run("score", "-l", "bce,mse", file).out()).isEqualTo("bce\t0.4904146265058631\nmse\t0.15625\n");
        Cli.Run text = Cli.run("score", "-l", "bce,mse", "--digits", "3", file);
        assertThat(text.exit()).isZero();
        assertThat(text.err()).isEmpty();
        assertThat(text.out()).isEqualTo("bce\t0.49\nmse\t0.156\n");
        assertThat(Cli.run("score", "-l", "bce,mse", "--digits", "3", "-o", "table", file).out())
                .isEqualTo("loss  value  reduction  count\nbce    0.49       mean      2\nmse   0.156       mean      2\n");
        assertThat(Cli.run("score", "-l", "bce", "--digits", "2", "--reduction", "none", file).out())
                .isEqualTo("line\tbce\n2\t0.69\n3\t0.29\n");
        assertThat(Cli.run("score", "-l", "bce", "--digits", "2", "-o", "csv", file).out())
                .isEqualTo("loss,value,reduction,count\nbce,0.4904146265058631,mean,2\n");
        assertThat(Cli.run("score", "-l", "bce", "--digits", "2", "-o", "json", file).out()).contains("\"value\" : 0.4904146265058631,");
    }

    @Test
    void digitsOutOfRangeIsAUsageError() throws IOException {
        String file = write("pred,target\n0.5,1\n");
        for (String n : new String[] {"0", "18"}) {
            Cli.Run run = Cli.run("score", "-l", "bce", "--digits", n, file);
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).isEqualTo("losskit: --digits takes 1 to 17 significant digits, not " + n
                    + " (leave it out for every digit a double needs)\nTry 'losskit score --help' for more information.\n");
        }
    }
}
