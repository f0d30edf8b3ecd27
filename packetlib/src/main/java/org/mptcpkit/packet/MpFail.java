package org.mptcpkit.packet;

import java.util.function.Consumer;

/**
 * MP_FAIL (subtype 0x6): reports a checksum failure and falls back to regular TCP from the given
 * data sequence number (RFC 8684 §3.7; v0 the same, RFC 6824 §3.6).
 *
 * <pre>
 * +---------------+---------------+-------+----------------------+
 * |     Kind      |   Length=12   |Subtype|      (reserved)      |
 * +---------------+---------------+-------+----------------------+
 * |                 Data Sequence Number (8 octets)              |
 * +--------------------------------------------------------------+
 * </pre>
 *
 * <p>Example: {@code 1e 0c 60 00 00 00 00 00 00 00 10 00} is {@code MpFail.of(4096)}.
 *
 * @param reserved           the 12 reserved bits, kept verbatim
 * @param dataSequenceNumber the 64-bit DSN, as a big-endian {@code long} (print it unsigned)
 */
public record MpFail(int length, int reserved, long dataSequenceNumber) implements MptcpOption {
    /** The only length of MP_FAIL. */
    public static final int LENGTH = 12;

    public MpFail {
        Field.u8OrAuto("length", length);
        Field.bits("reserved", reserved, 12);
    }

    @Override
    public int subtype() {
        return MP_FAIL;
    }

    public static MpFail of(long dataSequenceNumber) {
        return builder().dataSequenceNumber(dataSequenceNumber).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static MpFail of(Consumer<Builder> spec) {
        Builder b = builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        return new Builder().length(length).reserved(reserved).dataSequenceNumber(dataSequenceNumber);
    }

    @Override
    public MpFail withAutoDerived() {
        return withLength(Field.AUTO);
    }

    public MpFail withLength(int length) {
        return toBuilder().length(length).build();
    }

    public MpFail withReserved(int reserved) {
        return toBuilder().reserved(reserved).build();
    }

    public MpFail withDataSequenceNumber(long dataSequenceNumber) {
        return toBuilder().dataSequenceNumber(dataSequenceNumber).build();
    }

    public static final class Builder {
        private int length = Field.AUTO;
        private int reserved;
        private long dataSequenceNumber;

        private Builder() {
        }

        public Builder length(int length) {
            this.length = length;
            return this;
        }

        public Builder reserved(int reserved) {
            this.reserved = reserved;
            return this;
        }

        public Builder dataSequenceNumber(long dataSequenceNumber) {
            this.dataSequenceNumber = dataSequenceNumber;
            return this;
        }

        public MpFail build() {
            return new MpFail(length, reserved, dataSequenceNumber);
        }
    }
}
