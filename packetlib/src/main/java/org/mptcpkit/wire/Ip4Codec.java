package org.mptcpkit.wire;

import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip4Address;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.IpPayload;
import org.mptcpkit.packet.RawPacket;
import org.mptcpkit.packet.RawPayload;
import org.mptcpkit.packet.Tcp;

/**
 * IPv4 datagrams (RFC 791 §3.1) to and from {@link Ip4}.
 *
 * <p>Decoding: fewer than 20 bytes give a {@link RawPacket}. An IHL below 5 or past the buffer,
 * a total length below the header length (Linux captures of offloaded segments carry 0) or past
 * the buffer (a snaplen cut) are reported and read as far as the bytes go; bytes beyond the total
 * length become the trailer. A TCP payload is decoded unless the datagram is a non-first fragment
 * or its header is broken, which stay {@link RawPayload}. Checksums are read, not judged: offloaded
 * captures carry partial ones; {@link #expectedHeaderChecksum} and
 * {@link TcpCodec#expectedChecksum} give the right values to compare with.
 */
public final class Ip4Codec {
    private static final String REF = "RFC 791 §3.1";

    private Ip4Codec() {
    }

    /**
     * Decodes {@code buf[off, off + len)}. The value may share {@code buf}, which must not change
     * afterwards. Diagnostic offsets are indexes into {@code buf}.
     */
    public static IpPacket decode(byte[] buf, int off, int len, Diagnostics diag) {
        if (len < Ip4.MIN_HEADER_LENGTH) {
            diag.report(off, "ip4", "IPv4 header cut short: " + len + " of 20 bytes; kept raw", REF);
            return new RawPacket(Bytes.wrap(buf, off, len));
        }
        int end = off + len;
        int b0 = buf[off] & 0xff;
        int ihl = b0 & 0xf;
        int headerLength = ihl * 4;
        int totalLength = Wire.u16(buf, off + 2);
        boolean headerOk = false;
        int optionsEnd;
        if (ihl < 5) {
            diag.report(off, "ip4.ihl", "IHL " + ihl + " (expected: 5..15); payload kept raw", REF);
            optionsEnd = off + Ip4.MIN_HEADER_LENGTH;
        } else if (headerLength > len) {
            diag.report(off, "ip4.ihl", "IHL " + ihl + " (" + headerLength + " bytes) runs past the "
                    + len + " bytes present", REF);
            optionsEnd = end;
        } else {
            optionsEnd = off + headerLength;
            headerOk = true;
        }
        int payloadEnd;
        if (totalLength < optionsEnd - off) {
            // Lenient: offloaded segments are captured with total length 0; take what is there.
            diag.report(off + 2, "ip4.totalLength", "total length " + totalLength + " is less than the "
                    + (optionsEnd - off) + "-byte header; payload taken to the end of the buffer", REF);
            payloadEnd = end;
        } else if (totalLength > len) {
            diag.report(off + 2, "ip4.totalLength", "truncated: total length " + totalLength + ", "
                    + len + " bytes present", REF);
            payloadEnd = end;
        } else {
            payloadEnd = off + totalLength;
        }
        int b6 = buf[off + 6] & 0xff;
        int fragmentOffset = Wire.u16(buf, off + 6) & 0x1fff;
        int protocol = buf[off + 9] & 0xff;
        IpPayload payload;
        if (headerOk && fragmentOffset == 0 && protocol == Tcp.PROTOCOL) {
            payload = TcpCodec.decode(buf, optionsEnd, payloadEnd - optionsEnd, diag);
        } else {
            payload = RawPayload.of(Bytes.wrap(buf, optionsEnd, payloadEnd - optionsEnd));
        }
        int tos = buf[off + 1] & 0xff;
        return new Ip4(
                b0 >>> 4,
                ihl,
                tos >>> 2,
                tos & 3,
                totalLength,
                Wire.u16(buf, off + 4),
                (b6 & 0x80) != 0,
                (b6 & 0x40) != 0,
                (b6 & 0x20) != 0,
                fragmentOffset,
                buf[off + 8] & 0xff,
                protocol,
                Wire.u16(buf, off + 10),
                new Ip4Address(Wire.i32(buf, off + 12)),
                new Ip4Address(Wire.i32(buf, off + 16)),
                Bytes.wrap(buf, off + Ip4.MIN_HEADER_LENGTH, optionsEnd - off - Ip4.MIN_HEADER_LENGTH),
                payload,
                Bytes.wrap(buf, payloadEnd, end - payloadEnd));
    }

