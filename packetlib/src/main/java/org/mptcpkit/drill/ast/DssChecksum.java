package org.mptcpkit.drill.ast;

/** The DSS checksum field (RFC 8684 §3.3.1), present unless {@code nocs} is written. */
public sealed interface DssChecksum {
    /** Nothing written: the field is present and computed. */
    record Computed() implements DssChecksum {
    }

    /** {@code nocs}: no checksum field (2 bytes shorter). */
    record Absent() implements DssChecksum {
    }

    /** {@code cksum=N}: the field is present and holds N, right or wrong. */
    record Value(int checksum) implements DssChecksum {
    }
}
