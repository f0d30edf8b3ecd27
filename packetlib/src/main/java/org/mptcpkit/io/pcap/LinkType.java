package org.mptcpkit.io.pcap;

/**
 * The link-layer header type of a capture: a {@code LINKTYPE_} value as stored in pcap and pcapng
 * files (https://www.tcpdump.org/linktypes.html), not the platform's {@code DLT_} value.
 *
 * <p>The two differ for raw IP: files say {@code LINKTYPE_RAW} (101) while libpcap's API says
 * {@code DLT_RAW} (12 on Linux, 14 on OpenBSD); {@link #ofDlt} maps the latter to the former so a
 * capture has one link type whichever way it was read.
 *
 * <p>Any value is representable, so an exotic capture still reads: {@link LinkHeader} keeps the
 * frames of types it does not decode raw.
 *
 * @param value the {@code LINKTYPE_} number, 0..65535 (the upper bits of the file's 32-bit field
 *              carry FCS information and are not part of the type)
 */
public record LinkType(int value) {
    /** {@code LINKTYPE_NULL} (0): BSD loopback, a 4-byte protocol family in the capturing host's byte order. */
    public static final LinkType NULL = new LinkType(0);
    /** {@code LINKTYPE_ETHERNET} (1): Ethernet II, possibly with 802.1Q / 802.1ad VLAN tags. */
    public static final LinkType ETHERNET = new LinkType(1);
    /** {@code LINKTYPE_RAW} (101): a bare IPv4 or IPv6 packet, told apart by its version nibble. */
    public static final LinkType RAW = new LinkType(101);
    /** {@code LINKTYPE_LOOP} (108): OpenBSD loopback, the 4-byte family in network byte order. */
    public static final LinkType LOOP = new LinkType(108);
    /** {@code LINKTYPE_LINUX_SLL} (113): Linux "cooked" capture v1, what {@code tcpdump -i any} wrote before libpcap 1.10. */
    public static final LinkType LINUX_SLL = new LinkType(113);
    /** {@code LINKTYPE_IPV4} (228): a bare IPv4 packet. */
    public static final LinkType IPV4 = new LinkType(228);
    /** {@code LINKTYPE_IPV6} (229): a bare IPv6 packet. */
    public static final LinkType IPV6 = new LinkType(229);
    /** {@code LINKTYPE_LINUX_SLL2} (276): Linux "cooked" capture v2, with the interface index. */
    public static final LinkType LINUX_SLL2 = new LinkType(276);

    public LinkType {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("linkType: " + value + " (expected: 0..65535)");
        }
    }

    /** The link type for a libpcap {@code DLT_} value ({@code DLT_RAW} 12 and 14 become {@link #RAW}). */
    public static LinkType ofDlt(int dlt) {
        return switch (dlt) {
            case 12, 14 -> RAW;
            default -> of(dlt);
        };
    }

    /** The link type with this {@code LINKTYPE_} value (the shared constant when there is one). */
    public static LinkType of(int value) {
        return switch (value) {
            case 0 -> NULL;
            case 1 -> ETHERNET;
            case 101 -> RAW;
            case 108 -> LOOP;
            case 113 -> LINUX_SLL;
            case 228 -> IPV4;
            case 229 -> IPV6;
            case 276 -> LINUX_SLL2;
            default -> new LinkType(value);
        };
    }

    /**
     * The {@code DLT_} value libpcap's API takes for this link type ({@code pcap_open_dead}); it
     * writes the {@code LINKTYPE_} value into the file.
     */
    public int dlt() {
        // DLT_RAW is 12 on Linux, the BSDs but OpenBSD, macOS and Windows; libpcap maps it to
        // LINKTYPE_RAW (101) when it writes a file.
        return value == 101 ? 12 : value;
    }

    /** Whether {@link LinkHeader#split} decodes this link type's header (otherwise frames stay raw). */
    public boolean isDecoded() {
        return switch (value) {
            case 0, 1, 101, 108, 113, 228, 229, 276 -> true;
            default -> false;
        };
    }

    /** The name without {@code LINKTYPE_}, e.g. {@code ETHERNET}, or {@code LINKTYPE_147} for others. */
    public String name() {
        return switch (value) {
            case 0 -> "NULL";
            case 1 -> "ETHERNET";
            case 101 -> "RAW";
            case 105 -> "IEEE802_11";
            case 108 -> "LOOP";
            case 113 -> "LINUX_SLL";
            case 127 -> "IEEE802_11_RADIOTAP";
            case 220 -> "USB_LINUX_MMAPPED";
            case 228 -> "IPV4";
            case 229 -> "IPV6";
            case 253 -> "NETLINK";
            case 276 -> "LINUX_SLL2";
            default -> "LINKTYPE_" + value;
        };
    }

    @Override
    public String toString() {
        return name() + " (" + value + ")";
    }
}
