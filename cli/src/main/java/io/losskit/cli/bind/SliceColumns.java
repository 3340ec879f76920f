package io.losskit.cli.bind;

import io.losskit.cli.input.CellIndex;
import io.losskit.cli.input.Cells;
import io.losskit.cli.input.InputError;
import io.losskit.cli.input.Numbers;
import io.losskit.cli.input.Record;
import io.losskit.cli.input.RecordSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Columns read by name beside the roles: the slice columns of {@code --by}, the id columns of
 * {@code --id}. A value that reads as a number is that number ({@code 1}, {@code 1.0} and the
 * string {@code "1"} are one value, shown as 1), any other is its text; a list, an object or no
 * value at all is an input error at the record.
 */
public final class SliceColumns {

    private final RecordSource source;
    private final List<String> names;
    private final int[] columns;
    /** Per column: its distinct cells, and the value each stands for (by cell id). */
    private final CellIndex[] cells;
    private final List<List<Object>> values = new ArrayList<>();
    /** The slices seen: their keys by id, and the ids by key. */
    private final List<Object> keys = new ArrayList<>();
    private final Map<Object, Integer> ids = new HashMap<>();
    /** One column: the slice of each cell id (−1: not looked up yet). */
    private int[] sliceOfCell = new int[0];

    private SliceColumns(RecordSource source, List<String> names, int[] columns) {
        this.source = source;
        this.names = List.copyOf(names);
        this.columns = columns;
        this.cells = new CellIndex[columns.length];
        for (int i = 0; i < columns.length; i++) {
            cells[i] = new CellIndex();
            values.add(new ArrayList<>());
        }
    }

    /**
     * Finds the columns {@code names} in {@code source}.
     *
     * @param option the option that named them, for messages ({@code --by})
     * @param first the first record, where an error about JSON fields is located
     * @throws InputError naming a column the input does not have
     */
    public static SliceColumns bind(RecordSource source, Record first, String option, List<String> names) {
        int[] columns = new int[names.size()];
        for (int i = 0; i < columns.length; i++) {
            String name = names.get(i);
            columns[i] = source.columnIndex(name);
            if (columns[i] < 0) {
                String problem = "no column \"" + name + "\" for " + option + Suggestion.didYouMean(name, source.columns())
                        + "; the " + (source.hasHeader() ? "columns" : "fields of the first record") + " are: "
                        + String.join(", ", source.columns());
                throw source.hasHeader() ? new InputError(source.name(), -1, -1, name, problem)
                        : new InputError(source.name(), first.line(), first.number(), name, problem);
            }
        }
        return new SliceColumns(source, names, columns);
    }

    /** The same columns, with nothing seen yet, for another reader of the same input. */
    public SliceColumns copy(RecordSource other) {
        return new SliceColumns(other, names, columns);
    }

    public List<String> names() {
        return names;
    }

    /**
     * The id of {@code record}'s slice: 0, 1, 2, … in order of first appearance.
     *
     * @throws InputError when a column has no value, or a list or an object
     */
    public int slice(Record record) {
        if (columns.length == 1) {
            return sliceOfCell(cell(record, 0));
        }
        List<Object> key = new ArrayList<>(columns.length);
        for (int i = 0; i < columns.length; i++) {
            key.add(value(i, cell(record, i)));
        }
        return idOf(key);
    }

    /**
     * The id of the slice of a CSV cell of the one column, given as its bytes {@code b[from..to)}
     * (followed by at least eight more bytes), as {@link #slice} gives it for the record.
     */
    public int slice(byte[] b, int from, int to) {
        return sliceOfCell(cells[0].id(b, from, to));
    }

    /**
     * {@link #slice(byte[], int, int)} when the cell and its slice have been seen, else −1 (and
     * nothing is added): the lookup a loop over many rows makes, leaving first sights to that method.
     */
    public int knownSlice(byte[] b, int from, int to) {
        int cell = cells[0].known(b, from, to);
        return cell >= 0 && cell < sliceOfCell.length ? sliceOfCell[cell] : -1;
    }

