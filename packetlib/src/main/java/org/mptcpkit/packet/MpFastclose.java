package org.mptcpkit.packet;

import java.util.function.Consumer;

/**
 * MP_FASTCLOSE (subtype 0x7): closes the whole connection at once, proving the sender knows the
 * receiver's key (RFC 8684 §3.5; v0 the same, RFC 6824 §3.5).
 *
 * <pre>
 * +---------------+---------------+-------+-----------------------+
 * |     Kind      |    Length     |Subtype|      (reserved)       |
 * +---------------+---------------+-------+-----------------------+
 * |                      Option Receiver's Key                    |
 * |                            (64 bits)                          |
 * +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Example: {@code 1e 0c 70 00 57 3d 3e 84 7f 15 a1 38} is
 * {@code MpFastclose.of(0x573d3e847f15a138L)} (tshark: recvkey=6286249393667809592).
 *
 * @param reserved    the 12 reserved bits, kept verbatim
 * @param receiverKey the receiver's key, its 8 wire bytes as a big-endian {@code long}
 */
public record MpFastclose(int length, int reserved, long receiverKey) implements MptcpOption {
    /** The only length of MP_FASTCLOSE. */
    public static final int LENGTH = 12;

    public MpFastclose {
        Field.u8OrAuto("length", length);
        Field.bits("reserved", reserved, 12);
    }

    @Override
    public int subtype() {
        return MP_FASTCLOSE;
    }

    /** The receiver's key as its 8 bytes on the wire. */
    public Bytes receiverKeyBytes() {
        return Bytes.ofLong(receiverKey);
    }

    public static MpFastclose of(long receiverKey) {
        return builder().receiverKey(receiverKey).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static MpFastclose of(Consumer<Builder> spec) {
        Builder b = builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        return new Builder().length(length).reserved(reserved).receiverKey(receiverKey);
    }

    @Override
    public MpFastclose withAutoDerived() {
        return withLength(Field.AUTO);
    }

    public MpFastclose withLength(int length) {
        return toBuilder().length(length).build();
    }

    public MpFastclose withReserved(int reserved) {
        return toBuilder().reserved(reserved).build();
    }

    public MpFastclose withReceiverKey(long receiverKey) {
        return toBuilder().receiverKey(receiverKey).build();
    }

    public static final class Builder {
        private int length = Field.AUTO;
        private int reserved;
        private long receiverKey;

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

        public Builder receiverKey(long receiverKey) {
            this.receiverKey = receiverKey;
            return this;
        }

        public Builder receiverKey(Bytes receiverKey) {
            this.receiverKey = Field.length("receiverKey", receiverKey, 8).u64(0);
            return this;
        }

        public MpFastclose build() {
            return new MpFastclose(length, reserved, receiverKey);
        }
    }
}
