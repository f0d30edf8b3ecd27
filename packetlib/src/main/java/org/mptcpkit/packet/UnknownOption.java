package org.mptcpkit.packet;

import java.util.function.Consumer;

/**
 * A TCP option kept as kind, length byte and data: a kind this model does not know, or a known
 * kind whose length does not fit its layout (an MSS of length 5). It is also how to send any
 * option at all.
 *
 * <pre>
 * +--------+--------+------------------+
 * |  Kind  | Length |  data (Length-2) |
 * +--------+--------+------------------+
 * </pre>
 *
 * <p>Example: {@code UnknownOption.of(253, Bytes.fromHex("c0ffee"))} (an RFC 4727 experiment)
 * encodes as {@code fd 05 c0 ff ee}. With the length byte {@link Field#AUTO} the encoder writes
 * {@code 2 + data.length()}; a set length is written as given while the data are written whole.
 */
public record UnknownOption(int kind, int length, Bytes data) implements TcpOption {
    public static UnknownOption of(int kind, Bytes data) {
        return new UnknownOption(kind, Field.AUTO, data);
    }

    public UnknownOption {
        Field.u8("kind", kind);
        Field.u8OrAuto("length", length);
        Field.nonNull("data", data);
        if (data.length() > 253) {
            throw new IllegalArgumentException("data: " + data.length() + " bytes (expected: 0..253)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An UnknownOption built by {@code spec}, e.g. {@code UnknownOption.of(b -> b.data(...))}. */
    public static UnknownOption of(Consumer<Builder> spec) {
        Builder b = new Builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.kind = kind;
        b.length = length;
        b.data = data;
        return b;
    }

    public UnknownOption withKind(int kind) {
        return new UnknownOption(kind, length, data);
    }

    public UnknownOption withLength(int length) {
        return new UnknownOption(kind, length, data);
    }

    public UnknownOption withData(Bytes data) {
        return new UnknownOption(kind, length, data);
    }

    /** Builds a {@link UnknownOption}; unset derived fields stay {@link Field#AUTO}. */
    public static final class Builder {
        private int kind = 0;
        private int length = Field.AUTO;
        private Bytes data = Bytes.EMPTY;

        private Builder() {
        }

        /** The option kind byte. */
        public Builder kind(int kind) {
            this.kind = kind;
            return this;
        }

        /** The length byte; {@link Field#AUTO} (the default) lets the encoder write the right one. */
        public Builder length(int length) {
            this.length = length;
            return this;
        }

        /** The bytes after the length byte. */
        public Builder data(Bytes data) {
            this.data = data;
            return this;
        }

        public UnknownOption build() {
            return new UnknownOption(kind, length, data);
        }
    }
}
