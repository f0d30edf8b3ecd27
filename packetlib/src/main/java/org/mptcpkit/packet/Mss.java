package org.mptcpkit.packet;

import java.util.function.Consumer;

/**
 * Maximum Segment Size (RFC 9293 §3.2, §3.7.1; kind 2, length 4): the largest segment the sender
 * of this SYN is willing to receive.
 *
 * <pre>
 * +--------+--------+---------+--------+
 * |00000010|00000100|   max seg size   |
 * +--------+--------+---------+--------+
 *  Kind=2   Length=4
 * </pre>
 *
 * <p>Example: {@code Mss.of(1460)} encodes as {@code 02 04 05 b4}. A length byte other than 4 is
 * written as given ({@code Mss.of(1460).withLength(5)}); such an option decodes as an
 * {@link UnknownOption} of kind 2.
 */
public record Mss(int length, int mss) implements TcpOption {
    public static final int KIND = 2;
    /** The length byte RFC 9293 gives this option. */
    public static final int LENGTH = 4;

    /** An MSS option with a derived length byte. */
    public static Mss of(int mss) {
        return new Mss(Field.AUTO, mss);
    }

    public Mss {
        Field.u8OrAuto("length", length);
        Field.u16("mss", mss);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An Mss built by {@code spec}, e.g. {@code Mss.of(b -> b.mss(...))}. */
    public static Mss of(Consumer<Builder> spec) {
        Builder b = new Builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.length = length;
        b.mss = mss;
        return b;
    }

    public Mss withLength(int length) {
        return new Mss(length, mss);
    }

    public Mss withMss(int mss) {
        return new Mss(length, mss);
    }

    @Override
    public int kind() {
        return KIND;
    }

    /** Builds a {@link Mss}; unset derived fields stay {@link Field#AUTO}. */
    public static final class Builder {
        private int length = Field.AUTO;
        private int mss = 0;

        private Builder() {
        }

        /** The length byte; {@link Field#AUTO} (the default) lets the encoder write the right one. */
        public Builder length(int length) {
            this.length = length;
            return this;
        }

        /** The maximum segment size in bytes. */
        public Builder mss(int mss) {
            this.mss = mss;
            return this;
        }

        public Mss build() {
            return new Mss(length, mss);
        }
    }
}