    /** The bytes {@link #encode} writes: header, options (padded when IHL is derived), payload, trailer. */
    public static int encodedLength(Ip4 ip) {
        int datagram = headerLength(ip) + payloadLength(ip.payload());
        if (ip.totalLength() == Field.AUTO && datagram > 0xffff) {
            throw new IllegalArgumentException("totalLength: " + datagram
                    + " bytes do not fit 16 bits (RFC 791 §3.1); set totalLength to send them anyway");
        }
        return datagram + ip.trailer().length();
    }

    /** The header length written; refuses options a derived IHL cannot describe. */
    private static int headerLength(Ip4 ip) {
        int options = ip.options().length();
        if (ip.ihl() != Field.AUTO) return Ip4.MIN_HEADER_LENGTH + options;
        int headerLength = Ip4.MIN_HEADER_LENGTH + options + (-options & 3);
        if (headerLength > 60) {
            throw new IllegalArgumentException("ihl: options take " + options
                    + " bytes, more than the 40 an IPv4 header holds (RFC 791 §3.1); set ihl to send them anyway");
        }
        return headerLength;
    }

    static int payloadLength(IpPayload payload) {
        return switch (payload) {
            case Tcp t -> TcpCodec.encodedLength(t);
            case RawPayload r -> r.bytes().length();
        };
    }

    public static byte[] encode(Ip4 ip) {
        byte[] out = new byte[encodedLength(ip)];
        write(ip, out, 0);
        return out;
    }

    /**
     * Writes {@code ip} at {@code out[off]} and returns the bytes written; throws
     * {@link IndexOutOfBoundsException} before writing anything if it does not fit.
     */
    public static int encode(Ip4 ip, byte[] out, int off) {
        java.util.Objects.checkFromIndexSize(off, encodedLength(ip), out.length);
        return write(ip, out, off);
    }

    /** Writes {@code ip} at {@code out[off]}, which the caller has checked has room. */
    static int write(Ip4 ip, byte[] out, int off) {
        int headerLength = headerLength(ip);
        int ihl = ip.ihl() == Field.AUTO ? headerLength >>> 2 : ip.ihl();
        int p = off + headerLength;
        IpPayload payload = ip.payload();
        int src = ip.src().bits();
        int dst = ip.dst().bits();
        int protocol = ip.protocol();
        switch (payload) {
            case Tcp t -> {
                p += TcpCodec.write(t, out, p, TcpCodec.pseudoHeaderSum4(src, dst));
                if (protocol == Field.AUTO) protocol = Tcp.PROTOCOL;
            }
            case RawPayload r -> p += r.bytes().copyTo(out, p);
        }
        int totalLength = ip.totalLength() == Field.AUTO ? p - off : ip.totalLength();
        out[off] = (byte) ((ip.version() << 4) | ihl);
        out[off + 1] = (byte) ip.tos();
        Wire.put16(out, off + 2, totalLength);
        Wire.put16(out, off + 4, ip.identification());
        int flags = (ip.reservedFlag() ? 0x8000 : 0) | (ip.df() ? 0x4000 : 0) | (ip.mf() ? 0x2000 : 0);
        Wire.put16(out, off + 6, flags | ip.fragmentOffset());
        out[off + 8] = (byte) ip.ttl();
        out[off + 9] = (byte) protocol;
        Wire.put16(out, off + 10, 0);
        Wire.put32(out, off + 12, src);
        Wire.put32(out, off + 16, dst);
        int q = off + Ip4.MIN_HEADER_LENGTH;
        q += ip.options().copyTo(out, q);
        Wire.zero(out, q, off + headerLength);
        int checksum = ip.headerChecksum();
        if (checksum == Field.AUTO) checksum = InternetChecksum.of(out, off, headerLength);
        Wire.put16(out, off + 10, checksum);
        p += ip.trailer().copyTo(out, p);
        return p - off;
    }

    /** The header checksum {@code ip} should carry, whatever its checksum field holds. */
    public static int expectedHeaderChecksum(Ip4 ip) {
        byte[] out = encode(ip.withHeaderChecksum(Field.AUTO));
        return Wire.u16(out, 10);
    }
}
