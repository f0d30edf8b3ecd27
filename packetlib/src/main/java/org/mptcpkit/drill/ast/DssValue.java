package org.mptcpkit.drill.ast;

import java.util.Objects;

/**
 * The value of a DSS data ACK or data sequence number, or of MP_FAIL's DSN. Integers are
 * relative to the IDSN of the side that owns the sequence space (reference §6.6): inbound
 * {@code dack=N} means kernel IDSN + N, inbound {@code dsn=N} packetdrill's IDSN + N, and the
 * reverse on outbound packets.
 */
public sealed interface DssValue {

    /** Keyword alone ({@code dack8}): computed inbound, not checked outbound. */
    record Unset() implements DssValue {
    }

    /** {@code dack8=1001} */
    record Literal(long value) implements DssValue {
    }

    /**
     * {@code dsn8=trunc_r64_hmac_sha256(INT)}: the IDSN (least significant 64 bits of the hash)
     * of a literal key.
     */
    record KeyIdsnLiteral(HashAlgorithm algorithm, long key) implements DssValue {
        public KeyIdsnLiteral {
            Objects.requireNonNull(algorithm, "algorithm");
        }
    }

    /** {@code dsn8=trunc_r64_hmac(skey)+5}: the IDSN of a key variable, plus an offset. */
    record KeyIdsn(String key, long offset) implements DssValue {
        public KeyIdsn {
            Objects.requireNonNull(key, "key");
        }
    }
}
