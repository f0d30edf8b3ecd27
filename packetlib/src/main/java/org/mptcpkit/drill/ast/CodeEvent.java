package org.mptcpkit.drill.ast;

import java.util.Objects;

/**
 * {@code +0 %{ assert tcpi_rto == 1000000 }%}: a Python snippet evaluated against the socket's
 * TCP_INFO snapshot at that time.
 *
 * @param code the snippet, blanks and tabs trimmed at both ends as the fork does
 */
public record CodeEvent(String code) implements Action {
    public CodeEvent {
        Objects.requireNonNull(code, "code");
    }
}
