package org.mptcpkit.drill.exec;

import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Eol;
import org.mptcpkit.packet.FastOpen;
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

/**
 * Prints a live packet in {@code .pkt} syntax, sequence and DSS numbers made relative to the
 * connection as the script sees them, so that it can be compared with the script line by eye.
 */
final class MptcpFormat {
    private static final long U32 = 0xffff_ffffL;

    private MptcpFormat() {
    }

    static String subtypeName(MptcpOption o) {
        return switch (o) {
            case MpCapable c -> "mp_capable";
            case MpJoin j -> "mp_join";
            case Dss d -> "dss";
            case AddAddr a -> "add_address";
            case RemoveAddr r -> "remove_address";
            case MpPrio p -> "mp_prio";
            case MpFail f -> "mp_fail";
            case MpFastclose f -> "mp_fastclose";
            case MpTcpRst r -> "mp_reset";
            case MpExperimental e -> "mp_experimental";
            case UnknownMptcp u -> "mptcp subtype " + u.subtype();
        };
    }

    static String capFlags(int f) {
        if (f == 0) return "flags[no_flags]";
        StringBuilder sb = new StringBuilder("flags[");
        String[] names = {"flag_a", "flag_b", "flag_c", "flag_d", "flag_e", "flag_f", "flag_g", "flag_h"};
        for (int i = 0; i < 8; i++) {
            if ((f & (0x80 >> i)) != 0) sb.append(sb.length() > 6 ? "," : "").append(names[i]);
        }
        return sb.append(']').toString();
    }

    /** {@code > . 1:1(0) ack 1 win 256 <nop,nop,TS val 5 ecr 7,dss dack8=3 nocs>}, script-relative. */
    static String packet(IpPacket ip, Conn c, MptcpState mp, char direction) {
        Tcp t = switch (ip) {
            case Ip4 p -> p.payload() instanceof Tcp tcp ? tcp : null;
            case Ip6 p -> p.payload() instanceof Tcp tcp ? tcp : null;
            default -> null;
        };
        if (t == null) return direction + " (not TCP) " + ip;
        StringBuilder sb = new StringBuilder();
        sb.append(direction).append(' ');
        if (ip instanceof Ip4 p) sb.append(p.src()).append(':').append(t.srcPort()).append(" > ").append(p.dst()).append(':').append(t.dstPort());
        if (ip instanceof Ip6 p) sb.append(p.src()).append(':').append(t.srcPort()).append(" > ").append(p.dst()).append(':').append(t.dstPort());
        sb.append(' ').append(flags(t.flags()));
        boolean out = direction == '>';
        long seq = t.seq();
        if (c != null && !t.flags().syn()) seq = (seq - (out ? c.localIsnOffset : c.remoteIsn)) & U32;
        int len = t.payload().length();
        sb.append(' ').append(seq).append(':').append((seq + len) & U32).append('(').append(len).append(')');
        if (t.flags().ack()) {
            long ack = t.ack();
            if (c != null) ack = (ack - (out ? c.remoteIsn : c.localIsnOffset)) & U32;
            sb.append(" ack ").append(ack);
        }
        sb.append(" win ").append(t.window());
        if (!t.options().isEmpty()) {
            sb.append(" <");
            boolean first = true;
            for (TcpOption o : t.options()) {
                if (!first) sb.append(", ");
                first = false;
                sb.append(option(o, mp, out));
            }
            sb.append('>');
        }
        return sb.toString();
    }

    private static String flags(TcpFlags f) {
        StringBuilder sb = new StringBuilder();
        if (f.syn()) sb.append('S');
        if (f.fin()) sb.append('F');
        if (f.rst()) sb.append('R');
        if (f.psh()) sb.append('P');
        if (f.urg()) sb.append('U');
        if (f.ece()) sb.append('E');
        if (f.cwr()) sb.append('W');
        if (f.ae()) sb.append('A');
        if (f.ack()) sb.append('.');
        return sb.isEmpty() ? "-" : sb.toString();
    }

    private static String option(TcpOption o, MptcpState mp, boolean out) {
        return switch (o) {
            case Eol e -> "eol";
            case Nop n -> "nop";
            case Mss m -> "mss " + m.mss();
            case WindowScale w -> "wscale " + w.shift();
            case SackPermitted s -> "sackOK";
            case Sack s -> {
                StringBuilder sb = new StringBuilder("sack");
                for (Sack.Block b : s.blocks()) sb.append(' ').append(b.left()).append(':').append(b.right());
                yield sb.toString();
            }
            case Timestamps t -> "TS val " + t.tsVal() + " ecr " + t.tsEcr();
            case Md5Signature m -> "md5 " + m.digest().hex();
            case FastOpen f -> "FO " + f.cookie().hex();
            case UnknownOption u -> "kind " + u.kind() + " " + u.data().hex();
            case RawOptionBytes r -> "raw " + r.bytes().hex();
            case MptcpOption m -> mptcp(m, mp, out);
        };
    }

