package org.mptcpkit.drill.exec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs many scripts and variants in one JVM, {@code jobs} at a time, each in its own namespace;
 * reports progress, a summary table, injection timing and JUnit XML.
 */
public final class Suite {
    /** One script in one variant. */
    public record Job(Path script, Variant variant) {
    }

    private Suite() {
    }

    /** The {@code .pkt} files under each path (a file is taken as is), sorted, folders recursively. */
    public static List<Path> scripts(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.toString().endsWith(".pkt") && Files.isRegularFile(f)).sorted().forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** Each script in the variants its name selects (run_all.py's rule), or in {@code only} when given. */
    public static List<Job> jobs(List<Path> scripts, List<Variant> only) {
        List<Job> jobs = new ArrayList<>();
        for (Path s : scripts) {
            List<Variant> vs = Variant.forFile(s);
            for (Variant v : vs) {
                if (only.isEmpty() || only.contains(v)) jobs.add(new Job(s, v));
            }
        }
        return jobs;
    }

    /**
     * Runs {@code jobs}, {@code parallel} at a time, results in job order. {@code progress} (may be
     * null) gets a live line.
     */
    public static List<RunResult> run(List<Job> jobs, int parallel, ScriptRun.Config template, PrintStream progress,
                                      boolean tty) throws InterruptedException {
        Warmup.once();
        List<RunResult> results = new ArrayList<>();
        AtomicInteger done = new AtomicInteger(), failed = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel),
                r -> Thread.ofPlatform().name("drill-job").daemon(true).unstarted(r))) {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (Job j : jobs) {
                futures.add(pool.submit(() -> {
                    ScriptRun.Config c = new ScriptRun.Config(j.script(), j.variant(), template.defines(), template.options(),
                            template.waitExtraMillis(), template.verbose());
                    RunResult r = ScriptRun.run(c);
                    int n = done.incrementAndGet();
                    if (!r.passed()) failed.incrementAndGet();
                    if (progress != null) {
                        synchronized (progress) {
                            String line = "[" + n + "/" + jobs.size() + "] " + (n - failed.get()) + " passed, " + failed.get()
                                    + " failed; last: " + j.script().getFileName() + " " + j.variant().label() + " "
                                    + r.verdict();
                            if (tty) progress.print("\r\033[K" + line);
                            else progress.println(line);
                            progress.flush();
                        }
                    }
                    return r;
                }));
            }
            for (Future<RunResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        if (progress != null && tty) progress.println();
        return results;
    }

    /** The summary table: one row per run, then totals and injection timing. */
    public static void summary(List<RunResult> results, PrintStream out) {
        int w = 10;
        for (RunResult r : results) w = Math.max(w, r.script().length());
        out.println(pad("script", w) + "  " + pad("variant", 14) + "  verdict  time(s)  first failure");
        int pass = 0;
        long total = 0;
        for (RunResult r : results) {
            if (r.passed()) pass++;
            total += r.elapsedNanos();
            out.println(pad(r.script(), w) + "  " + pad(r.variant().label(), 14) + "  " + pad(r.verdict().toString(), 7) + "  "
                    + String.format("%7.2f", r.elapsedNanos() / 1e9) + "  " + firstLine(r.firstFailure()));
        }
        out.println(pass + " passed, " + (results.size() - pass) + " failed");
        long[] inj = injection(results);
        if (inj.length > 0) {
            out.printf("injection timing error over %d packets: p50 %.1f us, p99 %.1f us, max %.1f us%n", inj.length,
                    percentile(inj, 50) / 1e3, percentile(inj, 99) / 1e3, inj[inj.length - 1] / 1e3);
            long[] edges = {50_000, 100_000, 200_000, 500_000, 1_000_000};
            int[] counts = new int[edges.length + 1];
            for (long v : inj) {
                int b = 0;
                while (b < edges.length && v >= edges[b]) b++;
                counts[b]++;
            }
            out.printf("  distribution: <50us %d, 50-100us %d, 100-200us %d, 200-500us %d, 0.5-1ms %d, >=1ms %d%n",
                    counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
        }
        out.printf("sum of run times %.2f s%n", total / 1e9);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** All injection errors of all runs, sorted, in nanoseconds. */
    public static long[] injection(List<RunResult> results) {
        int n = 0;
        for (RunResult r : results) n += r.injectionErrors().length;
        long[] all = new long[n];
        int i = 0;
        for (RunResult r : results) for (long v : r.injectionErrors()) all[i++] = v;
        Arrays.sort(all);
        return all;
    }

    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    private static String pad(String s, int w) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < w) sb.append(' ');
        return sb.toString();
    }

    /** JUnit XML: one testsuite, one testcase per run, a failure element with the report. */
    public static void junit(List<RunResult> results, Path file) throws IOException {
        int failures = 0, errors = 0;
        long total = 0;
        for (RunResult r : results) {
            if (r.verdict() == RunResult.Verdict.FAIL) failures++;
            if (r.verdict() == RunResult.Verdict.ERROR) errors++;
            total += r.elapsedNanos();
        }
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuite name=\"mptcpkit drill\" tests=\"").append(results.size()).append("\" failures=\"").append(failures)
                .append("\" errors=\"").append(errors).append("\" time=\"").append(String.format("%.3f", total / 1e9)).append("\">\n");
        for (RunResult r : results) {
            sb.append("  <testcase classname=\"").append(xml(r.script())).append("\" name=\"").append(xml(r.variant().label()))
                    .append("\" time=\"").append(String.format("%.3f", r.elapsedNanos() / 1e9)).append('"');
            if (r.passed()) {
                sb.append("/>\n");
                continue;
            }
            String tag = r.verdict() == RunResult.Verdict.FAIL ? "failure" : "error";
            sb.append(">\n    <").append(tag).append(" message=\"").append(xml(r.firstFailure())).append("\">")
                    .append(xml(r.report())).append("</").append(tag).append(">\n  </testcase>\n");
        }
        sb.append("</testsuite>\n");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') sb.append("&#x").append(Integer.toHexString(c)).append(';');
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }
}
