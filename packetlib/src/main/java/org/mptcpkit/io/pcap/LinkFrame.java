package org.mptcpkit.io.pcap;

import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Field;

/**
 * A captured frame split into its link-layer header and the network-layer bytes it carries.
 * Lossless: {@link #encode()} returns the frame that was split, byte for byte, whatever it held.
 *
 * <p>The payload is everything after the header: an Ethernet frame shorter than 60 bytes carries
 * padding after the IP packet, and the IP layer (whose total length says where the packet ends)
 * keeps that as a trailer.
 *
 * <p>Example: for a frame of {@link LinkType#ETHERNET} starting
 * {@code 02 00 00 00 01 02 02 00 00 00 01 01 08 00 45 00 ...}, {@code split} gives an
 * {@link LinkHeader.Ethernet} of 14 bytes with {@code etherType() == 0x0800} and the payload from
 * {@code 45 00} on.
 */
public record LinkFrame(LinkHeader header, Bytes payload) {
    public LinkFrame {
        Field.nonNull("header", header);
        Field.nonNull("payload", payload);
    }

    /**
     * Splits {@code frame} by the header form of {@code linkType}. Never throws on frame content:
     * a frame that cannot be split comes back with an {@link LinkHeader.Undecoded} header and the
     * whole frame as payload.
     */
    public static LinkFrame split(LinkType linkType, Bytes frame) {
        Field.nonNull("linkType", linkType);
        Field.nonNull("frame", frame);
        return switch (linkType.value()) {
            case 1 -> ethernet(frame);
            case 113 -> frame.length() >= LinkHeader.LinuxSll.LENGTH
                    ? cut(new LinkHeader.LinuxSll(frame.slice(0, LinkHeader.LinuxSll.LENGTH)), frame)
                    : truncated(linkType, "Linux cooked (SLL)", LinkHeader.LinuxSll.LENGTH, frame);
            case 276 -> frame.length() >= LinkHeader.LinuxSll2.LENGTH
                    ? cut(new LinkHeader.LinuxSll2(frame.slice(0, LinkHeader.LinuxSll2.LENGTH)), frame)
                    : truncated(linkType, "Linux cooked v2 (SLL2)", LinkHeader.LinuxSll2.LENGTH, frame);
            case 0, 108 -> frame.length() >= LinkHeader.Loopback.LENGTH
                    ? cut(new LinkHeader.Loopback(linkType, frame.slice(0, LinkHeader.Loopback.LENGTH)), frame)
                    : truncated(linkType, "loopback", LinkHeader.Loopback.LENGTH, frame);
            case 101 -> raw(frame);
            case 228 -> new LinkFrame(new LinkHeader.RawIp(LinkType.IPV4, EtherType.IPV4), frame);
            case 229 -> new LinkFrame(new LinkHeader.RawIp(LinkType.IPV6, EtherType.IPV6), frame);
            default -> new LinkFrame(new LinkHeader.Undecoded(linkType,
                    "link type " + linkType + " is not decoded: the whole frame is kept raw"), frame);
        };
    }

    /** The frame that carries {@code payload} behind {@code header}. */
    public static LinkFrame of(LinkHeader header, Bytes payload) {
        return new LinkFrame(header, payload);
    }

    /** The capture's link type. */
    public LinkType linkType() {
        return header.linkType();
    }

    /** What the payload is ({@link EtherType#IPV4}, {@link EtherType#IPV6}, ...) or {@link EtherType#NONE}. */
    public int etherType() {
        return header.etherType();
    }

    /** Whether the payload is an IPv4 or IPv6 packet (by the link header's word). */
    public boolean isIp() {
        int t = header.etherType();
        return t == EtherType.IPV4 || t == EtherType.IPV6;
    }

    /** The frame: header bytes then payload. */
    public Bytes encode() {
        return header.bytes().concat(payload);
    }

    public LinkFrame withHeader(LinkHeader header) {
        return new LinkFrame(header, payload);
    }

    public LinkFrame withPayload(Bytes payload) {
        return new LinkFrame(header, payload);
    }

    private static LinkFrame ethernet(Bytes frame) {
        int n = frame.length();
        if (n < LinkHeader.Ethernet.MIN_LENGTH) {
            return truncated(LinkType.ETHERNET, "Ethernet", LinkHeader.Ethernet.MIN_LENGTH, frame);
        }
        int typeAt = 12;
        // A tag is TPID + TCI, then the next type: follow it only when all of it is there, so a
        // frame cut inside a tag still splits (the last TPID becomes the type, the rest payload).
        while (EtherType.isVlanTag(frame.u16(typeAt)) && n >= typeAt + 6) typeAt += 4;
        return cut(new LinkHeader.Ethernet(frame.slice(0, typeAt + 2)), frame);
    }

    private static LinkFrame raw(Bytes frame) {
        if (frame.isEmpty()) {
            return new LinkFrame(new LinkHeader.Undecoded(LinkType.RAW, "empty raw IP frame"), frame);
        }
        int version = frame.u8(0) >>> 4;
        int type = EtherType.ofIpVersion(version);
        if (type == EtherType.NONE) {
            return new LinkFrame(new LinkHeader.Undecoded(LinkType.RAW,
                    "raw IP frame with IP version " + version + " (expected: 4 or 6): the whole frame is kept raw"), frame);
        }
        return new LinkFrame(new LinkHeader.RawIp(LinkType.RAW, type), frame);
    }

    private static LinkFrame cut(LinkHeader header, Bytes frame) {
        return new LinkFrame(header, frame.slice(header.length()));
    }

    private static LinkFrame truncated(LinkType type, String what, int need, Bytes frame) {
        return new LinkFrame(new LinkHeader.Undecoded(type, what + " header truncated: " + frame.length() + " of "
                + need + " bytes; the whole frame is kept raw"), frame);
    }
}
