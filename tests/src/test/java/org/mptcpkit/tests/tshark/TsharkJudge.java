package org.mptcpkit.tests.tshark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.FastOpen;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.wire.TcpOptionCodec;
import org.mptcpkit.wire.TsharkView;

/**
 * Compares a decoded packet with tshark's decode of the same bytes ({@link TsharkOracle}): the
 * IP and TCP header fields, and every TCP option in wire order, its bytes and every field tshark
 * shows inside it against the model's under tshark's names ({@link TsharkView}), both ways: a
 * field only one side has is a disagreement too. What disagrees goes to a {@code fail} callback, so
 * that a test collects every disagreement of a capture before it fails.
 */
public final class TsharkJudge {
    private TsharkJudge() {
    }

    /**
     * Compares the header fields of {@code decoded} (every derived field set, as decoding sets
     * them) with tshark's. {@code checksumsGood}: also require tshark to have verified the IPv4
     * header and TCP checksums as good. Returns the fields compared.
     */
    public static int headers(IpPacket decoded, TsharkOracle.Frame frame, boolean checksumsGood, Consumer<String> fail) {
        Map<String, String> expected = TsharkView.headers(decoded);
        if (checksumsGood) {
            if (expected.containsKey("ip.checksum")) expected.put("ip.checksum.status", TsharkOracle.CHECKSUM_GOOD);
            expected.put("tcp.checksum.status", TsharkOracle.CHECKSUM_GOOD);
        }
        int compared = 0;
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String t = frame.get(e.getKey());
            if (!e.getValue().equals(t)) fail.accept(e.getKey() + ": tshark " + t + ", ours " + e.getValue());
            compared++;
        }
        return compared;
    }

    /**
     * Compares the options of {@code segment} (decoded: every length set) one by one with the
     * options tshark found in {@code frame}. Returns the fields compared.
     */
    public static int options(Tcp segment, TsharkOracle.Frame frame, Consumer<String> fail) {
        List<TcpOption> options = segment.options();
        List<TsharkOracle.Option> seen = frame.options();
        if (seen.size() != options.size()) {
            fail.accept(seen.size() + " options in tshark, " + options.size() + " ours: " + options);
            return 0;
        }
        int compared = 0;
        for (int i = 0; i < options.size(); i++) {
            int n = i;
            compared += option(options.get(i), seen.get(i), segment, m -> fail.accept("option " + n + " " + m));
        }
        return compared;
    }

    /** Compares one option with tshark's reading of it; returns the fields compared. */
    public static int option(TcpOption o, TsharkOracle.Option t, Tcp segment, Consumer<String> fail) {
        String at = o.getClass().getSimpleName() + " at byte " + t.pos();
        Bytes mine = bytes(o, segment.payload());
        if (!mine.hex().equals(t.rawHex())) fail.accept(at + ": bytes: tshark " + t.rawHex() + ", ours " + mine.hex());
        Map<String, String> expected = new TreeMap<>(TsharkView.of(o));
        expected.putAll(experts(o, segment));
        Map<String, String> actual = new TreeMap<>();
        t.fields().forEach((name, values) -> {
            if (!name.startsWith("_ws.") && !TsharkView.ANALYSIS.contains(name)) actual.put(name, String.join(",", values));
        });
        Set<String> names = new TreeSet<>(expected.keySet());
        names.addAll(actual.keySet());
        for (String name : names) {
            String e = expected.get(name);
            String a = actual.get(name);
            if (e == null || a == null || !TsharkView.same(name, a, e)) fail.accept(at + ": " + name + ": tshark " + a + ", ours " + e);
        }
        return names.size() + 1;
    }

    /**
     * The expert infos tshark 4.0 attaches inside a well-formed option (its quirks, listed in the
     * field map of shared/reference/mptcp-wire.md): MP_CAPABLE flags C..H (mask 0x3f) other than
     * H alone read as an unsupported algorithm, so a set C flag does too; none of them as a
     * missing one; a DSS mapping of length 0 is the infinite mapping (RFC 8684 §3.7); a Fast Open
     * cookie on a SYN is noted.
     */
    public static Map<String, String> experts(TcpOption o, Tcp segment) {
        Map<String, String> m = new LinkedHashMap<>();
        if (o instanceof MpCapable c) {
            if ((c.flags() & 0x3f) != MpCapable.FLAG_H) m.put("mptcp.connection.unsupported_algorithm", "");
            if ((c.flags() & 0x3f) == 0) m.put("mptcp.connection.missing_algorithm", "");
        }
        if (o instanceof Dss d && d.mappingPresent() && d.dataLevelLength() == 0) m.put("mptcp.dss.infinite_mapping", "");
        if (o instanceof FastOpen f && !f.cookie().isEmpty() && segment.flags().syn()) m.put("tcp.analysis.tfo_syn", "");
        return m;
    }

    /** The bytes {@code o} encodes to in a segment carrying {@code payload} (which AUTO checksums cover). */
    public static Bytes bytes(TcpOption o, Bytes payload) {
        byte[] b = new byte[TcpOptionCodec.encodedLength(o)];
        TcpOptionCodec.encode(o, b, 0, payload);
        return Bytes.wrap(b);
    }
}
