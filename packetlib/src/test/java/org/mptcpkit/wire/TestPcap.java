package org.mptcpkit.wire;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mptcpkit.io.pcap.LinkFrame;
import org.mptcpkit.io.pcap.PcapReader;
import org.mptcpkit.io.pcap.PcapRecord;
import org.mptcpkit.io.pcap.PcapWriter;
import org.mptcpkit.packet.Bytes;

/**
 * The fixture captures' IP packets, and crafted packets handed to tshark, through the project's
 * own pcap reader and writer.
 */
final class TestPcap {
    /** One captured frame: its 1-based number, its IP length on the wire and its IP bytes as captured. */
    record Frame(int number, int wireLength, byte[] ip) {
    }

    private TestPcap() {
    }

    /** The IP packets of a pcap file on the test class path, e.g. {@code "/pcaps/01-mpc-v4.pcap"}. */
    static List<Frame> read(String resource) throws IOException {
        URL url = TestPcap.class.getResource(resource);
        if (url == null) throw new IOException("no test resource " + resource);
        Path file;
        try {
            file = Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException(resource + ": " + e.getMessage(), e);
        }
        List<Frame> frames = new ArrayList<>();
        for (PcapRecord r : PcapReader.readAll(file)) {
            LinkFrame f = r.link();
            int header = r.frame().length() - f.payload().length();
            frames.add(new Frame(r.number(), r.originalLength() - header, f.payload().toByteArray()));
        }
        return frames;
    }

    /**
     * Writes IP packets in Ethernet frames. Not LINKTYPE_RAW: tshark's raw-IP dissector takes a
     * packet whose second and third bytes are ff 03 for PPP (a random IPv6 traffic class and flow
     * label made one such packet), and an EtherType leaves it no guess.
     */
    static void write(Path file, List<byte[]> packets) throws IOException {
        try (PcapWriter out = PcapWriter.ethernet(file, PcapWriter.DEFAULT_SOURCE_MAC,
                PcapWriter.DEFAULT_DESTINATION_MAC)) {
            long second = 1_700_000_000L;
            for (byte[] p : packets) out.writePacket(second++ * 1_000_000_000L, Bytes.wrap(p));
        }
    }
}
