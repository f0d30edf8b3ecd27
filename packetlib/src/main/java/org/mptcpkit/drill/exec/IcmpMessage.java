package org.mptcpkit.drill.exec;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.mptcpkit.drill.ast.Segment;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.wire.InternetChecksum;

/**
 * Inbound ICMP and ICMPv6 messages of {@code icmp TYPE [CODE] [mtu N] [id N] [[echoed]]} lines
 * (reference §4.4), built as packetdrill builds them: an 8-byte ICMP header (RFC 792, RFC 4443
 * §2.1), then for an error about TCP or UDP the offending packet as the kernel sent it: a 20-byte
 * IPv4 or 40-byte IPv6 header whose length counts the whole original segment, the first 8 bytes
 * of the transport header (the ports and the TCP sequence number, or the UDP header: what the
 * kernel demultiplexes on, RFC 792 "Destination Unreachable Message"), and {@code LEN} zeros.
 * {@code raw(N)} is an ICMP message of {@code N} bytes in all, header included, zeros after it.
 *
 * <pre>
 *  0      7 8     15 16            31
 * +--------+--------+----------------+
 * |  Type  |  Code  |    Checksum    |
 * +--------+--------+----------------+
 * | v4: unused | next-hop MTU (frag_needed); v6: MTU (packet_too_big); echo: id | seq |
 * +----------------------------------+
 * | offending IP header + 8 bytes + LEN zeros ...
 * </pre>
 */
final class IcmpMessage {
    static final int ICMP = 1;
    static final int ICMPV6 = 58;
    static final int HEADER_LENGTH = 8;
    /** What packetdrill quotes of the transport header after the offending IP header. */
    static final int ECHOED_TRANSPORT_BYTES = 8;

    private record Type(int value, Map<String, Integer> codes) {
    }

    // Type and code names as packetdrill spells them (RFC 792, RFC 1812 §5.2.7.1, RFC 4443).
    private static final Map<String, Integer> V4_UNREACHABLE = Map.ofEntries(
            Map.entry("net_unreachable", 0), Map.entry("host_unreachable", 1), Map.entry("protocol_unreachable", 2),
            Map.entry("port_unreachable", 3), Map.entry("frag_needed", 4), Map.entry("source_route_failed", 5),
            Map.entry("net_unknown", 6), Map.entry("host_unknown", 7), Map.entry("source_host_isolated", 8),
            Map.entry("net_prohibited", 9), Map.entry("host_prohibited", 10), Map.entry("net_unreachable_for_tos", 11),
            Map.entry("host_unreachable_for_tos", 12), Map.entry("packet_filtered", 13),
            Map.entry("precedence_violation", 14), Map.entry("precedence_cutoff", 15));
    private static final Map<String, Type> V4 = Map.ofEntries(
            Map.entry("echo_reply", new Type(0, Map.of())), Map.entry("unreachable", new Type(3, V4_UNREACHABLE)),
            Map.entry("source_quench", new Type(4, Map.of())), Map.entry("redirect", new Type(5, Map.of())),
            Map.entry("echo_request", new Type(8, Map.of())), Map.entry("time_exceeded", new Type(11, Map.of())),
            Map.entry("parameter_problem", new Type(12, Map.of())), Map.entry("timestamp_request", new Type(13, Map.of())),
            Map.entry("timestamp_reply", new Type(14, Map.of())), Map.entry("information_request", new Type(15, Map.of())),
            Map.entry("information_reply", new Type(16, Map.of())), Map.entry("address_mask_request", new Type(17, Map.of())),
            Map.entry("address_mask_reply", new Type(18, Map.of())));
    private static final Map<String, Type> V6 = Map.of(
            // net_unreachable is packetdrill's alias of no_route (both code 0).
            "unreachable", new Type(1, Map.of("net_unreachable", 0, "no_route", 0, "admin_prohibited", 1,
                    "not_neighbour", 2, "address_unreachable", 3, "port_unreachable", 4)),
            "packet_too_big", new Type(2, Map.of()),
            "time_exceeded", new Type(3, Map.of("exceeded_hop_limit", 0, "exceeded_frag_time", 1)),
            "parameter_problem", new Type(4, Map.of("header_field", 0, "unknown_next_header", 1, "unknown_option", 2)),
            "echo_request", new Type(128, Map.of()), "echo_reply", new Type(129, Map.of()));

    private IcmpMessage() {
    }

    /** The type byte; {@code type_N} gives N. Throws IllegalArgumentException("bad ICMP type X"). */
    static int type(boolean v6, String name) {
        Integer n = numbered(name, "type_");
        if (n != null) return n;
        Type t = (v6 ? V6 : V4).get(name);
        if (t == null) throw new IllegalArgumentException("bad ICMP type " + name);
        return t.value();
    }

