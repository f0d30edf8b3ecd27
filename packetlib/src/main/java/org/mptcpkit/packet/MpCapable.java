package org.mptcpkit.packet;

import java.util.function.Consumer;

/**
 * MP_CAPABLE (subtype 0x0), the suboption of the three-way handshake that opens a Multipath TCP
 * connection and exchanges the keys (RFC 8684 §3.1; version 0: RFC 6824 §3.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+-------+-------+---------------+
 * |     Kind      |    Length     |Subtype|Version|A|B|C|D|E|F|G|H|
 * +---------------+---------------+-------+-------+---------------+
 * |                   Option Sender's Key (64 bits)               |
 * |                      (if option Length &gt; 4)                   |
 * +---------------------------------------------------------------+
 * |                  Option Receiver's Key (64 bits)              |
 * |                      (if option Length &gt; 12)                  |
 * +-------------------------------+-------------------------------+
 * |  Data-Level Length (16 bits)  |  Checksum (16 bits, optional) |
 * +-------------------------------+-------------------------------+
 * </pre>
 *
 * <p>The layouts are the forms of this type, told apart by their length alone:
 * <table>
 * <caption>MP_CAPABLE forms</caption>
 * <tr><th>form</th><th>length</th><th>carried on</th></tr>
 * <tr><td>{@link Syn}</td><td>4</td><td>v1 SYN</td></tr>
 * <tr><td>{@link SynAck}</td><td>12</td><td>v1 SYN-ACK; v0 SYN and SYN-ACK (RFC 6824 sends the key on
 *     both, in the same layout)</td></tr>
 * <tr><td>{@link Ack}</td><td>20</td><td>third ACK (v0 and v1)</td></tr>
 * <tr><td>{@link AckData}</td><td>22, 24</td><td>v1 first data segment, without and with checksum</td></tr>
 * </table>
 *
 * <p>Flags (RFC 8684 §3.1): A (0x80) checksum required; B (0x40) extensibility; C (0x20) the
 * sender will not accept additional subflows to its source address and port (v0: a reserved crypto
 * bit); D..G (0x1e) reserved for crypto negotiation, kept verbatim as {@link #reservedFlags()};
 * H (0x01) HMAC-SHA256 (v0: HMAC-SHA1).
 *
 * <p>Keys are {@code long}s holding the 8 key bytes big-endian, as they are on the wire; tshark
 * prints them as {@link Long#toUnsignedString(long) unsigned decimal}, and {@link Bytes#ofLong}
 * gives the bytes to hash.
 *
 * <p>Example, the SYN Linux sends ({@code 1e 04 01 01}): {@code MpCapable.syn()}.
 */
