package org.mptcpkit.drill.ast;

import java.util.Objects;

/**
 * {@code dack4=V}, {@code dack8=V}, {@code dsn4=V} or {@code dsn8=V}.
 *
 * @param width 4 or 8 bytes on the wire (the DSS {@code a} and {@code m} flags)
 */
public record DssNumber(int width, DssValue value) {
    public DssNumber {
        if (width != 4 && width != 8) throw new IllegalArgumentException("width: " + width + " (expected: 4 or 8)");
        Objects.requireNonNull(value, "value");
    }
}
