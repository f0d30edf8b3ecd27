package org.mptcpkit.packet;

import java.util.function.Consumer;

/**
 * Timestamps (RFC 7323 §3.2; kind 8, length 10): the sender's clock and the echo of the peer's.
 *
 * <pre>
 * +-------+-------+---------------------+---------------------+
 * |Kind=8 |  10   |   TS Value (TSval)  |TS Echo Reply (TSecr)|
 * +-------+-------+---------------------+---------------------+
 *     1       1              4                     4
 * </pre>
 *
 * <p>Example: {@code Timestamps.of(2210103822L, 0)} encodes as {@code 08 0a 83 bb 82 0e 00 00 00 00}.
 */
public record Timestamps(int length, long tsVal, long tsEcr) implements TcpOption {
    public static final int KIND = 8;
    public static final int LENGTH = 10;

    public static Timestamps of(long tsVal, long tsEcr) {
        return new Timestamps(Field.AUTO, tsVal, tsEcr);
    }

    public Timestamps {
        Field.u8OrAuto("length", length);
        Field.u32("tsVal", tsVal);
        Field.u32("tsEcr", tsEcr);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A Timestamps built by {@code spec}, e.g. {@code Timestamps.of(b -> b.tsEcr(...))}. */
    public static Timestamps of(Consumer<Builder> spec) {
        Builder b = new Builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.length = length;
        b.tsVal = tsVal;
        b.tsEcr = tsEcr;
        return b;
    }

    public Timestamps withLength(int length) {
        return new Timestamps(length, tsVal, tsEcr);
    }

    public Timestamps withTsVal(long tsVal) {
        return new Timestamps(length, tsVal, tsEcr);
    }

    public Timestamps withTsEcr(long tsEcr) {
        return new Timestamps(length, tsVal, tsEcr);
    }

    @Override
    public int kind() {
        return KIND;
    }

    /** Builds a {@link Timestamps}; unset derived fields stay {@link Field#AUTO}. */
    public static final class Builder {
        private int length = Field.AUTO;
        private long tsVal = 0;
        private long tsEcr = 0;

        private Builder() {
        }

        /** The length byte; {@link Field#AUTO} (the default) lets the encoder write the right one. */
        public Builder length(int length) {
            this.length = length;
            return this;
        }

        /** TSval: the sender's timestamp clock. */
        public Builder tsVal(long tsVal) {
            this.tsVal = tsVal;
            return this;
        }

        /** TSecr: the TSval echoed back; valid when ACK is set. */
        public Builder tsEcr(long tsEcr) {
            this.tsEcr = tsEcr;
            return this;
        }

        public Timestamps build() {
            return new Timestamps(length, tsVal, tsEcr);
        }
    }
}
