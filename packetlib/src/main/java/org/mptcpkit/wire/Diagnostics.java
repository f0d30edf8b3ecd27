package org.mptcpkit.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what a decode could not interpret. Lenient mode records and goes on; strict mode throws
 * a {@link DecodeException} at the first report. Allocates nothing until something is reported,
 * because well-formed packets are the hot path.
 */
public final class Diagnostics {
    private final boolean strict;
    private final int baseOffset;
    private List<Diagnostic> list;

    private Diagnostics(boolean strict, int baseOffset) {
        this.strict = strict;
        this.baseOffset = baseOffset;
    }

    public static Diagnostics lenient() {
        return new Diagnostics(false, 0);
    }

    public static Diagnostics strict() {
        return new Diagnostics(true, 0);
    }

    public boolean isStrict() {
        return strict;
    }

    /**
     * Records a problem at {@code offset} (relative to the buffer being decoded). Throws in strict
     * mode.
     */
    public void report(int offset, String field, String message, String reference) {
        Diagnostic d = new Diagnostic(baseOffset + offset, field, message, reference);
        if (strict) throw new DecodeException(d);
        if (list == null) list = new ArrayList<>(2);
        list.add(d);
    }

    public boolean isEmpty() {
        return list == null || list.isEmpty();
    }

    /** What was reported so far, in order. */
    public List<Diagnostic> list() {
        return list == null ? List.of() : List.copyOf(list);
    }
}
