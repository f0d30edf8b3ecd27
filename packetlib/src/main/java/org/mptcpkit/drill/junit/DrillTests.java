package org.mptcpkit.drill.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.mptcpkit.drill.exec.RunResult;
import org.mptcpkit.drill.exec.ScriptRun;
import org.mptcpkit.drill.exec.Suite;
import org.mptcpkit.drill.exec.Variant;
import org.mptcpkit.io.lab.NetNamespace;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Turns a folder of {@code .pkt} scripts into JUnit 5 dynamic tests: one container per script,
 * one test per variant (chosen by the file name as run_all.py does, or given). A failing run
 * fails its test with the full report (every differing field, both packets, the script line).
 *
 * <pre>{@code
 * @Tag("kernel")
 * @TestFactory
 * Stream<DynamicNode> drill() {
 *     return DrillTests.in(Path.of("src/test/resources/drill")).jobs(2).stream();
 * }
 * }</pre>
 *
 * <p>The runs need root (a network namespace each); without it every test is skipped, not failed.
 * With {@link #jobs(int)} above 1, the first test to execute runs the whole folder in parallel
 * and each test then reports its own result.
 *
 * <p>JUnit Jupiter's API is an optional dependency of packetlib: this is the only class that
 * needs it.
 */
public final class DrillTests {
    private final List<Path> roots;
    private final List<Variant> variants = new ArrayList<>();
    private final Map<String, String> defines = new LinkedHashMap<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private int jobs = 1;
    private Map<Suite.Job, RunResult> results;

    private DrillTests(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** The scripts in these files and folders (recursively). */
    public static DrillTests in(Path... paths) {
        return new DrillTests(List.of(paths));
    }

    /** Runs every script in these variants only (default: by file name). */
    public DrillTests variants(Variant... only) {
        variants.addAll(List.of(only));
        return this;
    }

    /** A {@code -D} symbol for every script. */
    public DrillTests define(String symbol, String value) {
        defines.put(symbol, value);
        return this;
    }

    /** A packetdrill option ({@code tolerance_usecs}, ...) for every script, overriding the script's. */
    public DrillTests option(String name, String value) {
        options.put(name, value);
        return this;
    }

    /** Runs up to {@code n} scripts at once, each in its own namespace. */
    public DrillTests jobs(int n) {
        if (n < 1) throw new IllegalArgumentException("jobs: " + n + " (expected: 1 or more)");
        jobs = n;
        return this;
    }

    /** The dynamic tests: one container per script, one test per variant. */
    public Stream<DynamicNode> stream() {
        List<Suite.Job> all;
        try {
            all = Suite.jobs(Suite.scripts(roots), variants);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Path, List<Suite.Job>> byScript = new LinkedHashMap<>();
        for (Suite.Job j : all) byScript.computeIfAbsent(j.script(), k -> new ArrayList<>()).add(j);
        List<DynamicNode> nodes = new ArrayList<>();
        for (Map.Entry<Path, List<Suite.Job>> e : byScript.entrySet()) {
            List<DynamicTest> tests = new ArrayList<>();
            for (Suite.Job j : e.getValue()) {
                tests.add(DynamicTest.dynamicTest(j.variant().label(), e.getKey().toUri(), () -> check(j, all)));
            }
            nodes.add(DynamicContainer.dynamicContainer(e.getKey().getFileName().toString(), e.getKey().toUri(), tests.stream()));
        }
        return nodes.stream();
    }

    private void check(Suite.Job job, List<Suite.Job> all) throws InterruptedException {
        Assumptions.assumeTrue(canRun(), "mptcpkit drill needs root (CAP_NET_ADMIN) for its network namespaces");
        RunResult r;
        ScriptRun.Config template = new ScriptRun.Config(job.script(), job.variant(), defines, options, 2000, null);
        if (jobs > 1) {
            synchronized (this) {
                if (results == null) {
                    results = new LinkedHashMap<>();
                    List<RunResult> rs = Suite.run(all, jobs, template, null, false);
                    for (int i = 0; i < all.size(); i++) results.put(all.get(i), rs.get(i));
                }
                r = results.get(job);
            }
        } else {
            r = ScriptRun.run(new ScriptRun.Config(job.script(), job.variant(), defines, options, 2000, null));
        }
        if (!r.passed()) fail(r.report());
    }

    private static Boolean runnable;

    private static synchronized boolean canRun() {
        if (runnable == null) {
            try (NetNamespace ns = NetNamespace.create("drill-probe")) {
                runnable = !ns.isClosed();
            } catch (RuntimeException e) {
                runnable = false;
            }
        }
        return runnable;
    }
}
