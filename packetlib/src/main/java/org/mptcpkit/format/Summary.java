package org.mptcpkit.format;

import java.util.List;

import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Eol;
import org.mptcpkit.packet.FastOpen;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.IpAddress;
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
 * The one-line summary, in tcpdump 4.99's words ({@code tcpdump -nS}, without the timestamp):
 * {@code IP 10.0.1.1.47970 > 10.0.1.2.5101: Flags [S], seq 1158021166, win 64240, options
 * [mss 1460,sackOK,TS val 2210103822 ecr 0,nop,wscale 10,mptcp 4 capable v1], length 0}.
 *
 * <p>The TCP fields and the non-MPTCP options are tcpdump's text exactly (print-tcp.c), and so
 * are the MPTCP suboptions tcpdump prints well (print-mptcp.c). Where tcpdump 4.99 prints
 * {@code [bad opt]} or {@code unknown} we print the fields: MP_CAPABLE with data shows its
 * data-level length (and checksum), MP_TCPRST its flags and reason, MP_EXPERIMENTAL and unknown
 * subtypes their bytes; MP_CAPABLE flags other than A and H show as {@code flags 0x..}. A decode's
 * diagnostics follow as {@code [malformed: field @offset: what]}.
 */
final class Summary {
    private Summary() {
    }

    static void append(StringBuilder sb, IpPacket packet, List<Diagnostic> diagnostics) {
        switch (packet) {
            case Ip4 ip -> {
                sb.append("IP ");
                transport(sb, ip, ip.src(), ip.dst(), ip.protocol(), ipPayloadLength(ip));
            }
            case Ip6 ip -> {
                sb.append("IP6 ");
                transport(sb, ip, ip.src(), ip.dst(), ip.nextHeader(), ipPayloadLength(ip));
            }
            case RawPacket r -> {
                sb.append("raw ").append(r.bytes().length()).append(" bytes");
                if (!r.bytes().isEmpty()) sb.append(", version ").append(r.bytes().u8(0) >>> 4);
            }
        }
        diagnostics(sb, diagnostics);
    }

    static void diagnostics(StringBuilder sb, List<Diagnostic> diagnostics) {
        if (diagnostics == null || diagnostics.isEmpty()) return;
        sb.append(" [malformed: ");
        for (int i = 0; i < diagnostics.size(); i++) {
            Diagnostic d = diagnostics.get(i);
            if (i > 0) sb.append("; ");
            sb.append(d.field()).append(" @").append(d.offset()).append(": ").append(d.message());
        }
        sb.append(']');
    }

    /** Bytes after the IP header(s) as the IP header says, or -1 when it does not say. */
    private static int ipPayloadLength(Ip4 ip) {
        if (ip.totalLength() == Field.AUTO) return -1;
        int header = ip.ihl() != Field.AUTO ? ip.ihl() * 4 : 20 + ((ip.options().length() + 3) & ~3);
        return ip.totalLength() - header;
    }

    private static int ipPayloadLength(Ip6 ip) {
        if (ip.payloadLength() == Field.AUTO) return -1;
        return ip.payloadLength() - ip.extensionHeaders().length();
    }

    private static void transport(StringBuilder sb, IpPacket ip, IpAddress src, IpAddress dst, int protocol,
                                  int ipPayloadLength) {
        if (!(ip.payload() instanceof Tcp tcp)) {
            Text.address(sb, src).append(" > ");
            Text.address(sb, dst).append(": ");
            int n = ip.payload() instanceof RawPayload r ? r.bytes().length() : 0;
            // tcpdump's words for a protocol it does not decode: "ip-proto-17 8".
            sb.append("ip-proto-").append(protocol == Field.AUTO ? Tcp.PROTOCOL : protocol).append(' ')
                    .append(ipPayloadLength >= 0 ? ipPayloadLength : n);
            return;
        }
        Text.address(sb, src).append('.').append(tcp.srcPort()).append(" > ");
        Text.address(sb, dst).append('.').append(tcp.dstPort()).append(": ");
        tcp(sb, tcp, ipPayloadLength);
    }

    /** The TCP part, print-tcp.c's order: flags, seq, ack, win, urg, options, length. */
    static void tcp(StringBuilder sb, Tcp tcp, int ipPayloadLength) {
        TcpFlags flags = tcp.flags();
        sb.append("Flags [").append(flags).append(']');
        int length = segmentLength(tcp, ipPayloadLength);
        if (length > 0 || (flags.bits() & (TcpFlags.SYN_BIT | TcpFlags.FIN_BIT | TcpFlags.RST_BIT)) != 0) {
            sb.append(", seq ").append(tcp.seq());
            if (length > 0) sb.append(':').append((tcp.seq() + length) & 0xffffffffL);
        }
        if (flags.ack()) sb.append(", ack ").append(tcp.ack());
        sb.append(", win ").append(tcp.window());
        if (flags.urg()) sb.append(", urg ").append(tcp.urgentPointer());
        List<TcpOption> options = tcp.options();
        if (!options.isEmpty()) {
            sb.append(", options [");
            for (int i = 0, n = options.size(); i < n; i++) {
                if (i > 0) sb.append(',');
                TcpOption o = options.get(i);
                option(sb, o, flags);
                // print-tcp.c stops at End of Option List: what follows is padding.
                if (o instanceof Eol) break;
            }
            sb.append(']');
        }
        sb.append(", length ").append(length);
    }

