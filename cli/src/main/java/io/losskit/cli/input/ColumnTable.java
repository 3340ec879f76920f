package io.losskit.cli.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Field names of JSON records, numbered in order of first appearance. */
final class ColumnTable {

    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private Predicate<String> read = name -> true;
    /** Per column, the number of the last object that had it: a second sight in one object is a duplicate. */
    private long[] seenIn = new long[8];
    private long objects;
    private String duplicate;

    List<String> names() {
        return List.copyOf(names);
    }

    int indexOf(String name) {
        return index.getOrDefault(name, -1);
    }

    int add(String name) {
        Integer i = index.get(name);
        if (i == null) {
            i = names.size();
            names.add(name);
            index.put(name, i);
        }
        return i;
    }

    /** The columns something reads (see {@link RecordSource#readsOnly}). */
    void readsOnly(Predicate<String> columns) {
        read = columns;
    }

    boolean reads(String name) {
        return read.test(name);
    }

    /**
     * Reads the object at the parser (positioned on START_OBJECT) into values by column, to its
     * end; {@link #duplicate()} then says whether it named a column that is read twice.
     */
    Object[] readObject(JsonParser p) throws IOException {
        objects++;
        duplicate = null;
        Object[] values = new Object[Math.max(names.size(), 4)];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int column = add(name);
            p.nextToken();
            Object v = JsonValues.read(p);
            if (column >= seenIn.length) {
                seenIn = Arrays.copyOf(seenIn, Math.max(column + 1, seenIn.length * 2));
            }
            if (seenIn[column] == objects && duplicate == null && read.test(name)) {
                duplicate = name;
            }
            seenIn[column] = objects;
            if (column >= values.length) {
                values = Arrays.copyOf(values, Math.max(column + 1, values.length * 2));
            }
            values[column] = v == JsonValues.NULL ? null : v;
        }
        return values;
    }

    /** The name of a read column that the last object read had twice, or null. */
    String duplicate() {
        return duplicate;
    }

    /** The message for {@link #duplicate()}. */
    static String duplicateProblem(String name) {
        return "the field \"" + name + "\" appears twice in the object (which one holds the value?)";
    }
}
