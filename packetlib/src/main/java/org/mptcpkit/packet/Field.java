package org.mptcpkit.packet;

/**
 * Range checks for unsigned wire fields, and the marker for derived fields left to the encoder.
 *
 * <p>Unsigned fields are {@code int} (u4, u8, u16) and {@code long} (u32, u64). A derived field
 * (a length byte, a checksum, IHL, total length, data offset) holds {@link #AUTO} when unset: the
 * encoder computes it. Any other value is emitted verbatim, even when wrong (scapy's {@code None}
 * rule), which is how a user crafts a bad length on purpose.
 */
public final class Field {
    /** A derived field the encoder computes. */
    public static final int AUTO = -1;

    private Field() {
    }

    public static int u4(String name, int v) {
        if (v < 0 || v > 0xf) throw range(name, v, "0..15");
        return v;
    }

    public static int u8(String name, int v) {
        if (v < 0 || v > 0xff) throw range(name, v, "0..255");
        return v;
    }

    public static int u16(String name, int v) {
        if (v < 0 || v > 0xffff) throw range(name, v, "0..65535");
        return v;
    }

    public static long u32(String name, long v) {
        if (v < 0 || v > 0xffff_ffffL) throw range(name, v, "0..4294967295");
        return v;
    }

    /** An unsigned field of {@code bits} bits (1..31). */
    public static int bits(String name, int v, int bits) {
        if (v < 0 || v > (1 << bits) - 1) throw range(name, v, "0.." + ((1 << bits) - 1));
        return v;
    }

    /** A derived u4 field: {@link #AUTO} or 0..15. */
    public static int u4OrAuto(String name, int v) {
        return v == AUTO ? v : u4(name, v);
    }

    /** A derived u8 field: {@link #AUTO} or 0..255. */
    public static int u8OrAuto(String name, int v) {
        return v == AUTO ? v : u8(name, v);
    }

    /** A derived u16 field: {@link #AUTO} or 0..65535. */
    public static int u16OrAuto(String name, int v) {
        return v == AUTO ? v : u16(name, v);
    }

    public static <T> T nonNull(String name, T v) {
        if (v == null) throw new NullPointerException(name + ": null");
        return v;
    }

    /** {@code b} must be exactly {@code n} bytes long (keys, HMACs, addresses). */
    public static Bytes length(String name, Bytes b, int n) {
        nonNull(name, b);
        if (b.length() != n) {
            throw new IllegalArgumentException(name + ": " + b.length() + " bytes (expected: " + n + ")");
        }
        return b;
    }

    private static IllegalArgumentException range(String name, long v, String expected) {
        return new IllegalArgumentException(name + ": " + v + " (expected: " + expected + ")");
    }
}
