package io.losskit.cli.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Field names of JSON records, numbered in order of first appearance. */
final class ColumnTable {

    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

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

    /** Reads the object at the parser (positioned on START_OBJECT) into values by column. */
    Object[] readObject(JsonParser p) throws IOException {
        Object[] values = new Object[Math.max(names.size(), 4)];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            int column = add(p.currentName());
            p.nextToken();
            Object v = JsonValues.read(p);
            if (column >= values.length) {
                values = Arrays.copyOf(values, Math.max(column + 1, values.length * 2));
            }
            values[column] = v == JsonValues.NULL ? null : v;
        }
        return values;
    }
}
