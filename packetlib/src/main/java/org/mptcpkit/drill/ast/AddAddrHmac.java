package org.mptcpkit.drill.ast;

/** How an ADD_ADDR ends (RFC 8684 §3.4.1): an echo without HMAC, or a 64-bit HMAC. */
public sealed interface AddAddrHmac {
    /** {@code addr_echo}: E flag set, no HMAC. */
    record Echo() implements AddAddrHmac {
    }

    /** {@code hmac=N}: this exact value. */
    record Value(long hmac) implements AddAddrHmac {
    }

    /** {@code hmac=auto}: computed (inbound) or checked against the keys (outbound). */
    record Auto() implements AddAddrHmac {
    }
}
