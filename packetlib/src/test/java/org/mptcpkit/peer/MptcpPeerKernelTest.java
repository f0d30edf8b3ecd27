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
            System.out.println(peer);
            Map<String, Long> after = lab.mptcpCounters();
            assertEquals(before.get("MPCapableACKRX") + 1, after.get("MPCapableACKRX"));
        }
    }
}
