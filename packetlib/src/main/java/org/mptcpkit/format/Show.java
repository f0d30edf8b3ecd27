package org.mptcpkit.format;

import java.util.ArrayList;
import java.util.List;

import org.mptcpkit.crypto.MptcpKeys;
import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Eol;
import org.mptcpkit.packet.FastOpen;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.IpPayload;
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
import org.mptcpkit.packet.RawPacket;
import org.mptcpkit.packet.RawPayload;
import org.mptcpkit.packet.RemoveAddr;
import org.mptcpkit.packet.Sack;
import org.mptcpkit.packet.SackPermitted;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpFlags;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.packet.UnknownMptcp;
import org.mptcpkit.packet.UnknownOption;
import org.mptcpkit.packet.WindowScale;
import org.mptcpkit.wire.Diagnostic;
import org.mptcpkit.wire.Ip4Codec;
import org.mptcpkit.wire.PacketCodec;
import org.mptcpkit.wire.TcpCodec;
import org.mptcpkit.wire.TcpOptionCodec;

/**
 * The field tree, in the spirit of scapy's {@code show()} and {@code tshark -V}: every field of
 * every layer by its model name, one per line, indented by layer.
 *
 * <p>Derived fields (lengths, offsets, checksums) show the value that goes on the wire. Left
 * {@link Field#AUTO} in the model, it is the computed value, marked {@code (auto)}; set, it is the
 * set value, and {@code (wrong, expected X)} when it differs from what the encoder would compute
 * (checksums say {@code (correct)} otherwise, as tshark does). Checksums over bytes a capture cut
 * off say {@code (unverified: ...)}. Keys show in hex and unsigned decimal (tshark's form) with
 * the token and IDSN they hash to; 64-bit sequence numbers and HMACs show as tshark prints them.
 */
final class Show {
    private static final String I1 = "    ";
    private static final String I2 = "        ";
    private static final String I3 = "            ";
    private static final String I4 = "                ";

    private final StringBuilder sb;
    /** The packet with every derived field computed, decoded back; null when it cannot be encoded. */
    private final IpPacket expected;
    /** The IP length field claims more bytes than are there (a snaplen cut): checksums cannot be checked. */
    private final boolean cut;
    private final String cutNote;

    private Show(StringBuilder sb, IpPacket packet) {
        this.sb = sb;
        this.expected = expected(packet);
        int present = PacketCodec.encodedLength(packet) - packet.trailer().length();
        int claimed = switch (packet) {
            case Ip4 ip -> ip.totalLength();
            case Ip6 ip -> ip.payloadLength() == Field.AUTO ? Field.AUTO : ip.payloadLength() + Ip6.HEADER_LENGTH;
            case RawPacket r -> Field.AUTO;
        };
        this.cut = claimed != Field.AUTO && claimed > present;
        this.cutNote = cut ? "unverified: " + present + " of " + claimed + " bytes captured" : null;
    }

    static void append(StringBuilder sb, IpPacket packet, List<Diagnostic> diagnostics) {
        new Show(sb, packet).packet(packet);
        if (diagnostics != null && !diagnostics.isEmpty()) {
            sb.append("Diagnostics\n");
            for (Diagnostic d : diagnostics) sb.append(I1).append(d).append('\n');
        }
    }

    /** Every derived field to AUTO, MPTCP ones included, then encoded and decoded back. */
    private static IpPacket expected(IpPacket p) {
        try {
            IpPacket auto = switch (p) {
                case Ip4 ip -> {
                    Ip4 a = ip.withAutoFields();
                    yield a.withPayload(autoMptcp(a.payload()));
                }
                case Ip6 ip -> {
                    Ip6 a = ip.withAutoFields();
                    yield a.withPayload(autoMptcp(a.payload()));
                }
                case RawPacket r -> r;
            };
            return PacketCodec.decode(PacketCodec.encode(auto)).value();
        } catch (RuntimeException e) {
            // Lenient: a packet whose lengths cannot be derived (40+ option bytes) is shown unchecked.
            return null;
        }
    }

    private static IpPayload autoMptcp(IpPayload payload) {
        if (!(payload instanceof Tcp t)) return payload;
        List<TcpOption> options = new ArrayList<>(t.options().size());
        for (TcpOption o : t.options()) options.add(o instanceof MptcpOption m ? m.withAutoDerived() : o);
        return t.withOptions(options);
    }

