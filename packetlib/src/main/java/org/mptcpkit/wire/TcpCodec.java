package org.mptcpkit.wire;

import java.util.List;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.Ip4Address;
import org.mptcpkit.packet.Ip6Address;
import org.mptcpkit.packet.IpAddress;
import org.mptcpkit.packet.IpPayload;
import org.mptcpkit.packet.RawPayload;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpFlags;
import org.mptcpkit.packet.TcpOption;

/**
 * TCP segments (RFC 9293 §3.1) to and from {@link Tcp}.
 *
 * <p>The checksum covers a pseudo-header of the enclosing IP layer: source and destination
 * address, protocol 6 and the TCP length (RFC 9293 §3.1 for IPv4; RFC 8200 §8.1 for IPv6, with
 * a 32-bit length). With a Routing header the IPv6 pseudo-header should carry the final
 * destination; the encoder uses the header's destination, so set the checksum yourself there.
 *
 * <p>When the data offset is {@link Field#AUTO} the encoder pads options that do not end on a
 * 32-bit boundary with zero bytes (EOL), which is what RFC 9293 §3.1 asks of padding ("composed of
 * zeros"); Linux never needs padding because it aligns its options with NOPs as it lays them out.
 * Explicit NOP and EOL options are written as given. With a set data offset nothing is added.
 */
public final class TcpCodec {
    /** The fixed header length. */
    public static final int MIN_HEADER_LENGTH = 20;
    /** The longest header a 4-bit data offset can describe. */
    public static final int MAX_HEADER_LENGTH = 60;
    private static final String REF = "RFC 9293 §3.1";

    private TcpCodec() {
    }

    /**
     * Decodes the segment {@code buf[off, off + len)}: a {@link Tcp}, or a {@link RawPayload} when
     * fewer than 20 bytes are there. The values may share {@code buf}, which must not change.
     */
    public static IpPayload decode(byte[] buf, int off, int len, Diagnostics diag) {
        if (len < MIN_HEADER_LENGTH) {
            diag.report(off, "tcp", "segment of " + len + " bytes is shorter than the 20-byte header; kept raw", REF);
            return RawPayload.of(Bytes.wrap(buf, off, len));
        }
        int b12 = buf[off + 12] & 0xff;
        int dataOffset = b12 >>> 4;
        int headerLength = dataOffset * 4;
        int optionsEnd;
        if (dataOffset < 5) {
            diag.report(off + 12, "tcp.dataOffset", "data offset " + dataOffset + " (expected: 5..15)", REF);
            optionsEnd = off + MIN_HEADER_LENGTH;
        } else if (headerLength > len) {
            diag.report(off + 12, "tcp.dataOffset", "data offset " + dataOffset + " (" + headerLength
                    + " bytes) runs past the " + len + " bytes of the segment", REF);
            optionsEnd = off + len;
        } else {
            optionsEnd = off + headerLength;
        }
        int optionsStart = off + MIN_HEADER_LENGTH;
        List<TcpOption> options = TcpOptionCodec.decode(buf, optionsStart, optionsEnd - optionsStart, diag);
        return new Tcp(
                Wire.u16(buf, off),
                Wire.u16(buf, off + 2),
                Wire.u32(buf, off + 4),
                Wire.u32(buf, off + 8),
                dataOffset,
                (b12 >>> 1) & 7,
                TcpFlags.of(((b12 & 1) << 8) | (buf[off + 13] & 0xff)),
                Wire.u16(buf, off + 14),
                Wire.u16(buf, off + 16),
                Wire.u16(buf, off + 18),
                options,
                Bytes.wrap(buf, optionsEnd, off + len - optionsEnd));
    }

    /** The bytes {@link #encode} writes for {@code tcp}: header, options, padding and payload. */
    public static int encodedLength(Tcp tcp) {
        return headerLength(tcp, TcpOptionCodec.encodedLength(tcp.options())) + tcp.payload().length();
    }

    /**
     * The header length written: 20, the options, and padding when the data offset is derived. A
     * derived data offset cannot describe more than 60 bytes: that is refused here, before anything
     * is written.
     */
    private static int headerLength(Tcp tcp, int optionsLength) {
        if (tcp.dataOffset() != Field.AUTO) return MIN_HEADER_LENGTH + optionsLength;
        int headerLength = MIN_HEADER_LENGTH + optionsLength + (-optionsLength & 3);
        if (headerLength > MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException("dataOffset: options take " + optionsLength
                    + " bytes, more than the 40 a TCP header holds (RFC 9293 §3.1); set dataOffset to send them anyway");
        }
        return headerLength;
    }

