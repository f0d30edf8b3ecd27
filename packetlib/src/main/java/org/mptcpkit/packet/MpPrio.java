package org.mptcpkit.packet;

import java.util.function.Consumer;

/**
 * MP_PRIO (subtype 0x5): changes the backup priority of the subflow it is sent on (RFC 8684
 * §3.3.8). RFC 6824 §3.3.8 (v0) adds an address id, naming the subflows to change; RFC 8684
 * removed it.
 *
 * <pre>
 * +---------------+---------------+-------+-----+-+--------------+
 * |     Kind      |     Length    |Subtype|(rsv)|B| AddrID (opt) |
 * +---------------+---------------+-------+-----+-+--------------+
 * </pre>
 *
 * <p>Lengths: 3 (v1), 4 (v0, with address id).
 *
 * <p>Example: {@code 1e 03 51} is {@code MpPrio.of(true)} (tshark: flags=0x51, backup=1).
 *
 * @param reserved          the 3 reserved bits before B, kept verbatim
 * @param backup            B: use this subflow as a backup
 * @param addressIdPresent  whether the v0 address id is there (length 4)
 * @param addressId         the v0 address id, 0 when absent
 */
public record MpPrio(int length, int reserved, boolean backup, boolean addressIdPresent, int addressId)
        implements MptcpOption {
    public MpPrio {
        Field.u8OrAuto("length", length);
        Field.bits("reserved", reserved, 3);
        if (addressIdPresent) {
            Field.u8("addressId", addressId);
        } else if (addressId != 0) {
            throw new IllegalArgumentException("addressId: " + addressId
                    + " (expected: 0 when addressIdPresent is false)");
        }
    }

    @Override
    public int subtype() {
        return MP_PRIO;
    }

    /** The length the form calls for: 3, or 4 with an address id. */
    public int computedLength() {
        return addressIdPresent ? 4 : 3;
    }

    /** The v1 MP_PRIO (length 3). */
    public static MpPrio of(boolean backup) {
        return builder().backup(backup).build();
    }

    /** The v0 MP_PRIO with an address id (length 4). */
    public static MpPrio v0(boolean backup, int addressId) {
        return builder().backup(backup).addressId(addressId).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static MpPrio of(Consumer<Builder> spec) {
        Builder b = builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder().length(length).reserved(reserved).backup(backup);
        return addressIdPresent ? b.addressId(addressId) : b;
    }

    @Override
    public MpPrio withAutoDerived() {
        return withLength(Field.AUTO);
    }

    public MpPrio withLength(int length) {
        return toBuilder().length(length).build();
    }

    public MpPrio withReserved(int reserved) {
        return toBuilder().reserved(reserved).build();
    }

    public MpPrio withBackup(boolean backup) {
        return toBuilder().backup(backup).build();
    }

    /** A copy with the v0 address id (length 4). */
    public MpPrio withAddressId(int addressId) {
        return toBuilder().addressId(addressId).build();
    }

    /** A copy without address id (length 3). */
    public MpPrio withoutAddressId() {
        return toBuilder().noAddressId().build();
    }

    public static final class Builder {
        private int length = Field.AUTO;
        private int reserved;
        private boolean backup;
        private boolean addressIdPresent;
        private int addressId;

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

        /** The v0 address id: makes the option 4 bytes long. */
        public Builder addressId(int addressId) {
            this.addressIdPresent = true;
            this.addressId = addressId;
            return this;
        }

        public Builder noAddressId() {
            this.addressIdPresent = false;
            this.addressId = 0;
            return this;
        }

        public MpPrio build() {
            return new MpPrio(length, reserved, backup, addressIdPresent, addressId);
        }
    }
}
