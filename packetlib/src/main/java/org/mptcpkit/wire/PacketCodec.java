package org.mptcpkit.wire;

import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.RawPacket;

/**
 * IP packets to and from the model, dispatching on the version nibble. The entry point for
 * everything that reads or writes whole packets (capture files, TUN devices, raw sockets, tests).
 *
 * <p>Guarantees: lenient decoding never throws and {@code encode(decode(b).value())} equals
 * {@code b} byte for byte for every input, malformed or truncated; what could not be read is kept
 * raw and reported. Strict decoding throws {@link DecodeException} at the first such report.
 * Encoding computes every derived field left {@link org.mptcpkit.packet.Field#AUTO} and writes set
 * ones as given; it never changes the model.
 *
 * <pre>{@code
 * Decoded<IpPacket> d = PacketCodec.decode(bytes);
 * Tcp tcp = d.value().tcp().orElseThrow();
 * byte[] again = PacketCodec.encode(d.value()); // equals bytes
 * }</pre>
 */
public final class PacketCodec {
    private PacketCodec() {
    }

    /** Decodes a copy of {@code packet}, leniently. */
    public static Decoded<IpPacket> decode(byte[] packet) {
        return decode(packet, 0, packet.length);
    }

    /** Decodes a copy of {@code buf[off, off + len)}, leniently; diagnostic offsets count from {@code off}. */
    public static Decoded<IpPacket> decode(byte[] buf, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        byte[] copy = java.util.Arrays.copyOfRange(buf, off, off + len);
        Diagnostics diag = Diagnostics.lenient();
        IpPacket p = decode(copy, 0, len, diag);
        return new Decoded<>(p, diag.list());
    }

    /** Decodes {@code packet}, leniently. */
    public static Decoded<IpPacket> decode(Bytes packet) {
        byte[] copy = new byte[packet.length()];
        packet.copyTo(copy, 0);
        Diagnostics diag = Diagnostics.lenient();
        IpPacket p = decode(copy, 0, copy.length, diag);
        return new Decoded<>(p, diag.list());
    }

    /** Decodes a copy of {@code packet}, throwing {@link DecodeException} at the first problem. */
    public static IpPacket decodeStrict(byte[] packet) {
        return decode(packet.clone(), 0, packet.length, Diagnostics.strict());
    }

    /**
     * Decodes {@code buf[off, off + len)} without copying: the value shares {@code buf}, which the
     * caller must never change afterwards. Diagnostic offsets are indexes into {@code buf}.
     */
    public static IpPacket decode(byte[] buf, int off, int len, Diagnostics diag) {
        if (len == 0) {
            diag.report(off, "ip.version", "empty packet", "");
            return new RawPacket(Bytes.EMPTY);
        }
        int version = (buf[off] & 0xff) >>> 4;
        return switch (version) {
            case 4 -> Ip4Codec.decode(buf, off, len, diag);
            case 6 -> Ip6Codec.decode(buf, off, len, diag);
            default -> {
                diag.report(off, "ip.version", "version " + version + " (expected: 4 or 6); kept raw", "RFC 791 §3.1, RFC 8200 §3");
                yield new RawPacket(Bytes.wrap(buf, off, len));
            }
        };
    }

    /** The bytes {@link #encode} writes for {@code packet}. */
    public static int encodedLength(IpPacket packet) {
        return switch (packet) {
            case Ip4 ip -> Ip4Codec.encodedLength(ip);
            case Ip6 ip -> Ip6Codec.encodedLength(ip);
            case RawPacket r -> r.bytes().length();
        };
    }

    public static byte[] encode(IpPacket packet) {
        byte[] out = new byte[encodedLength(packet)];
        write(packet, out, 0, out.length);
        return out;
    }

    /**
     * Writes {@code packet} at {@code out[off]} and returns the bytes written: the send loop's form,
     * reusing one buffer. Throws {@link IndexOutOfBoundsException} before writing anything if the
     * packet does not fit.
     */
    public static int encode(IpPacket packet, byte[] out, int off) {
        int length = encodedLength(packet);
        java.util.Objects.checkFromIndexSize(off, length, out.length);
        return write(packet, out, off, length);
    }

    private static int write(IpPacket packet, byte[] out, int off, int expected) {
        int written = switch (packet) {
            case Ip4 ip -> Ip4Codec.write(ip, out, off);
            case Ip6 ip -> Ip6Codec.write(ip, out, off);
            case RawPacket r -> r.bytes().copyTo(out, off);
        };
        if (written != expected) {
            // Only an option codec whose encodedLength disagrees with its encode can get here.
            throw new IllegalStateException("encoded " + written + " bytes, announced " + expected + ": " + packet);
        }
        return written;
    }
}
