package org.mptcpkit.packet;

/**
 * A kind-30 option kept as its raw bytes (kind and length byte included): an unassigned subtype
 * (0x9..0xe), or a known subtype whose bytes fit none of its layouts (a wrong length, flags that
 * disagree with the length, an option cut short by the end of the TCP header). The decoder keeps
 * such options whole, so that encoding reproduces them exactly, and says why in {@link #reason()}.
 * It is also the escape hatch for crafting anything the typed suboptions cannot express.
 *
 * <p>The bytes are written verbatim: no field of this record is derived.
 *
 * <p>Example: {@code 1e 05 90 ab cd} decodes to {@code UnknownMptcp[raw=0x1e0590abcd,
 * reason=unassigned subtype 0x9]}.
 *
 * @param raw    the option's bytes from the kind byte on; at least the kind byte 30
 * @param reason why the decoder kept them raw ({@code ""} for options built by hand)
 */
public record UnknownMptcp(Bytes raw, String reason) implements MptcpOption {
    public UnknownMptcp {
        Field.nonNull("raw", raw);
        Field.nonNull("reason", reason);
        if (raw.isEmpty() || raw.u8(0) != KIND) {
            throw new IllegalArgumentException("raw: " + raw + " (expected: the option's bytes from kind 30 on)");
        }
        if (raw.length() > 255) {
            throw new IllegalArgumentException("raw: " + raw.length() + " bytes (expected: 1..255)");
        }
    }

    /** An option built by hand from its raw bytes, kind byte first (no reason). */
    public UnknownMptcp(Bytes raw) {
        this(raw, "");
    }

    /** An option from its raw bytes, kind byte first. */
    public static UnknownMptcp of(Bytes raw) {
        return new UnknownMptcp(raw, "");
    }

    /**
     * An option of {@code subtype} (0..15) whose subtype byte's low nibble is {@code bits} and
     * whose remaining bytes are {@code rest}; the length byte is computed here.
     */
    public static UnknownMptcp of(int subtype, int bits, Bytes rest) {
        Field.u4("subtype", subtype);
        Field.u4("bits", bits);
        Field.nonNull("rest", rest);
        if (rest.length() > 252) {
            throw new IllegalArgumentException("rest: " + rest.length() + " bytes (expected: 0..252)");
        }
        byte[] b = new byte[3 + rest.length()];
        b[0] = (byte) KIND;
        b[1] = (byte) b.length;
        b[2] = (byte) (subtype << 4 | bits);
        rest.copyTo(b, 3);
        return new UnknownMptcp(Bytes.wrap(b), "");
    }

    /** The subtype nibble, or -1 when the bytes stop before the subtype byte. */
    @Override
    public int subtype() {
        return raw.length() >= 3 ? raw.u8(2) >>> 4 : -1;
    }

    /** The length byte as on the wire, or -1 when the bytes stop before it. */
    @Override
    public int length() {
        return raw.length() >= 2 ? raw.u8(1) : -1;
    }

    @Override
    public UnknownMptcp withAutoDerived() {
        return this;
    }

    public UnknownMptcp withRaw(Bytes raw) {
        return new UnknownMptcp(raw, reason);
    }

    public UnknownMptcp withReason(String reason) {
        return new UnknownMptcp(raw, reason);
    }
}
