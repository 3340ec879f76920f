package io.losskit.cli.input;

/** A record copied out of its source: column values as {@link Record#value} gives them. */
public final class FrozenRecord implements Record {

    private final long number;
    private final long line;
    private final Object[] values;

    /**
     * @param line the 1-based line, or −1 when the format has no lines
     * @param values the columns' values as {@link Record#value} gives them; null where there is none
     */
    public FrozenRecord(long number, long line, Object[] values) {
        this.number = number;
        this.line = line;
        this.values = values;
    }

    @Override
    public long number() {
        return number;
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public boolean has(int column) {
        return column >= 0 && column < values.length && values[column] != null;
    }

    @Override
    public double number(int column) {
        Object v = values[column];
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof String s) {
            return Numbers.parse(s);
        }
        if (v instanceof JsonValues.TooLarge t && !t.inList()) {
            throw new Numbers.TooLarge(t.text());
        }
        throw new NumberFormatException(JsonValues.describe(v));
    }

    @Override
    public boolean isList(int column) {
        Object v = values[column];
        if (v instanceof String s) {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return Cells.isList(b, 0, b.length);
        }
        return v instanceof double[] || v instanceof double[][] || v instanceof Object[]
                || v instanceof JsonValues.TooLarge t && t.inList();
    }

    @Override
    public Object value(int column) {
        return values[column];
    }

    @Override
    public Record freeze() {
        return this;
    }
}