    /** The code byte: 0 when absent, {@code code_N} gives N, else the type's named codes. */
    static int code(boolean v6, String typeName, Optional<String> name) {
        if (name.isEmpty()) return 0;
        Integer n = numbered(name.get(), "code_");
        if (n != null) return n;
        Type t = (v6 ? V6 : V4).get(typeName);
        Integer c = t == null ? null : t.codes().get(name.get());
        if (c == null) throw new IllegalArgumentException("bad ICMP code " + name.get());
        return c;
    }

    private static Integer numbered(String s, String prefix) {
        if (!s.startsWith(prefix) || s.length() == prefix.length() || s.length() > prefix.length() + 3) return null;
        int v = 0;
        for (int i = prefix.length(); i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') return null;
            v = v * 10 + (ch - '0');
        }
        if (v > 255) throw new IllegalArgumentException("bad ICMP " + prefix.substring(0, prefix.length() - 1) + " " + s);
        return v;
    }

    /**
     * The ICMP message of line {@code icmp} (checksum included) from {@code src} to {@code dst},
     * quoting {@code echoed}: the offending packet's IP header and first transport bytes, or null
     * for {@code raw(N)} and for no quote. {@code echoed} is built by {@link #offending}.
     */
    static Bytes encode(boolean v6, Segment.Icmp icmp, InetAddress src, InetAddress dst, Bytes echoed) {
        int type = type(v6, icmp.type());
        int code = code(v6, icmp.type(), icmp.code());
        int length = HEADER_LENGTH + (echoed == null ? 0 : echoed.length());
        if (icmp.echoed().isPresent() && icmp.echoed().get() instanceof Segment.Echoed.Raw r) {
            if (r.payloadLength() < HEADER_LENGTH) {
                throw new IllegalArgumentException("icmp_bytes " + r.payloadLength() + " smaller than icmp header length 8");
            }
            length = r.payloadLength();
        }
        byte[] b = new byte[length];
        b[0] = (byte) type;
        b[1] = (byte) code;
        OptionalInt mtu = icmp.mtu();
        if (mtu.isPresent()) {
            if (v6) {
                if (type != 2 || code != 0) throw new IllegalArgumentException("ICMPv6 MTU is only valid for packet_too_big-0");
                int m = mtu.getAsInt();
                b[4] = (byte) (m >>> 24);
                b[5] = (byte) (m >>> 16);
                b[6] = (byte) (m >>> 8);
                b[7] = (byte) m;
            } else {
                if (type != 3 || code != 4) throw new IllegalArgumentException("ICMPv4 MTU is only valid for unreachable-frag_needed");
                b[6] = (byte) (mtu.getAsInt() >>> 8);
                b[7] = (byte) mtu.getAsInt();
            }
        }
        if (icmp.echoId().isPresent() && icmp.echoId().getAsInt() > 0) {
            b[4] = (byte) (icmp.echoId().getAsInt() >>> 8);
            b[5] = (byte) icmp.echoId().getAsInt();
        }
        if (echoed != null && length > HEADER_LENGTH) echoed.copyTo(b, HEADER_LENGTH);
        int sum = checksum(v6, src, dst, b);
        b[2] = (byte) (sum >>> 8);
        b[3] = (byte) sum;
        return Bytes.wrap(b);
    }

    /** RFC 792 (over the message) or RFC 4443 §2.3 (with the IPv6 pseudo-header); field as 0. */
    static int checksum(boolean v6, InetAddress src, InetAddress dst, byte[] msg) {
        long sum = 0;
        if (v6) {
            byte[] s = src.getAddress(), d = dst.getAddress();
            sum = InternetChecksum.add(sum, s, 0, s.length);
            sum = InternetChecksum.add(sum, d, 0, d.length);
            sum = InternetChecksum.add32(sum, msg.length);
            sum = InternetChecksum.add16(sum, ICMPV6);
        }
        sum = InternetChecksum.add(sum, msg, 0, 2);
        sum = InternetChecksum.add(sum, msg, 4, msg.length - 4);
        return InternetChecksum.finish(sum);
    }

    /**
     * The first 8 transport bytes packetdrill quotes: the ports and the live TCP sequence number,
     * or the whole UDP header (length 8 + {@code payloadLength}, checksum 0); then
     * {@code payloadLength} zeros.
     */
    static Bytes offendingTransport(boolean tcp, int srcPort, int dstPort, long seq, int payloadLength) {
        byte[] b = new byte[ECHOED_TRANSPORT_BYTES + payloadLength];
        b[0] = (byte) (srcPort >>> 8);
        b[1] = (byte) srcPort;
        b[2] = (byte) (dstPort >>> 8);
        b[3] = (byte) dstPort;
        if (tcp) {
            b[4] = (byte) (seq >>> 24);
            b[5] = (byte) (seq >>> 16);
            b[6] = (byte) (seq >>> 8);
            b[7] = (byte) seq;
        } else {
            int len = UdpHeader.HEADER_LENGTH + payloadLength;
            b[4] = (byte) (len >>> 8);
            b[5] = (byte) len;
        }
        return Bytes.wrap(b);
    }
}
