package org.mptcpkit.wire;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.mptcpkit.crypto.MptcpKeys;
import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Eol;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.RawPacket;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.FastOpen;
import org.mptcpkit.packet.Md5Signature;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MpExperimental;
import org.mptcpkit.packet.MpFail;
import org.mptcpkit.packet.MpFastclose;
import org.mptcpkit.packet.MpJoin;
import org.mptcpkit.packet.MpPrio;
import org.mptcpkit.packet.MpTcpRst;
import org.mptcpkit.packet.MptcpOption;
import org.mptcpkit.packet.Mss;
import org.mptcpkit.packet.Nop;
import org.mptcpkit.packet.RawOptionBytes;
import org.mptcpkit.packet.RemoveAddr;
import org.mptcpkit.packet.Sack;
import org.mptcpkit.packet.SackPermitted;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.packet.UnknownMptcp;
import org.mptcpkit.packet.UnknownOption;
import org.mptcpkit.packet.WindowScale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The model's fields under tshark 4.0.17's names and in its formatting (the field map of the
 * MPTCP wire reference): what lets a test compare a decoded option with tshark's decode of the
 * same bytes. Public, and shipped in packetlib's test jar, for the tshark judges of the
 * {@code tests} module.
 */
public final class TsharkView {
    /**
     * tshark fields that are connection analysis, not the option's own fields: {@code mptcp.ack}
     * is relative to the peer's IDSN, which needs the handshake.
     */
    public static final Set<String> ANALYSIS = Set.of("mptcp.ack");

    private TsharkView() {
    }

    /**
     * The IPv4 or IPv6 and TCP header fields of {@code p} as tshark shows them. Every derived field
     * must be set (as decoding sets them): the view prints the model, it does not encode.
     */
    public static Map<String, String> headers(IpPacket p) {
        Map<String, String> m = new LinkedHashMap<>();
        Tcp tcp = p.tcp().orElseThrow(() -> new IllegalArgumentException("no TCP segment in " + p));
        int ipPayload;
        switch (p) {
            case Ip4 ip -> {
                m.put("ip.version", Integer.toString(ip.version()));
                m.put("ip.hdr_len", Integer.toString(ip.ihl() * 4));
                m.put("ip.dsfield.dscp", Integer.toString(ip.dscp()));
                m.put("ip.dsfield.ecn", Integer.toString(ip.ecn()));
                m.put("ip.len", Integer.toString(ip.totalLength()));
                m.put("ip.id", hex4(ip.identification()));
                m.put("ip.flags.rb", bit(ip.reservedFlag()));
                m.put("ip.flags.df", bit(ip.df()));
                m.put("ip.flags.mf", bit(ip.mf()));
                m.put("ip.ttl", Integer.toString(ip.ttl()));
                m.put("ip.proto", Integer.toString(ip.protocol()));
                m.put("ip.checksum", hex4(ip.headerChecksum()));
                m.put("ip.src", ip.src().toString());
                m.put("ip.dst", ip.dst().toString());
                ipPayload = ip.totalLength() - ip.ihl() * 4;
            }
            case Ip6 ip -> {
                m.put("ipv6.version", Integer.toString(ip.version()));
                m.put("ipv6.tclass", String.format("0x%08x", ip.trafficClass()));
                m.put("ipv6.flow", String.format("0x%06x", ip.flowLabel()));
                m.put("ipv6.plen", Integer.toString(ip.payloadLength()));
                m.put("ipv6.nxt", Integer.toString(ip.nextHeader()));
                m.put("ipv6.hlim", Integer.toString(ip.hopLimit()));
                m.put("ipv6.src", ip.src().toString());
                m.put("ipv6.dst", ip.dst().toString());
                ipPayload = ip.payloadLength() - ip.extensionHeaders().length();
            }
            case RawPacket r -> throw new IllegalArgumentException("raw packet: " + r);
        }
        m.put("tcp.srcport", Integer.toString(tcp.srcPort()));
        m.put("tcp.dstport", Integer.toString(tcp.dstPort()));
        m.put("tcp.seq_raw", Long.toString(tcp.seq()));
        m.put("tcp.ack_raw", Long.toString(tcp.ack()));
        m.put("tcp.hdr_len", Integer.toString(tcp.dataOffset() * 4));
        m.put("tcp.flags", String.format("0x%04x", tcp.reserved() << 9 | tcp.flags().bits()));
        m.put("tcp.window_size_value", Integer.toString(tcp.window()));
        m.put("tcp.checksum", hex4(tcp.checksum()));
        m.put("tcp.urgent_pointer", Integer.toString(tcp.urgentPointer()));
        m.put("tcp.len", Integer.toString(ipPayload - tcp.dataOffset() * 4));
        return m;
    }

