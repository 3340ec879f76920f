package io.losskit.cli.input;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the distinct values of one column as records stream by: 0, 1, 2, … in order of first
 * appearance, for grouping records by a column ({@code --by}). A CSV cell is looked up by its
 * bytes, without making a string for it; other records' values by {@link Record#value}.
 */
public final class CellIndex {

    private final List<Object> values = new ArrayList<>();
    private final Map<Object, Integer> byValue = new HashMap<>();
    // CSV: an open-addressing table of the cells' bytes (slot: id + 1, 0 is empty)
    private int[] slots = new int[64];
    private byte[][] texts = new byte[16][];
    private int[] hashes = new int[16];
    // CSV cells of at most seven bytes: their bytes and length as one long, and id + 1 (0 is empty)
    private long[] shortKeys = new long[64];
    private int[] shortIds = new int[64];
    private int shortCount;

    /**
     * The id of the value of {@code column} in {@code record}, which has one ({@link Record#has}).
     *
     * @throws Cells.BadCell when it is not a single value (a number, a text or a boolean)
     */
    public int id(Record record, int column) {
        if (record instanceof CsvSource.CsvRecord csv) {
            return id(csv.bytes(), csv.start(column), csv.end(column));
        }
        Object v = record.value(column);
        if (!(v instanceof Double || v instanceof String || v instanceof Boolean)) {
            throw new Cells.BadCell(JsonValues.describe(v) + " where a single value is needed");
        }
        Integer id = byValue.get(v);
        if (id == null) {
            id = values.size();
            values.add(v);
            byValue.put(v, id);
        }
        return id;
    }

    /** The value with id {@code id}: a String (always, for CSV), a Double or a Boolean. */
    public Object value(int id) {
        return values.get(id);
    }

    /** The id of the cell {@code b[from..to)}, a new one if it has not been seen. */
    public int id(byte[] b, int from, int to) {
        int id = known(b, from, to);
        return id >= 0 ? id : add(b, from, to);
    }

    /**
     * The id of the cell {@code b[from..to)}, or −1 when it has not been seen: a lookup that adds
     * nothing, for a loop whose cells are nearly always known (the first sight of one is then
     * {@link #id}'s, apart from that loop). A cell of at most seven bytes (the usual slice label)
     * is one probe of a table of longs, its bytes and length packed in one.
     */
    public int known(byte[] b, int from, int to) {
        if (isShort(b, from, to)) {
            long key = shortKey(b, from, to);
            int mask = shortKeys.length - 1;
            for (int i = shortSlot(key, mask); shortIds[i] != 0; i = (i + 1) & mask) {
                if (shortKeys[i] == key) {
                    return shortIds[i] - 1;
                }
            }
        }
        // a longer cell, or one first seen where it could not be read as a long
        return find(b, from, to, hash(b, from, to));
    }

    /** Whether the cell has at most seven bytes and can be read as a long (eight bytes from its start). */
    private static boolean isShort(byte[] b, int from, int to) {
        return to - from <= 7 && b.length - from >= 8;
    }

    /** An {@link #isShort} cell's bytes and length, as one long. */
    private static long shortKey(byte[] b, int from, int to) {
        int n = to - from;
        return ((long) Numbers.LONGS.get(b, from) & ((1L << (8 * n)) - 1)) | (long) n << 56;
    }

    private static int shortSlot(long key, int mask) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }

    private static int hash(byte[] b, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        return h ^ h >>> 16;
    }

    /** The id of the cell of hash {@code h} in the table of every cell's bytes, or −1. */
    private int find(byte[] b, int from, int to, int h) {
        int mask = slots.length - 1;
        for (int i = h & mask; slots[i] != 0; i = (i + 1) & mask) {
            int id = slots[i] - 1;
            if (hashes[id] == h && same(texts[id], b, from, to)) {
                return id;
            }
        }
        return -1;
    }

    /** Whether {@code text} is {@code b[from..to)}: a plain loop, faster than {@link Arrays#equals} for cells a few bytes long. */
    private static boolean same(byte[] text, byte[] b, int from, int to) {
        if (text.length != to - from) {
            return false;
        }
        for (int i = 0; i < text.length; i++) {
            if (text[i] != b[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** A cell that {@link #known} did not find: its new id. */
    private int add(byte[] b, int from, int to) {
        int id = addText(b, from, to, hash(b, from, to));
        if (isShort(b, from, to)) {
            addShort(shortKey(b, from, to), id);
        }
        return id;
    }

    private int addText(byte[] b, int from, int to, int hash) {
        int id = values.size();
        byte[] text = Arrays.copyOfRange(b, from, to);
        if (id == texts.length) {
            texts = Arrays.copyOf(texts, 2 * id);
            hashes = Arrays.copyOf(hashes, 2 * id);
        }
        texts[id] = text;
        hashes[id] = hash;
        values.add(new String(text, StandardCharsets.UTF_8));
        if (2 * values.size() > slots.length) {
            slots = new int[slots.length * 2];
            for (int k = 0; k < id; k++) {
                slots[freeSlot(hashes[k])] = k + 1;
            }
        }
        slots[freeSlot(hash)] = id + 1;
        return id;
    }

    private int freeSlot(int hash) {
        int mask = slots.length - 1;
        int i = hash & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void addShort(long key, int id) {
        if (2 * (shortCount + 1) > shortKeys.length) {
            long[] keys = shortKeys;
            int[] ids = shortIds;
            shortKeys = new long[2 * keys.length];
            shortIds = new int[2 * keys.length];
            shortCount = 0;
            for (int k = 0; k < keys.length; k++) {
                if (ids[k] != 0) {
                    addShort(keys[k], ids[k] - 1);
                }
            }
        }
        int mask = shortKeys.length - 1;
        int i = shortSlot(key, mask);
        while (shortIds[i] != 0) {
            i = (i + 1) & mask;
        }
        shortKeys[i] = key;
        shortIds[i] = id + 1;
        shortCount++;
    }
}
