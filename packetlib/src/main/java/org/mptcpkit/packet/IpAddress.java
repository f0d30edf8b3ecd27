package org.mptcpkit.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * An IPv4 or IPv6 address as a plain immutable value. The model uses these rather than
 * {@link InetAddress} because decoding creates two per packet and {@code InetAddress.getByAddress}
 * copies the array and allocates a holder each time; these are one small object with value
 * equality. {@link #toInetAddress()} and {@link #of(InetAddress)} convert.
 */
public sealed interface IpAddress permits Ip4Address, Ip6Address {
    /** 4 or 6. */
    int version();

    /** The address in network byte order (4 or 16 bytes). */
    Bytes bytes();

    /** The same address as a JDK {@link InetAddress} (no name lookup). */
    InetAddress toInetAddress();

    /** An address from its textual form: dotted quad or RFC 4291 §2.2 IPv6 text (no lookup). */
    static IpAddress parse(String text) {
        Field.nonNull("address", text);
        return text.indexOf(':') >= 0 ? Ip6Address.parse(text) : Ip4Address.parse(text);
    }

    /**
     * The address as text: a dotted quad, or RFC 5952 canonical IPv6 ({@code fd00:10::1}, as
     * iproute2, tcpdump and tshark print it; the JDK writes every group).
     */
    static String format(InetAddress address) {
        return of(address).toString();
    }

    static IpAddress of(InetAddress address) {
        return switch (Field.nonNull("address", address)) {
            case Inet4Address a -> Ip4Address.of(a);
            case Inet6Address a -> Ip6Address.of(a);
            default -> throw new IllegalArgumentException("address: " + address + " is neither IPv4 nor IPv6");
        };
    }
}
