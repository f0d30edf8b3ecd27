package org.mptcpkit.drill.ast;

/** A packet line's direction, seen from the kernel under test. */
public enum Direction {
    /** {@code <}: packetdrill injects the packet into the kernel. */
    INBOUND('<'),
    /** {@code >}: the kernel must send the packet. */
    OUTBOUND('>');

    private final char symbol;

    Direction(char symbol) {
        this.symbol = symbol;
    }

    /** {@code <} or {@code >}. */
    public char symbol() {
        return symbol;
    }
}
