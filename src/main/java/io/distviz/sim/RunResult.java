package io.distviz.sim;

/** How a {@code run*} call ended. */
public record RunResult(Stop stop, long eventsRun, long nowMicros) {

    public enum Stop {
        /** Virtual time reached the requested time. */
        REACHED_TIME,
        /** The condition became true. */
        CONDITION_MET,
        /** The time limit passed before the condition became true. */
        TIME_LIMIT,
        /** The call processed its maximum number of events; time stopped at the last one. */
        EVENT_LIMIT
    }
}
