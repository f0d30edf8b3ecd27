package org.mptcpkit.io.pcap;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Field;

/**
 * The link-layer header in front of a network-layer packet in a captured frame. Each form keeps its
 * header exactly as it was on the wire ({@link #bytes()}), so {@code header.bytes() + payload}
 * re-creates the frame byte for byte; the accessors read the fields from those bytes.
 *
 * <p>{@link LinkFrame#split} chooses the form from the capture's {@link LinkType}. A frame that
 * cannot be split (a link type not decoded here, a header cut short by the snapshot length) gets
 * {@link Undecoded}: no header bytes, the whole frame as payload, and a note saying why.
 */
public sealed interface LinkHeader {

    /** The capture's link type this header belongs to. */
    LinkType linkType();

    /** The header as on the wire; empty for {@link RawIp} and {@link Undecoded}. */
    Bytes bytes();

    /**
     * What the payload is, as an EtherType ({@link EtherType#IPV4}, {@link EtherType#IPV6}, ...),
     * or {@link EtherType#NONE} when the header does not say.
     */
    int etherType();

    /** The header length in bytes: where the network-layer packet starts in the frame. */
    default int length() {
        return bytes().length();
    }

    /**
     * An Ethernet II header (IEEE 802.3 clause 3.2), with any number of 802.1Q / 802.1ad tags
     * between the source address and the type.
     *
     * <pre>
     * +-------------------+-------------------+-----------------+------+
     * | destination (6)   | source (6)        | VLAN tags (4*n) | type |
     * +-------------------+-------------------+-----------------+------+
     * </pre>
     * Example: {@code 02 00 00 00 01 02 02 00 00 00 01 01 08 00} is
     * {@code Ethernet.of(mac("02:00:00:00:01:02"), mac("02:00:00:00:01:01"), EtherType.IPV4)}.
     * The frame check sequence is not part of Linux captures and is left in the payload if present.
     */
    record Ethernet(Bytes bytes) implements LinkHeader {
        /** Destination, source and type: the header without VLAN tags. */
        public static final int MIN_LENGTH = 14;

        public Ethernet {
            Field.nonNull("bytes", bytes);
            int n = bytes.length();
            if (n < MIN_LENGTH || (n - MIN_LENGTH) % 4 != 0) {
                throw new IllegalArgumentException("ethernet: " + n + " bytes (expected: 14 + 4 * number of VLAN tags)");
            }
            for (int at = 12; at < n - 2; at += 4) {
                int tpid = bytes.u16(at);
                if (!EtherType.isVlanTag(tpid)) {
                    throw new IllegalArgumentException("ethernet: type 0x" + EtherType.hex4(tpid) + " at " + at
                            + " is followed by more header but is not a VLAN tag");
                }
            }
        }

        public static Ethernet of(Bytes destination, Bytes source, int etherType) {
            return of(destination, source, List.of(), etherType);
        }

        public static Ethernet of(Bytes destination, Bytes source, List<VlanTag> tags, int etherType) {
            Field.length("destination", destination, 6);
            Field.length("source", source, 6);
            Field.u16("etherType", etherType);
            byte[] b = new byte[MIN_LENGTH + 4 * tags.size()];
            destination.copyTo(b, 0);
            source.copyTo(b, 6);
            int at = 12;
            for (VlanTag tag : tags) {
                putU16(b, at, tag.tpid());
                putU16(b, at + 2, tag.tci());
                at += 4;
            }
            putU16(b, at, etherType);
            return new Ethernet(Bytes.wrap(b));
        }

        @Override
        public LinkType linkType() {
            return LinkType.ETHERNET;
        }

        public Bytes destination() {
            return bytes.slice(0, 6);
        }

        public Bytes source() {
            return bytes.slice(6, 12);
        }

        /** The VLAN tags, outermost first. */
        public List<VlanTag> tags() {
            int n = (bytes.length() - MIN_LENGTH) / 4;
            if (n == 0) return List.of();
            List<VlanTag> tags = new ArrayList<>(n);
            for (int i = 0; i < n; i++) tags.add(VlanTag.of(bytes.u16(12 + 4 * i), bytes.u16(14 + 4 * i)));
            return List.copyOf(tags);
        }

