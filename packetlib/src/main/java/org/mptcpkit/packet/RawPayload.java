package org.mptcpkit.packet;

/**
 * An IP payload kept as bytes: any protocol but TCP (ICMP, UDP, ...), a non-first fragment, a TCP
 * segment too short for its fixed header, or whatever follows an IP header that is malformed.
 * Encoded verbatim.
 */
public record RawPayload(Bytes bytes) implements IpPayload {
    public static final RawPayload EMPTY = new RawPayload(Bytes.EMPTY);

    public RawPayload {
        Field.nonNull("bytes", bytes);
    }

    public static RawPayload of(Bytes bytes) {
        return bytes.isEmpty() ? EMPTY : new RawPayload(bytes);
    }

    public static RawPayload ofHex(String hex) {
        return of(Bytes.fromHex(hex));
    }
}
