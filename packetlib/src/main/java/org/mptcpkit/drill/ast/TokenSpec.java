package org.mptcpkit.drill.ast;

import java.util.Objects;

/** The receiver token of an MP_JOIN SYN (RFC 8684 §3.2): {@code token=...}. */
public sealed interface TokenSpec {

    /** {@code token=12345}: this exact u32. */
    record Literal(long token) implements TokenSpec {
    }

    /**
     * {@code token=sha256_32(skey)} or {@code token=sha1_32(skey)}: the most significant 32 bits
     * of the hash of the key variable's 8 wire bytes.
     */
    record OfKey(HashAlgorithm algorithm, String key) implements TokenSpec {
        public OfKey {
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(key, "key");
        }
    }

    /** {@code token=auto}: the peer's token (inbound) or not checked (outbound). */
    record Auto() implements TokenSpec {
    }
}