    private void packet(IpPacket packet) {
        switch (packet) {
            case Ip4 ip -> ip4(ip, expected instanceof Ip4 e ? e : null);
            case Ip6 ip -> ip6(ip, expected instanceof Ip6 e ? e : null);
            case RawPacket r -> {
                sb.append("Raw packet: ").append(r.bytes().length()).append(" bytes\n");
                return;
            }
        }
        IpPayload expectedPayload = expected == null ? null : expected.payload();
        switch (packet.payload()) {
            case Tcp t -> tcp(t, expectedPayload instanceof Tcp e ? e : null, tcpChecksum(packet, t));
            case RawPayload r -> sb.append("Payload: ").append(r.bytes().length()).append(" bytes\n");
        }
        if (!packet.trailer().isEmpty()) {
            Text.hex(sb.append("Trailer: ").append(packet.trailer().length()).append(" bytes: "), packet.trailer())
                    .append('\n');
        }
    }

    private void ip4(Ip4 ip, Ip4 e) {
        sb.append("IPv4\n");
        field(I1, "version", ip.version()).append('\n');
        derived(I1, "ihl", ip.ihl(), e == null ? Field.AUTO : e.ihl(), 4);
        field(I1, "dscp", ip.dscp()).append('\n');
        field(I1, "ecn", ip.ecn()).append(" (").append(Names.ecn(ip.ecn())).append(")\n");
        if (cut) {
            field(I1, "totalLength", ip.totalLength()).append(" (").append(cutNote.substring(12)).append(")\n");
        } else {
            derived(I1, "totalLength", ip.totalLength(), e == null ? Field.AUTO : e.totalLength(), 0);
        }
        Text.hex(sb.append(I1).append("identification: 0x"), ip.identification(), 4).append(" (")
                .append(ip.identification()).append(")\n");
        bool(I1, "reservedFlag", ip.reservedFlag());
        bool(I1, "df", ip.df());
        bool(I1, "mf", ip.mf());
        field(I1, "fragmentOffset", ip.fragmentOffset()).append('\n');
        field(I1, "ttl", ip.ttl()).append('\n');
        protocol(I1, "protocol", ip.protocol(), e == null ? Field.AUTO : e.protocol());
        // Over the header as it is (lengths as set), as a receiver checks it (RFC 791 §3.1).
        int expectedHeaderChecksum = Field.AUTO;
        try {
            expectedHeaderChecksum = Ip4Codec.expectedHeaderChecksum(ip);
        } catch (RuntimeException x) {
            // Lenient: a header whose IHL cannot be derived is shown unchecked.
        }
        checksum(I1, "headerChecksum", ip.headerChecksum(), expectedHeaderChecksum, null);
        Text.ip4(sb.append(I1).append("src: "), ip.src().bits()).append('\n');
        Text.ip4(sb.append(I1).append("dst: "), ip.dst().bits()).append('\n');
        if (!ip.options().isEmpty()) {
            Text.hex(sb.append(I1).append("options: ").append(ip.options().length()).append(" bytes: "), ip.options())
                    .append('\n');
        }
    }

    private void ip6(Ip6 ip, Ip6 e) {
        sb.append("IPv6\n");
        field(I1, "version", ip.version()).append('\n');
        field(I1, "dscp", ip.dscp()).append('\n');
        field(I1, "ecn", ip.ecn()).append(" (").append(Names.ecn(ip.ecn())).append(")\n");
        Text.hex(sb.append(I1).append("flowLabel: 0x"), ip.flowLabel(), 5).append('\n');
        if (cut) {
            field(I1, "payloadLength", ip.payloadLength()).append(" (").append(cutNote.substring(12)).append(")\n");
        } else {
            derived(I1, "payloadLength", ip.payloadLength(), e == null ? Field.AUTO : e.payloadLength(), 0);
        }
        protocol(I1, "nextHeader", ip.nextHeader(), e == null ? Field.AUTO : e.nextHeader());
        field(I1, "hopLimit", ip.hopLimit()).append('\n');
        sb.append(I1).append("src: ").append(ip.src()).append('\n');
        sb.append(I1).append("dst: ").append(ip.dst()).append('\n');
        if (!ip.extensionHeaders().isEmpty()) {
            Text.hex(sb.append(I1).append("extensionHeaders: ").append(ip.extensionHeaders().length())
                    .append(" bytes: "), ip.extensionHeaders()).append('\n');
        }
    }

