package org.mptcpkit.peer;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mptcpkit.io.lab.Lab;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.Tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The judges of issues 3 and 4: the kernel accepts what the peer crafts. */
@Tag("kernel")
class MptcpPeerKernelTest {
    private static Bytes utf8(String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void handshakeDataAndEchoWithKernelDssMapping() {
        try (Lab lab = Lab.builder().ipv4Paths(2).ipv6Paths(0).build();
             KernelApp app = new KernelApp(lab);
             MptcpPeer peer = MptcpPeer.builder(lab).remotePort(app.port).build()) {
            Map<String, Long> before = lab.mptcpCounters();
            peer.connect();
            app.accept(2000);
            assertTrue(app.conn.isMptcp());
            Step s = peer.send(utf8("hello, kernel"));
            assertArrayEquals("hello, kernel".getBytes(StandardCharsets.UTF_8), app.read(13, 2000));
            app.conn.write("echo!".getBytes(StandardCharsets.UTF_8), 2000);
            Step r = peer.receive(5, 2000);
            assertEquals("echo!", new String(r.data().toByteArray(), StandardCharsets.UTF_8));
            // The kernel's data came with a DSS mapping: its first DSN is IDSN(K_B) + 1, SSN 1.
            Tcp data = null;
            for (IpPacket p : r.received()) {
                Tcp t = p.tcp().orElseThrow();
                if (!t.payload().isEmpty()) data = t;
            }
            Dss mapping = data.option(Dss.class).orElseThrow();
            assertTrue(mapping.mappingPresent());
            assertEquals(peer.remoteIdsn() + 1, mapping.dataSequenceNumber());
            assertEquals(1, mapping.subflowSequenceNumber());
            assertEquals(5, mapping.dataLevelLength());
            // ... which the peer acknowledged at both levels.
            Tcp ack = r.sent().get(r.sent().size() - 1).tcp().orElseThrow();
            assertEquals(peer.remoteIdsn() + 6, ack.option(Dss.class).orElseThrow().dataAck());
            assertEquals(data.seq() + 5, ack.ack());
            // The kernel's DATA_ACK covers our 13 bytes, and nothing is retransmitted (RTO >= 200 ms).
            assertEquals(peer.localIdsn() + 14, peer.dataSndUna());
            Step quiet = peer.poll(300);
            assertEquals(0, quiet.received().size(), "no retransmission: " + quiet);
            assertEquals(0, peer.subflow(0).duplicates());
            Map<String, Long> after = lab.mptcpCounters();
            assertEquals(1, delta(before, after, "MPCapableSYNRX"));
            assertEquals(1, delta(before, after, "MPCapableACKRX"));
            assertEquals(0, delta(before, after, "MPCapableFallbackACK"));
        }
    }

    private static final InetAddress PEER2 = InetAddress.ofLiteral("10.0.1.2");

    private static long delta(Map<String, Long> before, Map<String, Long> after, String name) {
        if (!after.containsKey(name)) throw new AssertionError("no counter MPTcpExt." + name + " in this kernel");
        return after.get(name) - before.getOrDefault(name, 0L);
    }

    @Test
    void joinedSubflowCarriesInterleavedDataInOrder() {
        try (Lab lab = Lab.builder().ipv4Paths(2).ipv6Paths(0).build();
             KernelApp app = new KernelApp(lab);
             MptcpPeer peer = MptcpPeer.builder(lab).remotePort(app.port).build()) {
            peer.connect();
            app.accept(2000);
            Map<String, Long> before = lab.mptcpCounters();
            Step join = peer.join(PEER2, 2);
            Subflow sf1 = join.subflow();
            assertEquals(Subflow.State.FULLY_ESTABLISHED, sf1.state());
            assertTrue(sf1.synAckHmacValid());
            Map<String, Long> after = lab.mptcpCounters();
            assertEquals(1, delta(before, after, "MPJoinSynRx"));
            assertEquals(1, delta(before, after, "MPJoinAckRx"));
            assertEquals(0, delta(before, after, "MPJoinAckHMacFailure"));
            PeerState st = peer.snapshot();
            assertEquals(2, st.subflows().size());
            assertEquals(org.mptcpkit.crypto.MptcpKeys.token(st.remoteKey(), 1), st.remoteToken());
            assertEquals(2, st.subflows().get(1).localAddressId());
            assertEquals(sf1.remoteRandom(), st.subflows().get(1).remoteRandom());
            assertTrue(st.subflows().get(1).join());

            StringBuilder expected = new StringBuilder();
            Subflow sf0 = peer.subflow(0);
            for (int i = 0; i < 20; i++) {
                String chunk = "chunk-" + i + (i % 2 == 0 ? "-on-sf0;" : "-on-sf1;");
                peer.send(i % 2 == 0 ? sf0 : sf1, utf8(chunk));
                expected.append(chunk);
            }
            byte[] want = expected.toString().getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(want, app.read(want.length, 2000), "the application reads the data in DSN order");
            // The kernel acknowledges all of it at the data level.
            peer.poll(50);
            assertEquals(peer.dataSndNxt(), peer.dataSndUna(), "DATA_ACK covers everything sent");
        }
    }

    @Test
    void joinWithWrongHmacIsRefused() {
        try (Lab lab = Lab.builder().ipv4Paths(2).ipv6Paths(0).build();
             KernelApp app = new KernelApp(lab);
             MptcpPeer peer = MptcpPeer.builder(lab).remotePort(app.port).build()) {
            peer.connect();
            app.accept(2000);
            Map<String, Long> before = lab.mptcpCounters();
            Subflow sf = peer.newSubflow(PEER2, InetAddress.ofLiteral("10.0.0.1"), 3, false);
            peer.sendJoinSyn(sf, p -> p);
            peer.awaitJoinSynAck(sf, 1000);
            IpPacket good = peer.prepareJoinAck(sf);
            peer.sendJoinAck(sf, Alter.option(org.mptcpkit.packet.MpJoin.Ack.class, a -> {
                byte[] h = a.senderHmac().toByteArray();
                h[0] ^= 1; // one bit of the HMAC wrong, everything else right
                return a.withSenderHmac(Bytes.wrap(h));
            }));
            PeerException e = org.junit.jupiter.api.Assertions.assertThrows(PeerException.class, () -> peer.awaitJoinAck(sf, 1000));
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
            assertEquals(Subflow.State.RESET, sf.state());
            Map<String, Long> after = lab.mptcpCounters();
            assertEquals(1, delta(before, after, "MPJoinAckHMacFailure"));
            assertEquals(0, delta(before, after, "MPJoinAckRx"));
            assertTrue(good != null);
        }
    }

    @Test
    void addAddressRightHmacAcceptedWrongHmacDropped() {
        try (Lab lab = Lab.builder().ipv4Paths(3).ipv6Paths(0).build();
             KernelApp app = new KernelApp(lab);
             MptcpPeer peer = MptcpPeer.builder(lab).remotePort(app.port).build()) {
            peer.connect();
            app.accept(2000);
            Map<String, Long> c0 = lab.mptcpCounters();
            Step ok = peer.addAddress(5, PEER2, 0);
            Map<String, Long> c1 = lab.mptcpCounters();
            assertEquals(1, delta(c0, c1, "AddAddr"));
            assertTrue(peer.addressesEchoed().contains(5), "the kernel echoes the announcement");

            peer.addAddress(6, InetAddress.ofLiteral("10.0.2.2"), 0,
                    Alter.option(org.mptcpkit.packet.AddAddr.V1.class, a -> a.toBuilder().truncatedHmac(a.truncatedHmac() ^ 1).build()));
            peer.poll(200);
            Map<String, Long> c2 = lab.mptcpCounters();
            // Linux 6.18 drops an ADD_ADDR whose HMAC is wrong without a counter of its own
            // (options.c: the option is processed only "if add_addr_hmac_valid"; AddAddrDrop
            // counts announcements the path manager had no room for): the judges are that
            // nothing moved, no echo came, and no subflow was tried towards the forged address.
            assertEquals("", diff(c1, c2), "no MPTcpExt counter moves for a forged ADD_ADDR");
            assertTrue(!peer.addressesEchoed().contains(6), "no echo of a forged announcement");
            // The genuine one made the kernel's path manager open a subflow towards it.
            assertTrue(kernelSynsTo(peer, "10.0.1.2") > 0, "kernel MP_JOIN towards the announced address");
            assertEquals(0, kernelSynsTo(peer, "10.0.2.2"), "no kernel MP_JOIN towards the forged address");

            // With a port, the option (18 bytes) and the timestamps leave no room for the DSS.
            Step withPort = peer.addAddress(8, InetAddress.ofLiteral("10.0.2.2"), 10100);
            Map<String, Long> c3 = lab.mptcpCounters();
            assertEquals(1, delta(c2, c3, "AddAddr"));
            assertEquals(1, delta(c2, c3, "PortAdd"));
            assertTrue(peer.addressesEchoed().contains(8), withPort.toString());
            assertTrue(withPort.sent().get(0).tcp().orElseThrow().option(Dss.class).isEmpty());
        }
    }

    private static int kernelSynsTo(MptcpPeer peer, String address) {
        int n = 0;
        for (Step st : peer.transcript()) {
            for (Event e : st.events()) {
                if (e.isSent() || !(e.packet() instanceof org.mptcpkit.packet.Ip4 ip)) continue;
                Tcp t = (Tcp) ip.payload();
                if (t.flags().syn() && !t.flags().ack() && ip.dst().toString().equals(address)
                        && t.option(org.mptcpkit.packet.MpJoin.Syn.class).isPresent()) n++;
            }
        }
        return n;
    }

    // The timestamp value is the clock's: everything else of a prepared packet is what goes out.
    private static IpPacket noTimestamps(IpPacket p) {
        org.mptcpkit.packet.Ip4 ip = (org.mptcpkit.packet.Ip4) p;
        Tcp t = (Tcp) ip.payload();
        java.util.List<org.mptcpkit.packet.TcpOption> opts = new java.util.ArrayList<>(t.options());
        opts.removeIf(o -> o instanceof org.mptcpkit.packet.Timestamps);
        return ip.withPayload(t.withOptions(opts));
    }

    static String diff(Map<String, Long> a, Map<String, Long> b) {
        StringBuilder s = new StringBuilder();
        for (var e : b.entrySet()) {
            long d = e.getValue() - a.getOrDefault(e.getKey(), 0L);
            if (d != 0) s.append(e.getKey()).append(" +").append(d).append(' ');
        }
        return s.toString();
    }

    @Test
    void removeAddressPrioAndFastClose() {
        try (Lab lab = Lab.builder().ipv4Paths(2).ipv6Paths(0).build();
             KernelApp app = new KernelApp(lab);
             MptcpPeer peer = MptcpPeer.builder(lab).remotePort(app.port).build()) {
            peer.connect();
            app.accept(2000);
            Subflow sf1 = peer.join(PEER2, 7).subflow();
            Map<String, Long> c0 = lab.mptcpCounters();
            peer.setBackup(sf1, true);
            peer.poll(50);
            Map<String, Long> c1 = lab.mptcpCounters();
            assertEquals(1, delta(c0, c1, "MPPrioRx"));

            Step rm = peer.removeAddress(7);
            Map<String, Long> c2 = lab.mptcpCounters();
            assertEquals(1, delta(c1, c2, "RmAddr"));
            assertTrue(sf1.finReceived(), "the kernel closed the subflow of the removed address: " + rm);
            peer.poll(100);
            assertEquals(Subflow.State.CLOSED, sf1.state());
            // sf0 still carries data.
            peer.send(utf8("still here"));
            assertArrayEquals("still here".getBytes(StandardCharsets.UTF_8), app.read(10, 2000));
            c2 = lab.mptcpCounters();

            peer.fastClose();
            String outcome = app.readOutcome(2000);
            Map<String, Long> c3 = lab.mptcpCounters();
            assertEquals(1, delta(c2, c3, "MPFastcloseRx"));
            assertEquals("ECONNRESET", outcome, "the application's socket is reset");
            assertEquals(MptcpPeer.State.FAST_CLOSED, peer.state());
        }
    }

    @Test
    void closeWithDataFin() {
        try (Lab lab = Lab.builder().ipv4Paths(1).ipv6Paths(0).build();
             KernelApp app = new KernelApp(lab);
             MptcpPeer peer = MptcpPeer.builder(lab).remotePort(app.port).build()) {
            peer.connect();
            app.accept(2000);
            peer.send(utf8("bye"));
            assertArrayEquals("bye".getBytes(StandardCharsets.UTF_8), app.read(3, 2000));
            peer.sendDataFin(p -> p);
            assertEquals("EOF", app.readOutcome(2000));
            app.conn.close();
            app.conn = null;
            Step c = peer.close(1000);
            assertEquals(MptcpPeer.State.CLOSED, peer.state());
            assertTrue(peer.dataFinReceived(), "the kernel's DATA_FIN was received and acknowledged: " + c);
            assertEquals(Subflow.State.CLOSED, peer.subflow(0).state());
        }
    }

    @Test
    void checksumsAndMpCapableWithData() {
        try (Lab lab = Lab.builder().ipv4Paths(1).ipv6Paths(0).build();
             KernelApp app = new KernelApp(lab);
             MptcpPeer peer = MptcpPeer.builder(lab).remotePort(app.port).checksum(true).build()) {
            Map<String, Long> c0 = lab.mptcpCounters();
            IpPacket syn = peer.prepareSyn();
            assertEquals(noTimestamps(syn), noTimestamps(peer.prepareSyn()), "preparing changes nothing");
            Step s = peer.connect(utf8("first bytes ride on the third ACK"));
            assertEquals(noTimestamps(syn), noTimestamps(peer.transcript().get(0).sent().get(0)), "the SYN sent is the one prepared");
            assertTrue(peer.checksums());
            assertEquals(2, s.sent().size(), "SYN, then the ACK with data: " + s);
            org.mptcpkit.packet.MpCapable.AckData mpc = s.sent().get(1).tcp().orElseThrow()
                    .option(org.mptcpkit.packet.MpCapable.AckData.class).orElseThrow();
            assertTrue(mpc.checksumRequired());
            app.accept(2000);
            assertArrayEquals("first bytes ride on the third ACK".getBytes(StandardCharsets.UTF_8), app.read(33, 2000));
            peer.send(utf8("checksummed"));
            assertArrayEquals("checksummed".getBytes(StandardCharsets.UTF_8), app.read(11, 2000));
            app.conn.write("back".getBytes(StandardCharsets.UTF_8), 2000);
            Step r = peer.receive(4, 2000);
            assertEquals("back", new String(r.data().toByteArray(), StandardCharsets.UTF_8));
            for (IpPacket p : r.received()) {
                Tcp t = p.tcp().orElseThrow();
                if (!t.payload().isEmpty()) assertTrue(t.option(Dss.class).orElseThrow().checksumPresent(), "the kernel checksums too");
            }
            Map<String, Long> c1 = lab.mptcpCounters();
            assertEquals(0, delta(c0, c1, "DataCsumErr"));
            assertEquals(0, delta(c0, c1, "MPCapableFallbackACK"));

            // One field broken, the rest right: a wrong DSS checksum is caught by the kernel.
            peer.send(peer.subflow(0), utf8("corrupt"), Alter.option(Dss.class, d -> d.withChecksum(0x1234)));
            peer.poll(200);
            Map<String, Long> c2 = lab.mptcpCounters();
            assertEquals(1, delta(c1, c2, "DataCsumErr"), diff(c1, c2));
        }
    }

    @Test
    void largeEchoIsReassembledInDataSequenceOrderOverTwoSubflows() {
        try (Lab lab = Lab.builder().ipv4Paths(2).ipv6Paths(0).build();
             KernelApp app = new KernelApp(lab);
             MptcpPeer peer = MptcpPeer.builder(lab).remotePort(app.port).build()) {
            peer.connect();
            app.accept(2000);
            Subflow sf1 = peer.join(PEER2, 2).subflow();
            byte[] big = new byte[200_000];
            new java.util.Random(7).nextBytes(big);
            Thread writer = Thread.ofPlatform().start(() -> app.conn.write(big, 0, big.length, 4000));
            Step r = peer.receive(big.length, 4000);
            assertArrayEquals(big, r.data().toByteArray());
            int onSf1 = 0;
            for (Event e : r.events()) if (!e.isSent() && e.subflow() == 1 && !e.packet().tcp().orElseThrow().payload().isEmpty()) onSf1++;
            try {
                writer.join(2000);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertEquals(peer.remoteIdsn() + 1 + big.length, peer.dataRcvNxt());
            assertTrue(sf1.state() == Subflow.State.FULLY_ESTABLISHED);
            assertTrue(onSf1 > 0, "the kernel's scheduler used the joined subflow too");
        }
    }

    @Test
    void ipv6HandshakeAndData() {
        try (Lab lab = Lab.builder().ipv4Paths(0).ipv6Paths(2).build();
             KernelApp app = new KernelApp(lab);
             MptcpPeer peer = MptcpPeer.builder(lab).remotePort(app.port).build()) {
            peer.connect();
            app.accept(2000);
            Subflow sf1 = peer.join(InetAddress.ofLiteral("fd00:10:1::2"), 4).subflow();
            peer.send(utf8("v6 "));
            peer.send(sf1, utf8("joined"));
            assertArrayEquals("v6 joined".getBytes(StandardCharsets.UTF_8), app.read(9, 2000));
        }
    }

    @Test
    void retransmissionsAreRecognisedAndDeliveredOnce() {
        try (Lab lab = Lab.builder().ipv4Paths(1).ipv6Paths(0).build();
             KernelApp app = new KernelApp(lab);
             MptcpPeer peer = MptcpPeer.builder(lab).remotePort(app.port).build()) {
            peer.connect();
            app.accept(2000);
            peer.autoAck(false);
            app.conn.write("again".getBytes(StandardCharsets.UTF_8), 2000);
            Step held = peer.poll(700); // unacknowledged: the kernel retransmits after its RTO (>= 200 ms)
            assertEquals("again", new String(held.data().toByteArray(), StandardCharsets.UTF_8), "delivered once: " + held);
            assertTrue(peer.subflow(0).duplicates() >= 1, "a retransmission came: " + held);
            assertEquals(0, held.sent().size(), "nothing acknowledged by hand yet");
            peer.ack(peer.subflow(0));
            peer.autoAck(true);
            Step quiet = peer.poll(600);
            assertEquals(0, quiet.received().size(), "acknowledged: no more retransmissions: " + quiet);
        }
    }

    @Test
    void bulkSendRespectsTheKernelWindowAcrossTwoSubflows() throws Exception {
        try (Lab lab = Lab.builder().ipv4Paths(2).ipv6Paths(0).build();
             KernelApp app = new KernelApp(lab);
             MptcpPeer peer = MptcpPeer.builder(lab).remotePort(app.port).timeoutMillis(3000).build()) {
            peer.connect();
            app.accept(2000);
            Subflow sf1 = peer.join(PEER2, 2).subflow();
            byte[] big = new byte[300_000];
            new java.util.Random(11).nextBytes(big);
            java.util.concurrent.CompletableFuture<byte[]> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> app.read(big.length, 4000));
            for (int off = 0; off < big.length; off += 30_000) {
                peer.send(off / 30_000 % 2 == 0 ? peer.subflow(0) : sf1, Bytes.wrap(java.util.Arrays.copyOfRange(big, off, off + 30_000)));
            }
            assertArrayEquals(big, read.get(5, java.util.concurrent.TimeUnit.SECONDS));
            peer.poll(50);
            assertEquals(peer.dataSndNxt(), peer.dataSndUna());
        }
    }

    @Test
    void kernelCloseFirstDataThenDataFinThenFin() {
        try (Lab lab = Lab.builder().ipv4Paths(1).ipv6Paths(0).build();
             KernelApp app = new KernelApp(lab);
             MptcpPeer peer = MptcpPeer.builder(lab).remotePort(app.port).build()) {
            peer.connect();
            app.accept(2000);
            app.conn.write("last words".getBytes(StandardCharsets.UTF_8), 2000);
            app.conn.close();
            app.conn = null;
            Step r = peer.receive(10, 2000);
            assertEquals("last words", new String(r.data().toByteArray(), StandardCharsets.UTF_8));
            peer.poll(100);
            assertTrue(peer.dataFinReceived(), "the kernel's DATA_FIN, after its data: " + peer);
            assertEquals(peer.remoteIdsn() + 1 + 10 + 1, peer.dataRcvNxt(), "DATA_FIN takes one DSN");
            Step c = peer.close(1000);
            assertEquals(Subflow.State.CLOSED, peer.subflow(0).state(), c.toString());
        }
    }

    @Test
    void overATunLinkToo() {
        try (Lab lab = Lab.builder().linkType(Lab.LinkType.TUN).ipv4Paths(2).ipv6Paths(0).build();
             KernelApp app = new KernelApp(lab);
             MptcpPeer peer = MptcpPeer.builder(lab).remotePort(app.port).build()) {
            peer.connect();
            app.accept(2000);
            Subflow sf1 = peer.join(PEER2, 2).subflow();
            peer.send(utf8("tun "));
            peer.send(sf1, utf8("works"));
            assertArrayEquals("tun works".getBytes(StandardCharsets.UTF_8), app.read(9, 2000));
            byte[] big = new byte[100_000];
            new java.util.Random(3).nextBytes(big);
            Thread.ofPlatform().start(() -> app.conn.write(big, 0, big.length, 3000));
            assertArrayEquals(big, peer.receive(big.length, 3000).data().toByteArray());
        }
    }

    @Test
    void failuresSayWhatDidNotComeFromWhere() {
        try (Lab lab = Lab.builder().ipv4Paths(1).ipv6Paths(0).blackhole("198.18.0.0/15").build()) {
            try (MptcpPeer closed = MptcpPeer.builder(lab).remotePort(9).build()) {
                PeerException e = org.junit.jupiter.api.Assertions.assertThrows(PeerException.class, closed::connect);
                assertEquals("the kernel refused the connection: RST from 10.0.0.1:9", e.getMessage());
                assertEquals(1, e.step().received().size(), e.step().toString());
            }
            try (MptcpPeer silent = MptcpPeer.builder(lab).remote(InetAddress.ofLiteral("198.18.0.1"), 80)
                    .local(InetAddress.ofLiteral("10.0.0.2")).timeoutMillis(300).build()) {
                long t0 = System.nanoTime();
                PeerException e = org.junit.jupiter.api.Assertions.assertThrows(PeerException.class, silent::connect);
                assertEquals("no SYN-ACK from 198.18.0.1:80 within 300 ms", e.getMessage());
                assertTrue(System.nanoTime() - t0 >= 290_000_000L);
                assertEquals(MptcpPeer.State.SYN_SENT, silent.state());
            }
        }
    }
}
