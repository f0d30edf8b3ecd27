package org.mptcpkit.io.lab;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mptcpkit.io.TestPackets;
import org.mptcpkit.io.net.Frame;
import org.mptcpkit.io.net.PacketSocket;
import org.mptcpkit.io.net.Sniffer;
import org.mptcpkit.packet.Bytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** send / sr / sr1 and sniffers against the kernel in a lab. */
@Tag("kernel")
class LabExchangeTest {
    private static final InetAddress PEER = InetAddress.ofLiteral("10.0.0.2");
    private static final InetAddress KERNEL = InetAddress.ofLiteral("10.0.0.1");

    private static Bytes syn(int sport, int dport, long seq) {
        return Bytes.of(TestPackets.syn(PEER, sport, KERNEL, dport, seq, TestPackets.MPC_SYN_OPTIONS));
    }

    @Test
    void sr1MatchesTheSynAckTheRstAndTimesOutOnSilence() {
        for (Lab.LinkType link : Lab.LinkType.values()) {
            try (Lab lab = Lab.builder().linkType(link).ipv6Paths(0).echoServer(0).blackhole("198.18.0.0/15").build()) {
                int port = lab.server().port();
                Bytes synAck = lab.sr1(syn(42000, port, 1000), 2000);
                assertNotNull(synAck, link + ": SYN-ACK");
                byte[] b = synAck.toByteArray();
                assertEquals(0x12, TestPackets.tcpFlags(b));
                assertEquals(1001, synAck.u32(TestPackets.tcpOffset(b) + 8), "acks our ISN + 1");

                Bytes rst = lab.sr1(syn(42001, 9, 5), 2000);
                assertNotNull(rst, link + ": RST from a closed port");
                assertEquals(0x14, TestPackets.tcpFlags(rst.toByteArray()));

                long t0 = System.nanoTime();
                Bytes none = lab.sr1(Bytes.of(TestPackets.syn(PEER, 42002, InetAddress.ofLiteral("198.18.0.1"), 80, 1, new byte[0])), 300);
                assertNull(none, "the blackhole never answers");
                assertTrue(System.nanoTime() - t0 >= 280_000_000L);
            }
        }
    }

    @Test
    void srPairsEveryAnswerWithItsPacket() {
        try (Lab lab = Lab.builder().ipv6Paths(0).echoServer(0).build()) {
            int port = lab.server().port();
            List<Bytes> out = List.of(syn(43000, port, 100), syn(43001, 9, 200), syn(43002, port, 300));
            List<Bytes> in = lab.sr(out, 2000);
            assertEquals(3, in.size());
            for (int i = 0; i < 3; i++) {
                assertNotNull(in.get(i), "answer " + i);
                assertEquals(43000 + i, TestPackets.dstPort(in.get(i).toByteArray()));
            }
            assertEquals(0x12, TestPackets.tcpFlags(in.get(0).toByteArray()));
            assertEquals(0x14, TestPackets.tcpFlags(in.get(1).toByteArray()));
            assertEquals(0x12, TestPackets.tcpFlags(in.get(2).toByteArray()));
        }
    }

    @Test
    void asyncSnifferWithCallbackAndWithQueue() {
        try (Lab lab = Lab.builder().ipv6Paths(0).build();
             PacketSocket kernelSide = lab.openKernelSniffer(true)) {
            kernelSide.setFilter("tcp dst port 7");
            AtomicInteger seen = new AtomicInteger();
            Sniffer s = Sniffer.start(kernelSide, f -> !f.isOutgoing(), f -> seen.incrementAndGet());
            List<Bytes> burst = new ArrayList<>();
            for (int i = 0; i < 100; i++) burst.add(Bytes.of(TestPackets.syn(PEER, 44000 + i, KERNEL, 7, i, new byte[0])));
            lab.sendAll(burst);
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (seen.get() < 100 && System.nanoTime() < deadline) Thread.onSpinWait();
            assertEquals(List.of(), s.stop());
            assertEquals(100, seen.get());
            assertEquals(100, s.captured());

            Sniffer q = Sniffer.start(kernelSide, f -> !f.isOutgoing());
            lab.send(burst.get(5));
            Frame f = q.next(2000);
            assertNotNull(f);
            assertEquals(burst.get(5), f.data());
            assertNull(q.next(100));
            q.stop();
            assertTrue(!q.isRunning());
        }
    }

    @Test
    void syncSniffStopsAtCountOrTimeout() {
        try (Lab lab = Lab.builder().linkType(Lab.LinkType.TUN).ipv6Paths(0).build()) {
            lab.sendAll(List.of(syn(45000, 9, 1), syn(45001, 9, 2), syn(45002, 9, 3)));
            List<Frame> rsts = Sniffer.sniff(lab.tun(), 2, 2000, f -> TestPackets.isTcp(f.data().toByteArray()));
            assertEquals(2, rsts.size());
            List<Frame> last = Sniffer.sniff(lab.tun(), 5, 300, null);
            assertEquals(1, last.size(), "one RST left, then the timeout");
        }
    }

    @Test
    void aFailingCallbackEndsTheSnifferAndStopReportsIt() {
        try (Lab lab = Lab.builder().ipv6Paths(0).build();
             PacketSocket kernelSide = lab.openKernelSniffer(true)) {
            Sniffer s = Sniffer.start(kernelSide, null, f -> {
                throw new IllegalStateException("callback failed");
            });
            lab.send(syn(46000, 9, 1));
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (s.isRunning() && System.nanoTime() < deadline) Thread.onSpinWait();
            IllegalStateException e = assertThrows(IllegalStateException.class, s::stop);
            assertEquals("callback failed", e.getMessage());
        }
    }
}
