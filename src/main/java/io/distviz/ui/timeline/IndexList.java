package io.distviz.ui.timeline;

import java.util.Arrays;
import javafx.collections.ObservableListBase;

/**
 * The rows of the event log: ascending trace indices in a plain int array, as an observable list. A table row
 * holds an index, not an event or a row object, so half a million rows cost 4 bytes each, and the table's
 * virtual flow asks for only the rows it shows. The only change is an append, reported as one change: a new
 * filter gets a new list, because a table digesting a half-million-row replacement change takes a quarter of a
 * second.
 */
final class IndexList extends ObservableListBase<Integer> {
    private int[] indices = new int[0];
    private int size;

    @Override
    public Integer get(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException(row);
        }
        return indices[row];
    }

    @Override
    public int size() {
        return size;
    }

    /** The trace index shown in {@code row}, without boxing. */
    int indexAt(int row) {
        return indices[row];
    }

    /** The row showing trace index {@code eventIndex}, or -1. */
    int rowOf(int eventIndex) {
        int r = Arrays.binarySearch(indices, 0, size, eventIndex);
        return r >= 0 ? r : -1;
    }

    /** Appends {@code count} indices (each above every index already held). */
    void append(int[] more, int count) {
        if (count == 0) {
            return;
        }
        if (size + count > indices.length) {
            indices = Arrays.copyOf(indices, Math.max(size + count, indices.length * 2));
        }
        System.arraycopy(more, 0, indices, size, count);
        int from = size;
        size += count;
        beginChange();
        nextAdd(from, size);
        endChange();
    }

    /** The held indices, copied. */
    int[] toIntArray() {
        return Arrays.copyOf(indices, size);
    }
}
