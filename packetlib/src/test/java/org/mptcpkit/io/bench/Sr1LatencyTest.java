package org.mptcpkit.io.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A floor for {@link org.mptcpkit.io.PacketIo#sr1} latency, loose enough for a busy 2-core CI
 * machine (the target, measured with {@link Sr1Latency}, is a median of 0.5 ms): 1000 MP_CAPABLE
 * SYNs to the kernel's listener, every one answered, median under 2 ms.
 */
@Tag("kernel")
class Sr1LatencyTest {
    @Test
    void mpCapableSynRoundTripMedianIsUnderTwoMilliseconds() {
        Sr1Latency.Result r = Sr1Latency.run(1000, 200);
        System.out.println(r);
        assertEquals(0, r.lost(), r.toString());
        assertTrue(r.medianMillis() < 2.0, r.toString());
    }
}
