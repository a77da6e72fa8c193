package io.distviz.ui.clocks;

import java.util.List;

/**
 * What the Clocks page drew in its last frame, as plain values: tests compare it with the engine, so a picture
 * that drifts from the engine's state fails a test rather than teaching the wrong thing.
 *
 * @param nowMicros true time of the frame
 */
public record ClocksDrawn(long nowMicros, List<Card> cards, Chart chart, Exchange exchange, SpaceTime spaceTime) {

    public static final ClocksDrawn NOTHING = new ClocksDrawn(0, List.of(),
            new Chart(0, 0, 0, 0, List.of(), 0, 0), null, new SpaceTime(List.of(), -1, -1, null));

    /** One node's clock as its card shows it (the reading, offset and drift come from the engine's state). */
    public record Card(String node, boolean reference, double readingNanos, double offsetNanos, double driftPpm,
                       String role, double x, double y, double width, double height) {
    }

    /**
     * The offset chart.
     *
     * @param skewNowNanos the largest difference between two running machines now, as the chart's label says
     */
    public record Chart(long fromMicros, long toMicros, double minNanos, double maxNanos, List<Line> lines,
                        int marksDrawn, double skewNowNanos) {

        public Line line(String node) {
            return lines.stream().filter(l -> l.node().equals(node)).findFirst().orElse(null);
        }
    }

    /**
     * One node's line on the chart.
     *
     * @param pointsDrawn    vertices drawn (after thinning to the pixel columns)
     * @param headNanos      where the line ends: the offset now
     * @param recentSlopePpm the line's slope over its last few seconds, in ppm: how fast it drifts as drawn
     */
    public record Line(String node, int pointsDrawn, double headNanos, double recentSlopePpm) {
    }

    /** The exchange panel: one synchronization round and its messages. */
    public record Exchange(String algorithm, String initiator, List<Leg> legs, int messagesInFlight) {
    }

    /** One server's (or follower's) part of a round, with the timestamps and results the panel shows. */
    public record Leg(String peer, Long t1Nanos, Long t2Nanos, Long t3Nanos, Long t4Nanos, Long offsetNanos,
                      Long delayNanos, Long errorBoundNanos, String status) {
    }

    /** The space-time diagram: its events and the answer for the two picked. */
    public record SpaceTime(List<Event> events, int pickA, int pickB, String answer) {
    }

    /**
     * One event of the diagram, where it was drawn.
     *
     * @param traceIndex the event's index in the simulation's trace
     */
    public record Event(int traceIndex, String node, double x, double y, long lamport, String vector, String hybrid) {
    }
}
