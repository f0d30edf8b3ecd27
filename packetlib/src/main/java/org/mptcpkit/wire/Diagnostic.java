package org.mptcpkit.wire;

/**
 * One thing the decoder could not interpret, or interpreted leniently.
 *
 * @param offset    byte offset from the start of the decoded buffer
 * @param field     the field concerned, in the model's words (e.g. {@code "tcp.dataOffset"},
 *                  {@code "mptcp.dss.length"})
 * @param message   what is wrong, e.g. {@code "length 13 fits no DSS form (expected: 4, 8, 12, ...)"}
 * @param reference the specification that says what is right, e.g. {@code "RFC 8684 §3.3"};
 *                  empty when none applies
 */
public record Diagnostic(int offset, String field, String message, String reference) {
    @Override
    public String toString() {
        return "offset " + offset + ": " + field + ": " + message
                + (reference.isEmpty() ? "" : " (" + reference + ")");
    }
}
