package io.losskit.builtin.sequence;

import io.losskit.core.Samples;
import static org.assertj.core.api.Assertions.assertThat;

import io.losskit.testkit.RecordingTally;
import io.losskit.spi.PerSampleLoss;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The details against NIST sclite's own counts on corrupted licence text (see
 * src/test/resources/sclite/README.md): wherever sclite's weighted alignment is a minimum-edit one,
 * the counts must be sclite's — that is what the fewest-substitutions tie-break is for.
 */
class ScliteAgreementTest {

    @ParameterizedTest
    @CsvSource({"words.tsv, word, 0", "chars.tsv, char, 1"})
    void countsAreScliteCountsWheneverScliteAlignmentIsMinimal(String file, String unit, int notMinimal)
            throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/sclite/" + file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        PerSampleLoss loss = Losses.perSample(new EditDistance(), "unit", unit);
        int compared = 0;
        int sclitesLonger = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            RecordingTally tally = new RecordingTally();
            double distance = loss.loss(Samples.of("pred", f[0], "target", f[1]), tally);
            long hits = Long.parseLong(f[2]);
            long subs = Long.parseLong(f[3]);
            long deletions = Long.parseLong(f[4]);
            long insertions = Long.parseLong(f[5]);
            if (subs + deletions + insertions == distance) {
                assertThat(new long[] {tally.get("hits"), tally.get("substitutions"), tally.get("deletions"),
                        tally.get("insertions")}).as(line).containsExactly(hits, subs, deletions, insertions);
                compared++;
            } else {
                // sclite's weights chose an alignment with more edits than the minimum.
                assertThat(subs + deletions + insertions).as(line).isGreaterThan((long) distance);
                sclitesLonger++;
            }
        }
        assertThat(compared).isGreaterThan(400);
        assertThat(sclitesLonger).isEqualTo(notMinimal);
    }
}
