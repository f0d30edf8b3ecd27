package org.mptcpkit.drill.exec;

import java.util.Objects;

/**
 * The outcome of one script in one variant.
 *
 * @param script          the script path as given
 * @param variant         the address variant
 * @param verdict         pass, fail (the kernel did not behave as scripted) or error (the script
 *                        or the environment is broken: parse error, no privileges)
 * @param firstFailure    packetdrill's one-line message ({@code file:line: ...}), empty on a pass
 * @param failureLine     the script line of the first failure, 0 on a pass
 * @param report          the full report: every differing field, both packets, the script line
 * @param elapsedNanos    wall time of the run, namespace setup included
 * @param injectionErrors for each injected packet, actual minus scripted time in nanoseconds
 */
public record RunResult(String script, Variant variant, Verdict verdict, String firstFailure, int failureLine,
                        String report, long elapsedNanos, long[] injectionErrors) {
    public enum Verdict { PASS, FAIL, ERROR }

    public RunResult {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(firstFailure, "firstFailure");
        Objects.requireNonNull(report, "report");
        injectionErrors = injectionErrors.clone();
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }

    @Override
    public long[] injectionErrors() {
        return injectionErrors.clone();
    }
}
