package io.losskit.formats.parquet;

import io.losskit.cli.input.FrozenRecord;
import io.losskit.cli.input.Record;

/**
 * The row a {@link ParquetSource} read last, valid until its next {@code next()}: one object per
 * source, a plain number per column without boxing, other values as {@link Record#value} gives them.
 */
final class ParquetRecord implements Record {

    long number;
    final double[] numbers;
    /** Whether column c holds {@code numbers[c]}; else {@code values[c]} (null: no value). */
    final boolean[] isNumber;
    final Object[] values;

    ParquetRecord(int columns) {
        numbers = new double[columns];
        isNumber = new boolean[columns];
        values = new Object[columns];
    }

    @Override
    public long number() {
        return number;
    }

    @Override
    public long line() {
        return -1;
    }

    @Override
    public boolean has(int column) {
        return column >= 0 && column < values.length && (isNumber[column] || values[column] != null);
    }

    @Override
    public double number(int column) {
        return isNumber[column] ? numbers[column] : freeze().number(column);
    }

    @Override
    public Object value(int column) {
        return isNumber[column] ? (Object) numbers[column] : values[column];
    }

    @Override
    public boolean isList(int column) {
        return !isNumber[column] && freeze().isList(column);
    }

    @Override
    public Record freeze() {
        Object[] copy = new Object[values.length];
        for (int c = 0; c < copy.length; c++) {
            copy[c] = value(c);
        }
        return new FrozenRecord(number, -1, copy);
    }
}