    /** The checksum the segment should carry between its addresses, its other fields as set. */
    private static int tcpChecksum(IpPacket packet, Tcp t) {
        try {
            return switch (packet) {
                case Ip4 ip -> TcpCodec.expectedChecksum(t, ip.src(), ip.dst());
                case Ip6 ip -> TcpCodec.expectedChecksum(t, ip.src(), ip.dst());
                case RawPacket r -> Field.AUTO;
            };
        } catch (RuntimeException x) {
            return Field.AUTO; // Lenient: 40+ option bytes and no data offset set: shown unchecked.
        }
    }

    private void tcp(Tcp t, Tcp e, int expectedChecksum) {
        sb.append("TCP\n");
        field(I1, "srcPort", t.srcPort()).append('\n');
        field(I1, "dstPort", t.dstPort()).append('\n');
        field(I1, "seq", t.seq()).append('\n');
        field(I1, "ack", t.ack()).append('\n');
        derived(I1, "dataOffset", t.dataOffset(), e == null ? Field.AUTO : e.dataOffset(), 4);
        field(I1, "reserved", t.reserved()).append('\n');
        flags(t.flags());
        field(I1, "window", t.window()).append('\n');
        checksum(I1, "checksum", t.checksum(), expectedChecksum, cutNote);
        field(I1, "urgentPointer", t.urgentPointer()).append('\n');
        List<TcpOption> options = t.options();
        if (!options.isEmpty()) {
            sb.append(I1).append("options: ").append(TcpOptionCodec.encodedLength(options)).append(" bytes\n");
            List<TcpOption> eo = e == null ? null : e.options();
            for (int i = 0; i < options.size(); i++) {
                TcpOption o = options.get(i);
                TcpOption x = eo != null && eo.size() == options.size() && eo.get(i).getClass() == o.getClass()
                        ? eo.get(i) : null;
                option(o, x, t);
            }
        }
        sb.append(I1).append("payload: ").append(t.payload().length()).append(" bytes\n");
    }

    private void flags(TcpFlags f) {
        Text.hex(sb.append(I1).append("flags: 0x"), f.bits(), 3).append(" [").append(f).append(']');
        boolean first = true;
        for (int i = 8; i >= 0; i--) {
            if ((f.bits() & (0x100 >>> i)) != 0) {
                sb.append(first ? " (" : ", ").append(Names.TCP_FLAG_NAMES[i]);
                first = false;
            }
        }
        sb.append(first ? "\n" : ")\n");
    }

    private void option(TcpOption o, TcpOption expectedOption, Tcp tcp) {
        int kind = Text.kind(o);
        String name = switch (o) {
            case Eol x -> "End of Option List";
            case Nop x -> "No-Operation";
            case Mss x -> "Maximum Segment Size";
            case WindowScale x -> "Window Scale";
            case SackPermitted x -> "SACK Permitted";
            case Sack x -> "SACK";
            case Timestamps x -> "Timestamps";
            case Md5Signature x -> "MD5 Signature";
            case FastOpen x -> x.experimental() ? "TCP Fast Open (experimental)" : "TCP Fast Open";
            case UnknownOption x -> "Unknown option";
            case RawOptionBytes x -> "Unparsed option bytes";
            case MptcpOption m -> "Multipath TCP " + MptcpOption.subtypeName(m.subtype());
        };
        sb.append(I2).append(name).append(" (kind ").append(kind);
        if (!(o instanceof Eol || o instanceof Nop || o instanceof RawOptionBytes)) {
            sb.append(", length ").append(Text.lengthByte(o));
            int set = setLength(o);
            int layout = TcpOptionCodec.encodedLength(o);
            if (set == Field.AUTO) sb.append(" (auto)");
            else if (set != layout) sb.append(" (wrong, expected ").append(layout).append(')');
        }
        if (o instanceof MptcpOption m) {
            if (m.subtype() >= 0) Text.hex0x(sb.append(", subtype "), m.subtype());
            String form = Names.form(m);
            if (form != null) sb.append(", form ").append(form);
        }
        sb.append(")\n");
        switch (o) {
            case Eol x -> { }
            case Nop x -> { }
            case Mss x -> field(I3, "mss", x.mss()).append('\n');
            case WindowScale x -> field(I3, "shift", x.shift()).append(" (multiply by ")
                    .append(x.shift() < 31 ? 1L << x.shift() : 0).append(")\n");
            case SackPermitted x -> { }
            case Sack x -> {
                for (int i = 0; i < x.blocks().size(); i++) {
                    Sack.Block b = x.blocks().get(i);
                    sb.append(I3).append("block ").append(i).append(": left ").append(b.left()).append(", right ")
                            .append(b.right()).append('\n');
                }
            }
            case Timestamps x -> {
                field(I3, "tsVal", x.tsVal()).append('\n');
                field(I3, "tsEcr", x.tsEcr()).append('\n');
            }
            case Md5Signature x -> Text.hex(sb.append(I3).append("digest: "), x.digest()).append('\n');
            case FastOpen x -> {
                if (x.cookie().isEmpty()) sb.append(I3).append("cookie: none (cookie request)\n");
                else Text.hex(sb.append(I3).append("cookie: "), x.cookie()).append('\n');
            }
            case UnknownOption x -> Text.hex(sb.append(I3).append("data: "), x.data()).append('\n');
            case RawOptionBytes x -> Text.hex(sb.append(I3).append("bytes: "), x.bytes()).append('\n');
            case MptcpOption m -> mptcp(m, expectedOption instanceof MptcpOption em ? em : null, tcp);
        }
    }