        /** The last type field: the EtherType of the payload, or an 802.3 length when at most 1500. */
        @Override
        public int etherType() {
            return bytes.u16(bytes.length() - 2);
        }

        public Ethernet withDestination(Bytes destination) {
            return of(destination, source(), tags(), etherType());
        }

        public Ethernet withSource(Bytes source) {
            return of(destination(), source, tags(), etherType());
        }

        public Ethernet withTags(List<VlanTag> tags) {
            return of(destination(), source(), tags, etherType());
        }

        public Ethernet withEtherType(int etherType) {
            return of(destination(), source(), tags(), etherType);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("Ethernet[").append(mac(source())).append(" > ").append(mac(destination()));
            for (VlanTag t : tags()) {
                s.append(", ").append(EtherType.name(t.tpid())).append(" vlan ").append(t.vlanId());
                if (t.priority() != 0) s.append(" pcp ").append(t.priority());
                if (t.dropEligible()) s.append(" dei");
            }
            return s.append(", ").append(EtherType.name(etherType())).append(']').toString();
        }
    }

    /**
     * The Linux "cooked" capture header v1 ({@code LINKTYPE_LINUX_SLL}, 16 bytes), written for
     * captures on {@code any} (https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html).
     *
     * <pre>
     * +-------------+-------------+----------------+------------------------+----------+
     * | packet type | ARPHRD type | address length | address (8, padded)    | protocol |
     * |     (2)     |     (2)     |      (2)       |                        |   (2)    |
     * +-------------+-------------+----------------+------------------------+----------+
     * </pre>
     * Example: {@code 00 04 00 01 00 06 02 00 00 00 01 01 00 00 08 00}: sent by us
     * ({@link #OUTGOING}) on an Ethernet device from 02:00:00:00:01:01, carrying IPv4.
     */
    record LinuxSll(Bytes bytes) implements LinkHeader {
        public static final int LENGTH = 16;
        /** Packet types ({@code PACKET_*} in linux/if_packet.h). */
        public static final int HOST = 0, BROADCAST = 1, MULTICAST = 2, OTHERHOST = 3, OUTGOING = 4;
        /** ARPHRD types (linux/if_arp.h) met in MPTCP labs: Ethernet, loopback, TUN ({@code ARPHRD_NONE}). */
        public static final int ARPHRD_ETHER = 1, ARPHRD_LOOPBACK = 772, ARPHRD_NONE = 0xfffe;

        public LinuxSll {
            Field.length("linuxSll", bytes, LENGTH);
        }

        /** A header; an address longer than 8 bytes keeps only its first 8, as the kernel does. */
        public static LinuxSll of(int packetType, int arphrdType, Bytes address, int protocol) {
            Field.u16("packetType", packetType);
            Field.u16("arphrdType", arphrdType);
            Field.u16("protocol", protocol);
            byte[] b = new byte[LENGTH];
            putU16(b, 0, packetType);
            putU16(b, 2, arphrdType);
            putU16(b, 4, address.length());
            address.slice(0, Math.min(8, address.length())).copyTo(b, 6);
            putU16(b, 14, protocol);
            return new LinuxSll(Bytes.wrap(b));
        }

        @Override
        public LinkType linkType() {
            return LinkType.LINUX_SLL;
        }

        public int packetType() {
            return bytes.u16(0);
        }

        public int arphrdType() {
            return bytes.u16(2);
        }

        public int addressLength() {
            return bytes.u16(4);
        }

        /** The link-layer source address (at most its first 8 bytes). */
        public Bytes address() {
            return bytes.slice(6, 6 + Math.min(8, addressLength()));
        }

        /** The protocol field: an EtherType for Ethernet-like devices. */
        public int protocol() {
            return bytes.u16(14);
        }

        @Override
        public int etherType() {
            return protocol();
        }

        @Override
        public String toString() {
            return "LinuxSll[" + packetTypeName(packetType()) + ", arphrd " + arphrdType() + ", " + mac(address()) + ", "
                    + EtherType.name(protocol()) + "]";
        }
    }

