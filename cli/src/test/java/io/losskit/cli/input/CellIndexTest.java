package io.losskit.cli.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * CellIndex numbers the distinct cells of a column in order of first appearance (and its lookup
 * that adds nothing finds exactly the cells seen), whatever their length, wherever they sit in the buffer (the eight-byte read of a short cell sees the bytes after
 * it), against a map of their texts.
 */
class CellIndexTest {

    @Test
    void cellsGetTheIdsOfTheirFirstAppearance() {
        SplittableRandom random = new SplittableRandom(3);
        // short labels that share prefixes, differ only in their last byte or only past the seventh, and an empty cell
        List<String> pool = new ArrayList<>(List.of("", "a", "b", "ab", "abcdefg", "abcdefh", "abcdefgh", "abcdefgi",
                "s1", "s10", "s100", "é", "ü1", "0", "00", "1.0", "1"));
        for (int i = 0; i < 300; i++) {
            pool.add("s" + random.nextInt(1000) + (random.nextInt(4) == 0 ? "-" + random.nextInt(100000) : ""));
        }
        CellIndex index = new CellIndex();
        Map<String, Integer> expected = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String cell = pool.get(random.nextInt(pool.size()));
            // the cell among other bytes: before it, after it (digits or the same label again), or at the very end
            String after = random.nextInt(4) == 0 ? "" : random.nextBoolean() ? ",12345678" : cell + cell;
            byte[] line = ("x," + cell + after).getBytes(StandardCharsets.UTF_8);
            int from = 2;
            int to = from + cell.getBytes(StandardCharsets.UTF_8).length;
            Integer seen = expected.get(cell);
            assertThat(index.known(line, from, to)).as(cell).isEqualTo(seen == null ? -1 : seen);
            int id = index.id(line, from, to);
            Integer known = expected.putIfAbsent(cell, expected.size());
            assertThat(id).as(cell).isEqualTo(known == null ? expected.size() - 1 : known);
            assertThat(index.value(id)).isEqualTo(cell);
        }
        assertThat(expected).hasSizeGreaterThan(200);
    }
}
