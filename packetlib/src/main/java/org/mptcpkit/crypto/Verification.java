package org.mptcpkit.crypto;

import java.util.Objects;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.MptcpOption;

/**
 * The outcome of checking one authenticated or checksummed MPTCP field against what the keys,
 * randoms and payload say it must be: what {@link MptcpVerifier} returns, and what the shell's
 * {@code show} and the interpreter print.
 *
 * <p>{@code expected} and {@code found} are the field as its bytes on the wire (a 4-byte token, an
 * 8-byte truncated HMAC, the 20-byte MP_JOIN ACK HMAC, a 2-byte checksum), so that both print the
 * same way whatever was checked:
 * <pre>
 *   DSS checksum: VALID 0x7537 (DSN 682404054862056217, SSN 0, DLL 1, 0 payload bytes; RFC 8684 §3.3.1)
 *   MP_JOIN SYN-ACK HMAC: INVALID: expected 0xe2fdcd17afc5fdac, found 0x0000000000000000 (...)
 *   ADD_ADDR HMAC: UNVERIFIABLE: needs the keys of both hosts (RFC 8684 §3.4.1)
 * </pre>
 *
 * @param check    what was checked
 * @param status   the verdict; {@link Status#UNVERIFIABLE} when an input is missing ({@code detail} says which)
 * @param option   the option checked
 * @param expected the field as it should be on the wire; empty when it could not be computed
 * @param found    the field as the option carries it; empty when the option leaves it {@code AUTO}
 * @param detail   the inputs the computation used, or why it could not be made
 */
public record Verification(Check check, Status status, MptcpOption option, Bytes expected, Bytes found,
                           String detail) {
    /** What a {@link Verification} checked, with the RFC section that defines the value. */
    public enum Check {
        /** The receiver's token in an MP_JOIN SYN: the token of the receiver's key. */
        MP_JOIN_TOKEN("MP_JOIN SYN token", "RFC 8684 §3.2"),
        /** The truncated HMAC in an MP_JOIN SYN-ACK. */
        MP_JOIN_SYN_ACK_HMAC("MP_JOIN SYN-ACK HMAC", "RFC 8684 §3.2"),
        /** The 160-bit HMAC in an MP_JOIN ACK. */
        MP_JOIN_ACK_HMAC("MP_JOIN ACK HMAC", "RFC 8684 §3.2"),
        /** The truncated HMAC of a v1 ADD_ADDR. */
        ADD_ADDR_HMAC("ADD_ADDR HMAC", "RFC 8684 §3.4.1"),
        /** The checksum of a DSS mapping. */
        DSS_CHECKSUM("DSS checksum", "RFC 8684 §3.3.1"),
        /** The checksum of an MP_CAPABLE ACK with data (length 24) over its implied mapping. */
        MP_CAPABLE_CHECKSUM("MP_CAPABLE checksum", "RFC 8684 §3.1");

        private final String title;
        private final String reference;

        Check(String title, String reference) {
            this.title = title;
            this.reference = reference;
        }

        /** The check's name as printed, e.g. {@code "MP_JOIN SYN-ACK HMAC"}. */
        public String title() {
            return title;
        }

        /** The section that defines the value, e.g. {@code "RFC 8684 §3.2"}. */
        public String reference() {
            return reference;
        }
    }

    /** The verdict. */
    public enum Status {
        /** The packet carries the value the inputs call for. */
        VALID,
        /** The packet carries another value than the inputs call for. */
        INVALID,
        /** An input is missing (keys, a random, part of the mapped payload); nothing was decided. */
        UNVERIFIABLE
    }

    public Verification {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(found, "found");
        Objects.requireNonNull(detail, "detail");
    }

    /** True when the packet carries the value the inputs call for. */
    public boolean isValid() {
        return status == Status.VALID;
    }

    /** True when the packet carries a wrong value (not when the check could not be made). */
    public boolean isInvalid() {
        return status == Status.INVALID;
    }

    /** One line: the check, the verdict, the values and the inputs, e.g. for the shell's {@code show}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(check.title()).append(": ").append(status);
        switch (status) {
            case VALID -> s.append(' ').append(hex(found));
            case INVALID -> s.append(": expected ").append(hex(expected)).append(", found ").append(hex(found));
            case UNVERIFIABLE -> s.append(": ");
        }
        if (status == Status.UNVERIFIABLE) {
            s.append(detail).append(" (").append(check.reference()).append(')');
        } else {
            s.append(" (").append(detail.isEmpty() ? "" : detail + "; ").append(check.reference()).append(')');
        }
        return s.toString();
    }

    private static String hex(Bytes b) {
        return b.isEmpty() ? "(none)" : "0x" + b.hex();
    }
}
