package org.mptcpkit.io.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mptcpkit.io.PacketIo;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpFlags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The lab's counters are its kernel namespace's, as iproute2's nstat sees them through nsenter. */
@Tag("kernel")
class LabCountersTest {
    @Test
    void mptcpCountersMatchNstatInTheKernelNamespace() throws Exception {
        try (Lab lab = Lab.builder().ipv6Paths(0).echoServer(0).build(); PacketIo io = PacketIo.open(lab)) {
            Map<String, Long> before = lab.mptcpCounters();
            assertFalse(before.isEmpty());
            assertEquals(0L, before.get("MPCapableSYNRX"));
            Ip4 syn = Ip4.of(ip -> ip.src("10.0.0.2").dst("10.0.0.1")
                    .payload(Tcp.of(t -> t.srcPort(40000).dstPort(lab.server().port()).seq(1).flags(TcpFlags.SYN).options(MpCapable.syn()))));
            assertNotNull(io.sr1(syn, 2000));
            Map<String, Long> ours = lab.mptcpCounters();
            assertEquals(1L, ours.get("MPCapableSYNRX"));
            Map<String, Long> nstat = nstat(lab.kernel().path());
            assertEquals(ours.size(), nstat.size(), "same counters: " + nstat.keySet());
            assertEquals(ours, nstat);
        }
    }

    // nstat -asz: absolute values, zeros included, history untouched.
    private static Map<String, Long> nstat(String netns) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("nsenter", "--net=" + netns, "nstat", "-asz", "MPTcpExt*").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError("nstat failed: " + out);
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (!line.startsWith("MPTcpExt")) continue;
            String[] f = line.trim().split("\\s+");
            m.put(f[0].substring("MPTcpExt".length()), Long.parseLong(f[1]));
        }
        return m;
    }
}