    private static int setLength(TcpOption o) {
        return switch (o) {
            case Eol x -> Field.AUTO;
            case Nop x -> Field.AUTO;
            case RawOptionBytes x -> Field.AUTO;
            case Mss x -> x.length();
            case WindowScale x -> x.length();
            case SackPermitted x -> x.length();
            case Sack x -> x.length();
            case Timestamps x -> x.length();
            case Md5Signature x -> x.length();
            case FastOpen x -> x.length();
            case UnknownOption x -> x.length();
            case MptcpOption m -> m instanceof UnknownMptcp ? Field.AUTO : m.length();
        };
    }

    private void mptcp(MptcpOption m, MptcpOption e, Tcp tcp) {
        switch (m) {
            case MpCapable c -> {
                field(I3, "version", c.version()).append(c.version() == 1 ? " (RFC 8684)" : c.version() == 0
                        ? " (RFC 6824)" : " (unknown)").append('\n');
                Text.hex(sb.append(I3).append("flags: 0x"), c.flags(), 2).append('\n');
                bool(I4, "checksumRequired (A)", c.checksumRequired());
                bool(I4, "extensibility (B)", c.extensibility());
                bool(I4, "noMoreSubflows (C)", c.noMoreSubflows());
                field(I4, "reservedFlags (D-G)", c.reservedFlags()).append('\n');
                bool(I4, c.version() == 0 ? "hmacSha (H, HMAC-SHA1)" : "hmacSha (H, HMAC-SHA256)", c.hmacSha());
                switch (c) {
                    case MpCapable.Syn s -> { }
                    case MpCapable.SynAck s -> key("senderKey", s.senderKey(), c.version());
                    case MpCapable.Ack a -> {
                        key("senderKey", a.senderKey(), c.version());
                        key("receiverKey", a.receiverKey(), c.version());
                    }
                    case MpCapable.AckData a -> {
                        key("senderKey", a.senderKey(), c.version());
                        key("receiverKey", a.receiverKey(), c.version());
                        field(I3, "dataLevelLength", a.dataLevelLength()).append('\n');
                        if (a.checksumPresent()) {
                            int exp = e instanceof MpCapable.AckData ea && ea.checksumPresent() ? ea.checksum() : Field.AUTO;
                            checksum(I3, "checksum", a.checksum(), exp, mappingNote(a.dataLevelLength(), false, tcp));
                        }
                    }
                }
            }
            case MpJoin j -> {
                switch (j) {
                    case MpJoin.Syn s -> {
                        field(I3, "reserved", s.reserved()).append('\n');
                        bool(I3, "backup (B)", s.backup());
                        field(I3, "addressId", s.addressId()).append('\n');
                        Text.hex(sb.append(I3).append("receiverToken: 0x"), s.receiverToken(), 8).append(" (")
                                .append(s.receiverToken()).append(")\n");
                        Text.hex(sb.append(I3).append("senderRandom: 0x"), s.senderRandom(), 8).append(" (")
                                .append(s.senderRandom()).append(")\n");
                    }
                    case MpJoin.SynAck s -> {
                        field(I3, "reserved", s.reserved()).append('\n');
                        bool(I3, "backup (B)", s.backup());
                        field(I3, "addressId", s.addressId()).append('\n');
                        hex64(I3, "senderTruncatedHmac", s.senderTruncatedHmac());
                        Text.hex(sb.append(I3).append("senderRandom: 0x"), s.senderRandom(), 8).append(" (")
                                .append(s.senderRandom()).append(")\n");
                    }
                    case MpJoin.Ack a -> {
                        field(I3, "reserved", a.reserved()).append('\n');
                        Text.hex(sb.append(I3).append("senderHmac: "), a.senderHmac()).append('\n');
                    }
                }
            }
            case Dss d -> {
                field(I3, "reserved", d.reserved()).append('\n');
                Text.hex(sb.append(I3).append("flags: 0x"), d.flags(), 2).append('\n');
                bool(I4, "dataFin (F)", d.dataFin());
                bool(I4, "dataSequenceNumber8 (m)", d.dataSequenceNumber8());
                bool(I4, "mappingPresent (M)", d.mappingPresent());
                bool(I4, "dataAck8 (a)", d.dataAck8());
                bool(I4, "dataAckPresent (A)", d.dataAckPresent());
                if (d.dataAckPresent()) unsigned(I3, "dataAck", d.dataAck());
                if (d.mappingPresent()) {
                    unsigned(I3, "dataSequenceNumber", d.dataSequenceNumber());
                    field(I3, "subflowSequenceNumber", d.subflowSequenceNumber()).append('\n');
                    field(I3, "dataLevelLength", d.dataLevelLength()).append('\n');
                    if (d.checksumPresent()) {
                        int exp = e instanceof Dss ed && ed.checksumPresent() ? ed.checksum() : Field.AUTO;
                        checksum(I3, "checksum", d.checksum(), exp, mappingNote(d.dataLevelLength(), d.dataFin(), tcp));
                    } else {
                        sb.append(I3).append("checksum: absent (not negotiated)\n");
                    }
                }
            }
            case AddAddr a -> {
                switch (a) {
                    case AddAddr.V1 v -> {
                        field(I3, "reserved", v.reserved()).append('\n');
                        bool(I3, "echo (E)", v.echo());
                    }
                    case AddAddr.V0 v -> {
                        int exp = e instanceof AddAddr.V0 ev ? ev.ipVersion() : Field.AUTO;
                        derived(I3, "ipVersion", v.ipVersion(), exp, 0);
                    }
                }
                field(I3, "addressId", a.addressId()).append('\n');
                Text.address(sb.append(I3).append("address: "), a.address()).append('\n');
                if (a.portPresent()) field(I3, "port", a.port()).append('\n');
                if (a instanceof AddAddr.V1 v && v.truncatedHmacPresent()) hex64(I3, "truncatedHmac", v.truncatedHmac());
            }
            case RemoveAddr r -> {
                field(I3, "reserved", r.reserved()).append('\n');
                sb.append(I3).append("addressIds: ").append(r.addressIds()).append('\n');
            }
            case MpPrio p -> {
                field(I3, "reserved", p.reserved()).append('\n');
                bool(I3, "backup (B)", p.backup());
                if (p.addressIdPresent()) field(I3, "addressId", p.addressId()).append('\n');
            }
            case MpFail f -> {
                field(I3, "reserved", f.reserved()).append('\n');
                unsigned(I3, "dataSequenceNumber", f.dataSequenceNumber());
            }
            case MpFastclose f -> {
                field(I3, "reserved", f.reserved()).append('\n');
                key("receiverKey", f.receiverKey(), 1);
            }
            case MpTcpRst r -> {
                Text.hex(sb.append(I3).append("flags: 0x"), r.flags(), 1).append('\n');
                bool(I4, "flagU", r.flagU());
                bool(I4, "flagV", r.flagV());
                bool(I4, "flagW", r.flagW());
                bool(I4, "flagT (transient)", r.flagT());
                field(I3, "reason", r.reason()).append(" (").append(Names.tcpRstReason(r.reason())).append(")\n");
            }
            case MpExperimental x -> {
                Text.hex(sb.append(I3).append("bits: 0x"), x.bits(), 1).append('\n');
                Text.hex(sb.append(I3).append("body: "), x.body()).append('\n');
            }
            case UnknownMptcp u -> {
                Text.hex(sb.append(I3).append("raw: "), u.raw()).append('\n');
                if (!u.reason().isEmpty()) sb.append(I3).append("reason: ").append(u.reason()).append('\n');
            }
        }
    }