    /**
     * The Linux "cooked" capture header v2 ({@code LINKTYPE_LINUX_SLL2}, 20 bytes), written by
     * libpcap 1.10+ for captures on {@code any}; it adds the interface index
     * (https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html).
     *
     * <pre>
     * +----------+----------+-----------------+-------------+------+------+--------------------+
     * | protocol | reserved | interface index | ARPHRD type | pkt  | addr | address (8, padded)|
     * |   (2)    |   (2)    |       (4)       |     (2)     | type | len  |                    |
     * +----------+----------+-----------------+-------------+------+------+--------------------+
     * </pre>
     * Example: {@code 08 00 00 00 00 00 00 03 00 01 04 06 02 00 00 00 01 01 00 00}: IPv4 sent on
     * interface 3, an Ethernet device, from 02:00:00:00:01:01.
     */
    record LinuxSll2(Bytes bytes) implements LinkHeader {
        public static final int LENGTH = 20;

        public LinuxSll2 {
            Field.length("linuxSll2", bytes, LENGTH);
        }

        public static LinuxSll2 of(int protocol, long interfaceIndex, int arphrdType, int packetType, Bytes address) {
            Field.u16("protocol", protocol);
            Field.u32("interfaceIndex", interfaceIndex);
            Field.u16("arphrdType", arphrdType);
            Field.u8("packetType", packetType);
            Field.u8("addressLength", address.length());
            byte[] b = new byte[LENGTH];
            putU16(b, 0, protocol);
            putU16(b, 4, (int) (interfaceIndex >>> 16));
            putU16(b, 6, (int) (interfaceIndex & 0xffff));
            putU16(b, 8, arphrdType);
            b[10] = (byte) packetType;
            b[11] = (byte) address.length();
            address.slice(0, Math.min(8, address.length())).copyTo(b, 12);
            return new LinuxSll2(Bytes.wrap(b));
        }

        /** The SLL2 header for the same packet as an SLL (v1) header, on interface {@code interfaceIndex}. */
        public static LinuxSll2 of(LinuxSll v1, long interfaceIndex) {
            byte[] b = new byte[LENGTH];
            putU16(b, 0, v1.protocol());
            putU16(b, 4, (int) (Field.u32("interfaceIndex", interfaceIndex) >>> 16));
            putU16(b, 6, (int) (interfaceIndex & 0xffff));
            putU16(b, 8, v1.arphrdType());
            // Lenient: v1 has 16-bit packet type and address length, v2 8-bit; Linux values fit.
            b[10] = (byte) v1.packetType();
            b[11] = (byte) v1.addressLength();
            v1.bytes().slice(6, 14).copyTo(b, 12);
            return new LinuxSll2(Bytes.wrap(b));
        }

        @Override
        public LinkType linkType() {
            return LinkType.LINUX_SLL2;
        }

        public int protocol() {
            return bytes.u16(0);
        }

        /** Reserved, 0 on the wire (kept: the frame must re-encode exactly). */
        public int reserved() {
            return bytes.u16(2);
        }

        public long interfaceIndex() {
            return bytes.u32(4);
        }

        public int arphrdType() {
            return bytes.u16(8);
        }

        public int packetType() {
            return bytes.u8(10);
        }

        public int addressLength() {
            return bytes.u8(11);
        }

        /** The link-layer source address (at most its first 8 bytes). */
        public Bytes address() {
            return bytes.slice(12, 12 + Math.min(8, addressLength()));
        }

        @Override
        public int etherType() {
            return protocol();
        }

        @Override
        public String toString() {
            return "LinuxSll2[if " + interfaceIndex() + ", " + packetTypeName(packetType()) + ", arphrd " + arphrdType()
                    + ", " + mac(address()) + ", " + EtherType.name(protocol()) + "]";
        }
    }

