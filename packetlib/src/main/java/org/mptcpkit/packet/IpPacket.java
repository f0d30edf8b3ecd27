package org.mptcpkit.packet;

import java.util.Optional;

/**
 * An IP datagram as the codec sees it: IPv4, IPv6, or raw bytes whose IP header could not be
 * read (an unknown version nibble, an empty buffer, a header cut short). The last keeps the round
 * trip exact for every input.
 */
public sealed interface IpPacket permits Ip4, Ip6, RawPacket {
    /** What the IP header carries: a TCP segment or raw bytes of any other protocol. */
    IpPayload payload();

    /**
     * Bytes after the end the IP length field gives (Ethernet padding of short frames, trailers).
     * They belong to no layer, and are kept so re-encoding reproduces the captured bytes.
     */
    Bytes trailer();

    /** The TCP segment, if the payload is one. */
    default Optional<Tcp> tcp() {
        return payload() instanceof Tcp t ? Optional.of(t) : Optional.empty();
    }
}
