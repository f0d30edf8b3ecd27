package org.mptcpkit.packet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * REMOVE_ADDR (subtype 0x4): withdraws addresses by their ids (RFC 8684 §3.4.2; v0 the same,
 * RFC 6824 §3.4.2).
 *
 * <pre>
 * +---------------+---------------+-------+-------+---------------+
 * |     Kind      |  Length = 3+n |Subtype|(resv) |   Address ID  | ...
 * +---------------+---------------+-------+-------+---------------+
 *                            (followed by n-1 Address IDs, if required)
 * </pre>
 *
 * <p>The RFC wants at least one id; an empty list (length 3) can still be crafted, and decodes
 * with a diagnostic.
 *
 * <p>Example: {@code 1e 06 40 02 03 04} is {@code RemoveAddr.of(2, 3, 4)}.
 *
 * @param reserved    the 4 reserved bits after the subtype, kept verbatim
 * @param addressIds  the ids removed, each 0..255, in wire order
 */
public record RemoveAddr(int length, int reserved, List<Integer> addressIds) implements MptcpOption {
    public RemoveAddr {
        Field.u8OrAuto("length", length);
        Field.u4("reserved", reserved);
        Field.nonNull("addressIds", addressIds);
        addressIds = List.copyOf(addressIds);
        for (int i = 0; i < addressIds.size(); i++) Field.u8("addressIds[" + i + "]", addressIds.get(i));
    }

    @Override
    public int subtype() {
        return REMOVE_ADDR;
    }

    /** The length the ids call for: 3 + n. */
    public int computedLength() {
        return 3 + addressIds.size();
    }

    /** A REMOVE_ADDR of these ids. */
    public static RemoveAddr of(int... addressIds) {
        Builder b = builder();
        for (int id : addressIds) b.addressId(id);
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static RemoveAddr of(Consumer<Builder> spec) {
        Builder b = builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        return new Builder().length(length).reserved(reserved).addressIds(addressIds);
    }

    @Override
    public RemoveAddr withAutoDerived() {
        return withLength(Field.AUTO);
    }

    public RemoveAddr withLength(int length) {
        return toBuilder().length(length).build();
    }

    public RemoveAddr withReserved(int reserved) {
        return toBuilder().reserved(reserved).build();
    }

    public RemoveAddr withAddressIds(List<Integer> addressIds) {
        return toBuilder().addressIds(addressIds).build();
    }

    public static final class Builder {
        private int length = Field.AUTO;
        private int reserved;
        private final List<Integer> addressIds = new ArrayList<>();

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

        /** Appends an id. */
        public Builder addressId(int addressId) {
            addressIds.add(addressId);
            return this;
        }

        /** Replaces the ids. */
        public Builder addressIds(List<Integer> ids) {
            addressIds.clear();
            addressIds.addAll(ids);
            return this;
        }

        public RemoveAddr build() {
            return new RemoveAddr(length, reserved, addressIds);
        }
    }
}
