package io.losskit.builtin.sequence;

import io.losskit.core.Samples;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolReaderTest {

    @Test
    void whitespaceIsPythonsIsspace() {
        // [c for c in range(0x110000) if chr(c).isspace()] in Python 3.11 (Unicode 14).
        int[] python = {0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001,
            0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f,
            0x205f, 0x3000};
        List<Integer> ours = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (SymbolReader.isPythonWhitespace(cp)) {
                ours.add(cp);
            }
        }
        assertThat(ours).containsExactly(Arrays.stream(python).boxed().toArray(Integer[]::new));
    }

    @Test
    void wordsHaveNoEmptyTokens() {
        assertThat(SymbolReader.words("  a\t\tb \u3000c\n")).containsExactly("a", "b", "c");
        assertThat(SymbolReader.words(" \t ")).isEmpty();
        assertThat(SymbolReader.words("")).isEmpty();
        assertThat(SymbolReader.words("a\u200bb")).containsExactly("a\u200bb");
    }

    @Test
    void foldingComparesAsEqualsIgnoreCase() {
        assertThat(SymbolReader.fold('Σ')).isEqualTo(SymbolReader.fold('ς')).isEqualTo(SymbolReader.fold('σ'));
        assertThat(SymbolReader.fold('\u212A')).isEqualTo('k'); // Kelvin sign
        assertThat(SymbolReader.fold('A')).isEqualTo('a');
        assertThat(SymbolReader.fold('Ä')).isEqualTo('ä');
        assertThat(SymbolReader.fold("ΔΟΜ")).isEqualTo("δομ");
    }

    @Test
    void stringsAreReadAsCodePoints() {
        SymbolReader r = new SymbolReader(SymbolReader.Unit.CHAR, false, SymbolReader.Normalization.NONE);
        // An astral letter is one symbol; a lone surrogate stays a symbol of its own.
        r.read(Samples.of("pred", "a\uD835\uDD18b\uD800", "target", "x"));
        assertThat(Arrays.copyOf(r.pred(), r.predLength())).containsExactly('a', 0x1D518, 'b', 0xD800);
        SymbolReader folding = new SymbolReader(SymbolReader.Unit.CHAR, true, SymbolReader.Normalization.NONE);
        folding.read(Samples.of("pred", "A\uD801\uDC00", "target", "a\uD801\uDC28"));
        // Deseret capital and small long I fold together.
        assertThat(Arrays.copyOf(folding.pred(), folding.predLength()))
                .containsExactly(Arrays.copyOf(folding.target(), folding.targetLength()));
    }

    @Test
    void listsAndStringsShareOneSymbolSpace() {
        SymbolReader r = new SymbolReader(SymbolReader.Unit.WORD, false, SymbolReader.Normalization.NONE);
        r.read(Samples.of("pred", "the cat", "target", new String[] {"the", "hat"}));
        int[] p = Arrays.copyOf(r.pred(), r.predLength());
        int[] t = Arrays.copyOf(r.target(), r.targetLength());
        assertThat(p[0]).isEqualTo(t[0]);
        assertThat(p[1]).isNotEqualTo(t[1]);
    }
}