    /** The payload length tcpdump prints: from the IP length field, so a cut capture shows the whole. */
    static int segmentLength(Tcp tcp, int ipPayloadLength) {
        if (ipPayloadLength >= 0) {
            int header = tcp.dataOffset() != Field.AUTO ? Math.max(tcp.dataOffset(), 5) * 4
                    : 20 + ((TcpOptionCodec.encodedLength(tcp.options()) + 3) & ~3);
            int n = ipPayloadLength - header;
            if (n >= 0) return n;
        }
        return tcp.payload().length();
    }

    /** One option as print-tcp.c prints it inside {@code options [...]}. */
    static void option(StringBuilder sb, TcpOption option, TcpFlags flags) {
        switch (option) {
            case Eol e -> sb.append("eol");
            case Nop n -> sb.append("nop");
            case Mss m -> {
                sb.append("mss ").append(m.mss());
                badLength(sb, m.length(), Mss.LENGTH);
            }
            case WindowScale w -> {
                sb.append("wscale ").append(w.shift());
                badLength(sb, w.length(), WindowScale.LENGTH);
            }
            case SackPermitted s -> {
                sb.append("sackOK");
                badLength(sb, s.length(), SackPermitted.LENGTH);
            }
            case Sack s -> {
                sb.append("sack ").append(s.blocks().size()).append(' ');
                for (Sack.Block b : s.blocks()) sb.append('{').append(b.left()).append(':').append(b.right()).append('}');
                badLength(sb, s.length(), 2 + 8 * s.blocks().size());
            }
            case Timestamps t -> {
                sb.append("TS val ").append(t.tsVal()).append(" ecr ").append(t.tsEcr());
                badLength(sb, t.length(), Timestamps.LENGTH);
            }
            case Md5Signature m -> {
                // tcpdump built with libcrypto and without -M says so before the digest.
                Text.hex(sb.append("md5 shared secret not supplied with -M, can't check - "), m.digest());
                badLength(sb, m.length(), Md5Signature.LENGTH);
            }
            case FastOpen f -> {
                // print-tcp.c: kind 34 is named "tfo" and the cookie printer adds " " first;
                // kind 254 with the TFO magic prints "exp-tfo" itself.
                String gap = f.experimental() ? " " : "  ";
                sb.append(f.experimental() ? "exp-tfo" : "tfo");
                if (f.cookie().isEmpty()) sb.append(gap).append("cookiereq");
                else Text.hex(sb.append(gap).append("cookie "), f.cookie());
                badLength(sb, f.length(), FastOpen.headerLength(f.kind()) + f.cookie().length());
            }
            case UnknownOption u when u.kind() == FastOpen.EXPERIMENTAL_KIND && u.data().length() >= 2 -> {
                // RFC 6994 experiments are named by their ExID, as print-tcp.c does: "exp-1234".
                Text.hex(sb.append("exp-"), u.data().u16(0), 4);
                badLength(sb, u.length(), 2 + u.data().length());
            }
            case UnknownOption u -> {
                String name = Text.tcpdumpName(u.kind());
                if (name != null) sb.append(name);
                else sb.append("unknown-").append(u.kind());
                if (!u.data().isEmpty()) Text.hex(sb.append(" 0x"), u.data());
                badLength(sb, u.length(), 2 + u.data().length());
            }
            case RawOptionBytes r -> Text.hex(sb.append("[bad opt 0x"), r.bytes()).append(']');
            case MptcpOption m -> mptcp(sb, m, flags);
        }
    }

    /** tcpdump's {@code [len N]} when the length byte disagrees with the option's content. */
    private static void badLength(StringBuilder sb, int set, int actual) {
        if (set != Field.AUTO && set != actual) sb.append("[len ").append(set).append(']');
    }

