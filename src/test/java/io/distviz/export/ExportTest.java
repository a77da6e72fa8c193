package io.distviz.export;

import io.distviz.raft.KvCommand;
import io.distviz.raft.RaftCluster;
import io.distviz.raft.RaftConfig;
import io.distviz.sim.LinkProfile;
import io.distviz.sim.Micros;
import io.distviz.sim.NodeId;
import io.distviz.sim.SimConfig;
import io.distviz.sim.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportTest {

    /** A short Raft run over a lossy, duplicating network: sends, deliveries, drops and copies. */
    private static List<TraceEvent> raftTrace() {
        SimConfig config = SimConfig.seeded(3).withDefaultLink(LinkProfile.DEFAULT.withLoss(0.1).withDuplication(0.1));
        RaftCluster c = new RaftCluster(RaftConfig.defaults(), config, 3);
        NodeId client = c.addClient();
        c.simulation().runFor(Micros.ofSeconds(1));
        c.submit(client, KvCommand.put("x", "a,b \"quoted\""));
        c.simulation().runFor(Micros.ofSeconds(2));
        return List.copyOf(c.simulation().trace().events());
    }

    @Test
    void csvHasOneRowPerEventAndQuotesWhatNeedsIt() throws IOException {
        List<TraceEvent> events = raftTrace();
        StringBuilder out = new StringBuilder();
        CsvExport.write(events, out);
        String[] lines = out.toString().split("\r\n", -1);
        assertEquals(CsvExport.HEADER, lines[0]);
        assertEquals(events.size() + 2, lines.length, "header, one line per event, final empty string");
        assertEquals("\"x,y\"", CsvExport.quote("x,y"));
        assertEquals("\"say \"\"hi\"\"\"", CsvExport.quote("say \"hi\""));
        assertEquals("plain", CsvExport.quote("plain"));
        assertTrue(out.toString().contains("\"\"quoted\"\""), "the client's value is quoted inside its detail");
    }

    @Test
    void shivizClocksFollowTheRulesShiVizChecks() throws IOException {
        List<TraceEvent> events = raftTrace();
        StringBuilder out = new StringBuilder();
        ShiVizExport.write(events, out);
        String[] lines = out.toString().split("\n");
        assertEquals(ShiVizExport.REGEX, lines[0]);
        assertEquals("", lines[1]);
        Pattern header = Pattern.compile("(\\S*) \\{(.*)\\}");
        Map<String, Long> lastOwn = new HashMap<>();
        int entries = 0;
        for (int i = 2; i + 1 < lines.length; i += 2) {
            Matcher m = header.matcher(lines[i]);
            assertTrue(m.matches(), lines[i]);
            String host = m.group(1);
            Map<String, Long> clock = new HashMap<>();
            for (String part : m.group(2).split(", ")) {
                String[] kv = part.split(": ");
                clock.put(kv[0].replace("\"", ""), Long.parseLong(kv[1]));
            }
            long own = clock.get(host);
            assertEquals(lastOwn.getOrDefault(host, 0L) + 1, own, "each host counts up by one: " + lines[i]);
            lastOwn.put(host, own);
            assertTrue(lines[i + 1].startsWith("send ") || lines[i + 1].startsWith("receive "), lines[i + 1]);
            entries++;
        }
        long sendsAndDeliveries = events.stream().filter(e -> e instanceof TraceEvent.MessageSent
                || e instanceof TraceEvent.MessageDelivered).count();
        assertEquals(sendsAndDeliveries, entries);
    }

    @Test
    void mermaidDrawsMessagesAndSaysWhenItCutsThem() throws IOException {
        List<TraceEvent> events = raftTrace();
        StringBuilder out = new StringBuilder();
        MermaidExport.write(events, out, 10);
        String text = out.toString();
        assertTrue(text.startsWith("sequenceDiagram\n"), text);
        assertTrue(text.contains("participant p1 as "), text);
        assertEquals(10, text.lines().filter(l -> l.contains("->>") || l.contains("-x")).count());
        long messages = events.stream().filter(e -> e instanceof TraceEvent.MessageDelivered
                || e instanceof TraceEvent.MessageDropped).count();
        assertTrue(text.contains("cut after 10 of " + messages + " messages"), text);
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.MessageDropped));
        StringBuilder all = new StringBuilder();
        MermaidExport.write(events, all, 1_000_000);
        assertTrue(all.toString().contains("-x"), "lost messages are drawn as crosses");
        assertTrue(!all.toString().contains("cut after"));
    }

    @Test
    void filesAreNotOverwrittenUnlessAskedAndAreReplacedWhole(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("trace.csv");
        Files.writeString(file, "the user's own work");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> SafeFiles.write(file, "new", false));
        assertTrue(e.getMessage().contains("exists"), e.getMessage());
        assertEquals("the user's own work", Files.readString(file));
        SafeFiles.write(file, "new", true);
        assertEquals("new", Files.readString(file));
        IOException missing = assertThrows(IOException.class,
                () -> SafeFiles.write(dir.resolve("no/such/dir/x.csv"), "x", false));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void ednHistoryPairsEveryInvocationWithItsOutcome() throws IOException {
        RaftCluster c = new RaftCluster(RaftConfig.defaults(), SimConfig.seeded(4), 3);
        NodeId client = c.addClient();
        c.simulation().runFor(Micros.ofSeconds(1));
        c.submit(client, KvCommand.put("x", "1"));
        c.submit(client, KvCommand.cas("x", "0", "2"));
        c.submit(client, KvCommand.get("x"));
        c.simulation().runFor(Micros.ofSeconds(2));
        for (NodeId s : c.serverIds()) {
            c.crash(s);
        }
        c.submit(client, KvCommand.delete("x"));
        c.simulation().runFor(Micros.ofSeconds(1));
        StringBuilder out = new StringBuilder();
        EdnExport.write(c.simulation().trace().events(), out);
        List<String> lines = out.toString().lines().toList();
        assertEquals(8, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith("{:type :invoke, :f :write, :key \"x\", :value \"1\", :process 1, :time "));
        assertTrue(lines.get(1).startsWith("{:type :ok, :f :write"), lines.get(1));
        assertTrue(lines.get(3).startsWith("{:type :fail, :f :cas, :key \"x\", :value [\"0\" \"2\"]"), lines.get(3));
        assertTrue(lines.get(5).startsWith("{:type :ok, :f :read, :key \"x\", :value \"1\""), lines.get(5));
        assertTrue(lines.get(7).startsWith("{:type :info, :f :delete"), "never answered: " + lines.get(7));
    }
}
