package org.mptcpkit.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only reader and writer of classic pcap files, just enough to take the IP packets out of
 * the fixture captures (Ethernet and Linux cooked v1) and to hand crafted packets to tshark. The
 * project's real pcap support lives elsewhere; this keeps the codec tests free of it.
 */
final class TestPcap {
    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_RAW = 101;
    static final int LINKTYPE_LINUX_SLL = 113;

    /** One captured frame: its 1-based number, its length on the wire and its IP bytes as captured. */
    record Frame(int number, int wireLength, byte[] ip) {
    }

    private TestPcap() {
    }

    /** The IP packets of a pcap file on the test class path, e.g. {@code "/pcaps/01-mpc-v4.pcap"}. */
    static List<Frame> read(String resource) throws IOException {
        try (InputStream in = TestPcap.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("no test resource " + resource);
            return parse(in.readAllBytes());
        }
    }

    static List<Frame> parse(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) b.order(ByteOrder.BIG_ENDIAN);
        int linkType = b.getInt(20);
        List<Frame> frames = new ArrayList<>();
        int p = 24;
        int number = 0;
        while (p + 16 <= file.length) {
            int captured = b.getInt(p + 8);
            int wire = b.getInt(p + 12);
            int data = p + 16;
            number++;
            int skip = switch (linkType) {
                case LINKTYPE_ETHERNET -> 14;
                case LINKTYPE_LINUX_SLL -> 16;
                case LINKTYPE_RAW -> 0;
                default -> throw new IllegalArgumentException("link type " + linkType);
            };
            byte[] ip = java.util.Arrays.copyOfRange(file, data + skip, data + captured);
            frames.add(new Frame(number, wire - skip, ip));
            p = data + captured;
        }
        return frames;
    }

    /** Writes raw IP packets (LINKTYPE_RAW) to {@code file}. */
    static void writeRaw(Path file, List<byte[]> packets) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                    .putInt(LINKTYPE_RAW);
            out.write(h.array());
            int second = 1_700_000_000;
            for (byte[] p : packets) {
                ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                r.putInt(second++).putInt(0).putInt(p.length).putInt(p.length);
                out.write(r.array());
                out.write(p);
            }
        }
    }
}