    /** Encodes {@code tcp} alone, its checksum over the pseudo-header of {@code src} and {@code dst}. */
    public static byte[] encode(Tcp tcp, IpAddress src, IpAddress dst) {
        byte[] out = new byte[encodedLength(tcp)];
        write(tcp, out, 0, pseudoHeaderSum(src, dst));
        return out;
    }

    /**
     * Encodes {@code tcp} at {@code out[off]}, its checksum over the pseudo-header of {@code src}
     * and {@code dst}; returns the bytes written.
     */
    public static int encode(Tcp tcp, IpAddress src, IpAddress dst, byte[] out, int off) {
        long pseudoSum = pseudoHeaderSum(src, dst);
        java.util.Objects.checkFromIndexSize(off, encodedLength(tcp), out.length);
        return write(tcp, out, off, pseudoSum);
    }

    /**
     * The checksum {@code tcp} should carry between {@code src} and {@code dst}, whatever its
     * checksum field holds: compare it with a decoded segment's {@link Tcp#checksum()}.
     */
    public static int expectedChecksum(Tcp tcp, IpAddress src, IpAddress dst) {
        return expectedChecksum(tcp, pseudoHeaderSum(src, dst));
    }

    static int expectedChecksum(Tcp tcp, long pseudoSum) {
        byte[] out = new byte[encodedLength(tcp)];
        write(tcp.withChecksum(Field.AUTO), out, 0, pseudoSum);
        return Wire.u16(out, 16);
    }

    /**
     * The unfolded sum of the pseudo-header's addresses and protocol number (6); the encoder adds
     * the TCP length. Both addresses must be of one family.
     */
    public static long pseudoHeaderSum(IpAddress src, IpAddress dst) {
        return switch (src) {
            case Ip4Address s when dst instanceof Ip4Address d -> pseudoHeaderSum4(s.bits(), d.bits());
            case Ip6Address s when dst instanceof Ip6Address d -> pseudoHeaderSum6(s, d);
            default -> throw new IllegalArgumentException("dst: " + dst + " is not of the family of src " + src);
        };
    }

    static long pseudoHeaderSum4(int src, int dst) {
        return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + Tcp.PROTOCOL;
    }

    static long pseudoHeaderSum6(Ip6Address src, Ip6Address dst) {
        long sum = InternetChecksum.add64(0, src.high());
        sum = InternetChecksum.add64(sum, src.low());
        sum = InternetChecksum.add64(sum, dst.high());
        return InternetChecksum.add64(sum, dst.low()) + Tcp.PROTOCOL;
    }

    /**
     * Writes {@code tcp} at {@code out[off]}, which the caller has checked has room;
     * {@code pseudoSum} is {@link #pseudoHeaderSum} of the enclosing addresses. Returns the bytes
     * written.
     */
    static int write(Tcp tcp, byte[] out, int off, long pseudoSum) {
        Bytes payload = tcp.payload();
        // Options first: their length fixes the header length, and one pass over them is enough.
        int optionsLength = TcpOptionCodec.encode(tcp.options(), out, off + MIN_HEADER_LENGTH, payload);
        int headerLength = headerLength(tcp, optionsLength);
        int dataOffset = tcp.dataOffset() == Field.AUTO ? headerLength >>> 2 : tcp.dataOffset();
        Wire.put16(out, off, tcp.srcPort());
        Wire.put16(out, off + 2, tcp.dstPort());
        Wire.put32(out, off + 4, tcp.seq());
        Wire.put32(out, off + 8, tcp.ack());
        int flags = tcp.flags().bits();
        out[off + 12] = (byte) ((dataOffset << 4) | (tcp.reserved() << 1) | (flags >>> 8));
        out[off + 13] = (byte) flags;
        Wire.put16(out, off + 14, tcp.window());
        int checksum = tcp.checksum();
        Wire.put16(out, off + 16, checksum == Field.AUTO ? 0 : checksum);
        Wire.put16(out, off + 18, tcp.urgentPointer());
        Wire.zero(out, off + MIN_HEADER_LENGTH + optionsLength, off + headerLength);
        int p = off + headerLength;
        p += payload.copyTo(out, p);
        int length = p - off;
        if (checksum == Field.AUTO) {
            long sum = InternetChecksum.add32(pseudoSum, length);
            Wire.put16(out, off + 16, InternetChecksum.finish(InternetChecksum.add(sum, out, off, length)));
        }
        return length;
    }
}
