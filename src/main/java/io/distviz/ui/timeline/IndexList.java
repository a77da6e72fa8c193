package io.distviz.ui.timeline;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * The rows of the event log: ascending trace indices in a plain int array, as an observable list. A table row
 * holds an index, not an event or a row object, so half a million rows cost 4 bytes each, and the table's
 * virtual flow asks for only the rows it shows. Changes are whole appends or whole replacements, each reported
 * as one change.
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

    /** Replaces every row: {@code replacement} (ascending) is kept, not copied. */
    void replaceAll(int[] replacement, int count) {
        int[] old = indices;
        int oldSize = size;
        indices = replacement;
        size = count;
        if (oldSize == 0 && count == 0) {
            return;
        }
        beginChange();
        if (oldSize > 0) {
            nextRemove(0, view(old, oldSize));
        }
        if (count > 0) {
            nextAdd(0, count);
        }
        endChange();
    }

    /** The held indices, copied. */
    int[] toIntArray() {
        return Arrays.copyOf(indices, size);
    }

    private static List<Integer> view(int[] a, int n) {
        return new AbstractList<>() {
            @Override
            public Integer get(int i) {
                return a[i];
            }

            @Override
            public int size() {
                return n;
            }
        };
    }
}
