package org.mptcpkit.packet;

import java.util.function.Consumer;

/**
 * SACK-Permitted (RFC 2018 §2; kind 4, length 2), sent in a SYN.
 *
 * <pre>
 * +---------+---------+
 * | Kind=4  | Length=2|
 * +---------+---------+
 * </pre>
 *
 * <p>Example: {@code SackPermitted.INSTANCE} encodes as {@code 04 02}.
 */
public record SackPermitted(int length) implements TcpOption {
    public static final int KIND = 4;
    public static final int LENGTH = 2;
    /** The option with a derived length byte. */
    public static final SackPermitted INSTANCE = new SackPermitted(Field.AUTO);

    public SackPermitted {
        Field.u8OrAuto("length", length);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A SackPermitted built by {@code spec}, e.g. {@code SackPermitted.of(b -> b.length(...))}. */
    public static SackPermitted of(Consumer<Builder> spec) {
        Builder b = new Builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.length = length;
        return b;
    }

    public SackPermitted withLength(int length) {
        return new SackPermitted(length);
    }

    @Override
    public int kind() {
        return KIND;
    }

    /** Builds a {@link SackPermitted}; unset derived fields stay {@link Field#AUTO}. */
    public static final class Builder {
        private int length = Field.AUTO;

        private Builder() {
        }

        /** The length byte; {@link Field#AUTO} (the default) lets the encoder write the right one. */
        public Builder length(int length) {
            this.length = length;
            return this;
        }

        public SackPermitted build() {
            return new SackPermitted(length);
        }
    }
}
