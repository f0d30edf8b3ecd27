package org.mptcpkit.io.pcap;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;

/**
 * Start-up and per-record costs of reading a capture, one process per measurement (the budget is
 * a whole {@code mptcpkit decode --json} process). Driven by {@code packetlib/src/test/sh/pcap-startup.sh};
 * figures in BENCHMARKS.md, "pcap reading and process start-up".
 *
 * <pre>
 * make N OUT IN...   write an N-record pcap repeating IN's records, 100 µs apart
 * empty              nothing: the bare JVM
 * open FILE          load JNA + libpcap + pcap4j and open FILE
 * reader FILE        PcapReader over FILE, splitting every frame (what decode does first)
 * raw FILE           pcap4j getNextRawPacketEx loop, no PcapReader
 * packet FILE        pcap4j getNextPacketEx (packet factory; needs pcap4j-packetfactory-static)
 * java FILE          a JNA-free Java loop over the pcap records (the alternative, for comparison)
 * warm FILE ROUNDS   PcapReader over FILE ROUNDS times in one JVM: steady-state ns per record
 * phases FILE        where opening goes: JNA's native part, finding libpcap, pcap4j's bindings,
 *                    pcap_open_offline, the first record
 * </pre>
 * Each mode prints one line: what it counted and the milliseconds of its phases.
 */
public final class PcapStartupBench {
    private PcapStartupBench() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        String mode = args[0];
        long sum = 0;
        int n = 0;
        long t1 = t0;
        switch (mode) {
            case "make" -> {
                make(Integer.parseInt(args[1]), Path.of(args[2]), args);
                return;
            }
            case "empty" -> {
            }
            case "open" -> {
                try (PcapReader in = PcapReader.open(Path.of(args[1]))) {
                    t1 = System.nanoTime();
                    sum = in.snapshotLength();
                }
            }
            case "reader" -> {
                try (PcapReader in = PcapReader.open(Path.of(args[1]))) {
                    t1 = System.nanoTime();
                    for (PcapRecord r : in) {
                        LinkFrame f = r.link();
                        sum += f.payload().length() + f.etherType() + r.timestampNanos();
                        n++;
                    }
                }
            }
            case "raw" -> {
                PcapHandle h = Pcaps.openOffline(args[1], PcapHandle.TimestampPrecision.NANO);
                t1 = System.nanoTime();
                try {
                    while (true) {
                        byte[] b = h.getNextRawPacketEx();
                        sum += b.length + h.getOriginalLength() + h.getTimestamp().getNanos();
                        n++;
                    }
                } catch (EOFException end) {
                    h.close();
                }
            }
            case "packet" -> {
                PcapHandle h = Pcaps.openOffline(args[1], PcapHandle.TimestampPrecision.NANO);
                t1 = System.nanoTime();
                try {
                    while (true) {
                        sum += h.getNextPacketEx().length();
                        n++;
                    }
                } catch (EOFException end) {
                    h.close();
                }
            }
            case "java" -> {
                try (FileChannel ch = FileChannel.open(Path.of(args[1]), StandardOpenOption.READ)) {
                    ByteBuffer bb = ByteBuffer.allocate((int) ch.size()).order(ByteOrder.LITTLE_ENDIAN);
                    while (bb.hasRemaining() && ch.read(bb) >= 0) {
                        // fill
                    }
                    bb.flip();
                    t1 = System.nanoTime();
                    bb.position(24);
                    while (bb.remaining() >= 16) {
                        long sec = bb.getInt() & 0xffffffffL;
                        long usec = bb.getInt() & 0xffffffffL;
                        int caplen = bb.getInt();
                        int len = bb.getInt();
                        byte[] frame = new byte[caplen];
                        bb.get(frame);
                        LinkFrame f = LinkFrame.split(LinkType.ETHERNET, org.mptcpkit.packet.Bytes.wrap(frame));
                        sum += f.payload().length() + len + sec * 1_000_000_000L + usec * 1000;
                        n++;
                    }
                }
            }
            case "phases" -> {
                int pointerSize = com.sun.jna.Native.POINTER_SIZE;
                long a = System.nanoTime();
                com.sun.jna.NativeLibrary.getInstance(System.getProperty(Libpcap.LIB_NAME_PROPERTY, "pcap"));
                long b = System.nanoTime();
                String version = Pcaps.libVersion();
                long c = System.nanoTime();
                PcapHandle h = Pcaps.openOffline(args[1], PcapHandle.TimestampPrecision.NANO);
                long d = System.nanoTime();
                h.getNextRawPacketEx();
                h.getTimestamp();
                long e = System.nanoTime();
                h.close();
                System.out.println("phases jna-native_ms=" + (a - t0) / 1_000_000.0 + " find-libpcap_ms=" + (b - a) / 1_000_000.0
                        + " pcap4j-bindings_ms=" + (c - b) / 1_000_000.0 + " openOffline_ms=" + (d - c) / 1_000_000.0
                        + " first-record_ms=" + (e - d) / 1_000_000.0 + " (" + version + ", " + pointerSize * 8 + "-bit)");
                return;
            }
            case "warm" -> {
                int rounds = Integer.parseInt(args[2]);
                long best = Long.MAX_VALUE;
                for (int round = 0; round < rounds; round++) {
                    long s = System.nanoTime();
                    int count = 0;
                    try (PcapReader in = PcapReader.open(Path.of(args[1]))) {
                        for (PcapRecord r : in) {
                            sum += r.link().payload().length();
                            count++;
                        }
                    }
                    n = count;
                    best = Math.min(best, (System.nanoTime() - s) / count);
                }
                System.out.println("warm n=" + n + " rounds=" + rounds + " best_ns_per_record=" + best + " sum=" + sum);
                return;
            }
            default -> throw new IllegalArgumentException("mode: " + mode);
        }
        long t2 = System.nanoTime();
        System.out.println(mode + " n=" + n + " sum=" + sum + " open_ms=" + (t1 - t0) / 1_000_000.0
                + " loop_ms=" + (t2 - t1) / 1_000_000.0);
    }

    /** Writes {@code count} records cycling through the records of the inputs (args[3..]). */
    private static void make(int count, Path out, String[] args) throws IOException {
        List<PcapRecord> source = new ArrayList<>();
        for (int i = 3; i < args.length; i++) source.addAll(PcapReader.readAll(Path.of(args[i])));
        if (source.isEmpty()) throw new IllegalArgumentException("make: no input records");
        LinkType type = source.getFirst().linkType();
        long t = source.getFirst().timestampNanos();
        try (PcapWriter w = PcapWriter.open(out, type)) {
            for (int i = 0; i < count; i++) {
                PcapRecord r = source.get(i % source.size());
                if (!r.linkType().equals(type)) throw new IllegalArgumentException("make: inputs mix link types");
                w.write(r.withTimestampNanos(t + i * 100_000L));
            }
        }
        System.out.println("make: " + count + " records of " + type + " to " + out);
    }
}
