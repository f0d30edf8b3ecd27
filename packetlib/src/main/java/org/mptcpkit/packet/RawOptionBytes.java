package org.mptcpkit.packet;

import java.util.function.Consumer;

/**
 * Bytes of the TCP option area that are no option, kept verbatim so the header re-encodes
 * exactly: what follows an End of Option List that is not all zero (RFC 9293 §3.1: "The padding
 * is composed of zeros"), or everything from an option whose length byte is 0 or 1, is missing, or
 * runs past the data offset. It is always the last element of an option list when decoded; put
 * anywhere, it is written as is.
 *
 * <p>Example: the option area {@code 02 01 05 b4} (MSS with length 1) decodes to
 * {@code [RawOptionBytes[0x020105b4]]}.
 */
public record RawOptionBytes(Bytes bytes) implements TcpOption {
    public static RawOptionBytes ofHex(String hex) {
        return new RawOptionBytes(Bytes.fromHex(hex));
    }

    public RawOptionBytes {
        Field.nonNull("bytes", bytes);
        if (bytes.isEmpty()) throw new IllegalArgumentException("bytes: 0 bytes (expected: 1..40)");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A RawOptionBytes built by {@code spec}, e.g. {@code RawOptionBytes.of(b -> b.bytes(...))}. */
    public static RawOptionBytes of(Consumer<Builder> spec) {
        Builder b = new Builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.bytes = bytes;
        return b;
    }

    public RawOptionBytes withBytes(Bytes bytes) {
        return new RawOptionBytes(bytes);
    }

    /** The first byte, taken as the kind of the option that could not be read. */
    @Override
    public int kind() {
        return bytes.u8(0);
    }

    /** Builds a {@link RawOptionBytes}; unset derived fields stay {@link Field#AUTO}. */
    public static final class Builder {
        private Bytes bytes = Bytes.EMPTY;

        private Builder() {
        }

        /** The raw bytes (at least one). */
        public Builder bytes(Bytes bytes) {
            this.bytes = bytes;
            return this;
        }

        public RawOptionBytes build() {
            return new RawOptionBytes(bytes);
        }
    }
}
