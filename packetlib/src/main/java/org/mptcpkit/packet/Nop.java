package org.mptcpkit.packet;

/**
 * No-Operation (RFC 9293 §3.2; kind 1, one byte): aligns the next option, as Linux does before
 * timestamps and window scale.
 *
 * <pre>
 * +--------+
 * |00000001|
 * +--------+
 * </pre>
 *
 * <p>Example: {@code Nop.INSTANCE} encodes as {@code 01}.
 */
public record Nop() implements TcpOption {
    public static final int KIND = 1;
    public static final Nop INSTANCE = new Nop();

    @Override
    public int kind() {
        return KIND;
    }
}
