package org.mptcpkit.packet;

import java.util.function.Consumer;

/**
 * TCP MD5 Signature (RFC 2385 §3.0; kind 19, length 18): a 16-byte MD5 digest. RFC 5925 (TCP-AO)
 * obsoletes it, yet BGP speakers still send it. The digest is carried, not computed.
 *
 * <pre>
 * +---------+---------+-------------------+
 * | Kind=19 |Length=18|   MD5 digest...   |
 * +---------+---------+-------------------+
 * </pre>
 *
 * <p>Example: {@code Md5Signature.of(Bytes.zeros(16))} encodes as {@code 13 12} and 16 zero bytes.
 */
public record Md5Signature(int length, Bytes digest) implements TcpOption {
    public static final int KIND = 19;
    public static final int LENGTH = 18;

    public static Md5Signature of(Bytes digest) {
        return new Md5Signature(Field.AUTO, digest);
    }

    public Md5Signature {
        Field.u8OrAuto("length", length);
        Field.length("digest", digest, 16);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An Md5Signature built by {@code spec}, e.g. {@code Md5Signature.of(b -> b.digest(...))}. */
    public static Md5Signature of(Consumer<Builder> spec) {
        Builder b = new Builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.length = length;
        b.digest = digest;
        return b;
    }

    public Md5Signature withLength(int length) {
        return new Md5Signature(length, digest);
    }

    public Md5Signature withDigest(Bytes digest) {
        return new Md5Signature(length, digest);
    }

    @Override
    public int kind() {
        return KIND;
    }

    /** Builds a {@link Md5Signature}; unset derived fields stay {@link Field#AUTO}. */
    public static final class Builder {
        private int length = Field.AUTO;
        private Bytes digest = Bytes.zeros(16);

        private Builder() {
        }

        /** The length byte; {@link Field#AUTO} (the default) lets the encoder write the right one. */
        public Builder length(int length) {
            this.length = length;
            return this;
        }

        /** The 16-byte MD5 digest. */
        public Builder digest(Bytes digest) {
            this.digest = digest;
            return this;
        }

        public Md5Signature build() {
            return new Md5Signature(length, digest);
        }
    }
}
