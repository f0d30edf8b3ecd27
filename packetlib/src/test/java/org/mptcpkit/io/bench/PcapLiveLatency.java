package org.mptcpkit.io.bench;

import java.net.InetAddress;
import java.util.Arrays;

import org.mptcpkit.io.TestPackets;
import org.mptcpkit.io.lab.Lab;
import org.mptcpkit.io.pcap.EtherType;
import org.mptcpkit.io.pcap.LinkHeader;
import org.mptcpkit.io.pcap.PcapLive;
import org.mptcpkit.io.pcap.PcapRecord;
import org.mptcpkit.packet.Bytes;

/**
 * Round trip through the pcap4j backend, the counterpart of {@link Sr1Latency} (AF_PACKET): an
 * Ethernet frame with an MP_CAPABLE SYN sent with {@link PcapLive#sendp}, the kernel's SYN-ACK
 * read with {@link PcapLive#next} through a libpcap filter (inbound SYN-ACKs only), immediate
 * mode. Each SYN has a new source port; a RST after each answer (untimed) frees the request
 * socket. The timed part: send, wait, receive (no decode). The records are cleared every round.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp "$(...test classpath...)" \
 *      org.mptcpkit.io.bench.PcapLiveLatency [round trips, default 2000]
 * </pre>
 */
public final class PcapLiveLatency {
    private static final InetAddress KERNEL = InetAddress.ofLiteral("10.0.0.1");
    private static final InetAddress PEER = InetAddress.ofLiteral("10.0.0.2");

    private PcapLiveLatency() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        System.out.println(run(n, 500).toString().replace("sr1 MP_CAPABLE", "pcap4j sendp + next, MP_CAPABLE"));
    }

    public static Sr1Latency.Result run(int n, int warmup) {
        PcapLive.Options o = PcapLive.Options.of(b -> b.direction(PcapLive.Direction.IN)
                .filter("tcp[tcpflags] & (tcp-syn|tcp-ack) == (tcp-syn|tcp-ack)"));
        try (Lab lab = Lab.builder().ipv6Paths(0).echoServer(0).build(); PcapLive cap = lab.openCapture(Lab.Side.PEER, o)) {
            int port = lab.server().port();
            Bytes eth = LinkHeader.Ethernet.of(lab.kernelMac(), lab.peerMac(), EtherType.IPV4).bytes();
            long[] rtt = new long[n];
            int lost = 0;
            int done = 0;
            for (int i = 0; i < warmup + n; i++) {
                int sport = 10_000 + (i % 50_000);
                long isn = (i * 2_654_435_761L) & 0xffffffffL;
                Bytes frame = eth.concat(Bytes.wrap(TestPackets.tcp(PEER, sport, KERNEL, port, isn, 0x02, TestPackets.MPC_SYN_OPTIONS)));
                long t0 = System.nanoTime();
                cap.sendp(frame);
                PcapRecord r = cap.next(1000);
                long t = System.nanoTime() - t0;
                cap.clear();
                if (r == null || r.frame().u16(14 + 20 + 2) != sport) {
                    if (i >= warmup) lost++;
                    continue;
                }
                lab.send(Bytes.wrap(TestPackets.tcp(PEER, sport, KERNEL, port, isn + 1 & 0xffffffffL, 0x04, new byte[0])));
                if (i >= warmup) rtt[done++] = t;
            }
            long[] sorted = Arrays.copyOf(rtt, done);
            Arrays.sort(sorted);
            return new Sr1Latency.Result(sorted, lost);
        }
    }
}
