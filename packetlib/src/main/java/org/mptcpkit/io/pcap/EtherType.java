package org.mptcpkit.io.pcap;

/**
 * EtherType values (IEEE 802 numbers, https://standards-oui.ieee.org/ethertype/) that a link
 * header names for what it carries. Values 0..1500 in an Ethernet type field are an IEEE 802.3
 * length instead (IEEE 802.3 clause 3.2.6), and the payload is LLC, not IP.
 */
public final class EtherType {
    /** No EtherType: the link header does not say what follows, or nothing was decoded. */
    public static final int NONE = -1;
    public static final int IPV4 = 0x0800;
    public static final int ARP = 0x0806;
    /** IEEE 802.1Q customer VLAN tag. */
    public static final int VLAN = 0x8100;
    public static final int IPV6 = 0x86dd;
    /** IEEE 802.1ad service VLAN tag (the outer tag of Q-in-Q). */
    public static final int QINQ = 0x88a8;
    /** The pre-standard Q-in-Q tag some switches still send. */
    public static final int QINQ_OLD = 0x9100;

    private EtherType() {
    }

    /** Whether {@code type} introduces a VLAN tag (802.1Q, 802.1ad or the old 0x9100). */
    public static boolean isVlanTag(int type) {
        return type == VLAN || type == QINQ || type == QINQ_OLD;
    }

    /** The EtherType that matches an IP version nibble (4 or 6), or {@link #NONE}. */
    public static int ofIpVersion(int version) {
        return version == 4 ? IPV4 : version == 6 ? IPV6 : NONE;
    }

    /** A short name: {@code IPv4}, {@code IPv6}, ..., else {@code 0x88cc}. */
    public static String name(int type) {
        return switch (type) {
            case NONE -> "none";
            case IPV4 -> "IPv4";
            case ARP -> "ARP";
            case VLAN -> "802.1Q";
            case IPV6 -> "IPv6";
            case QINQ -> "802.1ad";
            case QINQ_OLD -> "QinQ(0x9100)";
            default -> type <= 1500 ? "802.3 length " + type : "0x" + hex4(type);
        };
    }

    static String hex4(int v) {
        String h = Integer.toHexString(v);
        return "0000".substring(Math.min(4, h.length())) + h;
    }
}
