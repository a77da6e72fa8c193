package io.distviz.sim;

import java.io.Serializable;
import java.util.List;

/** What reproduces a run exactly: the configuration (with its seed), the user's actions and the end time. */
public record Recording(SimConfig config, List<LoggedAction> actions, long endMicros) implements Serializable {
    public Recording {
        actions = List.copyOf(actions);
    }
}
