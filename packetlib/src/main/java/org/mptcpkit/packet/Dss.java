package org.mptcpkit.packet;

import java.util.function.Consumer;

/**
 * DSS, the Data Sequence Signal (subtype 0x2): a data-level acknowledgment, a mapping from subflow
 * sequence space to data sequence space, and the DATA_FIN (RFC 8684 §3.3; v0: RFC 6824 §3.3).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+-------+----------------------+
 * |     Kind      |    Length     |Subtype| (reserved) |F|m|M|a|A|
 * +---------------+---------------+-------+----------------------+
 * |           Data ACK (4 or 8 octets, depending on flags)       |
 * +--------------------------------------------------------------+
 * |   Data sequence number (4 or 8 octets, depending on flags)   |
 * +--------------------------------------------------------------+
 * |              Subflow Sequence Number (4 octets)              |
 * +-------------------------------+------------------------------+
 * |  Data-Level Length (2 octets) |      Checksum (2 octets)     |
 * +-------------------------------+------------------------------+
 * </pre>
 *
 * <p>The flags are kept as the five wire bits, so that every combination survives, including those
 * the RFC gives no meaning ({@code a} without {@code A}, {@code m} without {@code M}): A (0x01)
 * data ACK present; a (0x02) data ACK is 8 octets; M (0x04) DSN, SSN, data-level length (and
 * checksum, if negotiated) present; m (0x08) DSN is 8 octets; F (0x10) DATA_FIN. The 7 reserved
 * bits are kept verbatim. A field whose flag is clear is absent from the wire and must be 0. The
 * checksum has no flag: it is present when checksums were negotiated (RFC 8684 §3.3.1), which the
 * option shows only by its length, hence {@link #checksumPresent()}.
 *
 * <p>Length = 4 + (A ? (a ? 8 : 4) : 0) + (M ? (m ? 8 : 4) + 6 + (checksum ? 2 : 0) : 0).
 *
 * <p>The checksum is a derived field: {@link Field#AUTO} makes the encoder compute it as RFC 8684
 * §3.3.1 defines it, the ones' complement sum of the pseudo-header DSN (64) ‖ SSN (32) ‖
 * data-level length (16) ‖ zero (16) and the segment's payload. The pseudo-header always carries a
 * 64-bit DSN; with a 4-byte DSN on the wire the encoder cannot know the upper 32 bits and uses
 * the 32 bits as given, zero-extended: set the checksum yourself (see
 * {@code MptcpCodec.dssChecksum}) when the mapping's upper bits are not zero.
 *
 * <p>Example, the first data segment from Linux ({@code 1e 16 20 0d fc 20 2f f8 cd 4f 7d c3 5f
 * af e1 46 00 00 03 e9 03 e8}, tshark: rawdataack=4229967864 rawdataseqno=14794181579012825414
 * subflowseqno=1001 datalvllen=1000):
 * {@code Dss.builder().dataAck32(0xfc202ff8L).mapping(0xcd4f7dc35fafe146L, 1001, 1000).build()}.
 */
