package org.mptcpkit.wire;

/** Thrown by strict decoding with the same facts lenient decoding reports as a {@link Diagnostic}. */
public final class DecodeException extends RuntimeException {
    private final transient Diagnostic diagnostic;

    public DecodeException(Diagnostic diagnostic) {
        super(diagnostic.toString());
        this.diagnostic = diagnostic;
    }

    public Diagnostic diagnostic() {
        return diagnostic;
    }
}
