package org.mptcpkit.io.net;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mptcpkit.io.TestPackets;
import org.mptcpkit.io.lab.Lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BpfTest {
    /** Outside judge: tcpdump -ddd prints the program libpcap compiles; ours must be the same. */
    @Test
    void compilesWhatTcpdumpCompiles() throws IOException, InterruptedException {
        for (String[] c : new String[][] {{"tcp port 8080", "RAW", "12"}, {"ip6 and tcp dst port 80", "RAW", "12"},
                {"tcp and host 10.0.0.1", "EN10MB", "1"}}) {
            Bpf.Program p = Bpf.compile(c[0], Integer.parseInt(c[2]));
            Process t = new ProcessBuilder("tcpdump", "-ddd", "-y", c[1], c[0]).redirectErrorStream(true).start();
            List<String> lines = new String(t.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip().lines().toList();
            assertTrue(t.waitFor(10, TimeUnit.SECONDS));
            assertEquals(Integer.parseInt(lines.get(0)), p.length(), c[0]);
            List<String> ours = new ArrayList<>();
            for (int i = 0; i < p.length(); i++) {
                int o = i * 8;
                var b = p.instructions();
                int code = b.get(o) & 0xff | (b.get(o + 1) & 0xff) << 8;
                long k = (b.get(o + 4) & 0xffL) | (b.get(o + 5) & 0xffL) << 8 | (b.get(o + 6) & 0xffL) << 16 | (b.get(o + 7) & 0xffL) << 24;
                ours.add(code + " " + b.u8(o + 2) + " " + b.u8(o + 3) + " " + k);
            }
            assertEquals(lines.subList(1, lines.size()), ours, c[0]);
        }
    }

    @Test
    void syntaxErrorsCarryLibpcapsMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bpf.compile("tcp port", Bpf.DLT_RAW));
        assertTrue(e.getMessage().startsWith("filter 'tcp port': "), e.getMessage());
        assertTrue(e.getMessage().contains("syntax error"), e.getMessage());
    }

    @Tag("kernel")
    @Test
    void filteredSnifferSeesOnlyMatchingPackets() {
        try (Lab lab = Lab.builder().ipv6Paths(0).build();
             PacketSocket sniffer = lab.openKernelSniffer(true);
             RawSocket raw = lab.openRawSocket(RawSocket.IpVersion.IPV4)) {
            // Packets sent before the filter must not come out after it.
            InetAddress p = InetAddress.ofLiteral("10.0.0.2");
            InetAddress k = InetAddress.ofLiteral("10.0.0.1");
            raw.send(TestPackets.syn(p, 1111, k, 9999, 1, new byte[0]));
            sniffer.setFilter("tcp src port 2222");
            raw.send(TestPackets.syn(p, 1111, k, 9999, 2, new byte[0]));
            byte[] wanted = TestPackets.syn(p, 2222, k, 9999, 3, new byte[0]);
            raw.send(wanted);
            Frame f = sniffer.receive(2000);
            assertNotNull(f);
            assertEquals(org.mptcpkit.packet.Bytes.of(wanted), f.data());
            assertNull(sniffer.receive(300), "only the matching packet passes");
        }
    }
}
