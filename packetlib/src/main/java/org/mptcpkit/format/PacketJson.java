package org.mptcpkit.format;

import java.util.List;

import org.mptcpkit.crypto.MptcpKeys;
import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Eol;
import org.mptcpkit.packet.FastOpen;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.IpPacket;
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
import org.mptcpkit.wire.TcpOptionCodec;

/**
 * One JSON object per packet, the schema of {@code mptcpkit decode --json} (docs/decode-json.md):
 * the frame, the IP header, the TCP header with every option in wire order, each with its typed
 * fields under the model's (RFC) names and its raw bytes in hex, and the decode's diagnostics.
 *
 * <p>Integers are JSON numbers; 64-bit fields (keys, 8-byte DSNs and data ACKs, truncated
 * HMACs) are unsigned decimal, as tshark prints them, and each also has a {@code ...Hex} twin
 * holding its 16 hex digits, for readers whose JSON numbers are doubles. A derived field the model
 * leaves {@link Field#AUTO} (a crafted packet, never a decoded one) is {@code null}.
 *
 * <p>An instance keeps a scratch buffer for the options' raw bytes: reuse one per thread, not
 * across threads.
 */
public final class PacketJson {
    private final byte[] scratch = new byte[64];

    /** Frame facts a capture gives (all optional: pass a negative number for an unknown one). */
    public record Frame(int number, long timestampNanos, int capturedLength, int originalLength) {
        public static final Frame NONE = new Frame(-1, -1, -1, -1);
    }

    /**
     * Writes the object for {@code packet} into {@code w}.
     *
     * @param link        a one-line description of the link-layer header, or null
     * @param linkType    the capture's link type name (e.g. {@code EN10MB}), or null
     * @param diagnostics what the decode reported (empty for a clean packet)
     */
    public void write(JsonWriter w, Frame frame, String linkType, String link, IpPacket packet,
                      List<Diagnostic> diagnostics) {
        w.beginObject();
        if (frame.number() >= 0) w.field("frame", frame.number());
        if (frame.timestampNanos() >= 0) {
            long s = frame.timestampNanos() / 1_000_000_000L;
            long ns = frame.timestampNanos() % 1_000_000_000L;
            w.name("timestamp");
            StringBuilder sb = w.beginValueRaw();
            sb.append(s).append('.');
            Text.pad9(sb, ns);
        }
        if (frame.capturedLength() >= 0) w.field("capturedLength", frame.capturedLength());
        if (frame.originalLength() >= 0) w.field("originalLength", frame.originalLength());
        if (linkType != null || link != null) {
            w.name("link").beginObject();
            if (linkType != null) w.field("type", linkType);
            if (link != null) w.field("header", link);
            w.endObject();
        }
        if (packet != null) packet(w, packet);
        if (diagnostics != null && !diagnostics.isEmpty()) {
            w.name("diagnostics").beginArray();
            for (Diagnostic d : diagnostics) {
                w.beginObject().field("offset", d.offset()).field("field", d.field()).field("message", d.message());
                if (!d.reference().isEmpty()) w.field("reference", d.reference());
                w.endObject();
            }
            w.endArray();
        }
        w.endObject();
    }

    private void packet(JsonWriter w, IpPacket packet) {
        int ipPayloadLength = -1;
        switch (packet) {
            case Ip4 ip -> {
                w.name("ip").beginObject();
                w.field("version", ip.version());
                derived(w, "ihl", ip.ihl());
                w.field("dscp", ip.dscp()).field("ecn", ip.ecn());
                derived(w, "totalLength", ip.totalLength());
                w.field("identification", ip.identification());
                w.field("reservedFlag", ip.reservedFlag()).field("df", ip.df()).field("mf", ip.mf());
                w.field("fragmentOffset", ip.fragmentOffset()).field("ttl", ip.ttl());
                derived(w, "protocol", ip.protocol());
                derived(w, "headerChecksum", ip.headerChecksum());
                w.name("src");
                Text.ip4(w.beginString(), ip.src().bits());
                w.endString();
                w.name("dst");
                Text.ip4(w.beginString(), ip.dst().bits());
                w.endString();
                if (!ip.options().isEmpty()) w.fieldHex("options", ip.options());
                if (!ip.trailer().isEmpty()) w.fieldHex("trailer", ip.trailer());
                w.endObject();
                if (ip.totalLength() != Field.AUTO && ip.ihl() != Field.AUTO) ipPayloadLength = ip.totalLength() - ip.ihl() * 4;
            }
            case Ip6 ip -> {
                w.name("ip").beginObject();
                w.field("version", ip.version()).field("dscp", ip.dscp()).field("ecn", ip.ecn());
                w.field("flowLabel", ip.flowLabel());
                derived(w, "payloadLength", ip.payloadLength());
                derived(w, "nextHeader", ip.nextHeader());
                w.field("hopLimit", ip.hopLimit());
                w.name("src");
                w.beginString().append(ip.src());
                w.endString();
                w.name("dst");
                w.beginString().append(ip.dst());
                w.endString();
                if (!ip.extensionHeaders().isEmpty()) w.fieldHex("extensionHeaders", ip.extensionHeaders());
                if (!ip.trailer().isEmpty()) w.fieldHex("trailer", ip.trailer());
                w.endObject();
                if (ip.payloadLength() != Field.AUTO) ipPayloadLength = ip.payloadLength() - ip.extensionHeaders().length();
            }
            case RawPacket r -> {
                w.fieldHex("raw", r.bytes());
                return;
            }
        }
        switch (packet.payload()) {
            case Tcp t -> tcp(w, t, ipPayloadLength);
            case RawPayload r -> w.fieldHex("payload", r.bytes());
        }
    }

