package org.mptcpkit.packet;

import java.util.function.Consumer;

/**
 * MP_TCPRST (subtype 0x8): sent on a RST to say why a subflow was reset (RFC 8684 §3.6).
 *
 * <pre>
 * +---------------+---------------+-------+-----------------------+
 * |     Kind      |    Length     |Subtype|U|V|W|T|    Reason     |
 * +---------------+---------------+-------+-----------------------+
 * </pre>
 *
 * <p>Example: {@code 1e 04 80 03} is {@code MpTcpRst.of(MpTcpRst.ADMINISTRATIVELY_PROHIBITED)}
 * (what Linux sends when the subflow limit refuses a join).
 *
 * @param flagU     U, reserved for future use, kept verbatim
 * @param flagV     V, reserved for future use, kept verbatim
 * @param flagW     W, reserved for future use, kept verbatim
 * @param flagT     T: the error is transient, the subflow may be retried later
 * @param reason    the reason code (RFC 8684 §3.6, registry of §7.4); see the constants
 */
public record MpTcpRst(int length, boolean flagU, boolean flagV, boolean flagW, boolean flagT,
                       int reason) implements MptcpOption {
    /** The only length of MP_TCPRST. */
    public static final int LENGTH = 4;

    /** Reason 0x00: unspecified error. */
    public static final int UNSPECIFIED = 0x00;
    /** Reason 0x01: MPTCP-specific error. */
    public static final int MPTCP_SPECIFIC = 0x01;
    /** Reason 0x02: lack of resources. */
    public static final int LACK_OF_RESOURCES = 0x02;
    /** Reason 0x03: administratively prohibited. */
    public static final int ADMINISTRATIVELY_PROHIBITED = 0x03;
    /** Reason 0x04: too much outstanding data. */
    public static final int TOO_MUCH_OUTSTANDING_DATA = 0x04;
    /** Reason 0x05: unacceptable performance. */
    public static final int UNACCEPTABLE_PERFORMANCE = 0x05;
    /** Reason 0x06: middlebox interference. */
    public static final int MIDDLEBOX_INTERFERENCE = 0x06;

    public MpTcpRst {
        Field.u8OrAuto("length", length);
        Field.u8("reason", reason);
    }

    @Override
    public int subtype() {
        return MP_TCPRST;
    }

    /** T: the error is transient, the subflow may be retried later (RFC 8684 §3.6). */
    public boolean isTransient() {
        return flagT;
    }

    /** The flag nibble U V W T as on the wire. */
    public int flags() {
        return (flagU ? 8 : 0) | (flagV ? 4 : 0) | (flagW ? 2 : 0) | (flagT ? 1 : 0);
    }

    /** The RFC's name of a reason code, e.g. "administratively prohibited"; unassigned as "0x2a". */
    public static String reasonName(int reason) {
        return switch (reason) {
            case UNSPECIFIED -> "unspecified error";
            case MPTCP_SPECIFIC -> "MPTCP-specific error";
            case LACK_OF_RESOURCES -> "lack of resources";
            case ADMINISTRATIVELY_PROHIBITED -> "administratively prohibited";
            case TOO_MUCH_OUTSTANDING_DATA -> "too much outstanding data";
            case UNACCEPTABLE_PERFORMANCE -> "unacceptable performance";
            case MIDDLEBOX_INTERFERENCE -> "middlebox interference";
            default -> "0x" + Integer.toHexString(reason);
        };
    }

    /** A non-transient MP_TCPRST with this reason. */
    public static MpTcpRst of(int reason) {
        return builder().reason(reason).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static MpTcpRst of(Consumer<Builder> spec) {
        Builder b = builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        return new Builder().length(length).flagU(flagU).flagV(flagV).flagW(flagW).flagT(flagT)
                .reason(reason);
    }

    @Override
    public MpTcpRst withAutoDerived() {
        return withLength(Field.AUTO);
    }

    public MpTcpRst withLength(int length) {
        return toBuilder().length(length).build();
    }

    public MpTcpRst withFlagU(boolean flagU) {
        return toBuilder().flagU(flagU).build();
    }

    public MpTcpRst withFlagV(boolean flagV) {
        return toBuilder().flagV(flagV).build();
    }

    public MpTcpRst withFlagW(boolean flagW) {
        return toBuilder().flagW(flagW).build();
    }

    public MpTcpRst withFlagT(boolean flagT) {
        return toBuilder().flagT(flagT).build();
    }

    /** A copy with the flag nibble U V W T set from {@code flags} (0..15). */
    public MpTcpRst withFlags(int flags) {
        return toBuilder().flags(flags).build();
    }

    public MpTcpRst withReason(int reason) {
        return toBuilder().reason(reason).build();
    }

    public static final class Builder {
        private int length = Field.AUTO;
        private boolean flagU;
        private boolean flagV;
        private boolean flagW;
        private boolean flagT;
        private int reason;

        private Builder() {
        }

        public Builder length(int length) {
            this.length = length;
            return this;
        }

        public Builder flagU(boolean flagU) {
            this.flagU = flagU;
            return this;
        }

        public Builder flagV(boolean flagV) {
            this.flagV = flagV;
            return this;
        }

        public Builder flagW(boolean flagW) {
            this.flagW = flagW;
            return this;
        }

        /** T: the error is transient. */
        public Builder flagT(boolean flagT) {
            this.flagT = flagT;
            return this;
        }

        /** U V W T from the flag nibble {@code flags} (0..15). */
        public Builder flags(int flags) {
            Field.u4("flags", flags);
            flagU = (flags & 8) != 0;
            flagV = (flags & 4) != 0;
            flagW = (flags & 2) != 0;
            flagT = (flags & 1) != 0;
            return this;
        }

        public Builder reason(int reason) {
            this.reason = reason;
            return this;
        }

        public MpTcpRst build() {
            return new MpTcpRst(length, flagU, flagV, flagW, flagT, reason);
        }
    }
}
