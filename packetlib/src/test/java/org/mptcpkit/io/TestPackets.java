package org.mptcpkit.io;

import java.net.Inet6Address;
import java.net.InetAddress;

import org.mptcpkit.wire.InternetChecksum;

/**
 * Hand-built IPv4/IPv6 TCP SYNs for the I/O tests (the codec is tested elsewhere; these bytes are
 * written out field by field so a test does not depend on it).
 */
public final class TestPackets {
    /**
     * TCP options of a Linux-like MPTCP SYN, 24 bytes: MSS 1460, SACK permitted, timestamps,
     * NOP, window scale 7, MP_CAPABLE v1 with flags A|H (RFC 8684 section 3.1: 1e 04 01 81).
     */
    public static final byte[] MPC_SYN_OPTIONS = {
        0x02, 0x04, 0x05, (byte) 0xb4,             // MSS 1460
        0x04, 0x02,                                // SACK permitted
        0x08, 0x0a, 0, 0, 0, 1, 0, 0, 0, 0,        // timestamps val 1 ecr 0
        0x01, 0x03, 0x03, 0x07,                    // NOP, window scale 7
        0x1e, 0x04, 0x01, (byte) 0x81,             // MP_CAPABLE v1, A|H
    };

    private TestPackets() {
    }

    /** A TCP segment with flags {@code flags} in an IPv4 or IPv6 packet, checksums right. */
    public static byte[] tcp(InetAddress src, int sport, InetAddress dst, int dport, long seq, int flags, byte[] options) {
        int tcpLen = 20 + options.length;
        boolean v6 = src instanceof Inet6Address;
        int ipLen = v6 ? 40 : 20;
        byte[] p = new byte[ipLen + tcpLen];
        byte[] s = src.getAddress();
        byte[] d = dst.getAddress();
        if (v6) {
            p[0] = 0x60;
            p[4] = (byte) (tcpLen >> 8);
            p[5] = (byte) tcpLen;
            p[6] = 6;     // next header TCP
            p[7] = 64;    // hop limit
            System.arraycopy(s, 0, p, 8, 16);
            System.arraycopy(d, 0, p, 24, 16);
        } else {
            p[0] = 0x45;
            p[2] = (byte) (p.length >> 8);
            p[3] = (byte) p.length;
            p[4] = 0x12;
            p[5] = 0x34;  // identification
            p[6] = 0x40;  // DF
            p[8] = 64;    // TTL
            p[9] = 6;     // TCP
            System.arraycopy(s, 0, p, 12, 4);
            System.arraycopy(d, 0, p, 16, 4);
            int c = InternetChecksum.of(p, 0, 20);
            p[10] = (byte) (c >> 8);
            p[11] = (byte) c;
        }
        int t = ipLen;
        p[t] = (byte) (sport >> 8);
        p[t + 1] = (byte) sport;
        p[t + 2] = (byte) (dport >> 8);
        p[t + 3] = (byte) dport;
        p[t + 4] = (byte) (seq >> 24);
        p[t + 5] = (byte) (seq >> 16);
        p[t + 6] = (byte) (seq >> 8);
        p[t + 7] = (byte) seq;
        p[t + 12] = (byte) ((tcpLen / 4) << 4);
        p[t + 13] = (byte) flags;
        p[t + 14] = (byte) 0xff;
        p[t + 15] = (byte) 0xff; // window 65535
        System.arraycopy(options, 0, p, t + 20, options.length);
        long sum = InternetChecksum.add(0, s, 0, s.length);
        sum = InternetChecksum.add(sum, d, 0, d.length);
        sum = InternetChecksum.add16(sum, 6);
        sum = InternetChecksum.add16(sum, tcpLen);
        sum = InternetChecksum.add(sum, p, t, tcpLen);
        int c = InternetChecksum.finish(sum);
        p[t + 16] = (byte) (c >> 8);
        p[t + 17] = (byte) c;
        return p;
    }

    public static byte[] syn(InetAddress src, int sport, InetAddress dst, int dport, long seq, byte[] options) {
        return tcp(src, sport, dst, dport, seq, 0x02, options);
    }

    /** Offset of the TCP header in an IP packet. */
    public static int tcpOffset(byte[] ip) {
        return (ip[0] & 0xf0) == 0x60 ? 40 : (ip[0] & 0x0f) * 4;
    }

    public static boolean isTcp(byte[] ip) {
        if (ip.length < 20) return false;
        if ((ip[0] & 0xf0) == 0x60) return ip.length >= 60 && ip[6] == 6;
        return (ip[0] & 0xf0) == 0x40 && ip[9] == 6;
    }

    public static int srcPort(byte[] ip) {
        int t = tcpOffset(ip);
        return ((ip[t] & 0xff) << 8) | (ip[t + 1] & 0xff);
    }

    public static int dstPort(byte[] ip) {
        int t = tcpOffset(ip);
        return ((ip[t + 2] & 0xff) << 8) | (ip[t + 3] & 0xff);
    }

    public static int tcpFlags(byte[] ip) {
        return ip[tcpOffset(ip) + 13] & 0xff;
    }

    /** Whether the TCP checksum (with the IPv4 or IPv6 pseudo-header) of an IP packet is right. */
    public static boolean tcpChecksumOk(byte[] ip) {
        boolean v6 = (ip[0] & 0xf0) == 0x60;
        int t = tcpOffset(ip);
        int tcpLen = ip.length - t;
        long sum = v6 ? InternetChecksum.add(0, ip, 8, 32) : InternetChecksum.add(0, ip, 12, 8);
        sum = InternetChecksum.add16(sum, 6);
        sum = InternetChecksum.add16(sum, tcpLen);
        sum = InternetChecksum.add(sum, ip, t, tcpLen);
        return InternetChecksum.finish(sum) == 0;
    }

    /** The TCP option of kind {@code kind} (kind byte first), or null. */
    public static byte[] tcpOption(byte[] ip, int kind) {
        int t = tcpOffset(ip);
        int end = t + ((ip[t + 12] & 0xf0) >> 4) * 4;
        int i = t + 20;
        while (i < end) {
            int k = ip[i] & 0xff;
            if (k == 0) break;
            if (k == 1) {
                i++;
                continue;
            }
            int len = ip[i + 1] & 0xff;
            if (len < 2 || i + len > end) break;
            if (k == kind) return java.util.Arrays.copyOfRange(ip, i, i + len);
            i += len;
        }
        return null;
    }
}
