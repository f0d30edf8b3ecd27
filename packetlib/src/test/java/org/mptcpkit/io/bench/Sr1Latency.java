package org.mptcpkit.io.bench;

import java.util.Arrays;

import org.mptcpkit.io.PacketIo;
import org.mptcpkit.io.lab.Lab;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.Mss;
import org.mptcpkit.packet.Nop;
import org.mptcpkit.packet.SackPermitted;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpFlags;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.packet.WindowScale;

/**
 * Round trip of {@link PacketIo#sr1}: an MP_CAPABLE v1 SYN (Linux's options: MSS, SACK
 * permitted, timestamps, window scale, MP_CAPABLE) to the kernel's MPTCP listener in a veth lab,
 * answered by its SYN-ACK, over {@code n} round trips. Each SYN has a new source port, so each is
 * a fresh connection request; a RST after each answer (outside the timed part) frees the
 * listener's request socket. The timed part is the whole {@code sr1}: encode, send, wait, match,
 * decode. Issue 3 sets the target at a median of 0.5 ms (scapy: 5.7 ms).
 *
 * <pre>
 * mvn -q -o -pl packetlib test-compile
 * java --enable-native-access=ALL-UNNAMED -cp packetlib/target/classes:packetlib/target/test-classes \
 *      org.mptcpkit.io.bench.Sr1Latency [round trips, default 2000]
 * </pre>
 */
public final class Sr1Latency {
    /** Round-trip times in nanoseconds, sorted, and how many SYNs got no SYN-ACK. */
    public record Result(long[] sortedNanos, int lost) {
        public double percentileMillis(double p) {
            int i = (int) Math.min(sortedNanos.length - 1, Math.round(p / 100.0 * (sortedNanos.length - 1)));
            return sortedNanos[i] / 1e6;
        }

        public double medianMillis() {
            return percentileMillis(50);
        }

        @Override
        public String toString() {
            return String.format("sr1 MP_CAPABLE SYN -> SYN-ACK, %d round trips: median %.3f ms, p10 %.3f, p90 %.3f, p99 %.3f, min %.3f, max %.3f ms; %d lost",
                    sortedNanos.length, medianMillis(), percentileMillis(10), percentileMillis(90), percentileMillis(99),
                    sortedNanos[0] / 1e6, sortedNanos[sortedNanos.length - 1] / 1e6, lost);
        }
    }

    private Sr1Latency() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        System.out.println(run(n, 500));
    }

    /** {@code warmup} untimed round trips, then {@code n} timed ones. */
    public static Result run(int n, int warmup) {
        try (Lab lab = Lab.builder().ipv6Paths(0).echoServer(0).build(); PacketIo io = PacketIo.open(lab)) {
            int port = lab.server().port();
            long[] rtt = new long[n];
            int lost = 0;
            int done = 0;
            for (int i = 0; i < warmup + n; i++) {
                int sport = 10_000 + (i % 50_000);
                long isn = (i * 2_654_435_761L) & 0xffffffffL;
                IpPacket syn = syn(sport, port, isn);
                long t0 = System.nanoTime();
                PacketIo.Received answer = io.sr1(syn, 1000);
                long t = System.nanoTime() - t0;
                if (answer == null || !answer.tcp().flags().equals(TcpFlags.SYN_ACK)) {
                    if (i >= warmup) lost++;
                    continue;
                }
                io.send(rst(sport, port, isn + 1 & 0xffffffffL));
                if (i >= warmup) rtt[done++] = t;
            }
            long[] sorted = Arrays.copyOf(rtt, done);
            Arrays.sort(sorted);
            return new Result(sorted, lost);
        }
    }

    static IpPacket syn(int sport, int dport, long isn) {
        return Ip4.of(ip -> ip.src("10.0.0.2").dst("10.0.0.1").df()
                .payload(Tcp.of(t -> t.srcPort(sport).dstPort(dport).seq(isn).flags(TcpFlags.SYN).window(64240)
                        .options(Mss.of(1460), SackPermitted.INSTANCE, Timestamps.of(1, 0), Nop.INSTANCE, WindowScale.of(7),
                                MpCapable.syn()))));
    }

    static IpPacket rst(int sport, int dport, long seq) {
        return Ip4.of(ip -> ip.src("10.0.0.2").dst("10.0.0.1").df()
                .payload(Tcp.of(t -> t.srcPort(sport).dstPort(dport).seq(seq).flags(TcpFlags.RST).window(0))));
    }
}
