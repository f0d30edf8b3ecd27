package org.mptcpkit.format;

import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Eol;
import org.mptcpkit.packet.FastOpen;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.Ip4Address;
import org.mptcpkit.packet.IpAddress;
import org.mptcpkit.packet.Ip6Address;
import org.mptcpkit.packet.Md5Signature;
import org.mptcpkit.packet.MptcpOption;
import org.mptcpkit.packet.Mss;
import org.mptcpkit.packet.Nop;
import org.mptcpkit.packet.RawOptionBytes;
import org.mptcpkit.packet.Sack;
import org.mptcpkit.packet.SackPermitted;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.packet.UnknownOption;
import org.mptcpkit.packet.WindowScale;
import org.mptcpkit.wire.TcpOptionCodec;

/**
 * Appending helpers shared by the renderers: numbers in hex without {@code String.format},
 * addresses without intermediate strings, and the facts about an option every renderer needs
 * (its name, its length byte). Nothing here allocates beyond the {@link StringBuilder}'s growth.
 */
final class Text {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Text() {
    }

    /** {@code v} in lower-case hex with no leading zeros, as C's {@code %x} / {@code PRIx64}. */
    static StringBuilder hex(StringBuilder sb, long v) {
        if (v == 0) return sb.append('0');
        int digits = (67 - Long.numberOfLeadingZeros(v)) >> 2;
        return hex(sb, v, digits);
    }

    /** {@code v} in lower-case hex, zero-padded to {@code digits}. */
    static StringBuilder hex(StringBuilder sb, long v, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) sb.append(HEX[(int) (v >>> shift) & 0xf]);
        return sb;
    }

    /** {@code 0x} then {@code v} in hex, no padding. */
    static StringBuilder hex0x(StringBuilder sb, long v) {
        return hex(sb.append("0x"), v);
    }

    /** The bytes of {@code b} in lower-case hex without separators. */
    static StringBuilder hex(StringBuilder sb, Bytes b) {
        for (int i = 0, n = b.length(); i < n; i++) {
            int x = b.u8(i);
            sb.append(HEX[x >>> 4]).append(HEX[x & 0xf]);
        }
        return sb;
    }

    static StringBuilder hex(StringBuilder sb, byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int x = b[i] & 0xff;
            sb.append(HEX[x >>> 4]).append(HEX[x & 0xf]);
        }
        return sb;
    }

    /** {@code v} (0..999999999) as nine decimal digits, zero-padded. */
    static StringBuilder pad9(StringBuilder sb, long v) {
        for (long div = 100_000_000L; div > 0; div /= 10) sb.append((char) ('0' + (v / div) % 10));
        return sb;
    }

    /** {@code v} (0..999999) as six decimal digits, zero-padded. */
    static StringBuilder pad6(StringBuilder sb, long v) {
        for (long div = 100_000L; div > 0; div /= 10) sb.append((char) ('0' + (v / div) % 10));
        return sb;
    }

    static StringBuilder pad2(StringBuilder sb, long v) {
        return sb.append((char) ('0' + v / 10 % 10)).append((char) ('0' + v % 10));
    }

    static char hexDigit(int v) {
        return HEX[v & 0xf];
    }

    static StringBuilder unsigned(StringBuilder sb, long v) {
        if (v >= 0) return sb.append(v);
        return sb.append(Long.toUnsignedString(v));
    }

    static StringBuilder ip4(StringBuilder sb, int bits) {
        return sb.append(bits >>> 24).append('.').append((bits >>> 16) & 0xff).append('.')
                .append((bits >>> 8) & 0xff).append('.').append(bits & 0xff);
    }

    static StringBuilder address(StringBuilder sb, IpAddress a) {
        return switch (a) {
            case Ip4Address v4 -> ip4(sb, v4.bits());
            case Ip6Address v6 -> sb.append(v6);
        };
    }

    /** An {@code InetAddress} as tcpdump prints it: dotted quad, RFC 5952 for IPv6. */
    static StringBuilder address(StringBuilder sb, java.net.InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return ip4(sb, ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff));
        }
        return sb.append(Ip6Address.of(Bytes.wrap(b)));
    }

    /**
     * The option's length byte as it goes on the wire: the set value, or the computed one when
     * {@link Field#AUTO}. Nop and Eol have none (0).
     */
    static int lengthByte(TcpOption o) {
        int set = switch (o) {
            case Eol e -> 0;
            case Nop n -> 0;
            case RawOptionBytes r -> r.bytes().length() > 1 ? r.bytes().u8(1) : 0;
            case Mss m -> m.length();
            case WindowScale w -> w.length();
            case SackPermitted s -> s.length();
            case Sack s -> s.length();
            case Timestamps t -> t.length();
            case Md5Signature m -> m.length();
            case FastOpen f -> f.length();
            case UnknownOption u -> u.length();
            case MptcpOption m -> m.length();
        };
        return set == Field.AUTO ? TcpOptionCodec.encodedLength(o) : set;
    }

    /** The kind byte of an option (the first raw byte for {@link RawOptionBytes}). */
    static int kind(TcpOption o) {
        if (o instanceof RawOptionBytes r) return r.bytes().isEmpty() ? -1 : r.bytes().u8(0);
        return o.kind();
    }

    /** tcpdump's name for an option kind ({@code print-tcp.c tcp_option_values}). */
    static String tcpdumpName(int kind) {
        return switch (kind) {
            case 0 -> "eol";
            case 1 -> "nop";
            case 2 -> "mss";
            case 3 -> "wscale";
            case 4 -> "sackOK";
            case 5 -> "sack";
            case 6 -> "echo";
            case 7 -> "echoreply";
            case 8 -> "TS";
            case 11 -> "cc";
            case 12 -> "ccnew";
            case 13 -> "ccecho";
            case 19 -> "md5";
            case 20 -> "scps";
            case 27 -> "qs";
            case 28 -> "uto";
            case 29 -> "tcp-ao";
            case 30 -> "mptcp";
            case 34 -> "tfo";
            case 254 -> "exp";
            default -> null;
        };
    }

    /** The RFC's name for an option kind, for the field tree and JSON. */
    static String optionName(TcpOption o) {
        return switch (o) {
            case Eol e -> "EOL";
            case Nop n -> "NOP";
            case Mss m -> "MSS";
            case WindowScale w -> "WSOPT";
            case SackPermitted s -> "SACK_PERMITTED";
            case Sack s -> "SACK";
            case Timestamps t -> "TSOPT";
            case Md5Signature m -> "MD5";
            case FastOpen f -> f.experimental() ? "TFO_EXP" : "TFO";
            case UnknownOption u -> "UNKNOWN";
            case RawOptionBytes r -> "RAW";
            case MptcpOption m -> "MPTCP";
        };
    }
}
