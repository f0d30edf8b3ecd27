package org.mptcpkit.peer;

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
import org.mptcpkit.packet.RawPacket;
import org.mptcpkit.packet.RawPayload;
import org.mptcpkit.packet.RemoveAddr;
import org.mptcpkit.packet.Sack;
import org.mptcpkit.packet.SackPermitted;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.packet.UnknownMptcp;
import org.mptcpkit.packet.UnknownOption;
import org.mptcpkit.packet.WindowScale;

/**
 * One line per packet, in tcpdump's order and with packetdrill's MPTCP words, for transcripts:
 * {@code 10.0.0.2:40000 > 10.0.0.1:8080 [S.] seq 1 ack 2 win 65535 len 0
 * <mss 1460,nop,nop,TS val 1 ecr 0,mpcapable v1 flags[H] key 0x..>}. Sequence numbers are absolute.
 */
final class Summary {
    private Summary() {
    }

    static String of(IpPacket packet) {
        StringBuilder b = new StringBuilder(160);
        switch (packet) {
            case Ip4 ip -> append(b, ip.src().toString(), ip.dst().toString(), ip.payload() instanceof Tcp t ? t : null, false);
            case Ip6 ip -> append(b, ip.src().toString(), ip.dst().toString(), ip.payload() instanceof Tcp t ? t : null, true);
            case RawPacket r -> b.append("raw ").append(r.bytes().length()).append(" bytes");
        }
        if (packet.payload() instanceof RawPayload r) b.append(" non-TCP payload ").append(r.bytes().length()).append(" bytes");
        return b.toString();
    }

    private static void append(StringBuilder b, String src, String dst, Tcp t, boolean v6) {
        if (t == null) {
            b.append(src).append(" > ").append(dst);
            return;
        }
        endpoint(b, src, t.srcPort(), v6).append(" > ");
        endpoint(b, dst, t.dstPort(), v6);
        b.append(" [").append(t.flags()).append("] seq ").append(t.seq());
        if (t.flags().has(org.mptcpkit.packet.TcpFlags.ACK)) b.append(" ack ").append(t.ack());
        b.append(" win ").append(t.window()).append(" len ").append(t.payload().length());
        if (!t.options().isEmpty()) {
            b.append(" <");
            boolean first = true;
            for (TcpOption o : t.options()) {
                if (!first) b.append(',');
                first = false;
                option(b, o);
            }
            b.append('>');
        }
    }

    private static StringBuilder endpoint(StringBuilder b, String address, int port, boolean v6) {
        return v6 ? b.append('[').append(address).append("]:").append(port) : b.append(address).append(':').append(port);
    }

    private static void option(StringBuilder b, TcpOption o) {
        switch (o) {
            case Eol e -> b.append("eol");
            case Nop n -> b.append("nop");
            case Mss m -> b.append("mss ").append(m.mss());
            case WindowScale w -> b.append("wscale ").append(w.shift());
            case SackPermitted s -> b.append("sackOK");
            case Sack s -> b.append("sack ").append(s.blocks().size());
            case Timestamps t -> b.append("TS val ").append(t.tsVal()).append(" ecr ").append(t.tsEcr());
            case FastOpen f -> b.append("tfo ").append(f.cookie().hex());
            case Md5Signature m -> b.append("md5");
            case UnknownOption u -> b.append("kind ").append(u.kind()).append(' ').append(u.data().hex());
            case RawOptionBytes r -> b.append("raw ").append(r.bytes().hex());
            case MptcpOption m -> mptcp(b, m);
        }
    }

    private static void mptcp(StringBuilder b, MptcpOption m) {
        switch (m) {
            case MpCapable c -> {
                b.append("mpcapable v").append(c.version()).append(" flags 0x").append(Integer.toHexString(c.flags()));
                switch (c) {
                    case MpCapable.Syn s -> { }
                    case MpCapable.SynAck s -> key(b, " key ", s.senderKey());
                    case MpCapable.Ack a -> {
                        key(b, " keys ", a.senderKey());
                        key(b, ",", a.receiverKey());
                    }
                    case MpCapable.AckData a -> {
                        key(b, " keys ", a.senderKey());
                        key(b, ",", a.receiverKey());
                        b.append(" dll ").append(a.dataLevelLength());
                    }
                }
            }
            case MpJoin j -> {
                switch (j) {
                    case MpJoin.Syn s -> b.append("mpjoin syn").append(s.backup() ? " backup" : "").append(" id ").append(s.addressId())
                            .append(" token 0x").append(Long.toHexString(s.receiverToken()))
                            .append(" nonce 0x").append(Long.toHexString(s.senderRandom()));
                    case MpJoin.SynAck s -> b.append("mpjoin syn-ack").append(s.backup() ? " backup" : "").append(" id ").append(s.addressId())
                            .append(" hmac 0x").append(Long.toHexString(s.senderTruncatedHmac()))
                            .append(" nonce 0x").append(Long.toHexString(s.senderRandom()));
                    case MpJoin.Ack a -> b.append("mpjoin ack hmac ").append(a.senderHmac().hex());
                }
            }
            case Dss d -> {
                b.append("dss");
                if (d.dataAckPresent()) b.append(" dack ").append(Long.toUnsignedString(d.dataAck()));
                if (d.mappingPresent()) {
                    b.append(" dsn ").append(Long.toUnsignedString(d.dataSequenceNumber()))
                            .append(" ssn ").append(d.subflowSequenceNumber()).append(" dll ").append(d.dataLevelLength());
                    if (d.checksumPresent()) b.append(" csum ").append(d.checksum() < 0 ? "auto" : "0x" + Integer.toHexString(d.checksum()));
                }
                if (d.dataFin()) b.append(" DATA_FIN");
            }
            case AddAddr a -> {
                b.append(a instanceof AddAddr.V1 v && v.echo() ? "add_address echo" : "add_address").append(" id ").append(a.addressId())
                        .append(' ').append(a.address().getHostAddress());
                if (a.portPresent()) b.append(" port ").append(a.port());
                if (a instanceof AddAddr.V1 v && v.truncatedHmacPresent()) b.append(" hmac 0x").append(Long.toHexString(v.truncatedHmac()));
            }
            case RemoveAddr r -> b.append("remove_address ids ").append(r.addressIds());
            case MpPrio p -> b.append("mp_prio").append(p.backup() ? " backup" : " regular");
            case MpFail f -> b.append("mp_fail dsn ").append(Long.toUnsignedString(f.dataSequenceNumber()));
            case MpFastclose f -> key(b, "mp_fastclose key ", f.receiverKey());
            case MpTcpRst r -> b.append("mp_tcprst reason ").append(MpTcpRst.reasonName(r.reason())).append(r.flagT() ? " transient" : "");
            case MpExperimental e -> b.append("mp_experimental ").append(e.body().hex());
            case UnknownMptcp u -> b.append("mptcp? ").append(u.raw().hex());
        }
    }

    private static void key(StringBuilder b, String label, long key) {
        b.append(label).append("0x").append(Long.toHexString(key));
    }
}
