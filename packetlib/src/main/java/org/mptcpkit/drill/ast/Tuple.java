package org.mptcpkit.drill.ast;

import java.util.Objects;

/**
 * {@code SRC > DST} before a packet's flags: {@code addr[caddr0] > addr[saddr0]},
 * {@code > addr[saddr1]}, {@code 1234 > 8080}. Absent, both sides are {@link Endpoint.Unspecified}.
 */
public record Tuple(Endpoint source, Endpoint destination) {
    /** No tuple written. */
    public static final Tuple NONE = new Tuple(new Endpoint.Unspecified(), new Endpoint.Unspecified());

    public Tuple {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
    }

    public boolean isEmpty() {
        return source instanceof Endpoint.Unspecified && destination instanceof Endpoint.Unspecified;
    }
}
