package org.mptcpkit.peer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.RawPacket;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpOption;

/**
 * Alterations for the peer's sending steps: one field broken, the rest left as the peer built it.
 *
 * <pre>{@code
 * peer.sendJoinAck(sf, Alter.option(MpJoin.Ack.class, a -> a.withSenderHmac(Bytes.zeros(20))));
 * peer.send(sf, data, Alter.option(Dss.class, d -> d.withChecksum(0x1234)));
 * peer.sendSyn(Alter.tcp(t -> t.withWindow(0)));
 * }</pre>
 *
 * Derived fields the alteration invalidates (the TCP checksum, lengths) stay {@code AUTO} in the
 * peer's packets, so the encoder recomputes them: only the field changed on purpose is wrong.
 */
public final class Alter {
    private Alter() {
    }

    /** Applies {@code change} to every option of type {@code type} in the TCP segment. */
    public static <T extends TcpOption> UnaryOperator<IpPacket> option(Class<T> type, UnaryOperator<T> change) {
        return tcp(t -> {
            List<TcpOption> out = new ArrayList<>(t.options().size());
            boolean found = false;
            for (TcpOption o : t.options()) {
                if (type.isInstance(o)) {
                    out.add(change.apply(type.cast(o)));
                    found = true;
                } else {
                    out.add(o);
                }
            }
            if (!found) throw new IllegalArgumentException("no " + type.getSimpleName() + " option to alter in " + t.options());
            return t.withOptions(out);
        });
    }

    /** Removes every option of type {@code type}. */
    public static UnaryOperator<IpPacket> without(Class<? extends TcpOption> type) {
        return tcp(t -> {
            List<TcpOption> out = new ArrayList<>(t.options());
            out.removeIf(type::isInstance);
            return t.withOptions(out);
        });
    }

    /** Adds {@code option} after the segment's options. */
    public static UnaryOperator<IpPacket> adding(TcpOption option) {
        return tcp(t -> {
            List<TcpOption> out = new ArrayList<>(t.options());
            out.add(option);
            return t.withOptions(out);
        });
    }

    /** Applies {@code change} to the TCP segment. */
    public static UnaryOperator<IpPacket> tcp(UnaryOperator<Tcp> change) {
        return p -> switch (p) {
            case Ip4 ip -> ip.withPayload(change.apply(segment(ip.payload())));
            case Ip6 ip -> ip.withPayload(change.apply(segment(ip.payload())));
            case RawPacket r -> throw new IllegalArgumentException("a raw packet has no TCP segment to alter");
        };
    }

    /** Applies {@code change} to an IPv4 header (and fails on IPv6 packets). */
    public static UnaryOperator<IpPacket> ip4(UnaryOperator<Ip4> change) {
        return p -> {
            if (!(p instanceof Ip4 ip)) throw new IllegalArgumentException("not an IPv4 packet: " + p.getClass().getSimpleName());
            return change.apply(ip);
        };
    }

    private static Tcp segment(org.mptcpkit.packet.IpPayload payload) {
        if (payload instanceof Tcp t) return t;
        throw new IllegalArgumentException("the packet carries no TCP segment");
    }
}
