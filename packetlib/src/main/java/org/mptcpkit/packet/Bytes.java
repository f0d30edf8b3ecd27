package org.mptcpkit.packet;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable sequence of bytes: the value type for every opaque field of the model (payloads,
 * keys on the wire, HMACs, raw options). Records never hold a bare {@code byte[]}: an array is
 * mutable and compares by identity, a {@code Bytes} is neither.
 *
 * <p>A {@code Bytes} may be a window onto a larger array that nobody else can write (the codec
 * copies its input once and slices it), so slicing is free and decoding allocates no copies.
 */
public final class Bytes implements Comparable<Bytes> {
    public static final Bytes EMPTY = new Bytes(new byte[0], 0, 0);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] array;
    private final int offset;
    private final int length;
    private int hash;

    private Bytes(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** A copy of {@code bytes}. */
    public static Bytes of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone(), 0, bytes.length);
    }

    /** A copy of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static Bytes copyOf(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(bytes, offset, offset + length), 0, length);
    }

    /**
     * Takes ownership of {@code bytes} without copying. Only for code that never writes the array
     * again (the codec, which copies its input once and then slices it).
     */
    public static Bytes wrap(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        return length == 0 ? EMPTY : new Bytes(bytes, offset, length);
    }

    /** Takes ownership of {@code bytes} without copying; see {@link #wrap(byte[], int, int)}. */
    public static Bytes wrap(byte[] bytes) {
        return wrap(bytes, 0, bytes.length);
    }

    /** {@code n} zero bytes. */
    public static Bytes zeros(int n) {
        return n == 0 ? EMPTY : new Bytes(new byte[n], 0, n);
    }

    /** Parses hex digits; spaces, colons and a leading {@code 0x} are ignored. */
    public static Bytes fromHex(CharSequence hex) {
        StringBuilder digits = new StringBuilder(hex.length());
        String s = hex.toString().strip();
        if (s.startsWith("0x") || s.startsWith("0X")) s = s.substring(2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == ':' || c == '\n' || c == '\t' || c == '_') continue;
            if (Character.digit(c, 16) < 0) {
                throw new IllegalArgumentException("hex: '" + c + "' at " + i + " is not a hex digit");
            }
            digits.append(c);
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("hex: odd number of digits (" + digits.length() + ")");
        }
        byte[] b = HEX.parseHex(digits);
        return b.length == 0 ? EMPTY : new Bytes(b, 0, b.length);
    }

    /** The 8 big-endian bytes of {@code value}: how a 64-bit key or number goes on the wire. */
    public static Bytes ofLong(long value) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (value >>> (56 - 8 * i));
        return new Bytes(b, 0, 8);
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** The byte at {@code index} as a signed Java byte. */
    public byte get(int index) {
        java.util.Objects.checkIndex(index, length);
        return array[offset + index];
    }

    /** The byte at {@code index} as an unsigned value 0..255. */
    public int u8(int index) {
        return get(index) & 0xff;
    }

    /** The big-endian unsigned 16-bit value at {@code index}. */
    public int u16(int index) {
        java.util.Objects.checkFromIndexSize(index, 2, length);
        return ((array[offset + index] & 0xff) << 8) | (array[offset + index + 1] & 0xff);
    }

    /** The big-endian unsigned 32-bit value at {@code index}. */
    public long u32(int index) {
        java.util.Objects.checkFromIndexSize(index, 4, length);
        int p = offset + index;
        return ((long) (array[p] & 0xff) << 24) | ((array[p + 1] & 0xff) << 16)
                | ((array[p + 2] & 0xff) << 8) | (array[p + 3] & 0xff);
    }

    /** The big-endian 64-bit value at {@code index}. */
    public long u64(int index) {
        java.util.Objects.checkFromIndexSize(index, 8, length);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (array[offset + index + i] & 0xff);
        return v;
    }

    /** The big-endian value of all bytes (at most 8). */
    public long toLong() {
        if (length > 8) throw new IllegalStateException("toLong: " + length + " bytes (expected: 0..8)");
        long v = 0;
        for (int i = 0; i < length; i++) v = (v << 8) | (array[offset + i] & 0xff);
        return v;
    }

    public Bytes slice(int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, length);
        if (from == 0 && to == length) return this;
        return to == from ? EMPTY : new Bytes(array, offset + from, to - from);
    }

    public Bytes slice(int from) {
        return slice(from, length);
    }

    public Bytes concat(Bytes other) {
        if (other.length == 0) return this;
        if (length == 0) return other;
        byte[] b = new byte[length + other.length];
        copyTo(b, 0);
        other.copyTo(b, length);
        return new Bytes(b, 0, b.length);
    }

    /** Copies all bytes into {@code dst} at {@code dstOffset}; returns the number copied. */
    public int copyTo(byte[] dst, int dstOffset) {
        System.arraycopy(array, offset, dst, dstOffset, length);
        return length;
    }

    public byte[] toByteArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /** Lower-case hex without separators, e.g. {@code 1e040101}. */
    public String hex() {
        return HEX.formatHex(array, offset, offset + length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b
                && Arrays.equals(array, offset, offset + length, b.array, b.offset, b.offset + b.length);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 1;
            for (int i = offset; i < offset + length; i++) h = 31 * h + array[i];
            hash = h;
        }
        return h;
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(array, offset, offset + length, o.array, o.offset, o.offset + o.length);
    }

    @Override
    public String toString() {
        return "0x" + hex();
    }
}