    /**
     * The fields tshark shows inside any TCP option, by tshark's name, formatted as tshark prints
     * them; the MPTCP ones as {@link #of(MptcpOption)}. {@link RawOptionBytes} has no view: its
     * bytes may hold any number of options.
     */
    public static Map<String, String> of(TcpOption o) {
        if (o instanceof MptcpOption m) return of(m);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tcp.option_kind", Integer.toString(o.kind()));
        int len = TcpOptionCodec.encodedLength(o);
        if (len > 1) m.put("tcp.option_len", Integer.toString(len)); // tshark gives no length for NOP and EOL
        String p = "tcp.options.";
        switch (o) {
            case Eol _, Nop _, SackPermitted _ -> { }
            case Mss x -> m.put(p + "mss_val", Integer.toString(x.mss()));
            case WindowScale x -> {
                m.put(p + "wscale.shift", Integer.toString(x.shift()));
                m.put(p + "wscale.multiplier", Integer.toString(1 << Math.min(x.shift(), 14)));
            }
            case Sack x -> {
                m.put(p + "sack_le", String.join(",", x.blocks().stream().map(b -> Long.toString(b.left())).toList()));
                m.put(p + "sack_re", String.join(",", x.blocks().stream().map(b -> Long.toString(b.right())).toList()));
                m.put(p + "sack.count", Integer.toString(x.blocks().size()));
            }
            case Timestamps x -> {
                m.put(p + "timestamp.tsval", Long.toString(x.tsVal()));
                m.put(p + "timestamp.tsecr", Long.toString(x.tsEcr()));
            }
            case FastOpen x -> {
                if (x.kind() == FastOpen.EXPERIMENTAL_KIND) m.put(p + "experimental.exid", hex4(FastOpen.MAGIC));
                if (x.cookie().isEmpty()) m.put(p + "tfo.request", "");
                else m.put(p + "tfo.cookie", colons(x.cookie()));
            }
            case Md5Signature x -> m.put(p + "md5.digest", colons(x.digest()));
            case UnknownOption x -> {
                if (x.kind() == 253 || x.kind() == 254) {
                    // RFC 6994 shared experimental kinds: a 16-bit experiment id, then data.
                    if (x.data().length() >= 2) m.put(p + "experimental.exid", hex4(x.data().u16(0)));
                    if (x.data().length() > 2) m.put(p + "experimental.data", colons(x.data().slice(2)));
                } else if (!x.data().isEmpty()) {
                    m.put(p + "unknown.payload", colons(x.data()));
                }
            }
            case RawOptionBytes x -> throw new IllegalArgumentException("raw option bytes have no tshark view: " + x);
            case MptcpOption x -> throw new AssertionError(x); // handled above
        }
        return m;
    }

