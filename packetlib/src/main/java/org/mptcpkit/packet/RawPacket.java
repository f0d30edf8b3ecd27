package org.mptcpkit.packet;

/**
 * Bytes the decoder could not read as an IP header: an empty buffer, a version nibble other than
 * 4 or 6, or fewer bytes than the fixed IPv4 (20) or IPv6 (40) header. The decoder says why in a
 * diagnostic; the encoder writes the bytes back unchanged. Also a way to send anything at all.
 */
public record RawPacket(Bytes bytes) implements IpPacket {
    public RawPacket {
        Field.nonNull("bytes", bytes);
    }

    public static RawPacket ofHex(String hex) {
        return new RawPacket(Bytes.fromHex(hex));
    }

    /** All the bytes, as no header was understood. */
    @Override
    public IpPayload payload() {
        return RawPayload.of(bytes);
    }

    @Override
    public Bytes trailer() {
        return Bytes.EMPTY;
    }
}