    /** print-mptcp.c: {@code mptcp LEN NAME fields}. */
    static void mptcp(StringBuilder sb, MptcpOption option, TcpFlags tcpFlags) {
        sb.append("mptcp ").append(Text.lengthByte(option)).append(' ');
        switch (option) {
            case MpCapable c -> {
                sb.append("capable");
                if (c.version() > 1) {
                    sb.append(" Unknown Version (").append(c.version()).append(')');
                    return;
                }
                sb.append(" v").append(c.version());
                if (c.checksumRequired()) sb.append(" csum");
                int unusual = c.flags() & ~(MpCapable.FLAG_A | MpCapable.FLAG_H);
                if (unusual != 0 || !c.hmacSha()) Text.hex(sb.append(" flags 0x"), c.flags(), 2);
                switch (c) {
                    case MpCapable.Syn s -> { }
                    case MpCapable.SynAck s -> Text.hex0x(sb.append(" {"), s.senderKey()).append('}');
                    case MpCapable.Ack a -> Text.hex0x(Text.hex0x(sb.append(" {"), a.senderKey()).append(','),
                            a.receiverKey()).append('}');
                    case MpCapable.AckData a -> {
                        Text.hex0x(Text.hex0x(sb.append(" {"), a.senderKey()).append(','), a.receiverKey()).append('}');
                        sb.append(" len ").append(a.dataLevelLength());
                        if (a.checksumPresent()) checksum(sb, a.checksum());
                    }
                }
            }
            case MpJoin j -> {
                sb.append("join");
                switch (j) {
                    case MpJoin.Syn s -> {
                        if (s.backup()) sb.append(" backup");
                        sb.append(" id ").append(s.addressId());
                        Text.hex0x(sb.append(" token "), s.receiverToken());
                        Text.hex0x(sb.append(" nonce "), s.senderRandom());
                    }
                    case MpJoin.SynAck s -> {
                        if (s.backup()) sb.append(" backup");
                        sb.append(" id ").append(s.addressId());
                        Text.hex0x(sb.append(" hmac "), s.senderTruncatedHmac());
                        Text.hex0x(sb.append(" nonce "), s.senderRandom());
                    }
                    case MpJoin.Ack a -> Text.hex(sb.append(" hmac 0x"), a.senderHmac());
                }
            }
            case Dss d -> {
                sb.append("dss");
                if (d.dataFin()) sb.append(" fin");
                if (d.dataAckPresent()) Text.unsigned(sb.append(" ack "), d.dataAck());
                if (d.mappingPresent()) {
                    Text.unsigned(sb.append(" seq "), d.dataSequenceNumber());
                    sb.append(" subseq ").append(d.subflowSequenceNumber());
                    sb.append(" len ").append(d.dataLevelLength());
                    if (d.checksumPresent()) checksum(sb, d.checksum());
                }
            }
            case AddAddr a -> {
                sb.append("add-addr");
                switch (a) {
                    case AddAddr.V1 v -> sb.append(v.echo() ? " v1-echo" : " v1");
                    case AddAddr.V0 v -> sb.append(v.address() instanceof java.net.Inet4Address ? " v0-ip4" : " v0-ip6");
                }
                sb.append(" id ").append(a.addressId()).append(' ');
                Text.address(sb, a.address());
                if (a.portPresent()) sb.append(':').append(a.port());
                if (a instanceof AddAddr.V1 v && v.truncatedHmacPresent()) Text.hex0x(sb.append(" hmac "), v.truncatedHmac());
            }
            case RemoveAddr r -> {
                sb.append("rem-addr id");
                for (int id : r.addressIds()) sb.append(' ').append(id);
            }
            case MpPrio p -> {
                sb.append(p.backup() ? "prio backup" : "prio non-backup");
                if (p.addressIdPresent()) sb.append(" id ").append(p.addressId());
            }
            case MpFail f -> Text.unsigned(sb.append("fail seq "), f.dataSequenceNumber());
            case MpFastclose f -> Text.hex0x(sb.append("fast-close key "), f.receiverKey());
            case MpTcpRst r -> {
                sb.append("tcprst");
                if (r.flagT()) sb.append(" transient");
                if ((r.flags() & 0xe) != 0) Text.hex0x(sb.append(" flags "), r.flags());
                sb.append(" reason ").append(r.reason()).append(" (").append(Names.tcpRstReason(r.reason())).append(')');
            }
            case MpExperimental x -> {
                Text.hex0x(sb.append("experimental bits "), x.bits());
                if (!x.body().isEmpty()) Text.hex(sb.append(" 0x"), x.body());
            }
            case UnknownMptcp u -> {
                sb.append("unknown");
                if (u.subtype() >= 0) Text.hex0x(sb.append(" subtype "), u.subtype());
                if (u.raw().length() > 3) Text.hex(sb.append(" 0x"), u.raw().slice(3));
            }
        }
    }

    private static void checksum(StringBuilder sb, int checksum) {
        if (checksum == Field.AUTO) sb.append(" csum auto");
        else Text.hex0x(sb.append(" csum "), checksum);
    }
}
