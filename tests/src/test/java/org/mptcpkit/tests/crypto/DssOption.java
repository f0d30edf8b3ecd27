package org.mptcpkit.tests.crypto;

import org.mptcpkit.packet.Bytes;

/**
 * The mapping fields of a DSS option read from its raw bytes (RFC 8684 §3.3), test-side only
 * until the project's codec is merged; every use cross-checks it against tshark's decode.
 * <pre>
 *   kind=30 | len | subtype=2 | reserved | F m M a A | data ACK (0/4/8) | DSN (4/8) | SSN (4) | DLL (2) | checksum (0/2)
 * </pre>
 */
record DssOption(boolean dataFin, boolean dsn8, long dataSequenceNumber, long subflowSequenceNumber,
                 int dataLevelLength, int checksum) {
    static final int NO_CHECKSUM = -1;

    /** The mapping of {@code o}, or null when it carries none (M = 0) or is too short. */
    static DssOption parse(Bytes o) {
        if (o.length() < 4 || (o.u8(2) >>> 4) != 2) return null;
        int flags = o.u8(3);
        if ((flags & 0x04) == 0) return null;
        int p = 4 + ((flags & 0x01) == 0 ? 0 : (flags & 0x02) != 0 ? 8 : 4);
        boolean dsn8 = (flags & 0x08) != 0;
        if (o.length() < p + (dsn8 ? 8 : 4) + 6) return null;
        long dsn = dsn8 ? o.u64(p) : o.u32(p);
        p += dsn8 ? 8 : 4;
        long ssn = o.u32(p);
        int dll = o.u16(p + 4);
        p += 6;
        int checksum = o.length() == p + 2 ? o.u16(p) : NO_CHECKSUM;
        return new DssOption((flags & 0x10) != 0, dsn8, dsn, ssn, dll, checksum);
    }

    boolean hasChecksum() {
        return checksum != NO_CHECKSUM;
    }

    /** Payload bytes the mapping covers: the DLL less the DATA_FIN's one (RFC 8684 §3.3.3). */
    int payloadLength() {
        return dataLevelLength - (dataFin ? 1 : 0);
    }
}