    private void tcp(JsonWriter w, Tcp t, int ipPayloadLength) {
        w.name("tcp").beginObject();
        w.field("srcPort", t.srcPort()).field("dstPort", t.dstPort());
        w.field("seq", t.seq()).field("ack", t.ack());
        derived(w, "dataOffset", t.dataOffset());
        w.field("reserved", t.reserved());
        TcpFlags f = t.flags();
        w.field("flags", f.bits() == 0 ? "" : f.toString());
        w.field("flagBits", f.bits());
        w.name("flag").beginObject();
        w.field("fin", f.fin()).field("syn", f.syn()).field("rst", f.rst()).field("psh", f.psh())
                .field("ack", f.ack()).field("urg", f.urg()).field("ece", f.ece()).field("cwr", f.cwr())
                .field("ae", f.ae());
        w.endObject();
        w.field("window", t.window());
        derived(w, "checksum", t.checksum());
        w.field("urgentPointer", t.urgentPointer());
        w.name("options").beginArray();
        List<TcpOption> options = t.options();
        for (int i = 0, n = options.size(); i < n; i++) option(w, options.get(i), t);
        w.endArray();
        w.field("payloadLength", Summary.segmentLength(t, ipPayloadLength));
        w.field("capturedPayloadLength", t.payload().length());
        w.endObject();
    }

    private void option(JsonWriter w, TcpOption o, Tcp tcp) {
        w.beginObject();
        int kind = Text.kind(o);
        w.field("kind", kind).field("name", Text.optionName(o));
        w.field("length", o instanceof Eol || o instanceof Nop ? 1 : Text.lengthByte(o));
        switch (o) {
            case Eol e -> { }
            case Nop n -> { }
            case Mss m -> w.field("mss", m.mss());
            case WindowScale s -> w.field("shift", s.shift());
            case SackPermitted s -> { }
            case Sack s -> {
                w.name("blocks").beginArray();
                for (Sack.Block b : s.blocks()) w.beginObject().field("left", b.left()).field("right", b.right()).endObject();
                w.endArray();
            }
            case Timestamps ts -> w.field("tsVal", ts.tsVal()).field("tsEcr", ts.tsEcr());
            case Md5Signature m -> w.fieldHex("digest", m.digest());
            case FastOpen fo -> w.fieldHex("cookie", fo.cookie());
            case UnknownOption u -> w.fieldHex("data", u.data());
            case RawOptionBytes r -> { }
            case MptcpOption m -> mptcp(w, m);
        }
        int n = TcpOptionCodec.encodedLength(o);
        byte[] b = n <= scratch.length ? scratch : new byte[n];
        TcpOptionCodec.encode(o, b, 0, tcp.payload());
        w.fieldHex("raw", b, 0, n);
        w.endObject();
    }