    /**
     * Why a DSS checksum cannot be checked from this segment alone, or null when it can: the
     * checksum covers the whole mapping (RFC 8684 §3.3.1), which may span several segments.
     */
    private String mappingNote(int dataLevelLength, boolean dataFin, Tcp tcp) {
        if (cutNote != null) return cutNote;
        int data = dataLevelLength - (dataFin ? 1 : 0);
        if (data != tcp.payload().length()) {
            return "unverified: the mapping covers " + data + " bytes, this segment carries " + tcp.payload().length();
        }
        return null;
    }

    private void key(String name, long key, int version) {
        hex64(I3, name, key);
        if (version <= 1) {
            Text.hex(sb.append(I4).append("token: 0x"), MptcpKeys.token(key, version), 8).append(" (derived)\n");
            Text.unsigned(sb.append(I4).append("idsn: "), MptcpKeys.idsn(key, version)).append(" (derived)\n");
        }
    }

    private void hex64(String indent, String name, long v) {
        Text.hex(sb.append(indent).append(name).append(": 0x"), v, 16).append(" (");
        Text.unsigned(sb, v).append(")\n");
    }

    private void unsigned(String indent, String name, long v) {
        Text.unsigned(sb.append(indent).append(name).append(": "), v).append('\n');
    }

    private StringBuilder field(String indent, String name, long value) {
        return sb.append(indent).append(name).append(": ").append(value);
    }

