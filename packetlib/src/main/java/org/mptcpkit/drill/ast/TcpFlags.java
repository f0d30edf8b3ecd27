package org.mptcpkit.drill.ast;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A packet line's TCP flags as written, tcpdump style: {@code S}, {@code S.}, {@code P.},
 * {@code F.}, {@code R}, {@code .}, {@code -} (none, kept as the empty string), {@code SEW}.
 *
 * <p>Letters (packetdrill {@code tcp_packet.c}): {@code S} SYN, {@code F} FIN, {@code R} RST,
 * {@code P} PSH, {@code .} ACK, {@code U} URG, {@code E} ECE, {@code W} CWR, {@code A} AE
 * (AccECN, RFC 9768; <em>not</em> ACK), and a digit {@code 0}-{@code 7} sets the 3-bit AccECN ACE
 * field (AE, CWR, ECE) at once, as in {@code S.5}; a digit cannot be mixed with E, W or A.
 */
public record TcpFlags(String text) {
    private static final String VALID = ".FSRPEWAU01234567";

    public TcpFlags {
        Objects.requireNonNull(text, "text");
        String error = check(text);
        if (error != null) throw new IllegalArgumentException(error);
    }

    /**
     * Why {@code text} is not a flags spec, in packetdrill's words
     * ({@code Invalid TCP flag: 'X'}, {@code Conflicting TCP flag: 'X'}), or null when it is one.
     */
    public static String check(String text) {
        boolean ecn = false, ace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (VALID.indexOf(c) < 0) return "Invalid TCP flag: '" + c + "'";
            if (c == 'E' || c == 'W' || c == 'A') {
                if (ace) return "Conflicting TCP flag: '" + c + "'";
                ecn = true;
            }
            if (c >= '0' && c <= '7') {
                if (ecn || ace) return "Conflicting TCP flag: '" + c + "'";
                ace = true;
            }
        }
        return null;
    }

    public boolean fin() {
        return has('F');
    }

    public boolean syn() {
        return has('S');
    }

    public boolean rst() {
        return has('R');
    }

    public boolean psh() {
        return has('P');
    }

    /** The ACK flag, written {@code .}. */
    public boolean ack() {
        return has('.');
    }

    public boolean urg() {
        return has('U');
    }

    public boolean ece() {
        OptionalInt a = ace();
        return a.isPresent() ? (a.getAsInt() & 1) != 0 : has('E');
    }

    public boolean cwr() {
        OptionalInt a = ace();
        return a.isPresent() ? (a.getAsInt() & 2) != 0 : has('W');
    }

    /** The AE bit (RFC 9768 §3.2.1), written {@code A}. */
    public boolean ae() {
        OptionalInt a = ace();
        return a.isPresent() ? (a.getAsInt() & 4) != 0 : has('A');
    }

    /** The ACE value when a digit was written; then ECE/CWR/AE come from it. */
    public OptionalInt ace() {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '7') return OptionalInt.of(c - '0');
        }
        return OptionalInt.empty();
    }

    private boolean has(char c) {
        return text.indexOf(c) >= 0;
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "-" : text;
    }
}
