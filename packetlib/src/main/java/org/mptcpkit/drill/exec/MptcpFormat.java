package org.mptcpkit.drill.exec;

import org.mptcpkit.format.PacketFormatter;
import org.mptcpkit.format.PktContext;
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

    /**
     * A live packet as the script would write it ({@code org.mptcpkit.format}'s {@code .pkt}
     * rendering): sequence numbers relative to the connection's ISNs, DSNs and data ACKs relative
     * to the IDSNs, keys and addresses under the names the script bound.
     */
    static String packet(IpPacket ip, Conn c, MptcpState mp, char direction) {
        boolean out = direction == '>';
        PktContext ctx = PktContext.ABSOLUTE.withKeyValues(false).withTuple(true);
        if (c != null) {
            long local = c.localIsnOffset, remote = c.remoteIsn;
            ctx = out ? ctx.withSequenceBases(local, remote) : ctx.withSequenceBases(remote, local);
        }
        if (mp.kernelKey != null && mp.pdKey != null) {
            ctx = out ? ctx.withDataSequenceBases(mp.kernelIdsn(), mp.pdIdsn())
                    : ctx.withDataSequenceBases(mp.pdIdsn(), mp.kernelIdsn());
        }
        for (java.util.Map.Entry<String, Long> k : mp.keyVars.entrySet()) ctx = ctx.withKeyName(k.getValue(), k.getKey());
        for (java.util.Map.Entry<String, MptcpState.Endpoint> a : mp.addrVars.entrySet()) {
            ctx = ctx.withAddressName(a.getValue().address(), a.getKey());
        }
        return direction + " " + PacketFormatter.pktPacket(ip, ctx);
    }

    private static String key(long k) {
        return "0x" + Long.toHexString(k);
    }
}
