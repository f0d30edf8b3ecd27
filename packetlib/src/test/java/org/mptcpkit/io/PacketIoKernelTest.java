package org.mptcpkit.io;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mptcpkit.io.lab.Lab;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.Mss;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpFlags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PacketIo against the kernel in a lab: model packets out, decoded packets in. */
@Tag("kernel")
class PacketIoKernelTest {
    private static IpPacket syn(int sport, int dport, long seq) {
        return Ip4.of(ip -> ip.src("10.0.0.2").dst("10.0.0.1").df()
                .payload(Tcp.of(t -> t.srcPort(sport).dstPort(dport).seq(seq).flags(TcpFlags.SYN)
                        .options(Mss.of(1460), MpCapable.syn()))));
    }

    @Test
    void sr1DecodesTheKernelsMpCapableSynAck() {
        for (Lab.LinkType link : Lab.LinkType.values()) {
            try (Lab lab = Lab.builder().linkType(link).ipv6Paths(0).echoServer(0).build(); PacketIo io = PacketIo.open(lab)) {
                PacketIo.Received r = io.sr1(syn(41000, lab.server().port(), 7), 2000);
                assertNotNull(r, link + ": SYN-ACK");
                Tcp t = r.tcp();
                assertEquals(TcpFlags.SYN_ACK, t.flags());
                assertEquals(8, t.ack());
                assertTrue(t.option(MpCapable.SynAck.class).isPresent(), "the kernel's key: " + t);
                assertTrue(r.diagnostics().isEmpty(), r.diagnostics().toString());
                assertTrue(r.epochNanos() > 0);
                assertTrue(PacketIo.isAnswer(syn(41000, lab.server().port(), 7), r.packet()));
                assertTrue(!PacketIo.isAnswer(syn(41000, lab.server().port(), 1000), r.packet()), "ack 8 answers ISN 7, not 1000");
                Ip4 s = (Ip4) syn(41001, lab.server().port(), 9);
                assertNull(io.sr1(s.withPayload(((Tcp) s.payload()).withFlags(TcpFlags.RST)), 200), "a RST gets no answer");
            }
        }
    }

    @Test
    void batchSendThenSniffWithAFilterAndSrPairsAnswers() {
        try (Lab lab = Lab.builder().ipv6Paths(0).echoServer(0).build(); PacketIo io = PacketIo.open(lab)) {
            int port = lab.server().port();
            List<IpPacket> burst = new ArrayList<>();
            for (int i = 0; i < 10; i++) burst.add(syn(42000 + i, i % 2 == 0 ? port : 9, i));
            PacketIo.Capture rsts = io.startSniffer("tcp[tcpflags] & tcp-rst != 0", null);
            io.send(burst);
            List<PacketIo.Received> synAcks = io.sniff("tcp[tcpflags] & (tcp-syn|tcp-ack) == (tcp-syn|tcp-ack)", 5, 2000);
            // The sniff socket opened after the burst may miss early answers; the async one did not.
            for (PacketIo.Received r : synAcks) assertEquals(TcpFlags.SYN_ACK, r.tcp().flags());
            List<PacketIo.Received> got = new ArrayList<>();
            PacketIo.Received r;
            while (got.size() < 5 && (r = rsts.next(2000)) != null) got.add(r);
            rsts.stop();
            assertEquals(5, got.size());
            for (PacketIo.Received x : got) {
                assertEquals(9, x.tcp().srcPort());
                assertTrue(x.tcp().flags().rst());
            }
            List<PacketIo.Received> answers = io.sr(List.of(syn(43000, port, 100), syn(43001, 9, 200)), 2000);
            assertEquals(TcpFlags.SYN_ACK, answers.get(0).tcp().flags());
            assertEquals(43000, answers.get(0).tcp().dstPort());
            assertTrue(answers.get(1).tcp().flags().rst());
            assertEquals(43001, answers.get(1).tcp().dstPort());
        }
    }

    @Test
    void layer2SendKeepsAWrongIpChecksumThatLayer3WouldFix() {
        try (Lab lab = Lab.builder().ipv6Paths(0).echoServer(0).build(); PacketIo io = PacketIo.open(lab)) {
            int port = lab.server().port();
            Ip4 good = (Ip4) syn(44000, port, 1);
            CopyOnWriteArrayList<PacketIo.Received> seen = new CopyOnWriteArrayList<>();
            try (PacketIo.Capture c = io.startSniffer("tcp port 44000 or tcp port 44001 or tcp port 44002", seen::add)) {
                io.sendp(good);                                            // right: answered
                io.sendp(((Ip4) syn(44001, port, 1)).withHeaderChecksum(0xdead)); // wrong at layer 2: dropped by the kernel
                io.send(((Ip4) syn(44002, port, 1)).withHeaderChecksum(0xdead));  // layer 3: Linux fixes it, answered
                long deadline = System.nanoTime() + 1_000_000_000L;
                while (seen.size() < 2 && System.nanoTime() < deadline) Thread.onSpinWait();
                io.receive(200);
            }
            List<Integer> answered = new ArrayList<>();
            for (PacketIo.Received r : seen) answered.add(r.tcp().dstPort());
            assertTrue(answered.contains(44000), answered.toString());
            assertTrue(!answered.contains(44001), answered.toString());
            assertTrue(answered.contains(44002), answered.toString());
        }
    }

    @Test
    void tunLabsHaveNoKernelSideFilters() {
        try (Lab lab = Lab.builder().linkType(Lab.LinkType.TUN).ipv6Paths(0).build(); PacketIo io = PacketIo.open(lab)) {
            assertThrows(IllegalStateException.class, () -> io.sniff("tcp", 1, 10));
            io.send(syn(45000, 9, 1));
            PacketIo.Received rst = io.receive(2000);
            assertNotNull(rst);
            assertTrue(rst.tcp().flags().rst());
        }
    }
}
