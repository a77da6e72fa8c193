package io.distviz.scenario;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScenarioJsonTest {

    /** Writing a scenario and reading it back gives the same scenario, every step and parameter included. */
    @Test
    void scenariosRoundTripThroughTheirJson() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("scenarios"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            Scenario original = ScenarioLoader.load(f);
            String text = ScenarioJson.toText(original);
            Scenario again = ScenarioLoader.parse(text, "again.json");
            assertEquals(original, again, f.toString());
            assertEquals(text, ScenarioJson.toText(again), f.toString());
        }
    }

    @Test
    void durationsAreWrittenInTheShortestExactUnit() {
        assertEquals("2s", Durations.formatMicros(2_000_000));
        assertEquals("150ms", Durations.formatMicros(150_000));
        assertEquals("1500ms", Durations.formatMicros(1_500_000));
        assertEquals("40us", Durations.formatMicros(40));
        assertEquals("0us", Durations.formatMicros(0));
        assertEquals(1_500_000, Durations.parse("1.5s", 1000));
        assertEquals(60_000_000, Durations.parse(" 1 min ", 1000));
        assertEquals(-3, Durations.parse("-3ns", 1));
    }
}
