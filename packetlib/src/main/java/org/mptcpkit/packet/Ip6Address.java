package org.mptcpkit.packet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv6 address (RFC 8200 §3), held as its 128 bits in two network-order halves:
 * {@code 2001:db8::1} is {@code new Ip6Address(0x20010db800000000L, 1L)}. {@link #toString()}
 * gives the RFC 5952 canonical text.
 */
public record Ip6Address(long high, long low) implements IpAddress {
    public static final Ip6Address ANY = new Ip6Address(0, 0);

    /** Parses RFC 4291 §2.2 text ({@code 2001:db8::1}, {@code ::ffff:192.0.2.1}); no zone, no lookup. */
    public static Ip6Address parse(String text) {
        Field.nonNull("address", text);
        if (text.indexOf('%') >= 0 || text.indexOf(':') < 0) {
            throw new IllegalArgumentException("address: '" + text + "' is not an IPv6 address");
        }
        try {
            // Inet6Address.ofLiteral (JDK 22) parses without any name lookup.
            InetAddress a = Inet6Address.ofLiteral(text);
            // ofLiteral gives an Inet4Address for the IPv4-mapped form ::ffff:a.b.c.d.
            return a instanceof Inet6Address v6 ? of(v6)
                    : new Ip6Address(0, 0xffff_0000_0000L | Ip4Address.of((java.net.Inet4Address) a).toLong());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("address: '" + text + "' is not an IPv6 address");
        }
    }

    /** The address of 16 network-order bytes. */
    public static Ip6Address of(Bytes bytes) {
        Field.length("address", bytes, 16);
        return new Ip6Address(bytes.u64(0), bytes.u64(8));
    }

    public static Ip6Address of(Inet6Address address) {
        Bytes b = Bytes.wrap(address.getAddress());
        return new Ip6Address(b.u64(0), b.u64(8));
    }

    @Override
    public int version() {
        return 6;
    }

    @Override
    public Bytes bytes() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (high >>> (56 - 8 * i));
            b[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return Bytes.wrap(b);
    }

    @Override
    public Inet6Address toInetAddress() {
        try {
            // getByAddress maps ::ffff:a.b.c.d to Inet4Address; this form keeps IPv6.
            return Inet6Address.getByAddress(null, bytes().toByteArray(), -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always an IPv6 address", e);
        }
    }

    private int group(int i) {
        long half = i < 4 ? high : low;
        return (int) (half >>> (48 - 16 * (i & 3))) & 0xffff;
    }

    /** RFC 5952 §4: lower case, no leading zeros, the longest run (2+) of zero groups as {@code ::}. */
    @Override
    public String toString() {
        if (high == 0 && (low >>> 32) == 0xffff) {
            return "::ffff:" + new Ip4Address((int) low); // RFC 5952 §5
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (group(i) != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && group(j) == 0) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(group(i)));
        }
        return sb.toString();
    }
}
