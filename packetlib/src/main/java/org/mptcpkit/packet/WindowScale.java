package org.mptcpkit.packet;

import java.util.function.Consumer;

/**
 * Window Scale (RFC 7323 §2.2; kind 3, length 3): the sender's receive window is shifted left by
 * {@code shift} bits. Values above 14 are kept as sent (RFC 7323 §2.3 makes the receiver use 14).
 *
 * <pre>
 * +---------+---------+---------+
 * | Kind=3  |Length=3 |shift.cnt|
 * +---------+---------+---------+
 * </pre>
 *
 * <p>Example: {@code WindowScale.of(7)} encodes as {@code 03 03 07}.
 */
public record WindowScale(int length, int shift) implements TcpOption {
    public static final int KIND = 3;
    public static final int LENGTH = 3;

    public static WindowScale of(int shift) {
        return new WindowScale(Field.AUTO, shift);
    }

    public WindowScale {
        Field.u8OrAuto("length", length);
        Field.u8("shift", shift);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A WindowScale built by {@code spec}, e.g. {@code WindowScale.of(b -> b.shift(...))}. */
    public static WindowScale of(Consumer<Builder> spec) {
        Builder b = new Builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.length = length;
        b.shift = shift;
        return b;
    }

    public WindowScale withLength(int length) {
        return new WindowScale(length, shift);
    }

    public WindowScale withShift(int shift) {
        return new WindowScale(length, shift);
    }

    @Override
    public int kind() {
        return KIND;
    }

    /** Builds a {@link WindowScale}; unset derived fields stay {@link Field#AUTO}. */
    public static final class Builder {
        private int length = Field.AUTO;
        private int shift = 0;

        private Builder() {
        }

        /** The length byte; {@link Field#AUTO} (the default) lets the encoder write the right one. */
        public Builder length(int length) {
            this.length = length;
            return this;
        }

        /** The shift count (RFC 7323: shift.cnt). */
        public Builder shift(int shift) {
            this.shift = shift;
            return this;
        }

        public WindowScale build() {
            return new WindowScale(length, shift);
        }
    }
}
