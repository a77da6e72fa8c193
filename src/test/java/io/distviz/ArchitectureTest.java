package io.distviz;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.distviz.sim.Payload;
import com.tngtech.archunit.lang.EvaluationResult;
import io.distviz.sim.archfixture.ImportsJavaFx;
import io.distviz.sim.archfixture.PlainClassPayload;
import io.distviz.sim.archfixture.ReadsTheWallClock;
import io.distviz.sim.archfixture.StartsAThread;
import io.distviz.sim.archfixture.UsesHashSaltedSet;
import io.distviz.sim.archfixture.UsesUnseededRandom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layer rules. The kernel and the engines are pure and deterministic: they import no JavaFX, read no
 * wall clock, use no unseeded randomness, start no threads, and do not iterate collections whose order
 * changes between JVM runs. The headless command line loads no JavaFX. Each rule is also run against a
 * deliberately bad class to prove it can fail.
 */
class ArchitectureTest {

    /** Packages that must be deterministic and free of JavaFX: the kernel, every engine and the scenario runner. */
    static final String[] PURE = {"io.distviz.sim..", "io.distviz.chord..", "io.distviz.raft..",
            "io.distviz.clocks..", "io.distviz.scenario.."};

    /**
     * Classes that must be deterministic: the kernel, the engines, and the benchmarks' workloads (only the
     * benchmark driver, which times runs, and its machine description may read clocks).
     */
    static final DescribedPredicate<JavaClass> DETERMINISTIC = DescribedPredicate.describe(
            "are kernel, engine or benchmark-workload classes",
            c -> c.getPackageName().startsWith("io.distviz.sim")
                    || c.getPackageName().startsWith("io.distviz.chord")
                    || c.getPackageName().startsWith("io.distviz.raft")
                    || c.getPackageName().startsWith("io.distviz.clocks")
                    || c.getPackageName().startsWith("io.distviz.scenario")
                    || (c.getPackageName().startsWith("io.distviz.bench")
                            && !c.getName().startsWith("io.distviz.bench.Benchmark")
                            && !c.getName().startsWith("io.distviz.bench.Machine")));

    static final ArchRule NO_JAVAFX = noClasses().that().resideInAnyPackage(PURE)
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..", "org.controlsfx..")
            .because("the kernel and engines run headless and are drawn by the UI, never the other way round");

    static final ArchRule NO_WALL_CLOCK = noClasses().that(DETERMINISTIC)
            .should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethodWhere(named("now", "java.time.Instant", "java.time.LocalDateTime",
                    "java.time.LocalDate", "java.time.LocalTime", "java.time.ZonedDateTime",
                    "java.time.OffsetDateTime", "java.time.Year"))
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
            .orShould().callConstructor(java.util.Date.class)
            .because("virtual time is the only time: the same seed and actions must give the same trace");

    static final ArchRule NO_UNSEEDED_RANDOMNESS = noClasses().that(DETERMINISTIC)
            .should().callMethod(Math.class, "random")
            .orShould().callMethod(StrictMath.class, "random")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.SplittableRandom")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
            .orShould().callMethod(java.util.UUID.class, "randomUUID")
            .orShould().callMethod(System.class, "identityHashCode", Object.class)
            .because("all randomness comes from SimRandom streams forked from the seed");

    /**
     * Set.of / Map.of (and their copyOf) iterate in an order salted afresh by every JVM run, so a loop over
     * one would make two runs with the same seed differ.
     */
    static final ArchRule NO_SALTED_ITERATION_ORDER = noClasses().that(DETERMINISTIC)
            .should().callMethodWhere(named("of", "java.util.Set", "java.util.Map"))
            .orShould().callMethodWhere(named("copyOf", "java.util.Set", "java.util.Map"))
            .orShould().callMethodWhere(named("ofEntries", "java.util.Map"))
            .orShould().callMethodWhere(named("toUnmodifiableSet", "java.util.stream.Collectors"))
            .because("their iteration order changes from one JVM run to the next; use TreeSet/TreeMap or "
                    + "LinkedHashSet/LinkedHashMap");

