package org.mptcpkit.wire;

/**
 * The 16-bit ones' complement sum of RFC 1071, used by the IPv4 header checksum, the TCP checksum
 * (with the RFC 9293 §3.1 / RFC 8200 §8.1 pseudo-headers) and the MPTCP DSS checksum (RFC 8684
 * §3.3.1). Sums are accumulated unfolded in a {@code long} and folded once at the end.
 */
public final class InternetChecksum {
    private static final java.lang.invoke.VarHandle BIG_ENDIAN_LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    private InternetChecksum() {
    }

    /**
     * Adds {@code len} bytes of {@code buf} from {@code off} to {@code sum} as big-endian 16-bit
     * words; an odd last byte is padded with zero (RFC 1071 §4.1). Callers that sum several pieces
     * must give every piece but the last an even length.
     */
    public static long add(long sum, byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        // Eight bytes at a time: summing 32-bit halves is the same ones' complement sum, because
        // 2^16 = 1 modulo 2^16 - 1, so folding later gives the 16-bit result (RFC 1071 §2(B)).
        // Each addend is below 2^33, so the long cannot overflow for any Java array.
        for (; i + 8 <= end; i += 8) {
            long v = (long) BIG_ENDIAN_LONG.get(buf, i);
            sum += (v >>> 32) + (v & 0xffff_ffffL);
        }
        for (; i + 1 < end; i += 2) {
            sum += ((buf[i] & 0xff) << 8) | (buf[i + 1] & 0xff);
        }
        if (i < end) sum += (buf[i] & 0xff) << 8;
        return sum;
    }

    /** Adds a 16-bit word. */
    public static long add16(long sum, int word) {
        return sum + (word & 0xffff);
    }

    /** Adds a 32-bit value as two 16-bit words. */
    public static long add32(long sum, long value) {
        return sum + ((value >>> 16) & 0xffff) + (value & 0xffff);
    }

    /** Adds a 64-bit value as four 16-bit words. */
    public static long add64(long sum, long value) {
        return sum + ((value >>> 48) & 0xffff) + ((value >>> 32) & 0xffff)
                + ((value >>> 16) & 0xffff) + (value & 0xffff);
    }

    /** Folds the carries and returns the ones' complement of the sum: the value for the wire. */
    public static int finish(long sum) {
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        return (int) (~sum & 0xffff);
    }

    /** The checksum of {@code len} bytes of {@code buf} from {@code off}. */
    public static int of(byte[] buf, int off, int len) {
        return finish(add(0, buf, off, len));
    }
}
