package org.mptcpkit.packet;

import java.util.function.Consumer;

/**
 * MP_JOIN (subtype 0x1): the suboption of the handshake that adds a subflow to a connection
 * (RFC 8684 §3.2; v0 has the same layouts, RFC 6824 §3.2). Its three layouts are the forms of this
 * type, told apart by their length: {@link Syn} (12), {@link SynAck} (16), {@link Ack} (24).
 *
 * <p>A initiating a subflow to B: the SYN carries B's token and A's random number; the SYN-ACK the
 * leftmost 64 bits of HMAC(K_B‖K_A, R_B‖R_A) and B's random number; the ACK the leftmost 160 bits
 * of HMAC(K_A‖K_B, R_A‖R_B) (HMAC-SHA256 in v1, HMAC-SHA1 in v0). Computing them is the crypto
 * layer's business; here they are plain fields.
 */
public sealed interface MpJoin extends MptcpOption permits MpJoin.Syn, MpJoin.SynAck, MpJoin.Ack {
    /** Length of the SYN form. */
    int SYN_LENGTH = 12;
    /** Length of the SYN-ACK form. */
    int SYN_ACK_LENGTH = 16;
    /** Length of the ACK form. */
    int ACK_LENGTH = 24;

    @Override
    default int subtype() {
        return MP_JOIN;
    }

    /**
     * The reserved bits after the subtype, kept verbatim: 3 bits in the SYN and SYN-ACK forms,
     * 12 bits in the ACK form.
     */
    int reserved();

    MpJoin withLength(int length);

    MpJoin withReserved(int reserved);

    /** A SYN asking to join the connection whose token is {@code receiverToken}. */
    static Syn syn(long receiverToken, long senderRandom, int addressId, boolean backup) {
        return Syn.builder().receiverToken(receiverToken).senderRandom(senderRandom)
                .addressId(addressId).backup(backup).build();
    }

    /** The SYN-ACK answering a join. */
    static SynAck synAck(long senderTruncatedHmac, long senderRandom, int addressId, boolean backup) {
        return SynAck.builder().senderTruncatedHmac(senderTruncatedHmac).senderRandom(senderRandom)
                .addressId(addressId).backup(backup).build();
    }

    /** The third ACK of a join, with the sender's 160-bit HMAC. */
    static Ack ack(Bytes senderHmac) {
        return Ack.builder().senderHmac(senderHmac).build();
    }

    /**
     * The SYN form, length 12 (RFC 8684 §3.2).
     *
     * <pre>
     * +---------------+---------------+-------+-----+-+---------------+
     * |     Kind      |  Length = 12  |Subtype|(rsv)|B|   Address ID  |
     * +---------------+---------------+-------+-----+-+---------------+
     * |                   Receiver's Token (32 bits)                  |
     * +---------------------------------------------------------------+
     * |                Sender's Random Number (32 bits)               |
     * +---------------------------------------------------------------+
     * </pre>
     *
     * <p>Example: {@code 1e 0c 11 02 83 f7 21 3a a8 86 82 67} is
     * {@code MpJoin.syn(0x83f7213aL, 0xa8868267L, 2, true)}.
     *
     * @param backup B: the sender wants this subflow used as a backup (RFC 8684 §3.3.8)
     */
    record Syn(int length, int reserved, boolean backup, int addressId, long receiverToken,
               long senderRandom) implements MpJoin {
        public Syn {
            Field.u8OrAuto("length", length);
            Field.bits("reserved", reserved, 3);
            Field.u8("addressId", addressId);
            Field.u32("receiverToken", receiverToken);
            Field.u32("senderRandom", senderRandom);
        }

        public static Builder builder() {
            return new Builder();
        }

        public static Syn of(Consumer<Builder> spec) {
            Builder b = builder();
            spec.accept(b);
            return b.build();
        }

        public Builder toBuilder() {
            return new Builder().length(length).reserved(reserved).backup(backup).addressId(addressId)
                    .receiverToken(receiverToken).senderRandom(senderRandom);
        }

        @Override
        public Syn withAutoDerived() {
            return withLength(Field.AUTO);
        }

        @Override
        public Syn withLength(int length) {
            return toBuilder().length(length).build();
        }

        @Override
        public Syn withReserved(int reserved) {
            return toBuilder().reserved(reserved).build();
        }

        public Syn withBackup(boolean backup) {
            return toBuilder().backup(backup).build();
        }

        public Syn withAddressId(int addressId) {
            return toBuilder().addressId(addressId).build();
        }

        public Syn withReceiverToken(long receiverToken) {
            return toBuilder().receiverToken(receiverToken).build();
        }

        public Syn withSenderRandom(long senderRandom) {
            return toBuilder().senderRandom(senderRandom).build();
        }

        public static final class Builder {
            private int length = Field.AUTO;
            private int reserved;
            private boolean backup;
            private int addressId;
            private long receiverToken;
            private long senderRandom;

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

            public Builder backup(boolean backup) {
                this.backup = backup;
                return this;
            }

            public Builder addressId(int addressId) {
                this.addressId = addressId;
                return this;
            }

            public Builder receiverToken(long receiverToken) {
                this.receiverToken = receiverToken;
                return this;
            }

            public Builder senderRandom(long senderRandom) {
                this.senderRandom = senderRandom;
                return this;
            }

            public Syn build() {
                return new Syn(length, reserved, backup, addressId, receiverToken, senderRandom);
            }
        }
    }

