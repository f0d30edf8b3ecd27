package org.mptcpkit.io.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A floor for the raw send rate, loose enough for a busy 2-core CI machine (the target, measured
 * with {@link RawSendBenchmark}, is 200,000 packets/s): a regression to per-packet allocation or
 * handle lookups would fall far below it. Every packet sent must reach the kernel side's link.
 */
@Tag("kernel")
class RawSendThroughputTest {
    @Test
    void batchedRawSendsReachTheKernelSideFast() throws Exception {
        RawSendBenchmark.Result r = RawSendBenchmark.run(true, 1.0);
        System.out.println(r);
        assertTrue(r.rate() >= 50_000, r.toString());
        assertTrue(r.received() >= r.sent() * 0.95, "delivered: " + r);
    }
}
