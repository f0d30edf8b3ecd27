package org.mptcpkit.shell;

/**
 * Start-up instrumentation: with {@code MPTCPKIT_TIMING=1} in the environment, {@link #mark}
 * prints {@code [timing] what 0.412 s} to standard error, counted from {@code MPTCPKIT_T0} (a
 * {@code date +%s%N} taken before the JVM started) or else from the process start. Costs one
 * environment lookup when off.
 */
final class Timing {
    private static final boolean ON = System.getenv("MPTCPKIT_TIMING") != null;
    private static final long T0 = ON ? origin() : 0;

    private Timing() {
    }

    static void mark(String what) {
        if (!ON) return;
        java.time.Instant now = java.time.Instant.now();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long micros = (nowNanos - T0) / 1000;
        System.err.println("[timing] " + what + " " + micros / 1000 + "." + (micros % 1000 + 1000 + "").substring(1) + " ms");
    }

    private static long origin() {
        String t0 = System.getenv("MPTCPKIT_T0");
        if (t0 != null) {
            try {
                return Long.parseLong(t0.strip());
            } catch (NumberFormatException ignored) {
                // fall through to the process start
            }
        }
        return ProcessHandle.current().info().startInstant()
                .map(i -> i.getEpochSecond() * 1_000_000_000L + i.getNano()).orElse(System.currentTimeMillis() * 1_000_000L);
    }
}
