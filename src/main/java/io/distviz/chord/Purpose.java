package io.distviz.chord;

/** Why a lookup (find_successor) runs: views draw maintenance lookups differently from a student's. */
public enum Purpose {
    /** A student's or experiment's lookup of a key or identifier. */
    LOOKUP,
    /** A lookup that precedes storing a key at its successor. */
    STORE,
    /** A lookup that precedes fetching a key from its successor. */
    GET,
    /** A joining node finding its own successor (section 4.4). */
    JOIN,
    /** fix_fingers refreshing one finger (section 4.4). */
    FIX_FINGER
}
