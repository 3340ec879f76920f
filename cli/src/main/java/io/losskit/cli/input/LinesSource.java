package io.losskit.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Plain text, one string per line and no header ({@code .txt}, {@code --format lines}): the
 * hypotheses or references of ASR evaluation as jiwer reads them, one role per file, so
 * {@code -p hyp.txt -t ref.txt}. Line {@code n} is record {@code n}:
 * <ul>
 *   <li>the text is UTF-8 (a line that is not is an input error naming it); a byte-order mark
 *       before the first line is dropped;</li>
 *   <li>lines end with {@code \n}, {@code \r\n} or {@code \r}, as Python's universal newlines,
 *       and the end of the last line may or may not be marked: {@code "a\nb\n"} and
 *       {@code "a\nb"} are both two records;</li>
 *   <li>an empty line is a record holding the empty string (an utterance the recogniser found
 *       nothing in), never skipped, so that the files stay aligned line by line; the text is kept
 *       as it is, spaces included.</li>
 * </ul>
 */
public final class LinesSource extends OneColumnSource {

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] text = new byte[256];
    private long line;
    /** A byte read past a {@code \r} that was not its {@code \n}, or −1. */
    private int pending = -1;

    /**
     * @param in buffered input
     * @param column the name of the one column: the role the file is given for ({@code pred} for
     *     {@code -p}, {@code target} for {@code -t})
     */
    public LinesSource(String name, InputStream in, String column) {
        super(name, in, column);
    }

    @Override
    public Record next() throws IOException {
        int n = 0;
        int c = pending >= 0 ? pending : in.read();
        pending = -1;
        if (c < 0) {
            return null;
        }
        while (c >= 0 && c != '\n' && c != '\r') {
            if (n == text.length) {
                text = Arrays.copyOf(text, n * 2);
            }
            text[n++] = (byte) c;
            c = in.read();
        }
        if (c == '\r') {
            int d = in.read();
            pending = d == '\n' ? -1 : d;
        }
        line++;
        int from = line == 1 && n >= 3 && text[0] == (byte) 0xEF && text[1] == (byte) 0xBB && text[2] == (byte) 0xBF ? 3 : 0;
        String s;
        try {
            s = utf8.decode(ByteBuffer.wrap(text, from, n - from)).toString();
        } catch (CharacterCodingException e) {
            // Not skippable: skipping a line of one file of a -p/-t pair would misalign the other.
            throw new InputError(name, line, line, null, "not UTF-8 text").unrecoverable();
        }
        return new FrozenRecord(line, line, new Object[] {s});
    }
}