public record Dss(int length, int reserved, boolean dataFin, boolean dataSequenceNumber8,
                  boolean mappingPresent, boolean dataAck8, boolean dataAckPresent, long dataAck,
                  long dataSequenceNumber, long subflowSequenceNumber, int dataLevelLength,
                  boolean checksumPresent, int checksum) implements MptcpOption {
    /** Flag A: data ACK present. */
    public static final int FLAG_DATA_ACK_PRESENT = 0x01;
    /** Flag a: data ACK is 8 octets. */
    public static final int FLAG_DATA_ACK_8 = 0x02;
    /** Flag M: mapping (DSN, SSN, data-level length, checksum) present. */
    public static final int FLAG_MAPPING_PRESENT = 0x04;
    /** Flag m: DSN is 8 octets. */
    public static final int FLAG_DSN_8 = 0x08;
    /** Flag F: DATA_FIN. */
    public static final int FLAG_DATA_FIN = 0x10;

    public Dss {
        Field.u8OrAuto("length", length);
        Field.bits("reserved", reserved, 7);
        if (dataAckPresent) {
            if (!dataAck8) Field.u32("dataAck", dataAck);
        } else if (dataAck != 0) {
            throw absent("dataAck", dataAck, "dataAckPresent");
        }
        if (mappingPresent) {
            if (!dataSequenceNumber8) Field.u32("dataSequenceNumber", dataSequenceNumber);
            Field.u32("subflowSequenceNumber", subflowSequenceNumber);
            Field.u16("dataLevelLength", dataLevelLength);
        } else {
            if (dataSequenceNumber != 0) throw absent("dataSequenceNumber", dataSequenceNumber, "mappingPresent");
            if (subflowSequenceNumber != 0) {
                throw absent("subflowSequenceNumber", subflowSequenceNumber, "mappingPresent");
            }
            if (dataLevelLength != 0) throw absent("dataLevelLength", dataLevelLength, "mappingPresent");
            if (checksumPresent) {
                // RFC 8684 §3.3: the checksum is part of the mapping, present only with M.
                throw new IllegalArgumentException(
                        "checksumPresent: true but mappingPresent is false (the checksum belongs to the mapping)");
            }
        }
        Field.u16OrAuto("checksum", checksum);
        if (!checksumPresent && checksum != Field.AUTO) {
            throw new IllegalArgumentException("checksum: " + checksum
                    + " but checksumPresent is false (expected: AUTO)");
        }
    }

    private static IllegalArgumentException absent(String name, long v, String flag) {
        return new IllegalArgumentException(name + ": " + v + " (expected: 0 when " + flag + " is false)");
    }

    @Override
    public int subtype() {
        return DSS;
    }

    /** The flag bits F m M a A as on the wire (the low 5 bits of the fourth byte). */
    public int flags() {
        return (dataFin ? FLAG_DATA_FIN : 0) | (dataSequenceNumber8 ? FLAG_DSN_8 : 0)
                | (mappingPresent ? FLAG_MAPPING_PRESENT : 0) | (dataAck8 ? FLAG_DATA_ACK_8 : 0)
                | (dataAckPresent ? FLAG_DATA_ACK_PRESENT : 0);
    }

    /** The length the flags and the checksum's presence call for. */
    public int computedLength() {
        int n = 4;
        if (dataAckPresent) n += dataAck8 ? 8 : 4;
        if (mappingPresent) n += (dataSequenceNumber8 ? 8 : 4) + 6 + (checksumPresent ? 2 : 0);
        return n;
    }

    // ----------------------------------------------------------------------------------------
    // Factories.

    /** A DSS carrying only an 8-byte data ACK (length 12), what Linux sends on pure ACKs. */
    public static Dss dataAck(long dataAck) {
        return builder().dataAck(dataAck).build();
    }

    /** A DSS carrying only a 4-byte data ACK (length 8). */
    public static Dss dataAck32(long dataAck) {
        return builder().dataAck32(dataAck).build();
    }

    /** A mapping with an 8-byte DSN, no data ACK, no checksum (length 14). */
    public static Dss mapping(long dataSequenceNumber, long subflowSequenceNumber, int dataLevelLength) {
        return builder().mapping(dataSequenceNumber, subflowSequenceNumber, dataLevelLength).build();
    }

    /** A mapping with a 4-byte DSN, no data ACK, no checksum (length 10). */
    public static Dss mapping32(long dataSequenceNumber, long subflowSequenceNumber, int dataLevelLength) {
        return builder().mapping32(dataSequenceNumber, subflowSequenceNumber, dataLevelLength).build();
    }

    /**
     * An 8-byte data ACK and an 8-byte-DSN mapping (length 26, or 28 with a checksum the encoder
     * computes).
     */
    public static Dss mapping(long dataAck, long dataSequenceNumber, long subflowSequenceNumber,
                              int dataLevelLength, boolean checksum) {
        Builder b = builder().dataAck(dataAck).mapping(dataSequenceNumber, subflowSequenceNumber, dataLevelLength);
        return (checksum ? b.checksum() : b).build();
    }

    /**
     * The DATA_FIN of a segment without payload (RFC 8684 §3.3.3): an 8-byte data ACK and a
     * mapping of length 1 with subflow sequence number 0, as Linux sends it.
     */
    public static Dss dataFin(long dataAck, long dataSequenceNumber) {
        return builder().dataAck(dataAck).mapping(dataSequenceNumber, 0, 1).dataFin(true).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Dss of(Consumer<Builder> spec) {
        Builder b = builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.length = length;
        b.reserved = reserved;
        b.dataFin = dataFin;
        b.dataSequenceNumber8 = dataSequenceNumber8;
        b.mappingPresent = mappingPresent;
        b.dataAck8 = dataAck8;
        b.dataAckPresent = dataAckPresent;
        b.dataAck = dataAck;
        b.dataSequenceNumber = dataSequenceNumber;
        b.subflowSequenceNumber = subflowSequenceNumber;
        b.dataLevelLength = dataLevelLength;
        b.checksumPresent = checksumPresent;
        b.checksum = checksum;
        return b;
    }

    @Override
    public Dss withAutoDerived() {
        return toBuilder().length(Field.AUTO).checksumAutoIfPresent().build();
    }

    public Dss withLength(int length) {
        return toBuilder().length(length).build();
    }

    public Dss withReserved(int reserved) {
        return toBuilder().reserved(reserved).build();
    }

    public Dss withDataFin(boolean dataFin) {
        return toBuilder().dataFin(dataFin).build();
    }

    public Dss withDataSequenceNumber8(boolean dataSequenceNumber8) {
        return toBuilder().dataSequenceNumber8(dataSequenceNumber8).build();
    }

    public Dss withMappingPresent(boolean mappingPresent) {
        return toBuilder().mappingPresent(mappingPresent).build();
    }

    public Dss withDataAck8(boolean dataAck8) {
        return toBuilder().dataAck8(dataAck8).build();
    }

    public Dss withDataAckPresent(boolean dataAckPresent) {
        return toBuilder().dataAckPresent(dataAckPresent).build();
    }

    /** A copy with the five flag bits F m M a A set from {@code flags} (0..31). */
    public Dss withFlags(int flags) {
        return toBuilder().flags(flags).build();
    }

    /** A copy with this data ACK value; the flags are unchanged. */
    public Dss withDataAck(long dataAck) {
        return toBuilder().dataAckValue(dataAck).build();
    }

    public Dss withDataSequenceNumber(long dataSequenceNumber) {
        return toBuilder().dataSequenceNumber(dataSequenceNumber).build();
    }

    public Dss withSubflowSequenceNumber(long subflowSequenceNumber) {
        return toBuilder().subflowSequenceNumber(subflowSequenceNumber).build();
    }

    public Dss withDataLevelLength(int dataLevelLength) {
        return toBuilder().dataLevelLength(dataLevelLength).build();
    }

    /** A copy with a checksum: {@link Field#AUTO} to have it computed, else 0..65535. */
    public Dss withChecksum(int checksum) {
        return toBuilder().checksum(checksum).build();
    }

    /** A copy without the checksum field. */
    public Dss withoutChecksum() {
        return toBuilder().noChecksum().build();
    }

    /**
     * Builds a DSS. The convenience setters ({@link #dataAck}, {@link #dataAck32}, {@link #mapping},
     * {@link #mapping32}, {@link #noDataAck}, {@link #noMapping}) set the flags with the values; the
     * others set one field or one flag each, for crafting any combination.
     */
    public static final class Builder {
        private int length = Field.AUTO;
        private int reserved;
        private boolean dataFin;
        private boolean dataSequenceNumber8;
        private boolean mappingPresent;
        private boolean dataAck8;
        private boolean dataAckPresent;
        private long dataAck;
        private long dataSequenceNumber;
        private long subflowSequenceNumber;
        private int dataLevelLength;
        private boolean checksumPresent;
        private int checksum = Field.AUTO;

        private Builder() {
        }

        /** The length byte: {@link Field#AUTO} (the default) or a value written verbatim. */
        public Builder length(int length) {
            this.length = length;
            return this;
        }

        public Builder reserved(int reserved) {
            this.reserved = reserved;
            return this;
        }

        /** An 8-byte data ACK: sets A and a. */
        public Builder dataAck(long dataAck) {
            this.dataAckPresent = true;
            this.dataAck8 = true;
            this.dataAck = dataAck;
            return this;
        }

        /** A 4-byte data ACK: sets A, clears a. */
        public Builder dataAck32(long dataAck) {
            this.dataAckPresent = true;
            this.dataAck8 = false;
            this.dataAck = dataAck;
            return this;
        }

        /** No data ACK: clears A and a. */
        public Builder noDataAck() {
            this.dataAckPresent = false;
            this.dataAck8 = false;
            this.dataAck = 0;
            return this;
        }

        /** A mapping with an 8-byte DSN: sets M and m. */
        public Builder mapping(long dataSequenceNumber, long subflowSequenceNumber, int dataLevelLength) {
            this.mappingPresent = true;
            this.dataSequenceNumber8 = true;
            this.dataSequenceNumber = dataSequenceNumber;
            this.subflowSequenceNumber = subflowSequenceNumber;
            this.dataLevelLength = dataLevelLength;
            return this;
        }

        /** A mapping with a 4-byte DSN: sets M, clears m. */
        public Builder mapping32(long dataSequenceNumber, long subflowSequenceNumber, int dataLevelLength) {
            mapping(dataSequenceNumber, subflowSequenceNumber, dataLevelLength);
            this.dataSequenceNumber8 = false;
            return this;
        }

        /** No mapping: clears M, m, the mapping's fields and the checksum. */
        public Builder noMapping() {
            this.mappingPresent = false;
            this.dataSequenceNumber8 = false;
            this.dataSequenceNumber = 0;
            this.subflowSequenceNumber = 0;
            this.dataLevelLength = 0;
            return noChecksum();
        }

        /** F: DATA_FIN (RFC 8684 §3.3.3). */
        public Builder dataFin(boolean dataFin) {
            this.dataFin = dataFin;
            return this;
        }

        /** Flag m alone. */
        public Builder dataSequenceNumber8(boolean dataSequenceNumber8) {
            this.dataSequenceNumber8 = dataSequenceNumber8;
            return this;
        }

        /** Flag M alone. */
        public Builder mappingPresent(boolean mappingPresent) {
            this.mappingPresent = mappingPresent;
            return this;
        }

        /** Flag a alone. */
        public Builder dataAck8(boolean dataAck8) {
            this.dataAck8 = dataAck8;
            return this;
        }

        /** Flag A alone. */
        public Builder dataAckPresent(boolean dataAckPresent) {
            this.dataAckPresent = dataAckPresent;
            return this;
        }

        /** The five flag bits F m M a A from {@code flags} (0..31). */
        public Builder flags(int flags) {
            Field.bits("flags", flags, 5);
            dataFin = (flags & FLAG_DATA_FIN) != 0;
            dataSequenceNumber8 = (flags & FLAG_DSN_8) != 0;
            mappingPresent = (flags & FLAG_MAPPING_PRESENT) != 0;
            dataAck8 = (flags & FLAG_DATA_ACK_8) != 0;
            dataAckPresent = (flags & FLAG_DATA_ACK_PRESENT) != 0;
            return this;
        }

        /** The data ACK value alone; the flags are unchanged. */
        public Builder dataAckValue(long dataAck) {
            this.dataAck = dataAck;
            return this;
        }

        public Builder dataSequenceNumber(long dataSequenceNumber) {
            this.dataSequenceNumber = dataSequenceNumber;
            return this;
        }

        public Builder subflowSequenceNumber(long subflowSequenceNumber) {
            this.subflowSequenceNumber = subflowSequenceNumber;
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

        /** No checksum field. */
        public Builder noChecksum() {
            this.checksumPresent = false;
            this.checksum = Field.AUTO;
            return this;
        }

        Builder checksumAutoIfPresent() {
            if (checksumPresent) checksum = Field.AUTO;
            return this;
        }

        public Dss build() {
            return new Dss(length, reserved, dataFin, dataSequenceNumber8, mappingPresent, dataAck8,
                    dataAckPresent, dataAck, dataSequenceNumber, subflowSequenceNumber, dataLevelLength,
                    checksumPresent, checksum);
        }
    }
}
