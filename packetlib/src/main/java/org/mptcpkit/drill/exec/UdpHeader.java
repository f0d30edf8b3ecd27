package org.mptcpkit.drill.exec;

import java.net.InetAddress;

import org.mptcpkit.packet.Bytes;
import org.mptcpkit.wire.InternetChecksum;

/**
 * The 8-byte UDP header (RFC 768) of a datagram that the packet model keeps as a {@code RawPayload}
 * (protocol 17): what {@code udp (LEN)} lines inject and what outbound ones are checked against.
 *
 * <pre>
 *  0      7 8     15 16    23 24    31
 * +--------+--------+--------+--------+
 * |   Source Port   | Destination Port|
 * +--------+--------+--------+--------+
 * |     Length      |    Checksum     |
 * +--------+--------+--------+--------+
 * </pre>
 *
 * @param length   the header plus payload, as on the wire
 * @param payload  what follows the 8 header bytes (may be shorter than {@code length - 8} when
 *                 truncated)
 */
record UdpHeader(int srcPort, int dstPort, int length, int checksum, Bytes payload) {
    static final int PROTOCOL = 17;
    static final int HEADER_LENGTH = 8;

    /**
     * A datagram of {@code payloadLength} zero bytes from {@code src:srcPort} to
     * {@code dst:dstPort}, with its checksum over the RFC 768 (IPv4) or RFC 8200 §8.1 (IPv6)
     * pseudo-header; a computed 0 is sent as 0xffff (RFC 768: 0 means "no checksum").
     */
    static Bytes encode(InetAddress src, int srcPort, InetAddress dst, int dstPort, int payloadLength) {
        int length = HEADER_LENGTH + payloadLength;
        if (length > 0xffff) throw new IllegalArgumentException("UDP length: " + length + " (expected: 8..65535)");
        byte[] b = new byte[length];
        b[0] = (byte) (srcPort >>> 8);
        b[1] = (byte) srcPort;
        b[2] = (byte) (dstPort >>> 8);
        b[3] = (byte) dstPort;
        b[4] = (byte) (length >>> 8);
        b[5] = (byte) length;
        int sum = checksum(src, dst, b);
        b[6] = (byte) (sum >>> 8);
        b[7] = (byte) sum;
        return Bytes.wrap(b);
    }

    /** The checksum the datagram {@code udp} (its checksum field taken as 0) should carry. */
    static int checksum(InetAddress src, InetAddress dst, byte[] udp) {
        byte[] s = src.getAddress(), d = dst.getAddress();
        if (s.length != d.length) throw new IllegalArgumentException("dst: " + dst + " is not of the family of src " + src);
        long sum = InternetChecksum.add(0, s, 0, s.length);
        sum = InternetChecksum.add(sum, d, 0, d.length);
        sum = InternetChecksum.add16(sum, PROTOCOL);
        sum = InternetChecksum.add32(sum, udp.length);
        sum = InternetChecksum.add(sum, udp, 0, 6);
        sum = InternetChecksum.add(sum, udp, 8, udp.length - 8);
        int c = InternetChecksum.finish(sum);
        return c == 0 ? 0xffff : c;
    }

    /** The header of {@code bytes}, or null when fewer than 8 bytes. */
    static UdpHeader parse(Bytes bytes) {
        if (bytes.length() < HEADER_LENGTH) return null;
        return new UdpHeader(bytes.u16(0), bytes.u16(2), bytes.u16(4), bytes.u16(6),
                bytes.slice(HEADER_LENGTH));
    }
}