    /**
     * The SYN-ACK form, length 16 (RFC 8684 §3.2).
     *
     * <pre>
     * +---------------+---------------+-------+-----+-+---------------+
     * |     Kind      |  Length = 16  |Subtype|(rsv)|B|   Address ID  |
     * +---------------+---------------+-------+-----+-+---------------+
     * |                Sender's Truncated HMAC (64 bits)              |
     * |                                                               |
     * +---------------------------------------------------------------+
     * |                Sender's Random Number (32 bits)               |
     * +---------------------------------------------------------------+
     * </pre>
     *
     * <p>Example: {@code 1e 10 11 02 e2 fd cd 17 af c5 fd ac 94 9b f2 51} is
     * {@code MpJoin.synAck(0xe2fdcd17afc5fdacL, 0x949bf251L, 2, true)} (tshark:
     * sendtrunchmac=16356454923296439724).
     */
    record SynAck(int length, int reserved, boolean backup, int addressId, long senderTruncatedHmac,
                  long senderRandom) implements MpJoin {
        public SynAck {
            Field.u8OrAuto("length", length);
            Field.bits("reserved", reserved, 3);
            Field.u8("addressId", addressId);
            Field.u32("senderRandom", senderRandom);
        }

        public static Builder builder() {
            return new Builder();
        }

        public static SynAck of(Consumer<Builder> spec) {
            Builder b = builder();
            spec.accept(b);
            return b.build();
        }

        public Builder toBuilder() {
            return new Builder().length(length).reserved(reserved).backup(backup).addressId(addressId)
                    .senderTruncatedHmac(senderTruncatedHmac).senderRandom(senderRandom);
        }

        @Override
        public SynAck withAutoDerived() {
            return withLength(Field.AUTO);
        }

        @Override
        public SynAck withLength(int length) {
            return toBuilder().length(length).build();
        }

        @Override
        public SynAck withReserved(int reserved) {
            return toBuilder().reserved(reserved).build();
        }

        public SynAck withBackup(boolean backup) {
            return toBuilder().backup(backup).build();
        }

        public SynAck withAddressId(int addressId) {
            return toBuilder().addressId(addressId).build();
        }

        public SynAck withSenderTruncatedHmac(long senderTruncatedHmac) {
            return toBuilder().senderTruncatedHmac(senderTruncatedHmac).build();
        }

        public SynAck withSenderRandom(long senderRandom) {
            return toBuilder().senderRandom(senderRandom).build();
        }

        public static final class Builder {
            private int length = Field.AUTO;
            private int reserved;
            private boolean backup;
            private int addressId;
            private long senderTruncatedHmac;
            private long senderRandom;

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

            public Builder backup(boolean backup) {
                this.backup = backup;
                return this;
            }

            public Builder addressId(int addressId) {
                this.addressId = addressId;
                return this;
            }

            public Builder senderTruncatedHmac(long senderTruncatedHmac) {
                this.senderTruncatedHmac = senderTruncatedHmac;
                return this;
            }

            /** The truncated HMAC from its 8 bytes (the leftmost 64 bits of the HMAC). */
            public Builder senderTruncatedHmac(Bytes senderTruncatedHmac) {
                this.senderTruncatedHmac = Field.length("senderTruncatedHmac", senderTruncatedHmac, 8).u64(0);
                return this;
            }

            public Builder senderRandom(long senderRandom) {
                this.senderRandom = senderRandom;
                return this;
            }

            public SynAck build() {
                return new SynAck(length, reserved, backup, addressId, senderTruncatedHmac, senderRandom);
            }
        }
    }

