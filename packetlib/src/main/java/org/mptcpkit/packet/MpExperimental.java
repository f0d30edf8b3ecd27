package org.mptcpkit.packet;

import java.util.function.Consumer;

/**
 * MP_EXPERIMENTAL (subtype 0xf), reserved for private use (RFC 8684 §7.2): everything after the
 * subtype nibble is opaque, of any length.
 *
 * <pre>
 * +---------------+---------------+-------+-----------------------+
 * |     Kind      |    Length     |Subtype| bits  |  body ...     |
 * +---------------+---------------+-------+-----------------------+
 * </pre>
 *
 * <p>Example: {@code 1e 06 f5 de ad be} is {@code MpExperimental.of(5, Bytes.fromHex("deadbe"))}.
 *
 * @param bits the low nibble of the subtype byte (0..15)
 * @param body the bytes after the subtype byte
 */
public record MpExperimental(int length, int bits, Bytes body) implements MptcpOption {
    public MpExperimental {
        Field.u8OrAuto("length", length);
        Field.u4("bits", bits);
        Field.nonNull("body", body);
        if (body.length() > 252) {
            throw new IllegalArgumentException("body: " + body.length() + " bytes (expected: 0..252)");
        }
    }

    @Override
    public int subtype() {
        return MP_EXPERIMENTAL;
    }

    /** The length the body calls for: 3 + its size. */
    public int computedLength() {
        return 3 + body.length();
    }

    public static MpExperimental of(int bits, Bytes body) {
        return builder().bits(bits).body(body).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static MpExperimental of(Consumer<Builder> spec) {
        Builder b = builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        return new Builder().length(length).bits(bits).body(body);
    }

    @Override
    public MpExperimental withAutoDerived() {
        return withLength(Field.AUTO);
    }

    public MpExperimental withLength(int length) {
        return toBuilder().length(length).build();
    }

    public MpExperimental withBits(int bits) {
        return toBuilder().bits(bits).build();
    }

    public MpExperimental withBody(Bytes body) {
        return toBuilder().body(body).build();
    }

    public static final class Builder {
        private int length = Field.AUTO;
        private int bits;
        private Bytes body = Bytes.EMPTY;

        private Builder() {
        }

        public Builder length(int length) {
            this.length = length;
            return this;
        }

        public Builder bits(int bits) {
            this.bits = bits;
            return this;
        }

        public Builder body(Bytes body) {
            this.body = body;
            return this;
        }

        public MpExperimental build() {
            return new MpExperimental(length, bits, body);
        }
    }
}