    /**
     * The 4-byte loopback header: an address family, in the capturing host's byte order for
     * {@code LINKTYPE_NULL} and in network byte order for {@code LINKTYPE_LOOP}
     * (https://www.tcpdump.org/linktypes/LINKTYPE_NULL.html). IPv6 has three family numbers
     * (24 NetBSD/OpenBSD, 28 FreeBSD, 30 macOS): all are recognised.
     *
     * <p>Example: {@code 02 00 00 00} under {@code NULL} is AF_INET from a little-endian host.
     */
    record Loopback(LinkType linkType, Bytes bytes) implements LinkHeader {
        public static final int LENGTH = 4;
        public static final int AF_INET = 2;
        /** The BSD AF_INET6 that the LINKTYPE_NULL specification lists first. */
        public static final int AF_INET6_BSD = 24;

        public Loopback {
            Field.nonNull("linkType", linkType);
            if (!linkType.equals(LinkType.NULL) && !linkType.equals(LinkType.LOOP)) {
                throw new IllegalArgumentException("loopback: linkType " + linkType + " (expected: NULL or LOOP)");
            }
            Field.length("loopback", bytes, LENGTH);
        }

        /** A header for {@code family}: {@code NULL} in this host's byte order, {@code LOOP} big-endian. */
        public static Loopback of(LinkType linkType, int family) {
            byte[] b = new byte[LENGTH];
            boolean little = linkType.equals(LinkType.NULL) && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
            for (int i = 0; i < 4; i++) b[little ? i : 3 - i] = (byte) (family >>> (8 * i));
            return new Loopback(linkType, Bytes.wrap(b));
        }

        /** The address family (AF_INET is 2). */
        public long family() {
            long v = bytes.u32(0);
            // A family number is small, so the low 16 bits of the wrongly ordered value are zero
            // (Wireshark's heuristic): swap them when the high half is set.
            if (linkType.equals(LinkType.NULL) && (v & 0xffff0000L) != 0) v = Long.reverseBytes(v) >>> 32;
            return v;
        }

        @Override
        public int etherType() {
            long f = family();
            if (f == AF_INET) return EtherType.IPV4;
            if (f == 24 || f == 28 || f == 30) return EtherType.IPV6;
            return EtherType.NONE;
        }
    }

    /**
     * No header at all: the frame is the IP packet ({@code LINKTYPE_RAW}, {@code IPV4},
     * {@code IPV6}). For {@code RAW} the version nibble says which IP it is.
     */
    record RawIp(LinkType linkType, int etherType) implements LinkHeader {
        public RawIp {
            Field.nonNull("linkType", linkType);
            if (!linkType.equals(LinkType.RAW) && !linkType.equals(LinkType.IPV4) && !linkType.equals(LinkType.IPV6)) {
                throw new IllegalArgumentException("rawIp: linkType " + linkType + " (expected: RAW, IPV4 or IPV6)");
            }
            if (etherType != EtherType.IPV4 && etherType != EtherType.IPV6) {
                throw new IllegalArgumentException("rawIp: etherType 0x" + EtherType.hex4(etherType) + " (expected: 0x0800 or 0x86dd)");
            }
        }

        @Override
        public Bytes bytes() {
            return Bytes.EMPTY;
        }
    }

    /**
     * A frame this layer does not split: a link type it does not decode, or a header cut short.
     * The whole frame is the payload, and {@link #note} says why in one line.
     */
    record Undecoded(LinkType linkType, String note) implements LinkHeader {
        public Undecoded {
            Field.nonNull("linkType", linkType);
            Field.nonNull("note", note);
        }

        @Override
        public Bytes bytes() {
            return Bytes.EMPTY;
        }

        @Override
        public int etherType() {
            return EtherType.NONE;
        }
    }

    /** {@code 02:00:00:00:01:01}, or {@code -} for an empty address. */
    private static String mac(Bytes address) {
        if (address.isEmpty()) return "-";
        StringBuilder s = new StringBuilder(address.length() * 3);
        String hex = address.hex();
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) s.append(':');
            s.append(hex, i, i + 2);
        }
        return s.toString();
    }

    private static String packetTypeName(int type) {
        return switch (type) {
            case LinuxSll.HOST -> "host";
            case LinuxSll.BROADCAST -> "broadcast";
            case LinuxSll.MULTICAST -> "multicast";
            case LinuxSll.OTHERHOST -> "otherhost";
            case LinuxSll.OUTGOING -> "outgoing";
            default -> "type " + type;
        };
    }

    private static void putU16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }
}
