package org.mptcpkit.drill.ast;

import java.util.Objects;

/** The HMAC of an MP_JOIN SYN-ACK (64 bits) or third ACK (160 bits), RFC 8684 §3.2. */
public sealed interface HmacSpec {

    /** {@code sender_hmac=auto} (also written {@code token=auto}): computed from the keys and randoms. */
    record Auto() implements HmacSpec {
    }

    /** {@code sender_hmac=trunc_l64_hmac(INT)}: this exact value. */
    record TruncatedLiteral(long value) implements HmacSpec {
    }

    /** {@code sender_hmac=trunc_l64_hmac(KEY_A KEY_B)}: leftmost 64 bits, keys in this order. */
    record Truncated(String firstKey, String secondKey) implements HmacSpec {
        public Truncated {
            Objects.requireNonNull(firstKey, "firstKey");
            Objects.requireNonNull(secondKey, "secondKey");
        }
    }

    /** {@code sender_hmac=full_160_hmac(KEY_A KEY_B)}: the leftmost 160 bits. */
    record Full(String firstKey, String secondKey) implements HmacSpec {
        public Full {
            Objects.requireNonNull(firstKey, "firstKey");
            Objects.requireNonNull(secondKey, "secondKey");
        }
    }
}