    private static void mptcp(JsonWriter w, MptcpOption m) {
        if (m.subtype() >= 0) w.field("subtype", m.subtype());
        w.field("subtypeName", MptcpOption.subtypeName(m.subtype()));
        String form = Names.form(m);
        if (form != null) w.field("form", form);
        switch (m) {
            case MpCapable c -> {
                w.field("version", c.version()).field("flags", c.flags());
                w.field("checksumRequired", c.checksumRequired()).field("extensibility", c.extensibility())
                        .field("noMoreSubflows", c.noMoreSubflows()).field("reservedFlags", c.reservedFlags())
                        .field("hmacSha", c.hmacSha());
                switch (c) {
                    case MpCapable.Syn s -> { }
                    case MpCapable.SynAck s -> senderKey(w, s.senderKey(), c.version());
                    case MpCapable.Ack a -> {
                        senderKey(w, a.senderKey(), c.version());
                        u64(w, "receiverKey", "receiverKeyHex", a.receiverKey());
                    }
                    case MpCapable.AckData a -> {
                        senderKey(w, a.senderKey(), c.version());
                        u64(w, "receiverKey", "receiverKeyHex", a.receiverKey());
                        w.field("dataLevelLength", a.dataLevelLength());
                        if (a.checksumPresent()) derived(w, "checksum", a.checksum());
                    }
                }
            }
            case MpJoin j -> {
                switch (j) {
                    case MpJoin.Syn s -> w.field("reserved", s.reserved()).field("backup", s.backup())
                            .field("addressId", s.addressId()).field("receiverToken", s.receiverToken())
                            .field("senderRandom", s.senderRandom());
                    case MpJoin.SynAck s -> {
                        w.field("reserved", s.reserved()).field("backup", s.backup()).field("addressId", s.addressId());
                        u64(w, "senderTruncatedHmac", "senderTruncatedHmacHex", s.senderTruncatedHmac());
                        w.field("senderRandom", s.senderRandom());
                    }
                    case MpJoin.Ack a -> w.field("reserved", a.reserved()).fieldHex("senderHmac", a.senderHmac());
                }
            }
            case Dss d -> {
                w.field("reserved", d.reserved()).field("flags", d.flags());
                w.field("dataFin", d.dataFin()).field("dataSequenceNumber8", d.dataSequenceNumber8())
                        .field("mappingPresent", d.mappingPresent()).field("dataAck8", d.dataAck8())
                        .field("dataAckPresent", d.dataAckPresent());
                if (d.dataAckPresent()) {
                    if (d.dataAck8()) u64(w, "dataAck", "dataAckHex", d.dataAck());
                    else w.field("dataAck", d.dataAck());
                }
                if (d.mappingPresent()) {
                    if (d.dataSequenceNumber8()) u64(w, "dataSequenceNumber", "dataSequenceNumberHex", d.dataSequenceNumber());
                    else w.field("dataSequenceNumber", d.dataSequenceNumber());
                    w.field("subflowSequenceNumber", d.subflowSequenceNumber());
                    w.field("dataLevelLength", d.dataLevelLength());
                    if (d.checksumPresent()) derived(w, "checksum", d.checksum());
                }
            }
            case AddAddr a -> {
                switch (a) {
                    case AddAddr.V1 v -> w.field("version", 1).field("reserved", v.reserved()).field("echo", v.echo());
                    case AddAddr.V0 v -> {
                        w.field("version", 0);
                        derived(w, "ipVersion", v.ipVersion());
                    }
                }
                w.field("addressId", a.addressId());
                w.name("address");
                Text.address(w.beginString(), a.address());
                w.endString();
                if (a.portPresent()) w.field("port", a.port());
                if (a instanceof AddAddr.V1 v && v.truncatedHmacPresent()) u64(w, "truncatedHmac", "truncatedHmacHex", v.truncatedHmac());
            }
            case RemoveAddr r -> {
                w.field("reserved", r.reserved());
                w.name("addressIds").beginArray();
                for (int i = 0, n = r.addressIds().size(); i < n; i++) w.value(r.addressIds().get(i));
                w.endArray();
            }
            case MpPrio p -> {
                w.field("reserved", p.reserved()).field("backup", p.backup());
                if (p.addressIdPresent()) w.field("addressId", p.addressId());
            }
            case MpFail f -> {
                w.field("reserved", f.reserved());
                u64(w, "dataSequenceNumber", "dataSequenceNumberHex", f.dataSequenceNumber());
            }
            case MpFastclose f -> {
                w.field("reserved", f.reserved());
                u64(w, "receiverKey", "receiverKeyHex", f.receiverKey());
            }
            case MpTcpRst r -> w.field("flags", r.flags()).field("flagU", r.flagU()).field("flagV", r.flagV())
                    .field("flagW", r.flagW()).field("flagT", r.flagT()).field("reason", r.reason())
                    .field("reasonName", Names.tcpRstReason(r.reason()));
            case MpExperimental x -> w.field("bits", x.bits()).fieldHex("body", x.body());
            case UnknownMptcp u -> {
                if (!u.reason().isEmpty()) w.field("reason", u.reason());
            }
        }
    }

    /** The sender's key with the token and IDSN it hashes to (tshark: expected_token, expected_idsn). */
    private static void senderKey(JsonWriter w, long key, int version) {
        u64(w, "senderKey", "senderKeyHex", key);
        if (version <= 1) {
            w.field("senderToken", MptcpKeys.token(key, version));
            w.fieldUnsigned("senderIdsn", MptcpKeys.idsn(key, version));
        }
    }

    private static void u64(JsonWriter w, String name, String hexName, long v) {
        w.fieldUnsigned(name, v);
        w.fieldHex64(hexName, v);
    }

    private static void derived(JsonWriter w, String name, int v) {
        w.name(name);
        if (v == Field.AUTO) w.nullValue();
        else w.value(v);
    }
}