    /**
     * The ACK form, length 24 (RFC 8684 §3.2).
     *
     * <pre>
     * +---------------+---------------+-------+-----------------------+
     * |     Kind      |  Length = 24  |Subtype|      (reserved)       |
     * +---------------+---------------+-------+-----------------------+
     * |                   Sender's HMAC (160 bits)                    |
     * |                             ...                               |
     * +---------------------------------------------------------------+
     * </pre>
     *
     * <p>Example: {@code 1e 18 10 00 e5 6f e2 2e ff 3d 89 72 62 5c 34 a0 25 d0 ec 68 0f c5 f3 d1}
     * is {@code MpJoin.ack(Bytes.fromHex("e56fe22eff3d8972625c34a025d0ec680fc5f3d1"))}.
     *
     * @param reserved   the 12 reserved bits, kept verbatim
     * @param senderHmac the leftmost 160 bits of the sender's HMAC: 20 bytes
     */
    record Ack(int length, int reserved, Bytes senderHmac) implements MpJoin {
        /** Length of the sender's HMAC in bytes. */
        public static final int HMAC_LENGTH = 20;

        public Ack {
            Field.u8OrAuto("length", length);
            Field.bits("reserved", reserved, 12);
            Field.length("senderHmac", senderHmac, HMAC_LENGTH);
        }

        public static Builder builder() {
            return new Builder();
        }

        public static Ack of(Consumer<Builder> spec) {
            Builder b = builder();
            spec.accept(b);
            return b.build();
        }

        public Builder toBuilder() {
            return new Builder().length(length).reserved(reserved).senderHmac(senderHmac);
        }

        @Override
        public Ack withAutoDerived() {
            return withLength(Field.AUTO);
        }

        @Override
        public Ack withLength(int length) {
            return toBuilder().length(length).build();
        }

        @Override
        public Ack withReserved(int reserved) {
            return toBuilder().reserved(reserved).build();
        }

        public Ack withSenderHmac(Bytes senderHmac) {
            return toBuilder().senderHmac(senderHmac).build();
        }

        public static final class Builder {
            private int length = Field.AUTO;
            private int reserved;
            private Bytes senderHmac = Bytes.zeros(HMAC_LENGTH);

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

            /**
             * The HMAC: 20 bytes as sent, or a full HMAC-SHA256 result (32 bytes) or HMAC-SHA1
             * result (20 bytes), of which the leftmost 160 bits are kept (RFC 8684 §3.2).
             */
            public Builder senderHmac(Bytes senderHmac) {
                Field.nonNull("senderHmac", senderHmac);
                this.senderHmac = senderHmac.length() == 32 ? senderHmac.slice(0, HMAC_LENGTH) : senderHmac;
                return this;
            }

            public Ack build() {
                return new Ack(length, reserved, senderHmac);
            }
        }
    }
}