    static final ArchRule NO_THREADS = noClasses().that(DETERMINISTIC)
            .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Timer")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ExecutorService")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ForkJoinPool")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.CompletableFuture")
            .orShould().callMethodWhere(named("parallelStream", "java.util.Collection", "java.util.List",
                    "java.util.Set", "java.util.ArrayList"))
            .orShould().callMethodWhere(named("parallel", "java.util.stream.BaseStream", "java.util.stream.Stream",
                    "java.util.stream.IntStream", "java.util.stream.LongStream"))
            .because("engines are single-threaded state machines driven by whoever owns the simulation");

    static final ArchRule KERNEL_KNOWS_NO_ENGINE = noClasses().that().resideInAPackage("io.distviz.sim..")
            .should().dependOnClassesThat().resideInAnyPackage("io.distviz.chord..", "io.distviz.raft..",
                    "io.distviz.clocks..", "io.distviz.ui..", "io.distviz.cli..")
            .because("engines build on the kernel, not the other way round");

    static final ArchRule ENGINES_KNOW_NO_UI = noClasses().that().resideInAnyPackage(PURE)
            .should().dependOnClassesThat().resideInAnyPackage("io.distviz.ui..", "io.distviz.cli..")
            .because("views read engines' snapshots; engines never call views");

    static final ArchRule CLI_IS_HEADLESS = noClasses().that().resideInAPackage("io.distviz.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.distviz.ui..", "org.controlsfx..")
            .because("headless commands must run without a display or the JavaFX toolkit");

    /**
     * The trace (and its hash) describes a message by its payload's text. A record or enum prints its values;
     * a plain class or an array field prints an identity hash that differs from run to run.
     */
    static final ArchRule PAYLOADS_ARE_VALUES = classes().that().implement(Payload.class).and().areNotInterfaces()
            .should(new ArchCondition<JavaClass>("be records or enums with no array fields") {
                @Override
                public void check(JavaClass c, ConditionEvents events) {
                    boolean value = c.isEnum() || c.reflect().isRecord();
                    boolean arrays = c.getFields().stream().anyMatch(f -> f.getRawType().isArray());
                    if (!value || arrays) {
                        events.add(SimpleConditionEvent.violated(c, c.getName()
                                + (value ? " has an array field" : " is neither a record nor an enum")));
                    }
                }
            })
            .because("payloads are described in the trace by their text, which must be the same on every run");

    static final List<ArchRule> RULES = List.of(NO_JAVAFX, NO_WALL_CLOCK, NO_UNSEEDED_RANDOMNESS,
            NO_SALTED_ITERATION_ORDER, NO_THREADS, KERNEL_KNOWS_NO_ENGINE, ENGINES_KNOW_NO_UI, CLI_IS_HEADLESS,
            PAYLOADS_ARE_VALUES);

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.distviz");
    }

    @Test
    void theProductionCodeKeepsEveryLayerRule() {
        assertTrue(production.size() > 20, "classes were imported: " + production.size());
        StringBuilder report = new StringBuilder();
        for (ArchRule rule : RULES) {
            EvaluationResult result = rule.evaluate(production);
            if (result.hasViolation()) {
                report.append(result.getFailureReport()).append('\n');
            }
        }
        assertEquals("", report.toString());
    }

    @Test
    void theBenchmarkWorkloadIsHeldToTheDeterminismRulesButItsTimerIsNot() {
        assertTrue(DETERMINISTIC.test(production.get(io.distviz.bench.GossipNode.class)));
        assertFalse(DETERMINISTIC.test(production.get(io.distviz.bench.Benchmark.class)));
        assertTrue(DETERMINISTIC.test(production.get(io.distviz.sim.Simulation.class)));
    }

    @Test
    void eachRuleCatchesTheMistakeItIsAbout() {
        assertViolates(NO_JAVAFX, ImportsJavaFx.class);
        assertViolates(NO_WALL_CLOCK, ReadsTheWallClock.class);
        assertViolates(NO_UNSEEDED_RANDOMNESS, UsesUnseededRandom.class);
        assertViolates(NO_SALTED_ITERATION_ORDER, UsesHashSaltedSet.class);
        assertViolates(NO_THREADS, StartsAThread.class);
        assertViolates(PAYLOADS_ARE_VALUES, PlainClassPayload.class);
        assertViolates(PAYLOADS_ARE_VALUES, PlainClassPayload.ArrayPayload.class);
    }

    /** Bytecode does not show an import that nothing uses, so the sources are checked too. */
    @Test
    void noPureSourceFileImportsJavaFx() throws IOException {
        Pattern fxImport = Pattern.compile("^\\s*import\\s+(static\\s+)?(javafx|com\\.sun\\.javafx|org\\.controlsfx)\\.",
                Pattern.MULTILINE);
        Path root = Path.of("src/main/java/io/distviz");
        assertTrue(Files.isDirectory(root.resolve("sim")), "run from the project root");
        StringBuilder offenders = new StringBuilder();
        for (String pkg : List.of("sim", "chord", "raft", "clocks")) {
            Path dir = root.resolve(pkg);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    if (fxImport.matcher(Files.readString(f)).find()) {
                        offenders.append(f).append('\n');
                    }
                }
            }
        }
        assertEquals("", offenders.toString(), "JavaFX imported in kernel or engine sources");
        assertTrue(fxImport.matcher("package x;\nimport javafx.scene.paint.Color;\n").find());
        assertFalse(fxImport.matcher("// see javafx.scene docs\nimport java.util.List;\n").find());
    }

    private static void assertViolates(ArchRule rule, Class<?> bad) {
        JavaClasses classes = new ClassFileImporter().importClasses(bad);
        assertTrue(rule.evaluate(classes).hasViolation(), rule.getDescription() + " should reject " + bad.getName());
    }

    private static DescribedPredicate<JavaAccess<?>> named(String method, String... owners) {
        List<String> ownerList = List.of(owners);
        return DescribedPredicate.describe(method + " on " + ownerList,
                a -> a.getName().equals(method) && ownerList.contains(a.getTargetOwner().getFullName()));
    }
}
