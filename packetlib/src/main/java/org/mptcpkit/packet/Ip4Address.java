package org.mptcpkit.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 address (RFC 791 §3.1), held as its 32 bits in network order: {@code 10.0.0.1} is
 * {@code new Ip4Address(0x0a000001)}.
 */
public record Ip4Address(int bits) implements IpAddress {
    public static final Ip4Address ANY = new Ip4Address(0);

    /** Parses a dotted quad such as {@code 192.0.2.1}; nothing else (no lookup, no BSD short forms). */
    public static Ip4Address parse(String text) {
        Field.nonNull("address", text);
        int bits = 0;
        int part = 0;
        int digits = 0;
        int parts = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9' && digits < 3) {
                part = part * 10 + (c - '0');
                digits++;
            } else if (c == '.' && digits > 0 && part <= 255 && parts < 4) {
                bits = (bits << 8) | part;
                parts++;
                part = 0;
                digits = 0;
            } else {
                parts = -1;
                break;
            }
        }
        if (parts != 4) {
            throw new IllegalArgumentException("address: '" + text + "' is not a dotted-quad IPv4 address");
        }
        return new Ip4Address(bits);
    }

    /** The address of 4 network-order bytes. */
    public static Ip4Address of(Bytes bytes) {
        Field.length("address", bytes, 4);
        return new Ip4Address((int) bytes.u32(0));
    }

    public static Ip4Address of(Inet4Address address) {
        byte[] b = address.getAddress();
        return new Ip4Address(((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff));
    }

    @Override
    public int version() {
        return 4;
    }

    /** The address as an unsigned 32-bit number. */
    public long toLong() {
        return bits & 0xffff_ffffL;
    }

    @Override
    public Bytes bytes() {
        return Bytes.wrap(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
    }

    @Override
    public Inet4Address toInetAddress() {
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes().toByteArray());
        } catch (UnknownHostException e) {
            throw new AssertionError("4 bytes are always an IPv4 address", e);
        }
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }
}
