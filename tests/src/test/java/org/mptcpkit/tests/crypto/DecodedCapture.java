package org.mptcpkit.tests.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mptcpkit.io.pcap.LinkFrame;
import org.mptcpkit.io.pcap.PcapReader;
import org.mptcpkit.io.pcap.PcapRecord;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.MptcpOption;
import org.mptcpkit.packet.RawPacket;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.tests.crypto.OptionRow.Endpoint;
import org.mptcpkit.wire.MptcpCodec;
import org.mptcpkit.wire.PacketCodec;

/**
 * A capture as the project reads it: {@link PcapReader} for the records, {@link LinkFrame} for
 * the link header (Ethernet or Linux cooked), {@link PacketCodec} for the packet. The TCP segments
 * with their decoded options, and the subflows' initial sequence numbers, which the DSS subflow
 * sequence numbers are relative to (RFC 8684 §3.3.1).
 */
final class DecodedCapture {
    /** One TCP segment: where it came from and went, and how long its payload was on the wire. */
    record Segment(int frame, Endpoint source, Endpoint destination, IpPacket packet, Tcp tcp, int payloadLength) {
        boolean syn() {
            return tcp.flags().syn();
        }

        /** The payload as captured: shorter than {@link #payloadLength} when the snapshot length cut it. */
        Bytes capturedPayload() {
            return tcp.payload();
        }

        boolean fullyCaptured() {
            return tcp.payload().length() == payloadLength;
        }

        /** The MPTCP options, in order. */
        List<MptcpOption> mptcp() {
            List<MptcpOption> out = new ArrayList<>();
            for (TcpOption o : tcp.options()) if (o instanceof MptcpOption m) out.add(m);
            return out;
        }

        String direction() {
            return source + ">" + destination;
        }
    }

    final List<Segment> segments = new ArrayList<>();
    private final Map<Integer, Segment> byFrame = new HashMap<>();
    private final Map<String, Long> isn = new HashMap<>();

    DecodedCapture(String capture) {
        URL u = DecodedCapture.class.getResource("/pcaps/" + capture);
        if (u == null) throw new IllegalStateException("missing test resource /pcaps/" + capture);
        List<PcapRecord> records;
        try {
            records = PcapReader.readAll(Path.of(u.toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (PcapRecord r : records) {
            LinkFrame f = r.link();
            if (!f.isIp()) continue;
            IpPacket p = PacketCodec.decode(f.payload()).value();
            if (p.tcp().isEmpty()) continue;
            Tcp t = p.tcp().get();
            Segment s = switch (p) {
                case Ip4 ip -> new Segment(r.number(), new Endpoint(ip.src().toString(), t.srcPort()),
                        new Endpoint(ip.dst().toString(), t.dstPort()), p, t, ip.totalLength() - ip.ihl() * 4 - t.dataOffset() * 4);
                case Ip6 ip -> new Segment(r.number(), new Endpoint(ip.src().toString(), t.srcPort()),
                        new Endpoint(ip.dst().toString(), t.dstPort()), p, t,
                        ip.payloadLength() - ip.extensionHeaders().length() - t.dataOffset() * 4);
                case RawPacket raw -> throw new AssertionError(raw);
            };
            segments.add(s);
            byFrame.put(s.frame(), s);
            if (s.syn()) isn.putIfAbsent(s.direction(), t.seq());
        }
    }

    Segment frame(int frame) {
        Segment s = byFrame.get(frame);
        if (s == null) throw new AssertionError("frame " + frame + " is no TCP segment");
        return s;
    }

    /**
     * The decoded option tshark's row describes (same frame, same index among the MPTCP options),
     * checked to encode to the row's bytes, so that the row's tshark fields and our decode speak of
     * the same option.
     */
    <T extends MptcpOption> T option(OptionRow row, Class<T> type) {
        Segment s = frame(row.frame());
        MptcpOption o = s.mptcp().get(row.optionIndex());
        Bytes mine = MptcpCodec.encode(o, s.capturedPayload());
        if (!mine.equals(row.raw())) throw new AssertionError(row + ": our decode re-encodes to " + mine.hex());
        if (!type.isInstance(o)) throw new AssertionError(row + ": decoded as " + o + ", not a " + type.getSimpleName());
        return type.cast(o);
    }

    /** The sequence number of {@code s} relative to the SYN of its direction, as DSS SSNs count. */
    long relativeSeq(Segment s) {
        Long base = isn.get(s.direction());
        if (base == null) throw new AssertionError("frame " + s.frame() + ": no SYN for " + s.direction());
        return (s.tcp().seq() - base) & 0xffffffffL;
    }
}
