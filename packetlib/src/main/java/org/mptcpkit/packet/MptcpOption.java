package org.mptcpkit.packet;

/**
 * A Multipath TCP option: TCP option kind 30, whose first byte after kind and length holds the
 * suboption type ("subtype") in its high nibble (RFC 8684 §3, RFC 6824 §3).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+-------+-----------------------+
 * |     Kind      |    Length     |Subtype|                       |
 * +---------------+---------------+-------+                       |
 * |                     Subtype-specific data                     |
 * |                       (variable length)                       |
 * +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Every suboption is a record; where the RFC gives a suboption several layouts, the type has
 * one record per layout ({@link MpCapable}, {@link MpJoin}, {@link AddAddr}). Options that are
 * truncated, of an unassigned subtype, or of a known subtype whose length fits none of its layouts
 * decode to {@link UnknownMptcp}, which keeps their bytes, so that encoding a decoded option
 * always reproduces its bytes exactly.
 *
 * <p>The length byte is a derived field: {@link Field#AUTO} lets the encoder compute it, any other
 * value is written verbatim, even when wrong. Decoding sets it from the wire.
 */
public sealed interface MptcpOption extends TcpOption
        permits MpCapable, MpJoin, Dss, AddAddr, RemoveAddr, MpPrio, MpFail, MpFastclose, MpTcpRst,
                MpExperimental, UnknownMptcp {
    /** The TCP option kind of every MPTCP option (RFC 8684 §7.1). */
    int KIND = 30;

    /** Subtype 0x0, {@link MpCapable} (RFC 8684 §3.1). */
    int MP_CAPABLE = 0x0;
    /** Subtype 0x1, {@link MpJoin} (RFC 8684 §3.2). */
    int MP_JOIN = 0x1;
    /** Subtype 0x2, {@link Dss} (RFC 8684 §3.3). */
    int DSS = 0x2;
    /** Subtype 0x3, {@link AddAddr} (RFC 8684 §3.4.1). */
    int ADD_ADDR = 0x3;
    /** Subtype 0x4, {@link RemoveAddr} (RFC 8684 §3.4.2). */
    int REMOVE_ADDR = 0x4;
    /** Subtype 0x5, {@link MpPrio} (RFC 8684 §3.3.8). */
    int MP_PRIO = 0x5;
    /** Subtype 0x6, {@link MpFail} (RFC 8684 §3.7). */
    int MP_FAIL = 0x6;
    /** Subtype 0x7, {@link MpFastclose} (RFC 8684 §3.5). */
    int MP_FASTCLOSE = 0x7;
    /** Subtype 0x8, {@link MpTcpRst} (RFC 8684 §3.6). */
    int MP_TCPRST = 0x8;
    /** Subtype 0xf, {@link MpExperimental} (RFC 8684 §7.2: reserved for private use). */
    int MP_EXPERIMENTAL = 0xf;

    @Override
    default int kind() {
        return KIND;
    }

    /**
     * The suboption type, the high nibble of the third byte (0..15); -1 for an
     * {@link UnknownMptcp} too short to have one.
     */
    int subtype();

    /**
     * The option's length byte (kind and length included in the count): {@link Field#AUTO} when
     * the encoder is to compute it, else the value written verbatim.
     */
    int length();

    /**
     * A copy whose derived fields (the length byte; the checksum of {@link Dss} and of
     * {@link MpCapable.AckData}) are {@link Field#AUTO}, so that the encoder computes them again:
     * what to call after changing a decoded option's layout.
     */
    MptcpOption withAutoDerived();

    /** The name of a subtype as the RFCs spell it, e.g. {@code "MP_CAPABLE"}; unassigned ones as {@code "0x9"}. */
    static String subtypeName(int subtype) {
        return switch (subtype) {
            case MP_CAPABLE -> "MP_CAPABLE";
            case MP_JOIN -> "MP_JOIN";
            case DSS -> "DSS";
            case ADD_ADDR -> "ADD_ADDR";
            case REMOVE_ADDR -> "REMOVE_ADDR";
            case MP_PRIO -> "MP_PRIO";
            case MP_FAIL -> "MP_FAIL";
            case MP_FASTCLOSE -> "MP_FASTCLOSE";
            case MP_TCPRST -> "MP_TCPRST";
            case MP_EXPERIMENTAL -> "MP_EXPERIMENTAL";
            default -> "0x" + Integer.toHexString(subtype);
        };
    }
}
