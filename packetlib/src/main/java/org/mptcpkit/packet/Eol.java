package org.mptcpkit.packet;

/**
 * End of Option List (RFC 9293 §3.2; kind 0, one byte): marks the end of the options when it would
 * not coincide with the end of the header. The encoder pads an option list whose length is not a
 * multiple of 4 with zero bytes, that is with this option (when the data offset is derived).
 *
 * <pre>
 * +--------+
 * |00000000|
 * +--------+
 * </pre>
 *
 * <p>Example: {@code Eol.INSTANCE} encodes as {@code 00}.
 */
public record Eol() implements TcpOption {
    public static final int KIND = 0;
    public static final Eol INSTANCE = new Eol();

    @Override
    public int kind() {
        return KIND;
    }
}
