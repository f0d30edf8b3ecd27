package org.mptcpkit.peer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mptcpkit.io.lab.Lab;
import org.mptcpkit.io.net.StreamSocket;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.MpJoin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The peer as a server: the kernel connects to it, and joins subflows to an address it announced. */
@Tag("kernel")
class PassivePeerKernelTest {
    private static final InetAddress PEER = InetAddress.ofLiteral("10.0.0.2");
    private static final InetAddress PEER2 = InetAddress.ofLiteral("10.0.1.2");

    private static long delta(Map<String, Long> before, Map<String, Long> after, String name) {
        return after.get(name) - before.get(name);
    }

    /** A kernel MPTCP client connecting to the peer from another thread (connect waits for the handshake). */
    private static CompletableFuture<StreamSocket> kernelConnect(Lab lab, int port) {
        StreamSocket s = lab.kernel().call(() -> StreamSocket.open(PEER, true));
        return CompletableFuture.supplyAsync(() -> s.connect(new InetSocketAddress(PEER, port), 3000));
    }

    @Test
    void kernelConnectsAndJoinsASecondSubflowToTheAnnouncedAddress() throws Exception {
        try (Lab lab = Lab.builder().ipv4Paths(2).ipv6Paths(0).build();
             MptcpPeer peer = MptcpPeer.builder(lab).listen(9000).build()) {
            Map<String, Long> c0 = lab.mptcpCounters();
            CompletableFuture<StreamSocket> client = kernelConnect(lab, 9000);
            Step accept = peer.accept(2000);
            try (StreamSocket c = client.get(3, TimeUnit.SECONDS)) {
                assertEquals(MptcpPeer.State.ESTABLISHED, peer.state(), accept.toString());
                Map<String, Long> c1 = lab.mptcpCounters();
                assertEquals(1, delta(c0, c1, "MPCapableSYNACKRX"), "the kernel took our SYN-ACK with key");
                assertEquals(0, delta(c0, c1, "MPCapableFallbackSYNACK"));

                c.write("from the kernel".getBytes(StandardCharsets.UTF_8), 2000);
                assertEquals("from the kernel", new String(peer.receive(15, 2000).data().toByteArray(), StandardCharsets.UTF_8));
                peer.send(Bytes.wrap("to the kernel".getBytes(StandardCharsets.UTF_8)));
                byte[] buf = new byte[64];
                int n = c.read(buf, 0, buf.length, 2000);
                assertEquals("to the kernel", new String(buf, 0, n, StandardCharsets.UTF_8));

                // Announce a second address: the kernel's path manager joins a subflow to it.
                peer.addAddress(5, PEER2, 0);
                Step join = peer.acceptJoin(2000);
                Subflow sf1 = join.subflow();
                assertEquals(Subflow.State.FULLY_ESTABLISHED, sf1.state(), join.toString());
                assertTrue(sf1.ackHmacValid());
                assertEquals(PEER2, sf1.localAddress());
                assertEquals(5, sf1.localAddressId());
                Map<String, Long> c2 = lab.mptcpCounters();
                assertEquals(1, delta(c1, c2, "MPJoinSynAckRx"), "the kernel verified our SYN-ACK HMAC");
                assertEquals(0, delta(c1, c2, "MPJoinSynAckHMacFailure"));
                peer.poll(50);
                assertEquals(1, c.mptcpSubflows(), "the kernel counts the joined subflow");
                peer.send(sf1, Bytes.wrap("over the join".getBytes(StandardCharsets.UTF_8)));
                n = c.read(buf, 0, buf.length, 2000);
                assertEquals("over the join", new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aWrongSynAckHmacMakesTheKernelAbandonItsJoin() throws Exception {
        try (Lab lab = Lab.builder().ipv4Paths(2).ipv6Paths(0).build();
             MptcpPeer peer = MptcpPeer.builder(lab).listen(9001).build()) {
            CompletableFuture<StreamSocket> client = kernelConnect(lab, 9001);
            peer.accept(2000);
            try (StreamSocket c = client.get(3, TimeUnit.SECONDS)) {
                Map<String, Long> c0 = lab.mptcpCounters();
                peer.addAddress(6, PEER2, 0);
                Subflow sf = peer.awaitJoinSyn(2000).subflow();
                IpPacket good = peer.prepareJoinSynAck(sf);
                peer.sendJoinSynAck(sf, Alter.option(MpJoin.SynAck.class, j -> j.withSenderTruncatedHmac(j.senderTruncatedHmac() ^ 1)));
                PeerException e = assertThrows(PeerException.class, () -> peer.awaitJoinThirdAck(sf, 1000));
                assertTrue(e.getMessage().contains("reset"), e.getMessage() + "\n" + e.step());
                Map<String, Long> c1 = lab.mptcpCounters();
                assertEquals(1, delta(c0, c1, "MPJoinSynAckHMacFailure"));
                assertEquals(0, delta(c0, c1, "MPJoinSynAckRx"));
                assertTrue(good.tcp().isPresent());
            }
        }
    }
}
