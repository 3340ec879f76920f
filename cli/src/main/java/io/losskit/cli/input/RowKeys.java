package io.losskit.cli.input;

/**
 * What the rows of a {@link ColumnBatch} are grouped by ({@code --by}): each row's key, read from
 * its record while the source still holds it.
 */
public interface RowKeys {

    /** The key of {@code record}, or −1 when it has none to give: the row then goes to the records, which say why. */
    int key(Record record);
}
