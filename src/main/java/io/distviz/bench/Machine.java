package io.distviz.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the figures were measured on, printed with them: they mean little without it. Also the benchmarks'
 * readings of the JVM itself (collection time, heap in use), which, like the clock, only the benchmark
 * drivers may take.
 */
public final class Machine {
    private Machine() {
    }

    public static String describe() {
        Runtime rt = Runtime.getRuntime();
        String collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(" + "));
        return String.format(Locale.ROOT, "%d processors, max heap %,d MiB, Java %s (%s), %s",
                rt.availableProcessors(), rt.maxMemory() / (1024 * 1024), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), collectors);
    }

    /**
     * Total collection time the JVM's garbage collectors report, in milliseconds (for G1: its pauses; its
     * concurrent work is not in it).
     */
    public static long collectionMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /**
     * Heap in use after full collections, in bytes: about what is reachable now. Two collections, since one
     * may leave objects that only a finalizer or a cleaner let go of.
     */
    public static long heapUsedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
