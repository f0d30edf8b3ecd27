package org.mptcpkit.wire;

import java.util.List;

/**
 * What a lenient decode returns: the value, which always re-encodes to the input bytes, and what
 * the decoder could not interpret or interpreted leniently (empty for a well-formed packet).
 *
 * @param value       the decoded value; never null
 * @param diagnostics the problems found, in buffer order
 */
public record Decoded<T>(T value, List<Diagnostic> diagnostics) {
    public Decoded {
        if (value == null) throw new NullPointerException("value: null");
        diagnostics = List.copyOf(diagnostics);
    }

    /** True when the decoder found nothing to report. */
    public boolean isClean() {
        return diagnostics.isEmpty();
    }

    /** The value, or a {@link DecodeException} with the first diagnostic: strict after the fact. */
    public T valueOrThrow() {
        if (!diagnostics.isEmpty()) throw new DecodeException(diagnostics.getFirst());
        return value;
    }
}
