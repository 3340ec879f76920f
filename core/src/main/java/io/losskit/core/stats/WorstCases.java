package io.losskit.core.stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The {@code limit} records with the largest per-sample loss (for {@code --worst K}), kept in a
 * bounded heap as records stream by: memory is {@code limit} entries, whatever the input.
 * Order: larger values first, NaN above +∞ (as {@link Double#compare}); equal values by record
 * order, the earlier record first, so a later record never displaces an equal earlier one. The
 * result is therefore the same however the input was split: states merge, in any grouping.
 *
 * @param <T> what each entry carries beside its value and ordinal (line number, id columns)
 */
public final class WorstCases<T> {

    /** One kept record. */
    public record Entry<T>(double value, long ordinal, T item) {
    }

    /** Worse first: larger value, then earlier record. */
    private static final Comparator<Entry<?>> WORST_FIRST =
            Comparator.<Entry<?>>comparingDouble(Entry::value).reversed().thenComparingLong(Entry::ordinal);

    private final int limit;
    /** The kept entries, the least bad on top. */
    private final PriorityQueue<Entry<T>> heap;

    /** @param limit how many records to keep, ≥ 0 */
    public WorstCases(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("the number of worst cases is negative: " + limit);
        }
        this.limit = limit;
        this.heap = new PriorityQueue<>(Math.max(1, limit), WORST_FIRST.reversed());
    }

    /**
     * Whether a record of this value and ordinal would be kept now: a caller can test this before
     * it builds the entry's item.
     */
    public boolean accepts(double value, long ordinal) {
        if (heap.size() < limit) {
            return true;
        }
        Entry<T> least = heap.peek();
        return least != null && WORST_FIRST.compare(new Entry<>(value, ordinal, null), least) < 0;
    }

    /** Offers a record; it is kept if it is among the worst so far. */
    public void add(double value, long ordinal, T item) {
        if (accepts(value, ordinal)) {
            heap.add(new Entry<>(value, ordinal, item));
            if (heap.size() > limit) {
                heap.poll();
            }
        }
    }

    /** Folds in {@code later} (any other part of the input). */
    public void merge(WorstCases<T> later) {
        for (Entry<T> e : later.heap) {
            add(e.value(), e.ordinal(), e.item());
        }
    }

    /** The kept records, worst first. */
    public List<Entry<T>> worst() {
        List<Entry<T>> all = new ArrayList<>(heap);
        all.sort(WORST_FIRST);
        return all;
    }

    /** Writes an item. */
    @FunctionalInterface
    public interface ItemWriter<T> {
        void write(T item, DataOutput out) throws IOException;
    }

    /** Reads an item back. */
    @FunctionalInterface
    public interface ItemReader<T> {
        T read(DataInput in) throws IOException;
    }

    /** Writes the kept entries, each item with {@code writer}. */
    public void encode(DataOutput out, ItemWriter<T> writer) throws IOException {
        out.writeInt(limit);
        out.writeInt(heap.size());
        for (Entry<T> e : heap) {
            out.writeDouble(e.value());
            out.writeLong(e.ordinal());
            writer.write(e.item(), out);
        }
    }

    /** Reads back what {@link #encode} wrote. */
    public static <T> WorstCases<T> decode(DataInput in, ItemReader<T> reader) throws IOException {
        WorstCases<T> w = new WorstCases<>(in.readInt());
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            w.add(in.readDouble(), in.readLong(), reader.read(in));
        }
        return w;
    }
}