    private static String mptcp(MptcpOption o, MptcpState mp, boolean out) {
        long dackBase = out ? mp.pdIdsn() : mp.kernelIdsn();
        long dsnBase = out ? mp.kernelIdsn() : mp.pdIdsn();
        return switch (o) {
            case MpCapable c -> {
                StringBuilder sb = new StringBuilder("mpcapable v").append(c.version()).append(' ').append(capFlags(c.flags()));
                switch (c) {
                    case MpCapable.Syn s -> sb.append(" nokey");
                    case MpCapable.SynAck s -> sb.append(" key[").append(key(s.senderKey())).append(']');
                    case MpCapable.Ack a -> sb.append(" key[").append(key(a.senderKey())).append(", ").append(key(a.receiverKey())).append(']');
                    case MpCapable.AckData a -> sb.append(" key[").append(key(a.senderKey())).append(", ").append(key(a.receiverKey()))
                            .append("] mpcdatalen ").append(a.dataLevelLength());
                }
                yield sb.toString();
            }
            case MpJoin.Syn j -> "mp_join_syn backup=" + (j.backup() ? 1 : 0) + " address_id=" + j.addressId() + " token="
                    + j.receiverToken() + " rand=" + j.senderRandom();
            case MpJoin.SynAck j -> "mp_join_syn_ack backup=" + (j.backup() ? 1 : 0) + " address_id=" + j.addressId()
                    + " sender_hmac=" + Long.toUnsignedString(j.senderTruncatedHmac()) + " rand=" + j.senderRandom();
            case MpJoin.Ack j -> "mp_join_ack sender_hmac=" + j.senderHmac().hex();
            case Dss d -> {
                StringBuilder sb = new StringBuilder("dss");
                if (d.dataAckPresent()) {
                    long v = d.dataAck8() ? d.dataAck() - dackBase : (d.dataAck() - dackBase) & U32;
                    sb.append(d.dataAck8() ? " dack8=" : " dack4=").append(Long.toUnsignedString(v));
                }
                if (d.mappingPresent()) {
                    long v = d.dataSequenceNumber8() ? d.dataSequenceNumber() - dsnBase : (d.dataSequenceNumber() - dsnBase) & U32;
                    sb.append(d.dataSequenceNumber8() ? " dsn8=" : " dsn4=").append(Long.toUnsignedString(v));
                    sb.append(" ssn=").append(d.subflowSequenceNumber()).append(" dll=").append(d.dataLevelLength());
                    sb.append(d.checksumPresent() ? " cksum=" + d.checksum() : " nocs");
                }
                if (d.dataFin()) sb.append(" fin");
                yield sb.toString();
            }
            case AddAddr.V1 a -> "add_address address_id=" + a.addressId() + " addr[" + a.address().getHostAddress() + "]"
                    + (a.portPresent() ? " port=" + a.port() : "")
                    + (a.echo() ? " addr_echo" : a.truncatedHmacPresent() ? " hmac=" + Long.toUnsignedString(a.truncatedHmac()) : "");
            case AddAddr.V0 a -> "add_address v0 address_id=" + a.addressId() + " addr[" + a.address().getHostAddress() + "]";
            case RemoveAddr r -> "remove_address address_id=" + r.addressIds();
            case MpPrio p -> "mp_prio backup=" + (p.backup() ? 1 : 0) + (p.addressIdPresent() ? " address_id=" + p.addressId() : "");
            case MpFail f -> "mp_fail dsn8=" + Long.toUnsignedString(f.dataSequenceNumber() - (out ? mp.pdIdsn() : mp.kernelIdsn()));
            case MpFastclose f -> "mp_fastclose " + Long.toUnsignedString(f.receiverKey());
            case MpTcpRst r -> "mp_reset " + r.reason() + (r.flagT() ? " flags[flag_t]" : "");
            case MpExperimental e -> "mp_experimental";
            case UnknownMptcp u -> "mptcp subtype " + u.subtype();
        };
    }

    private static String key(long k) {
        return "0x" + Long.toHexString(k);
    }
}
