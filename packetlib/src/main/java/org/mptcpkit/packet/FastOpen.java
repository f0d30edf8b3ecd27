package org.mptcpkit.packet;

import java.util.function.Consumer;

/**
 * TCP Fast Open cookie (RFC 7413 §4.1.1): kind 34, or the experimental kind 254 followed by the
 * magic number {@code 0xF989} that clients used before kind 34 was assigned. An empty cookie is a
 * cookie request.
 *
 * <pre>
 *                                 +---------+---------+
 *                                 | Kind=34 | Length  |
 * +---------+---------+---------+---------+---------+---------+
 * |                   Cookie (0 or 4..16 bytes, even)         |
 * +---------+---------+---------+---------+---------+---------+
 *
 * experimental: | Kind=254 | Length | 0xF9 | 0x89 | Cookie ... |
 * </pre>
 *
 * <p>Example: {@code FastOpen.request()} encodes as {@code 22 02};
 * {@code FastOpen.of(Bytes.fromHex("0102030405060708"))} as {@code 22 0a 01 02 03 04 05 06 07 08}.
 * Any cookie length that fits a length byte can be sent, to test what a peer does with it.
 */
public record FastOpen(int kind, int length, Bytes cookie) implements TcpOption {
    public static final int KIND = 34;
    /** The RFC 6994 shared experimental kind the RFC 7413 prototypes used, with {@link #MAGIC}. */
    public static final int EXPERIMENTAL_KIND = 254;
    /** The experiment identifier RFC 7413 §4.1.1 gives the kind-254 form. */
    public static final int MAGIC = 0xF989;

    /** A kind-34 option carrying {@code cookie}. */
    public static FastOpen of(Bytes cookie) {
        return new FastOpen(KIND, Field.AUTO, cookie);
    }

    /** A kind-34 cookie request (empty cookie). */
    public static FastOpen request() {
        return new FastOpen(KIND, Field.AUTO, Bytes.EMPTY);
    }

    /** The experimental kind-254 form with magic {@code 0xF989}. */
    public static FastOpen experimental(Bytes cookie) {
        return new FastOpen(EXPERIMENTAL_KIND, Field.AUTO, cookie);
    }

    public FastOpen {
        if (kind != KIND && kind != EXPERIMENTAL_KIND) {
            throw new IllegalArgumentException("kind: " + kind + " (expected: 34 or 254)");
        }
        Field.u8OrAuto("length", length);
        Field.nonNull("cookie", cookie);
        if (cookie.length() > 255 - headerLength(kind)) {
            throw new IllegalArgumentException("cookie: " + cookie.length() + " bytes (expected: 0.."
                    + (255 - headerLength(kind)) + ")");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A FastOpen built by {@code spec}, e.g. {@code FastOpen.of(b -> b.cookie(...))}. */
    public static FastOpen of(Consumer<Builder> spec) {
        Builder b = new Builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.kind = kind;
        b.length = length;
        b.cookie = cookie;
        return b;
    }

    public FastOpen withKind(int kind) {
        return new FastOpen(kind, length, cookie);
    }

    public FastOpen withLength(int length) {
        return new FastOpen(kind, length, cookie);
    }

    public FastOpen withCookie(Bytes cookie) {
        return new FastOpen(kind, length, cookie);
    }

    /** True for the experimental kind-254 form. */
    public boolean experimental() {
        return kind == EXPERIMENTAL_KIND;
    }

    /** Bytes before the cookie: kind and length, and for kind 254 the magic number. */
    public static int headerLength(int kind) {
        return kind == EXPERIMENTAL_KIND ? 4 : 2;
    }

    /** Builds a {@link FastOpen}; unset derived fields stay {@link Field#AUTO}. */
    public static final class Builder {
        private int kind = KIND;
        private int length = Field.AUTO;
        private Bytes cookie = Bytes.EMPTY;

        private Builder() {
        }

        /** The option kind: {@link #KIND} (34) or {@link #EXPERIMENTAL_KIND} (254, with the magic number). */
        public Builder kind(int kind) {
            this.kind = kind;
            return this;
        }

        /** The length byte; {@link Field#AUTO} (the default) lets the encoder write the right one. */
        public Builder length(int length) {
            this.length = length;
            return this;
        }

        /** The cookie; empty for a cookie request. */
        public Builder cookie(Bytes cookie) {
            this.cookie = cookie;
            return this;
        }

        public FastOpen build() {
            return new FastOpen(kind, length, cookie);
        }
    }
}
