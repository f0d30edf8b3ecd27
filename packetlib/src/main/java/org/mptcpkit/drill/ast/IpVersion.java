package org.mptcpkit.drill.ast;

/**
 * The address mode a script runs in ({@code --ip_version}): which socket family the calls use and
 * which IP version is on the wire.
 */
public enum IpVersion {
    /** IPv4 sockets, IPv4 on the wire. */
    IPV4("ipv4"),
    /** IPv6 sockets using {@code ::ffff:a.b.c.d} addresses, IPv4 on the wire. */
    IPV4_MAPPED_IPV6("ipv4-mapped-ipv6"),
    /** IPv6 sockets, IPv6 on the wire. */
    IPV6("ipv6");

    private final String spelling;

    IpVersion(String spelling) {
        this.spelling = spelling;
    }

    /** As written after {@code --ip_version=}. */
    public String spelling() {
        return spelling;
    }

    /** True when packets on the wire are IPv6. */
    public boolean wireIsIpv6() {
        return this == IPV6;
    }

    /** The version spelled {@code s}, or null. */
    public static IpVersion of(String s) {
        for (IpVersion v : values()) {
            if (v.spelling.equals(s)) return v;
        }
        return null;
    }
}
