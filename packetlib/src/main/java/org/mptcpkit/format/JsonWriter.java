package org.mptcpkit.format;

/**
 * A small streaming JSON writer into a {@link StringBuilder}: enough for one object per packet,
 * without a dependency (Jackson alone costs more start-up than {@code mptcpkit decode} may spend).
 * Commas are inserted automatically; the caller nests {@code beginObject}/{@code endObject}.
 */
public final class JsonWriter {
    private final StringBuilder out;
    // One bit per nesting level: whether the next value at that level needs a comma first.
    private long needComma;
    private int depth;

    public JsonWriter(StringBuilder out) {
        this.out = out;
    }

    public StringBuilder out() {
        return out;
    }

    /**
     * Forgets the nesting state, so that the next value starts a new top-level document: the form
     * for JSON Lines, one object per line into the same buffer.
     */
    public JsonWriter reset() {
        needComma = 0;
        depth = 0;
        return this;
    }

    public JsonWriter beginObject() {
        value();
        out.append('{');
        push();
        return this;
    }

    public JsonWriter endObject() {
        pop();
        out.append('}');
        return this;
    }

    public JsonWriter beginArray() {
        value();
        out.append('[');
        push();
        return this;
    }

    public JsonWriter endArray() {
        pop();
        out.append(']');
        return this;
    }

    /** Writes a member name; the next call writes its value. */
    public JsonWriter name(String name) {
        value();
        string(name);
        out.append(':');
        needComma &= ~(1L << depth); // the value that follows takes no comma
        return this;
    }

    public JsonWriter value(String s) {
        value();
        if (s == null) out.append("null");
        else string(s);
        return this;
    }

    public JsonWriter value(long v) {
        value();
        out.append(v);
        return this;
    }

    /** An unsigned 64-bit value as a JSON number (keys, DSNs: tshark prints them unsigned). */
    public JsonWriter unsignedValue(long v) {
        value();
        out.append(Long.toUnsignedString(v));
        return this;
    }

    public JsonWriter value(boolean v) {
        value();
        out.append(v);
        return this;
    }

    public JsonWriter value(double v) {
        value();
        out.append(v);
        return this;
    }

    public JsonWriter field(String name, String v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, long v) {
        return name(name).value(v);
    }

    public JsonWriter fieldUnsigned(String name, long v) {
        return name(name).unsignedValue(v);
    }

    public JsonWriter field(String name, boolean v) {
        return name(name).value(v);
    }

    /** A member whose value is {@code bytes} as a lower-case hex string, without an intermediate String. */
    public JsonWriter fieldHex(String name, org.mptcpkit.packet.Bytes bytes) {
        name(name);
        value();
        out.append('"');
        Text.hex(out, bytes);
        out.append('"');
        return this;
    }

    public JsonWriter fieldHex(String name, byte[] bytes, int offset, int length) {
        name(name);
        value();
        out.append('"');
        Text.hex(out, bytes, offset, length);
        out.append('"');
        return this;
    }

    /** A member whose value is {@code v} as a 16-digit hex string (a 64-bit key or HMAC). */
    public JsonWriter fieldHex64(String name, long v) {
        name(name);
        value();
        out.append('"');
        Text.hex(out, v, 16);
        out.append('"');
        return this;
    }

    /**
     * Starts a string value and returns the buffer: the caller appends characters that need no
     * escaping (addresses, hex) and then calls {@link #endString()}.
     */
    StringBuilder beginString() {
        value();
        return out.append('"');
    }

    /** Starts a value the caller writes verbatim (a number it formats itself). */
    StringBuilder beginValueRaw() {
        value();
        return out;
    }

    JsonWriter endString() {
        out.append('"');
        return this;
    }

    /** A null value. */
    public JsonWriter nullValue() {
        value();
        out.append("null");
        return this;
    }

    private void value() {
        long bit = 1L << depth;
        if ((needComma & bit) != 0) out.append(',');
        needComma |= bit;
    }

    private void push() {
        if (++depth >= 64) throw new IllegalStateException("JSON nesting deeper than 63");
        needComma &= ~(1L << depth);
    }

    private void pop() {
        if (depth == 0) throw new IllegalStateException("JSON: end without begin");
        depth--;
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00");
                        out.append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
