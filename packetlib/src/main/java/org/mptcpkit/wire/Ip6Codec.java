package org.mptcpkit.wire;

import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.Ip6Address;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.IpPayload;
import org.mptcpkit.packet.RawPacket;
import org.mptcpkit.packet.RawPayload;
import org.mptcpkit.packet.Tcp;

/**
 * IPv6 packets (RFC 8200 §3) to and from {@link Ip6}.
 *
 * <p>Decoding walks the extension header chain (RFC 8200 §4; the types of the IANA "IPv6
 * Extension Header Types" registry) to find the upper layer, and keeps the chain as raw bytes. A
 * TCP payload is decoded unless a Fragment header with a non-zero offset comes first; ESP, No Next
 * Header and every other protocol stay {@link RawPayload}. A payload length past the buffer (a
 * snaplen cut) or a chain running past the payload is reported and read as far as the bytes go;
 * bytes after the payload length become the trailer.
 */
public final class Ip6Codec {
    private static final String REF = "RFC 8200 §3";
    private static final int FRAGMENT = 44;
    private static final int AH = 51;
    private static final int NO_NEXT_HEADER = 59;

    private Ip6Codec() {
    }

    /** True for the next-header values that are extension headers (RFC 8200 §4, RFC 7045). */
    public static boolean isExtensionHeader(int nextHeader) {
        return switch (nextHeader) {
            case 0, 43, 44, 51, 60, 135, 139, 140, 253, 254 -> true;
            default -> false;
        };
    }

    /**
     * Decodes {@code buf[off, off + len)}. The value may share {@code buf}, which must not change
     * afterwards. Diagnostic offsets are indexes into {@code buf}.
     */
    public static IpPacket decode(byte[] buf, int off, int len, Diagnostics diag) {
        if (len < Ip6.HEADER_LENGTH) {
            diag.report(off, "ip6", "IPv6 header cut short: " + len + " of 40 bytes; kept raw", REF);
            return new RawPacket(Bytes.wrap(buf, off, len));
        }
        int end = off + len;
        int word0 = Wire.i32(buf, off);
        int payloadLength = Wire.u16(buf, off + 4);
        int nextHeader = buf[off + 6] & 0xff;
        int start = off + Ip6.HEADER_LENGTH;
        int payloadEnd;
        if (payloadLength == 0 && len > Ip6.HEADER_LENGTH && nextHeader != NO_NEXT_HEADER) {
            // Lenient: a jumbogram (RFC 2675) or an offloaded segment captured before segmentation.
            diag.report(off + 4, "ip6.payloadLength", "payload length 0 with " + (len - Ip6.HEADER_LENGTH)
                    + " bytes following; payload taken to the end of the buffer", REF);
            payloadEnd = end;
        } else if (payloadLength > len - Ip6.HEADER_LENGTH) {
            diag.report(off + 4, "ip6.payloadLength", "truncated: payload length " + payloadLength + ", "
                    + (len - Ip6.HEADER_LENGTH) + " bytes present", REF);
            payloadEnd = end;
        } else {
            payloadEnd = start + payloadLength;
        }
        int p = start;
        int nh = nextHeader;
        boolean upperLayerReadable = true;
        while (isExtensionHeader(nh)) {
            if (payloadEnd - p < 2) {
                diag.report(p, "ip6.extensionHeaders", "extension header " + nh + " cut short", "RFC 8200 §4");
                p = payloadEnd;
                upperLayerReadable = false;
                break;
            }
            int hl = nh == FRAGMENT ? 8 : nh == AH ? ((buf[p + 1] & 0xff) + 2) * 4 : ((buf[p + 1] & 0xff) + 1) * 8;
            if (hl > payloadEnd - p) {
                diag.report(p + 1, "ip6.extensionHeaders", "extension header " + nh + " of " + hl
                        + " bytes runs past the " + (payloadEnd - p) + " bytes left", "RFC 8200 §4");
                p = payloadEnd;
                upperLayerReadable = false;
                break;
            }
            boolean laterFragment = nh == FRAGMENT && (Wire.u16(buf, p + 2) >>> 3) != 0;
            nh = buf[p] & 0xff;
            p += hl;
            if (laterFragment) {
                upperLayerReadable = false; // RFC 8200 §4.5: only the first fragment holds the upper header
                break;
            }
        }
        IpPayload payload = upperLayerReadable && nh == Tcp.PROTOCOL
                ? TcpCodec.decode(buf, p, payloadEnd - p, diag)
                : RawPayload.of(Bytes.wrap(buf, p, payloadEnd - p));
        return new Ip6(
                word0 >>> 28,
                (word0 >>> 22) & 0x3f,
                (word0 >>> 20) & 3,
                word0 & 0xfffff,
                payloadLength,
                nextHeader,
                buf[off + 7] & 0xff,
                new Ip6Address(Wire.i64(buf, off + 8), Wire.i64(buf, off + 16)),
                new Ip6Address(Wire.i64(buf, off + 24), Wire.i64(buf, off + 32)),
                Bytes.wrap(buf, start, p - start),
                payload,
                Bytes.wrap(buf, payloadEnd, end - payloadEnd));
    }

    /** The bytes {@link #encode} writes: header, extension headers, payload, trailer. */
    public static int encodedLength(Ip6 ip) {
        int payloadLength = ip.extensionHeaders().length() + Ip4Codec.payloadLength(ip.payload());
        if (ip.payloadLength() == Field.AUTO && payloadLength > 0xffff) {
            throw new IllegalArgumentException("payloadLength: " + payloadLength
                    + " bytes do not fit 16 bits (RFC 8200 §3); set payloadLength to send them anyway");
        }
        return Ip6.HEADER_LENGTH + payloadLength + ip.trailer().length();
    }

    public static byte[] encode(Ip6 ip) {
        byte[] out = new byte[encodedLength(ip)];
        write(ip, out, 0);
        return out;
    }

    /**
     * Writes {@code ip} at {@code out[off]} and returns the bytes written; throws
     * {@link IndexOutOfBoundsException} before writing anything if it does not fit.
     */
    public static int encode(Ip6 ip, byte[] out, int off) {
        java.util.Objects.checkFromIndexSize(off, encodedLength(ip), out.length);
        return write(ip, out, off);
    }

    /** Writes {@code ip} at {@code out[off]}, which the caller has checked has room. */
    static int write(Ip6 ip, byte[] out, int off) {
        int p = off + Ip6.HEADER_LENGTH;
        p += ip.extensionHeaders().copyTo(out, p);
        switch (ip.payload()) {
            case Tcp t -> p += TcpCodec.write(t, out, p, TcpCodec.pseudoHeaderSum6(ip.src(), ip.dst()));
            case RawPayload r -> p += r.bytes().copyTo(out, p);
        }
        int payloadLength = ip.payloadLength() == Field.AUTO ? p - off - Ip6.HEADER_LENGTH : ip.payloadLength();
        int nextHeader = ip.nextHeader() == Field.AUTO ? Tcp.PROTOCOL : ip.nextHeader();
        Wire.put32(out, off, ((long) ip.version() << 28) | ((long) ip.trafficClass() << 20) | ip.flowLabel());
        Wire.put16(out, off + 4, payloadLength);
        out[off + 6] = (byte) nextHeader;
        out[off + 7] = (byte) ip.hopLimit();
        Wire.put64(out, off + 8, ip.src().high());
        Wire.put64(out, off + 16, ip.src().low());
        Wire.put64(out, off + 24, ip.dst().high());
        Wire.put64(out, off + 32, ip.dst().low());
        p += ip.trailer().copyTo(out, p);
        return p - off;
    }
}