public sealed interface MpCapable extends MptcpOption
        permits MpCapable.Syn, MpCapable.SynAck, MpCapable.Ack, MpCapable.AckData {
    /** Flag A: checksum required. */
    int FLAG_A = 0x80;
    /** Flag B: extensibility. */
    int FLAG_B = 0x40;
    /** Flag C: no additional subflows to the sender's address and port (v1). */
    int FLAG_C = 0x20;
    /** Flags D..G: reserved for crypto algorithm negotiation. */
    int RESERVED_FLAGS_MASK = 0x1e;
    /** Flag H: HMAC-SHA256 (v1) / HMAC-SHA1 (v0). */
    int FLAG_H = 0x01;

    /** Length of the SYN form. */
    int SYN_LENGTH = 4;
    /** Length of the SYN-ACK form (v0: also the SYN). */
    int SYN_ACK_LENGTH = 12;
    /** Length of the ACK form. */
    int ACK_LENGTH = 20;
    /** Length of the ACK-with-data form without checksum. */
    int ACK_DATA_LENGTH = 22;
    /** Length of the ACK-with-data form with checksum. */
    int ACK_DATA_CHECKSUM_LENGTH = 24;

    @Override
    default int subtype() {
        return MP_CAPABLE;
    }

    /** MPTCP version, the low nibble of the third byte: 1 for RFC 8684, 0 for RFC 6824. */
    int version();

    /** A: the sender requires DSS checksums (RFC 8684 §3.3). */
    boolean checksumRequired();

    /** B: extensibility; must be 0 in this version of the protocol. */
    boolean extensibility();

    /**
     * C: the sender will not accept additional subflows to the source address and port of this
     * packet (v1). In v0 this bit is reserved for crypto negotiation.
     */
    boolean noMoreSubflows();

    /** D..G as a 4-bit value (bit D the most significant): reserved for crypto negotiation. */
    int reservedFlags();

    /** H: HMAC-SHA256 in v1 (RFC 8684 §3.2), HMAC-SHA1 in v0 (RFC 6824 §3.2). */
    boolean hmacSha();

    /** The flags byte A..H as on the wire. */
    default int flags() {
        return (checksumRequired() ? FLAG_A : 0) | (extensibility() ? FLAG_B : 0)
                | (noMoreSubflows() ? FLAG_C : 0) | (reservedFlags() << 1) | (hmacSha() ? FLAG_H : 0);
    }

    MpCapable withLength(int length);

    MpCapable withVersion(int version);

    MpCapable withChecksumRequired(boolean checksumRequired);

    MpCapable withExtensibility(boolean extensibility);

    MpCapable withNoMoreSubflows(boolean noMoreSubflows);

    MpCapable withReservedFlags(int reservedFlags);

    MpCapable withHmacSha(boolean hmacSha);

    /** A copy with the flags byte A..H set from {@code flags} (0..255). */
    MpCapable withFlags(int flags);

    // ----------------------------------------------------------------------------------------
    // Factories for the forms Linux sends.

    /** The v1 SYN, {@code 1e 04 01 01}: no key, flag H (HMAC-SHA256). */
    static Syn syn() {
        return Syn.builder().build();
    }

    /** The v1 SYN-ACK with the listener's key, flag H. */
    static SynAck synAck(long senderKey) {
        return SynAck.builder().senderKey(senderKey).build();
    }

    /** The v1 third ACK echoing both keys, flag H. */
    static Ack ack(long senderKey, long receiverKey) {
        return Ack.builder().senderKey(senderKey).receiverKey(receiverKey).build();
    }

    /** The v1 first data segment without checksum (length 22), flag H. */
    static AckData ackData(long senderKey, long receiverKey, int dataLevelLength) {
        return AckData.builder().senderKey(senderKey).receiverKey(receiverKey)
                .dataLevelLength(dataLevelLength).build();
    }

    /**
     * The v1 first data segment with a checksum the encoder computes (length 24), flags A and H.
     */
    static AckData ackDataWithChecksum(long senderKey, long receiverKey, int dataLevelLength) {
        return AckData.builder().checksumRequired(true).senderKey(senderKey).receiverKey(receiverKey)
                .dataLevelLength(dataLevelLength).checksum().build();
    }

    /**
     * The v0 SYN or SYN-ACK (RFC 6824 §3.1): both carry the sender's key in the 12-byte layout,
     * flag H (HMAC-SHA1).
     */
    static SynAck v0(long senderKey) {
        return SynAck.builder().version(0).senderKey(senderKey).build();
    }

    /** The v0 third ACK (RFC 6824 §3.1), flag H (HMAC-SHA1). */
    static Ack v0(long senderKey, long receiverKey) {
        return Ack.builder().version(0).senderKey(senderKey).receiverKey(receiverKey).build();
    }

    // ----------------------------------------------------------------------------------------
    // The forms.

    /**
     * The v1 SYN form, length 4: no key (RFC 8684 §3.1).
     *
     * <p>Example: {@code 1e 04 01 01} is {@code MpCapable.syn()}.
     */
    record Syn(int length, int version, boolean checksumRequired, boolean extensibility,
               boolean noMoreSubflows, int reservedFlags, boolean hmacSha) implements MpCapable {
        public Syn {
            Field.u8OrAuto("length", length);
            Field.u4("version", version);
            Field.u4("reservedFlags", reservedFlags);
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
            return new Builder().header(this);
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
        public Syn withVersion(int version) {
            return toBuilder().version(version).build();
        }

        @Override
        public Syn withChecksumRequired(boolean checksumRequired) {
            return toBuilder().checksumRequired(checksumRequired).build();
        }

        @Override
        public Syn withExtensibility(boolean extensibility) {
            return toBuilder().extensibility(extensibility).build();
        }

        @Override
        public Syn withNoMoreSubflows(boolean noMoreSubflows) {
            return toBuilder().noMoreSubflows(noMoreSubflows).build();
        }

        @Override
        public Syn withReservedFlags(int reservedFlags) {
            return toBuilder().reservedFlags(reservedFlags).build();
        }

        @Override
        public Syn withHmacSha(boolean hmacSha) {
            return toBuilder().hmacSha(hmacSha).build();
        }

        @Override
        public Syn withFlags(int flags) {
            return toBuilder().flags(flags).build();
        }

        public static final class Builder extends HeaderBuilder<Builder> {
            private Builder() {
            }

            public Syn build() {
                return new Syn(length, version, checksumRequired, extensibility, noMoreSubflows,
                        reservedFlags, hmacSha);
            }
        }
    }

    /**
     * The 12-byte form carrying the sender's key: the v1 SYN-ACK (RFC 8684 §3.1), and in v0 both
     * the SYN and the SYN-ACK (RFC 6824 §3.1). Named for its v1 role; a v0 SYN decodes to it too,
     * because the form follows from the layout, not from the TCP flags.
     *
     * <p>Example: {@code 1e 0c 01 01 5d a3 bb f8 c3 84 c0 3d} is
     * {@code MpCapable.synAck(0x5da3bbf8c384c03dL)} (tshark: sendkey=6747443343837675581).
     */
    record SynAck(int length, int version, boolean checksumRequired, boolean extensibility,
                  boolean noMoreSubflows, int reservedFlags, boolean hmacSha, long senderKey)
            implements MpCapable {
        public SynAck {
            Field.u8OrAuto("length", length);
            Field.u4("version", version);
            Field.u4("reservedFlags", reservedFlags);
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
            return new Builder().header(this).senderKey(senderKey);
        }

        /** The sender's key as its 8 bytes on the wire (what the token and IDSN hash). */
        public Bytes senderKeyBytes() {
            return Bytes.ofLong(senderKey);
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
        public SynAck withVersion(int version) {
            return toBuilder().version(version).build();
        }

        @Override
        public SynAck withChecksumRequired(boolean checksumRequired) {
            return toBuilder().checksumRequired(checksumRequired).build();
        }

        @Override
        public SynAck withExtensibility(boolean extensibility) {
            return toBuilder().extensibility(extensibility).build();
        }

        @Override
        public SynAck withNoMoreSubflows(boolean noMoreSubflows) {
            return toBuilder().noMoreSubflows(noMoreSubflows).build();
        }

        @Override
        public SynAck withReservedFlags(int reservedFlags) {
            return toBuilder().reservedFlags(reservedFlags).build();
        }

        @Override
        public SynAck withHmacSha(boolean hmacSha) {
            return toBuilder().hmacSha(hmacSha).build();
        }

        @Override
        public SynAck withFlags(int flags) {
            return toBuilder().flags(flags).build();
        }

        public SynAck withSenderKey(long senderKey) {
            return toBuilder().senderKey(senderKey).build();
        }

        public static final class Builder extends HeaderBuilder<Builder> {
            private long senderKey;

            private Builder() {
            }

            public Builder senderKey(long senderKey) {
                this.senderKey = senderKey;
                return this;
            }

            /** The sender's key from its 8 bytes on the wire. */
            public Builder senderKey(Bytes senderKey) {
                this.senderKey = Field.length("senderKey", senderKey, 8).u64(0);
                return this;
            }

            public SynAck build() {
                return new SynAck(length, version, checksumRequired, extensibility, noMoreSubflows,
                        reservedFlags, hmacSha, senderKey);
            }
        }
    }

    /**
     * The 20-byte form of the third ACK, echoing both keys (RFC 8684 §3.1, RFC 6824 §3.1): the
     * sender's key is the key of the host sending this ACK, the receiver's key the one it received
     * in the SYN-ACK.
     *
     * <p>Example: {@code 1e 14 01 01 87 7f 9b cf 73 7c 4c 6d 5d a3 bb f8 c3 84 c0 3d} is
     * {@code MpCapable.ack(0x877f9bcf737c4c6dL, 0x5da3bbf8c384c03dL)}.
     */
    record Ack(int length, int version, boolean checksumRequired, boolean extensibility,
               boolean noMoreSubflows, int reservedFlags, boolean hmacSha, long senderKey,
               long receiverKey) implements MpCapable {
        public Ack {
            Field.u8OrAuto("length", length);
            Field.u4("version", version);
            Field.u4("reservedFlags", reservedFlags);
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
            return new Builder().header(this).senderKey(senderKey).receiverKey(receiverKey);
        }

        /** The sender's key as its 8 bytes on the wire. */
        public Bytes senderKeyBytes() {
            return Bytes.ofLong(senderKey);
        }

        /** The receiver's key as its 8 bytes on the wire. */
        public Bytes receiverKeyBytes() {
            return Bytes.ofLong(receiverKey);
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
        public Ack withVersion(int version) {
            return toBuilder().version(version).build();
        }

        @Override
        public Ack withChecksumRequired(boolean checksumRequired) {
            return toBuilder().checksumRequired(checksumRequired).build();
        }

        @Override
        public Ack withExtensibility(boolean extensibility) {
            return toBuilder().extensibility(extensibility).build();
        }

        @Override
        public Ack withNoMoreSubflows(boolean noMoreSubflows) {
            return toBuilder().noMoreSubflows(noMoreSubflows).build();
        }

        @Override
        public Ack withReservedFlags(int reservedFlags) {
            return toBuilder().reservedFlags(reservedFlags).build();
        }

        @Override
        public Ack withHmacSha(boolean hmacSha) {
            return toBuilder().hmacSha(hmacSha).build();
        }

        @Override
        public Ack withFlags(int flags) {
            return toBuilder().flags(flags).build();
        }

        public Ack withSenderKey(long senderKey) {
            return toBuilder().senderKey(senderKey).build();
        }

        public Ack withReceiverKey(long receiverKey) {
            return toBuilder().receiverKey(receiverKey).build();
        }

        public static final class Builder extends HeaderBuilder<Builder> {
            private long senderKey;
            private long receiverKey;

            private Builder() {
            }

            public Builder senderKey(long senderKey) {
                this.senderKey = senderKey;
                return this;
            }

            public Builder senderKey(Bytes senderKey) {
                this.senderKey = Field.length("senderKey", senderKey, 8).u64(0);
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

            public Ack build() {
                return new Ack(length, version, checksumRequired, extensibility, noMoreSubflows,
                        reservedFlags, hmacSha, senderKey, receiverKey);
            }
        }
    }

    /**
     * The v1 form of the first data segment (RFC 8684 §3.1): both keys, the data-level length of
     * the mapping this segment starts, and, when checksums were negotiated, the DSS checksum
     * (length 24; 22 without).
     *
     * <p>The mapping is implied: its data sequence number is the IDSN of the sender's key plus one
     * and its subflow sequence number 1. The checksum is a derived field: {@link Field#AUTO} makes
     * the encoder compute it as RFC 8684 §3.3.1 defines it over that implied mapping and the
     * segment's payload; a set value is written verbatim.
     *
     * <p>Example: {@code 1e 18 01 81 <sender key> <receiver key> 03 e8 29 60} is
     * {@code MpCapable.ackDataWithChecksum(k1, k2, 1000).withChecksum(0x2960)}.
     */
    record AckData(int length, int version, boolean checksumRequired, boolean extensibility,
                   boolean noMoreSubflows, int reservedFlags, boolean hmacSha, long senderKey,
                   long receiverKey, int dataLevelLength, boolean checksumPresent, int checksum)
            implements MpCapable {
        public AckData {
            Field.u8OrAuto("length", length);
            Field.u4("version", version);
            Field.u4("reservedFlags", reservedFlags);
            Field.u16("dataLevelLength", dataLevelLength);
            Field.u16OrAuto("checksum", checksum);
            if (!checksumPresent && checksum != Field.AUTO) {
                throw new IllegalArgumentException("checksum: " + checksum
                        + " but checksumPresent is false (expected: AUTO)");
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        public static AckData of(Consumer<Builder> spec) {
            Builder b = builder();
            spec.accept(b);
            return b.build();
        }

        public Builder toBuilder() {
            Builder b = new Builder().header(this).senderKey(senderKey).receiverKey(receiverKey)
                    .dataLevelLength(dataLevelLength);
            return checksumPresent ? b.checksum(checksum) : b;
        }

        /** The sender's key as its 8 bytes on the wire. */
        public Bytes senderKeyBytes() {
            return Bytes.ofLong(senderKey);
        }

        /** The receiver's key as its 8 bytes on the wire. */
        public Bytes receiverKeyBytes() {
            return Bytes.ofLong(receiverKey);
        }

        @Override
        public AckData withAutoDerived() {
            Builder b = toBuilder().length(Field.AUTO);
            return (checksumPresent ? b.checksum() : b).build();
        }

        @Override
        public AckData withLength(int length) {
            return toBuilder().length(length).build();
        }

        @Override
        public AckData withVersion(int version) {
            return toBuilder().version(version).build();
        }

        @Override
        public AckData withChecksumRequired(boolean checksumRequired) {
            return toBuilder().checksumRequired(checksumRequired).build();
        }

        @Override
        public AckData withExtensibility(boolean extensibility) {
            return toBuilder().extensibility(extensibility).build();
        }

        @Override
        public AckData withNoMoreSubflows(boolean noMoreSubflows) {
            return toBuilder().noMoreSubflows(noMoreSubflows).build();
        }

        @Override
        public AckData withReservedFlags(int reservedFlags) {
            return toBuilder().reservedFlags(reservedFlags).build();
        }

        @Override
        public AckData withHmacSha(boolean hmacSha) {
            return toBuilder().hmacSha(hmacSha).build();
        }

        @Override
        public AckData withFlags(int flags) {
            return toBuilder().flags(flags).build();
        }

        public AckData withSenderKey(long senderKey) {
            return toBuilder().senderKey(senderKey).build();
        }

        public AckData withReceiverKey(long receiverKey) {
            return toBuilder().receiverKey(receiverKey).build();
        }

        public AckData withDataLevelLength(int dataLevelLength) {
            return toBuilder().dataLevelLength(dataLevelLength).build();
        }

        /** A copy with a checksum: {@link Field#AUTO} to have it computed, else 0..65535. */
        public AckData withChecksum(int checksum) {
            return toBuilder().checksum(checksum).build();
        }

        /** A copy without a checksum (length 22). */
        public AckData withoutChecksum() {
            return toBuilder().noChecksum().build();
        }

        public static final class Builder extends HeaderBuilder<Builder> {
            private long senderKey;
            private long receiverKey;
            private int dataLevelLength;
            private boolean checksumPresent;
            private int checksum = Field.AUTO;

            private Builder() {
            }

            public Builder senderKey(long senderKey) {
                this.senderKey = senderKey;
                return this;
            }

            public Builder senderKey(Bytes senderKey) {
                this.senderKey = Field.length("senderKey", senderKey, 8).u64(0);
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

            public Builder dataLevelLength(int dataLevelLength) {
                this.dataLevelLength = dataLevelLength;
                return this;
            }

            /** A checksum the encoder computes (RFC 8684 §3.3.1). */
            public Builder checksum() {
                return checksum(Field.AUTO);
            }

            /** A checksum: {@link Field#AUTO} to have it computed, else written verbatim. */
            public Builder checksum(int checksum) {
                this.checksumPresent = true;
                this.checksum = checksum;
                return this;
            }

            /** No checksum field (length 22). */
            public Builder noChecksum() {
                this.checksumPresent = false;
                this.checksum = Field.AUTO;
                return this;
            }

            public AckData build() {
                return new AckData(length, version, checksumRequired, extensibility, noMoreSubflows,
                        reservedFlags, hmacSha, senderKey, receiverKey, dataLevelLength,
                        checksumPresent, checksum);
            }
        }
    }

    /**
     * The fields every form shares: the length byte, the version and the flags. Defaults: length
     * {@link Field#AUTO}, version 1, flags H only (HMAC-SHA256, the one algorithm RFC 8684 defines).
     */
    abstract class HeaderBuilder<B extends HeaderBuilder<B>> {
        int length = Field.AUTO;
        int version = 1;
        boolean checksumRequired;
        boolean extensibility;
        boolean noMoreSubflows;
        int reservedFlags;
        boolean hmacSha = true;

        HeaderBuilder() {
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        B header(MpCapable o) {
            length = o.length();
            version = o.version();
            checksumRequired = o.checksumRequired();
            extensibility = o.extensibility();
            noMoreSubflows = o.noMoreSubflows();
            reservedFlags = o.reservedFlags();
            hmacSha = o.hmacSha();
            return self();
        }

        /** The length byte: {@link Field#AUTO} (the default) or a value written verbatim. */
        public B length(int length) {
            this.length = length;
            return self();
        }

        public B version(int version) {
            this.version = version;
            return self();
        }

        public B checksumRequired(boolean checksumRequired) {
            this.checksumRequired = checksumRequired;
            return self();
        }

        public B extensibility(boolean extensibility) {
            this.extensibility = extensibility;
            return self();
        }

        public B noMoreSubflows(boolean noMoreSubflows) {
            this.noMoreSubflows = noMoreSubflows;
            return self();
        }

        public B reservedFlags(int reservedFlags) {
            this.reservedFlags = reservedFlags;
            return self();
        }

        public B hmacSha(boolean hmacSha) {
            this.hmacSha = hmacSha;
            return self();
        }

        /** Sets A..H from the flags byte {@code flags} (0..255). */
        public B flags(int flags) {
            Field.u8("flags", flags);
            checksumRequired = (flags & FLAG_A) != 0;
            extensibility = (flags & FLAG_B) != 0;
            noMoreSubflows = (flags & FLAG_C) != 0;
            reservedFlags = (flags & RESERVED_FLAGS_MASK) >>> 1;
            hmacSha = (flags & FLAG_H) != 0;
            return self();
        }
    }
}
