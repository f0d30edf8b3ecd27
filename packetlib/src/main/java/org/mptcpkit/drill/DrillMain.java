package org.mptcpkit.drill;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mptcpkit.drill.exec.RunResult;
import org.mptcpkit.drill.exec.ScriptRun;
import org.mptcpkit.drill.exec.Suite;
import org.mptcpkit.drill.exec.Variant;
import org.mptcpkit.drill.parse.PacketdrillOptions;

/**
 * {@code mptcpkit drill}: replays packetdrill scripts against the kernel. Each script runs in the
 * variants its name selects (as the MPTCP fork's run_all.py), each run in a fresh network
 * namespace, {@code -j N} runs at once.
 *
 * <p>Exit status: 0 when every run passes, 1 when one fails, 2 for a parse error or a bad
 * command line.
 */
public final class DrillMain {
    public static final int PASS = 0;
    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 2;

    private DrillMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> defines = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        List<Path> paths = new ArrayList<>();
        List<Variant> only = new ArrayList<>();
        int jobs = 1;
        Path junit = null, baseline = null;
        boolean verbose = false, dryRun = false, quiet = false;
        Boolean progress = null;
        long waitExtra = 2000;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            try {
                if (a.equals("-h") || a.equals("--help")) {
                    out.println(usage());
                    return PASS;
                } else if (a.equals("-j") || a.startsWith("-j")) {
                    String v = a.length() > 2 ? a.substring(2) : args[++i];
                    jobs = Integer.parseInt(v);
                    if (jobs < 1) throw new NumberFormatException();
                } else if (a.startsWith("--jobs")) {
                    jobs = Integer.parseInt(value(a, args, i));
                    if (!a.contains("=")) i++;
                } else if (a.startsWith("--junit")) {
                    junit = Path.of(value(a, args, i));
                    if (!a.contains("=")) i++;
                } else if (a.startsWith("--baseline")) {
                    baseline = Path.of(value(a, args, i));
                    if (!a.contains("=")) i++;
                } else if (a.startsWith("--variant")) {
                    for (String v : value(a, args, i).split(",")) {
                        Variant var = Variant.of(v);
                        if (var == null) {
                            err.println("drill: unknown variant '" + v + "' (expected: ipv4, ipv4-mapped-v6, ipv6)");
                            return BAD_INPUT;
                        }
                        only.add(var);
                    }
                    if (!a.contains("=")) i++;
                } else if (a.startsWith("--wait_extra_ms")) {
                    waitExtra = Long.parseLong(value(a, args, i));
                    if (!a.contains("=")) i++;
                } else if (a.equals("-v") || a.equals("--verbose")) {
                    verbose = true;
                } else if (a.equals("-q") || a.equals("--quiet")) {
                    quiet = true;
                } else if (a.equals("--progress")) {
                    progress = true;
                } else if (a.equals("--no-progress")) {
                    progress = false;
                } else if (a.equals("--no_realtime")) {
                    options.put("realtime", "0");
                } else if (a.equals("--dry_run")) {
                    dryRun = true;
                } else if (a.startsWith("-D")) {
                    String v = a.length() > 2 ? a.substring(2) : args[++i];
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        err.println("drill: -D needs SYM=VAL");
                        return BAD_INPUT;
                    }
                    defines.put(v.substring(0, eq), v.substring(eq + 1));
                } else if (a.startsWith("--")) {
                    int eq = a.indexOf('=');
                    String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                    String v = eq < 0 ? null : a.substring(eq + 1);
                    if (v == null && PacketdrillOptions.takesArgument(name) && i + 1 < args.length) v = args[++i];
                    String problem = PacketdrillOptions.check(name, v);
                    if (problem != null) {
                        err.println("drill: " + problem);
                        return BAD_INPUT;
                    }
                    if (name.equals("ip_version")) {
                        only.add(Variant.of(v));
                    } else if (name.equals("define")) {
                        int e2 = v.indexOf('=');
                        defines.put(v.substring(0, e2), v.substring(e2 + 1));
                    } else {
                        options.put(name, v == null ? "1" : v);
                    }
                } else if (a.startsWith("-") && a.length() > 1) {
                    err.println("drill: unknown option '" + a + "'\n" + usage());
                    return BAD_INPUT;
                } else {
                    paths.add(Path.of(a));
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                err.println("drill: bad value for " + a + "\n" + usage());
                return BAD_INPUT;
            }
        }
        if (paths.isEmpty()) {
            err.println("drill: no script given\n" + usage());
            return BAD_INPUT;
        }
        for (Path p : paths) {
            if (!Files.exists(p)) {
                err.println("drill: " + p + ": no such file or directory");
                return BAD_INPUT;
            }
        }
        if (dryRun) {
            List<String> check = new ArrayList<>();
            for (Map.Entry<String, String> d : defines.entrySet()) check.add("-D" + d.getKey() + "=" + d.getValue());
            try {
                for (Path p : Suite.scripts(paths)) check.add(p.toString());
            } catch (IOException e) {
                err.println("drill: " + e.getMessage());
                return BAD_INPUT;
            }
            return DrillCheck.run(check.toArray(String[]::new), out, err);
        }
        List<Suite.Job> list;
        try {
            list = Suite.jobs(Suite.scripts(paths), only);
        } catch (IOException e) {
            err.println("drill: " + e.getMessage());
            return BAD_INPUT;
        }
        if (list.isEmpty()) {
            err.println("drill: no .pkt script found");
            return BAD_INPUT;
        }
        ScriptRun.Config template = new ScriptRun.Config(list.get(0).script(), list.get(0).variant(), defines, options,
                waitExtra, verbose ? out : null);
        boolean tty = System.console() != null;
        boolean showProgress = progress != null ? progress : (list.size() > 1 && !quiet);
        List<RunResult> results;
        long t0 = System.nanoTime();
        try {
            results = Suite.run(list, jobs, template, showProgress ? err : null, tty && progress == null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("drill: interrupted");
            return FAILURE;
        }
        long wall = System.nanoTime() - t0;
        boolean parseError = false, failed = false;
        for (RunResult r : results) {
            if (r.passed()) continue;
            failed = true;
            if (r.verdict() == RunResult.Verdict.ERROR) parseError = true;
            if (!quiet) err.print(r.report().endsWith("\n") ? r.report() : r.report() + "\n");
        }
        if (results.size() > 1 || verbose) {
            Suite.summary(results, out);
            out.printf("wall time %.2f s with -j %d%n", wall / 1e9, jobs);
        } else if (!quiet && results.get(0).passed()) {
            out.println(results.get(0).script() + " (" + results.get(0).variant().label() + "): pass");
        }
        if (junit != null) {
            try {
                Suite.junit(results, junit);
            } catch (IOException e) {
                err.println("drill: cannot write " + junit + ": " + e.getMessage());
                return BAD_INPUT;
            }
        }
        if (baseline != null) {
            try {
                compareBaseline(results, baseline, out);
            } catch (IOException e) {
                err.println("drill: cannot read " + baseline + ": " + e.getMessage());
                return BAD_INPUT;
            }
        }
        return parseError ? BAD_INPUT : failed ? FAILURE : PASS;
    }

    /**
     * Compares verdicts and first failing lines with a BASELINE.json of packetdrill's (entries with
     * {@code script}, {@code variant}, {@code verdict}, {@code first_failure}); prints the match count.
     */
    static int compareBaseline(List<RunResult> results, Path file, PrintStream out) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        Path root = file.toAbsolutePath().getParent();
        int match = 0, compared = 0;
        List<String> mismatches = new ArrayList<>();
        for (RunResult r : results) {
            String rel = root.relativize(Path.of(r.script()).toAbsolutePath().normalize()).toString();
            Map<String, String> entry = findEntry(json, rel, r.variant().label());
            if (entry == null) continue;
            compared++;
            boolean pass = "PASS".equals(entry.get("verdict"));
            int line = lineOf(entry.getOrDefault("first_failure", ""));
            boolean ok = pass == r.passed() && (pass || line == r.failureLine());
            if (ok) match++;
            else mismatches.add(rel + " " + r.variant().label() + ": packetdrill " + (pass ? "PASS" : "FAIL at line " + line)
                    + ", drill " + (r.passed() ? "PASS" : r.verdict() + " at line " + r.failureLine()));
        }
        out.println("baseline: " + match + "/" + compared + " runs reach packetdrill's verdict and first failing line");
        for (String m : mismatches) out.println("  differs: " + m);
        return match;
    }

    private static int lineOf(String firstFailure) {
        int c1 = firstFailure.indexOf(':');
        if (c1 < 0) return 0;
        int c2 = firstFailure.indexOf(':', c1 + 1);
        if (c2 < 0) return 0;
        try {
            return Integer.parseInt(firstFailure.substring(c1 + 1, c2));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The object in BASELINE.json's results with this script and variant (a small scanner, flat objects only). */
    private static Map<String, String> findEntry(String json, String script, String variant) {
        int i = 0;
        while ((i = json.indexOf('{', i + 1)) >= 0) {
            int end = json.indexOf('}', i);
            if (end < 0) break;
            Map<String, String> m = new LinkedHashMap<>();
            String body = json.substring(i + 1, end);
            int p = 0;
            while (true) {
                int k1 = body.indexOf('"', p);
                if (k1 < 0) break;
                int k2 = body.indexOf('"', k1 + 1);
                int colon = body.indexOf(':', k2);
                int v1 = body.indexOf('"', colon);
                if (k2 < 0 || colon < 0 || v1 < 0) break;
                StringBuilder v = new StringBuilder();
                int q = v1 + 1;
                while (q < body.length() && body.charAt(q) != '"') {
                    if (body.charAt(q) == '\\' && q + 1 < body.length()) q++;
                    v.append(body.charAt(q++));
                }
                m.put(body.substring(k1 + 1, k2), v.toString());
                p = q + 1;
            }
            if (script.equals(m.get("script")) && variant.equals(m.get("variant"))) return m;
            i = end;
        }
        return null;
    }

    private static String value(String a, String[] args, int i) {
        int eq = a.indexOf('=');
        if (eq >= 0) return a.substring(eq + 1);
        return args[i + 1];
    }

    private static String usage() {
        return """
                usage: mptcpkit drill [options] script.pkt|folder...
                  -j N, --jobs=N                 run N scripts at once, each in its own namespace
                  --variant=ipv4,ipv4-mapped-v6,ipv6
                                                 run only these variants (default: by file name,
                                                 as run_all.py: *v4.pkt skip ipv6, *v6.pkt skip ipv4)
                  --junit=FILE                   write JUnit XML
                  --baseline=BASELINE.json       compare verdicts with packetdrill's
                  --wait_extra_ms=N              wait this long past an outbound packet's time (2000)
                  -D SYM=VAL                     define a macro, as packetdrill's -D
                  --dry_run                      parse only
                  --no_realtime                  do not run scripts under SCHED_RR
                  -v, --verbose                  log every packet and system call
                  -q, --quiet                    print no failure reports
                  --progress, --no-progress      force the live progress line on or off
                  other packetdrill options (--tolerance_usecs=N, ...) override the scripts'
                exit status: 0 all pass, 1 a run failed, 2 parse error or bad command line""";
    }
}
