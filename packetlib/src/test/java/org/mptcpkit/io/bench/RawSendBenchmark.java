package org.mptcpkit.io.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.mptcpkit.io.TestPackets;
import org.mptcpkit.io.lab.Lab;
import org.mptcpkit.io.net.RawSocket;

/**
 * Raw-socket send rate: a prebuilt 64-byte IPv4 TCP SYN (20 + 20 + 24 bytes of options) sent
 * from the lab's crafted peer to a sink (a blackhole route in the kernel namespace), for about
 * two seconds, batched with {@code sendmmsg} and one by one. Also reports how many the kernel
 * side's link received, and how long a lab takes to start.
 *
 * <pre>
 * mvn -q -pl packetlib test-compile
 * java --enable-native-access=ALL-UNNAMED -cp packetlib/target/classes:packetlib/target/test-classes \
 *      org.mptcpkit.io.bench.RawSendBenchmark [seconds]
 * </pre>
 */
public final class RawSendBenchmark {
    /** Result of one run. */
    public record Result(String mode, long sent, long received, double seconds) {
        public double rate() {
            return sent / seconds;
        }

        @Override
        public String toString() {
            return String.format("%-8s %,12.0f packets/s sent  (%,d sent, %,d received by the kernel link in %.2f s)",
                    mode, rate(), sent, received, seconds);
        }
    }

    private RawSendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        long[] starts = new long[5];
        for (int i = 0; i < starts.length; i++) {
            long t0 = System.nanoTime();
            Lab lab = Lab.builder().build();
            starts[i] = System.nanoTime() - t0;
            lab.close();
        }
        System.out.printf("lab start: first %.1f ms (fresh JVM, includes binding), then", starts[0] / 1e6);
        for (int i = 1; i < starts.length; i++) System.out.printf(" %.1f", starts[i] / 1e6);
        System.out.println(" ms");
        System.out.println(run(true, seconds));
        System.out.println(run(false, seconds));
    }

    /** Sends for {@code seconds}; {@code batched} uses {@link RawSocket#sendAll}, else {@link RawSocket#send}. */
    public static Result run(boolean batched, double seconds) throws IOException {
        try (Lab lab = Lab.builder().ipv6Paths(0).blackhole("198.18.0.0/15").build();
             RawSocket raw = lab.openRawSocket(RawSocket.IpVersion.IPV4)) {
            byte[] syn = TestPackets.syn(InetAddress.ofLiteral("10.0.0.2"), 40000,
                    InetAddress.ofLiteral("198.18.0.1"), 80, 1, TestPackets.MPC_SYN_OPTIONS);
            if (syn.length != 64) throw new IllegalStateException("SYN of " + syn.length + " bytes");
            byte[][] batch = new byte[RawSocket.BATCH][];
            java.util.Arrays.fill(batch, syn);
            // Warm up the JIT and the path.
            for (int i = 0; i < 2000; i++) raw.sendAll(batch, 0, batch.length);
            for (int i = 0; i < 20000; i++) raw.send(syn);
            long before = rxPackets(lab);
            long sent = 0;
            long t0 = System.nanoTime();
            long end = t0 + (long) (seconds * 1e9);
            if (batched) {
                while (System.nanoTime() < end) sent += raw.sendAll(batch, 0, batch.length);
            } else {
                while (System.nanoTime() < end) {
                    for (int i = 0; i < 256; i++) raw.send(syn);
                    sent += 256;
                }
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long received = rxPackets(lab) - before;
            return new Result(batched ? "sendmmsg" : "sendto", sent, received, elapsed);
        }
    }

    // Packets the kernel side's link received: /proc/thread-self/net/dev read from the namespace's thread.
    private static long rxPackets(Lab lab) {
        String link = lab.kernelLink();
        return lab.kernel().call(() -> {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/net/dev"))) {
                String l = line.strip();
                if (l.startsWith(link + ":")) {
                    String[] f = l.substring(link.length() + 1).strip().split("\\s+");
                    return Long.parseLong(f[1]);
                }
            }
            throw new IllegalStateException("no " + link + " in /proc/thread-self/net/dev");
        });
    }
}
