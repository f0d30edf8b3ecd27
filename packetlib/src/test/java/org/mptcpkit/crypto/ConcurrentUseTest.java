package org.mptcpkit.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.mptcpkit.packet.Bytes;

/**
 * The per-thread engines and buffers must give every thread its own results: many threads
 * computing different values at once each get what a lone thread gets.
 */
class ConcurrentUseTest {
    private static String all(long seed) {
        long k1 = seed * 0x9e3779b97f4a7c15L;
        long k2 = ~k1 ^ seed;
        long r1 = seed & 0xffffffffL;
        long r2 = (seed >>> 7) & 0xffffffffL;
        return MptcpKeys.token(k1, MptcpKeys.V1) + " " + MptcpKeys.idsn(k2, MptcpKeys.V0) + " "
                + MpJoinHmac.synAckTruncatedHmac(MptcpKeys.V1, k1, k2, r1, r2) + " "
                + MpJoinHmac.ackHmac(MptcpKeys.V0, k1, k2, r1, r2).hex() + " "
                + AddAddrHmac.truncatedHmac(k1, k2, (int) (seed & 0xff), Bytes.ofLong(seed).slice(0, 4), 0) + " "
                + DssChecksum.mpCapableChecksum(k1, 8, Bytes.ofLong(seed));
    }

    @Test
    void threadsDoNotShareState() throws Exception {
        int seeds = 400;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < seeds; i++) expected.add(all(i));
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t * 37;
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 5; round++) {
                        for (int i = 0; i < seeds; i++) {
                            int s = (i + offset) % seeds;
                            assertEquals(expected.get(s), all(s));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        }
    }
}