    /** One column: the slice of the cell with id {@code cell}. */
    private int sliceOfCell(int cell) {
        if (cell < sliceOfCell.length && sliceOfCell[cell] >= 0) {
            return sliceOfCell[cell];
        }
        int id = idOf(value(0, cell));
        if (cell >= sliceOfCell.length) {
            int n = sliceOfCell.length;
            sliceOfCell = Arrays.copyOf(sliceOfCell, Math.max(16, 2 * (cell + 1)));
            Arrays.fill(sliceOfCell, n, sliceOfCell.length, -1);
        }
        sliceOfCell[cell] = id;
        return id;
    }

    /** The columns' positions in the source. */
    public int[] columns() {
        return columns.clone();
    }

    /** The id of the slice with this key, a new one if it has not been seen. */
    public int idOf(Object key) {
        Integer id = ids.get(key);
        if (id == null) {
            id = keys.size();
            keys.add(key);
            ids.put(key, id);
        }
        return id;
    }

    /** The key of slice {@code id}: its value (a Double or a String), or a list of them for several columns. */
    public Object key(int id) {
        return keys.get(id);
    }

    private int cell(Record record, int i) {
        int c = columns[i];
        if (!record.has(c)) {
            throw error(record, i, "no value");
        }
        try {
            return cells[i].id(record, c);
        } catch (Cells.BadCell e) {
            throw error(record, i, e.getMessage());
        }
    }

    /** The value cell {@code cell} of column {@code i} stands for. */
    private Object value(int i, int cell) {
        List<Object> known = values.get(i);
        while (known.size() <= cell) {
            Object raw = cells[i].value(known.size());
            known.add(raw instanceof Double d ? (Object) (d == 0 ? 0.0 : d)
                    : raw instanceof String s ? canonical(s) : raw.toString());
        }
        return known.get(cell);
    }

    /**
     * The text of each column in {@code record} as it is written (an id {@code 007} stays
     * {@code 007}; a JSON number is its label), for {@code --id}; empty where the record has none.
     *
     * @throws InputError when a value is a list or an object
     */
    public String[] texts(Record record) {
        String[] texts = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            try {
                texts[i] = record.has(columns[i]) ? record.text(columns[i]) : "";
            } catch (Cells.BadCell e) {
                throw error(record, i, e.getMessage());
            }
        }
        return texts;
    }

    /** The values of a {@link #key} by column name, in order. */
    public Map<String, Object> byName(Object key) {
        Map<String, Object> named = new java.util.LinkedHashMap<>();
        for (int i = 0; i < columns.length; i++) {
            named.put(names.get(i), columns.length == 1 ? key : ((List<?>) key).get(i));
        }
        return named;
    }

    private static Object canonical(String text) {
        try {
            double d = Numbers.parse(text);
            return d == 0 ? 0.0 : d;   // -0 and 0 are one value
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private InputError error(Record record, int i, String problem) {
        return new InputError(source.fileOf(columns[i]), record.line(), record.number(), names.get(i), problem);
    }

    /** A value as people read it: a number without a needless fraction (1, not 1.0), or the text. */
    public static String text(Object value) {
        return value instanceof Double d ? (Double.isFinite(d) ? Cells.label(d) : d.toString()) : value.toString();
    }

    /**
     * The order of slices: by the first column, then the next; numbers (ascending, NaN last) before
     * texts (in Unicode order).
     */
    public static int compare(Object a, Object b) {
        if (a instanceof List<?> x && b instanceof List<?> y) {
            for (int i = 0; i < x.size(); i++) {
                int c = compare(x.get(i), y.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
        if (a instanceof Double x) {
            return b instanceof Double y ? Double.compare(x, y) : -1;
        }
        return b instanceof Double ? 1 : ((String) a).compareTo((String) b);
    }
}
