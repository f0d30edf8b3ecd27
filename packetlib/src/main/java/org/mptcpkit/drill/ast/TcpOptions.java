package org.mptcpkit.drill.ast;

import java.util.List;

/** A TCP packet line's options: a list (possibly empty, when none is written) or {@code <...>}. */
public sealed interface TcpOptions {
    /** No options written: the segment must carry none. */
    Exactly NONE = new Exactly(List.of());

    /** {@code <mss 1460, nop, ...>}: exactly these options, in this order. */
    record Exactly(List<TcpOptionSpec> options) implements TcpOptions {
        public Exactly {
            options = List.copyOf(options);
        }
    }

    /** {@code <...>}: outbound packets only; the options are not checked. */
    record Any() implements TcpOptions {
    }
}
