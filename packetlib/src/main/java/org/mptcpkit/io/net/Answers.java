package org.mptcpkit.io.net;

import org.mptcpkit.packet.Bytes;

/**
 * Whether a received IP packet answers a sent one, decided on the wire bytes with scapy's rules
 * ({@code answers()}), TCP-aware:
 * <ul>
 * <li>IP: the answer comes from the sent packet's destination to its source, same protocol;
 * an ICMP or ICMPv6 error answers the packet it quotes (addresses, protocol and ports).</li>
 * <li>TCP: ports swapped; a RST is never answered; a SYN is answered only by a SYN-ACK, and a
 * SYN without ACK by nothing; the answer's ack is within 2 of the sent seq plus the sent
 * payload (and the answer's seq within 2 of the sent ack unless the sent packet is a SYN).
 * A RST without ACK answers whatever came to its ports.</li>
 * <li>UDP: ports swapped. ICMP echo: a reply with the request's identifier and sequence.</li>
 * </ul>
 * Both packets start with their IP header (IPv4 or IPv6); anything unparseable answers nothing.
 */
public final class Answers {
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int ICMP = 1;
    private static final int ICMPV6 = 58;
    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int ACK = 0x10;

    private Answers() {
    }

    /** Whether {@code received} answers {@code sent}. */
    public static boolean isAnswer(Bytes sent, Bytes received) {
        Ip s = Ip.parse(sent);
        Ip r = Ip.parse(received);
        if (s == null || r == null || s.v6 != r.v6) return false;
        if (isIcmpError(received, r)) return quotes(received, r, sent, s);
        if (!sameAddress(received, r.src, sent, s.dst, s.addrLen) || !sameAddress(received, r.dst, sent, s.src, s.addrLen)) {
            return false;
        }
        if (r.proto != s.proto) return false;
        return switch (s.proto) {
            case TCP -> tcpAnswers(sent, s, received, r);
            case UDP -> r.l4 + 4 <= r.end && s.l4 + 4 <= s.end
                    && received.u16(r.l4) == sent.u16(s.l4 + 2) && received.u16(r.l4 + 2) == sent.u16(s.l4);
            case ICMP -> echoAnswers(sent, s, received, r, 8, 0);
            case ICMPV6 -> echoAnswers(sent, s, received, r, 128, 129);
            default -> true;
        };
    }

    private static boolean tcpAnswers(Bytes sent, Ip s, Bytes received, Ip r) {
        if (s.l4 + 20 > s.end || r.l4 + 20 > r.end) return false;
        int sFlags = sent.u8(s.l4 + 13);
        int rFlags = received.u8(r.l4 + 13);
        if ((sFlags & RST) != 0) return false;            // RSTs get no answers
        if ((rFlags & SYN) != 0) {
            if ((rFlags & ACK) == 0) return false;        // a bare SYN answers nothing
            if ((sFlags & SYN) == 0) return false;        // a SYN-ACK answers a SYN
        }
        if (received.u16(r.l4) != sent.u16(s.l4 + 2) || received.u16(r.l4 + 2) != sent.u16(s.l4)) return false;
        long sSeq = sent.u32(s.l4 + 4);
        long sAck = sent.u32(s.l4 + 8);
        long rSeq = received.u32(r.l4 + 4);
        long rAck = received.u32(r.l4 + 8);
        boolean sentBareSyn = (sFlags & SYN) != 0 && (sFlags & ACK) == 0;
        if (!sentBareSyn && distance(sAck, rSeq) > 2) return false;
        if ((rFlags & RST) != 0 && (rFlags & ACK) == 0) return true;
        int sentPayload = s.end - s.l4 - ((sent.u8(s.l4 + 12) >> 4) * 4);
        int consumed = Math.max(0, sentPayload) + ((sFlags & (SYN | FIN)) != 0 ? 1 : 0);
        return distance(sSeq, rAck) <= 2 + consumed;
    }

    private static boolean echoAnswers(Bytes sent, Ip s, Bytes received, Ip r, int request, int reply) {
        if (s.l4 + 8 > s.end || r.l4 + 8 > r.end) return false;
        return sent.u8(s.l4) == request && received.u8(r.l4) == reply
                && received.u32(r.l4 + 4) == sent.u32(s.l4 + 4); // identifier and sequence
    }

    // ICMP destination unreachable, source quench, redirect, time exceeded, parameter problem;
    // ICMPv6 destination unreachable, packet too big, time exceeded, parameter problem.
    private static boolean isIcmpError(Bytes received, Ip r) {
        if (r.l4 + 8 > r.end) return false;
        int type = received.u8(r.l4);
        if (r.proto == ICMP) return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
        if (r.proto == ICMPV6) return type >= 1 && type <= 4;
        return false;
    }

    // An ICMP(v6) error answers the packet it quotes, and goes back to that packet's source.
    private static boolean quotes(Bytes received, Ip r, Bytes sent, Ip s) {
        if (!sameAddress(received, r.dst, sent, s.src, s.addrLen)) return false;
        Bytes quoted = received.slice(r.l4 + 8, r.end);
        Ip q = Ip.parse(quoted);
        if (q == null || q.v6 != s.v6 || q.proto != s.proto) return false;
        if (!sameAddress(quoted, q.src, sent, s.src, s.addrLen) || !sameAddress(quoted, q.dst, sent, s.dst, s.addrLen)) return false;
        if ((s.proto == TCP || s.proto == UDP) && q.l4 + 4 <= quoted.length() && s.l4 + 4 <= s.end) {
            return quoted.u16(q.l4) == sent.u16(s.l4) && quoted.u16(q.l4 + 2) == sent.u16(s.l4 + 2);
        }
        return true;
    }

    private static long distance(long a, long b) {
        long d = (a - b) & 0xffffffffL;
        return Math.min(d, (1L << 32) - d);
    }

    private static boolean sameAddress(Bytes a, int aOff, Bytes b, int bOff, int len) {
        for (int i = 0; i < len; i++) if (a.get(aOff + i) != b.get(bOff + i)) return false;
        return true;
    }

    /** The offsets of one IP packet: addresses, protocol, transport header, end. */
    private record Ip(boolean v6, int src, int dst, int addrLen, int proto, int l4, int end) {
        static Ip parse(Bytes b) {
            if (b.length() < 20) return null;
            int version = b.u8(0) >> 4;
            if (version == 4) {
                int ihl = (b.u8(0) & 0x0f) * 4;
                int total = Math.min(b.u16(2), b.length());
                if (ihl < 20 || total < ihl) return null;
                boolean laterFragment = (b.u16(6) & 0x1fff) != 0;
                return new Ip(false, 12, 16, 4, laterFragment ? -1 : b.u8(9), ihl, total);
            }
            if (version == 6 && b.length() >= 40) {
                int end = Math.min(40 + b.u16(4), b.length());
                int next = b.u8(6);
                int off = 40;
                // Walk hop-by-hop, routing, fragment and destination options headers.
                while ((next == 0 || next == 43 || next == 44 || next == 60) && off + 8 <= end) {
                    int len = next == 44 ? 8 : (b.u8(off + 1) + 1) * 8;
                    if (next == 44 && (b.u16(off + 2) & 0xfff8) != 0) return new Ip(true, 8, 24, 16, -1, off, end);
                    next = b.u8(off);
                    off += len;
                }
                return new Ip(true, 8, 24, 16, next, off, end);
            }
            return null;
        }
    }
}
