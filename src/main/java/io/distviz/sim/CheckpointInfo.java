package io.distviz.sim;

/** Where a time-travel checkpoint was taken (its saved state stays inside the simulation). */
public record CheckpointInfo(long timeMicros, long eventsProcessed, int traceSize, int bytes) {
}