    private void bool(String indent, String name, boolean v) {
        sb.append(indent).append(name).append(": ").append(v).append('\n');
    }

    private void protocol(String indent, String name, int value, int expectedValue) {
        int shown = value != Field.AUTO ? value : expectedValue;
        sb.append(indent).append(name).append(": ");
        if (shown == Field.AUTO) sb.append("auto");
        else sb.append(shown);
        String n = shown == Field.AUTO ? null : Names.protocol(shown);
        if (n != null) sb.append(" (").append(n).append(')');
        if (value == Field.AUTO) sb.append(" (auto)");
        sb.append('\n');
    }

    /** A derived non-checksum field: the value, {@code (auto)}, or {@code (wrong, expected X)}. */
    private void derived(String indent, String name, int value, int expectedValue, int bytesPerUnit) {
        sb.append(indent).append(name).append(": ");
        int shown = value != Field.AUTO ? value : expectedValue;
        if (shown == Field.AUTO) {
            sb.append("auto\n");
            return;
        }
        sb.append(shown);
        if (bytesPerUnit > 0) sb.append(" (").append(shown * bytesPerUnit).append(" bytes)");
        if (value == Field.AUTO) sb.append(" (auto)");
        else if (expectedValue != Field.AUTO && expectedValue != value) {
            sb.append(" (wrong, expected ").append(expectedValue).append(')');
        }
        sb.append('\n');
    }

    /** A checksum: {@code 0x1234 (correct)}, {@code (wrong, expected 0x..)}, {@code (auto)} or a note. */
    private void checksum(String indent, String name, int value, int expectedValue, String note) {
        sb.append(indent).append(name).append(": ");
        if (value == Field.AUTO) {
            if (expectedValue == Field.AUTO) sb.append("auto\n");
            else Text.hex(sb.append("0x"), expectedValue, 4).append(" (auto)\n");
            return;
        }
        Text.hex(sb.append("0x"), value, 4);
        if (note != null) sb.append(" (").append(note).append(')');
        else if (expectedValue == Field.AUTO) sb.append(" (unverified)");
        else if (expectedValue == value) sb.append(" (correct)");
        else Text.hex(sb.append(" (wrong, expected 0x"), expectedValue, 4).append(')');
        sb.append('\n');
    }

    static String hex(Bytes b) {
        return Text.hex(new StringBuilder(), b).toString();
    }
}
