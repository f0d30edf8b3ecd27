package org.mptcpkit.peer;

import java.net.InetAddress;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mptcpkit.io.lab.Lab;
import org.mptcpkit.packet.Bytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example of {@link MptcpPeer}'s class documentation, run as written, so it cannot rot. */
@Tag("kernel")
class DocExampleTest {
    @Test
    void classDocumentationExample() {
        String transcript;
        try (Lab lab = Lab.builder().ipv4Paths(2).ipv6Paths(0).echoServer(8080).build();
             MptcpPeer peer = MptcpPeer.builder(lab).build()) {
            peer.connect();                                   // SYN, SYN-ACK, ACK with both keys
            peer.send(Bytes.of("hello".getBytes()));          // DSS mapping + data ACK
            Step echo = peer.receive(5, 1000);                // kernel data, reassembled, acknowledged
            Subflow sf = peer.join(InetAddress.ofLiteral("10.0.1.2"), 2).subflow(); // MP_JOIN, HMACs checked
            peer.send(sf, Bytes.of("more".getBytes()));
            peer.close(1000);                                 // DATA_FIN, then subflow FINs
            transcript = peer.toString();

            assertEquals("hello", new String(echo.data().toByteArray()));
            assertEquals(9, peer.bytesDelivered(), "hello and more, echoed");
            assertEquals(MptcpPeer.State.CLOSED, peer.state());
        }
        assertTrue(transcript.contains("connect: SYN\n  > sf0 10.0.0.2:"), transcript);
        assertTrue(transcript.contains("mpjoin syn-ack id 0 hmac 0x"), transcript);
        assertTrue(transcript.contains("(HMAC verified)"), transcript);
        assertTrue(transcript.contains("(join acknowledged)"), transcript);
    }
}