    /** Bytes as tshark shows an FT_BYTES field: hex pairs joined by colons. */
    private static String colons(Bytes b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < b.length(); i++) {
            if (i > 0) s.append(':');
            s.append(Character.forDigit(b.u8(i) >>> 4, 16)).append(Character.forDigit(b.u8(i) & 0xf, 16));
        }
        return s.toString();
    }

    /** The fields tshark shows for {@code o}, by tshark's name, formatted as tshark prints them. */
    public static Map<String, String> of(MptcpOption o) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tcp.option_kind", "30");
        if (o.length() >= 0) m.put("tcp.option_len", Integer.toString(o.length()));
        if (o.subtype() >= 0) m.put("tcp.options.mptcp.subtype", Integer.toString(o.subtype()));
        String p = "tcp.options.mptcp.";
        switch (o) {
            case MpCapable c -> {
                m.put(p + "version", Integer.toString(c.version()));
                m.put(p + "flags", hex2(c.flags()));
                m.put(p + "checksumreq.flags", bit(c.checksumRequired()));
                m.put(p + "extensibility.flag", bit(c.extensibility()));
                if (c.version() == 0) {
                    // v0: C is one of the reserved crypto bits C..G (mask 0x3e).
                    m.put(p + "reserved.flag", hex2((c.noMoreSubflows() ? 0x10 : 0) | c.reservedFlags()));
                    m.put(p + "sha1.flag", bit(c.hmacSha()));
                } else {
                    m.put(p + "nomoresubflows.flag", bit(c.noMoreSubflows()));
                    m.put(p + "reserved.flag", hex2(c.reservedFlags()));
                    m.put(p + "sha256.flag", bit(c.hmacSha()));
                }
                long key = switch (c) {
                    case MpCapable.Syn _ -> 0;
                    case MpCapable.SynAck s -> s.senderKey();
                    case MpCapable.Ack a -> a.senderKey();
                    case MpCapable.AckData d -> d.senderKey();
                };
                if (!(c instanceof MpCapable.Syn)) {
                    m.put(p + "sendkey", Long.toUnsignedString(key));
                    m.put("mptcp.expected_token", Long.toString(MptcpKeys.token(Bytes.ofLong(key), c.version())));
                    m.put("mptcp.expected_idsn", Long.toUnsignedString(MptcpKeys.idsn(Bytes.ofLong(key), c.version())));
                }
                switch (c) {
                    case MpCapable.Ack a -> m.put(p + "recvkey", Long.toUnsignedString(a.receiverKey()));
                    case MpCapable.AckData d -> {
                        m.put(p + "recvkey", Long.toUnsignedString(d.receiverKey()));
                        m.put(p + "datalvllen", Integer.toString(d.dataLevelLength()));
                        if (d.checksumPresent()) m.put(p + "checksum", hex4(d.checksum()));
                    }
                    case MpCapable.Syn _, MpCapable.SynAck _ -> { }
                }
            }
            case MpJoin.Syn s -> {
                m.put(p + "flags", hex2(0x10 | s.reserved() << 1 | (s.backup() ? 1 : 0)));
                m.put(p + "backup.flag", bit(s.backup()));
                m.put(p + "addrid", Integer.toString(s.addressId()));
                m.put(p + "recvtok", Long.toString(s.receiverToken()));
                m.put(p + "sendrand", Long.toString(s.senderRandom()));
            }
            case MpJoin.SynAck s -> {
                m.put(p + "flags", hex2(0x10 | s.reserved() << 1 | (s.backup() ? 1 : 0)));
                m.put(p + "backup.flag", bit(s.backup()));
                m.put(p + "addrid", Integer.toString(s.addressId()));
                m.put(p + "sendtrunchmac", Long.toUnsignedString(s.senderTruncatedHmac()));
                m.put(p + "sendrand", Long.toString(s.senderRandom()));
            }
            case MpJoin.Ack a -> {
                m.put(p + "reserved", hex4(a.reserved()));
                m.put(p + "sendhmac", a.senderHmac().hex());
            }
            case Dss d -> {
                m.put(p + "flags", hex2(d.flags() | (d.reserved() & 7) << 5));
                m.put(p + "datafin.flag", bit(d.dataFin()));
                m.put(p + "dseqn8.flag", bit(d.dataSequenceNumber8()));
                m.put(p + "dseqnpresent.flag", bit(d.mappingPresent()));
                m.put(p + "dataack8.flag", bit(d.dataAck8()));
                m.put(p + "dataackpresent.flag", bit(d.dataAckPresent()));
                if (d.dataAckPresent()) m.put(p + "rawdataack", Long.toUnsignedString(d.dataAck()));
                if (d.mappingPresent()) {
                    m.put(p + "rawdataseqno", Long.toUnsignedString(d.dataSequenceNumber()));
                    m.put(p + "subflowseqno", Long.toString(d.subflowSequenceNumber()));
                    m.put(p + "datalvllen", Integer.toString(d.dataLevelLength()));
                    // Without the keys tshark fills mptcp.dss.dsn for an 8-byte DSN, and for any DSN
                    // when the data ACK flag a is set: 4.0 tests a (0x02) where it means m (0x08),
                    // and then shows a 4-byte DSN zero-extended.
                    if (d.dataSequenceNumber8() || d.dataAck8()) {
                        m.put("mptcp.dss.dsn", Long.toUnsignedString(d.dataSequenceNumber()));
                    }
                }
                // The DSS checksum is never decoded by tshark 4.0.17: not part of its view.
            }
            case AddAddr a -> {
                switch (a) {
                    case AddAddr.V1 v -> m.put(p + "echo", bit(v.echo()));
                    case AddAddr.V0 v -> m.put(p + "ipver", Integer.toString(v.ipVersion()));
                }
                m.put(p + "addrid", Integer.toString(a.addressId()));
                m.put(p + (a.address() instanceof Inet4Address ? "ipv4" : "ipv6"), a.address().getHostAddress());
                if (a.portPresent()) m.put(p + "port", Integer.toString(a.port()));
                if (a instanceof AddAddr.V1 v && v.truncatedHmacPresent()) {
                    m.put(p + "addaddrtrunchmac", Long.toUnsignedString(v.truncatedHmac()));
                }
            }
            case RemoveAddr r -> {
                m.put("mptcp.rm_addr.count", Integer.toString(r.addressIds().size()));
                m.put(p + "addrid", String.join(",", r.addressIds().stream().map(String::valueOf).toList()));
            }
            case MpPrio r -> {
                m.put(p + "flags", hex2(0x50 | r.reserved() << 1 | (r.backup() ? 1 : 0)));
                m.put(p + "backup.flag", bit(r.backup()));
                if (r.addressIdPresent()) m.put(p + "addrid", Integer.toString(r.addressId()));
            }
            case MpFail f -> {
                m.put(p + "reserved", hex4(f.reserved()));
                m.put(p + "rawdataseqno", Long.toUnsignedString(f.dataSequenceNumber()));
            }
            case MpFastclose f -> {
                m.put(p + "reserved", hex4(f.reserved()));
                m.put(p + "recvkey", Long.toUnsignedString(f.receiverKey()));
            }
            case MpTcpRst r -> {
                m.put(p + "flags", hex2(0x80 | r.flags()));
                m.put(p + "flag_U.flag", bit(r.flagU()));
                m.put(p + "flag_V.flag", bit(r.flagV()));
                m.put(p + "flag_W.flag", bit(r.flagW()));
                m.put(p + "flag_T.flag", bit(r.flagT()));
                m.put(p + "rst_reason", hex2(r.reason()));
            }
            case MpExperimental _ -> { }
            case UnknownMptcp _ -> { }
        }
        return m;
    }

    /**
     * Asserts that every field tshark shows (as {@code name=value; ...}) equals the model's;
     * a tshark field the model cannot show fails the test, so that nothing is skipped silently.
     */
    static void assertMatches(MptcpOption o, String tsharkFields, String context) {
        assertMatches(o, tsharkFields, context, 1);
    }

    /** As {@link #assertMatches(MptcpOption, String, String)}, comparing at least {@code minFields}. */
    static void assertMatches(MptcpOption o, String tsharkFields, String context, int minFields) {
        Map<String, String> mine = of(o);
        int compared = 0;
        for (String kv : tsharkFields.split(";\\s*")) {
            if (kv.isBlank()) continue;
            int eq = kv.indexOf('=');
            String name = kv.substring(0, eq).strip();
            String value = kv.substring(eq + 1).strip();
            if (ANALYSIS.contains(name)) continue;
            String my = mine.get(name);
            if (my == null) fail(context + ": tshark shows " + name + "=" + value + ", the model has no such field: " + o);
            assertTrue(same(name, value, my), context + ": " + name + ": tshark " + value + ", model " + my + " in " + o);
            compared++;
        }
        assertTrue(compared >= minFields, context + ": compared only " + compared + " fields");
    }

    public static Map<String, String> parse(String tsharkFields) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : tsharkFields.split(";\\s*")) {
            int eq = kv.indexOf('=');
            if (eq > 0) m.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
        }
        return m;
    }

    /** Whether tshark's text and the model's for field {@code name} denote the same value. */
    public static boolean same(String name, String tshark, String mine) {
        if (name.endsWith(".ipv6")) return InetAddress.ofLiteral(tshark).equals(InetAddress.ofLiteral(mine));
        if (name.endsWith(".sendhmac")) return tshark.replace(":", "").equalsIgnoreCase(mine);
        return tshark.equalsIgnoreCase(mine);
    }

    static void assertFieldsEqual(Map<String, String> expected, MptcpOption o) {
        Map<String, String> mine = of(o);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), mine.get(e.getKey()), e.getKey() + " of " + o);
        }
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }

    private static String hex2(int v) {
        String s = Integer.toHexString(v);
        return s.length() < 2 ? "0x0" + s : "0x" + s;
    }

    private static String hex4(int v) {
        String s = Integer.toHexString(v);
        return "0x" + "0000".substring(s.length()) + s;
    }
}
