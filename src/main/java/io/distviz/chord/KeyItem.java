package io.distviz.chord;

import java.io.Serializable;
import java.util.Objects;

/** A stored key with its identifier on the circle and its value. The key string is kept, not just its hash. */
public record KeyItem(String key, long id, String value) implements Serializable {
    public KeyItem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return key + "#" + id;
    }
}
