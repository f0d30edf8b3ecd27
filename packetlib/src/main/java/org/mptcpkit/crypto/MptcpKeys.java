package org.mptcpkit.crypto;

import org.mptcpkit.packet.Bytes;

/**
 * Key-derived values of RFC 8684 §3.1 (v1, SHA-256) and RFC 6824 §3.1 (v0, SHA-1): the token is the
 * most significant 32 bits of the hash of the key, the initial data sequence number (IDSN) the
 * least significant 64 bits. The key is hashed as its 8 bytes on the wire, so a key printed as a
 * number is its big-endian value.
 *
 * <pre>{@code
 * // Linux 6.18, 03-multipath-v4.pcap frame 2 (tshark: mptcp.expected_token, mptcp.expected_idsn)
 * MptcpKeys.token(3636904298737523150L, MptcpKeys.V1) == 2214011194L
 * MptcpKeys.idsn(3636904298737523150L, MptcpKeys.V1)  == 8165664902919243936L  // unsigned
 * }</pre>
 *
 * <p>The {@code long} forms allocate nothing; every method accepts only versions {@link #V0} and
 * {@link #V1} (no other version defines a hash) and throws {@link IllegalArgumentException} otherwise.
 */
public final class MptcpKeys {
    /** MPTCP version 0 (RFC 6824): SHA-1, HMAC-SHA1. */
    public static final int V0 = 0;
    /** MPTCP version 1 (RFC 8684): SHA-256, HMAC-SHA256. */
    public static final int V1 = 1;

    private MptcpKeys() {
    }

    /** The hash of the key bytes for {@code version}: SHA-1 for v0, SHA-256 for v1; a fresh array. */
    public static byte[] hash(Bytes key, int version) {
        boolean sha1 = CryptoScratch.usesSha1(version);
        CryptoScratch s = CryptoScratch.get();
        byte[] k = key.length() <= s.msg.length ? s.msg : new byte[key.length()];
        key.copyTo(k, 0);
        int n = s.digest(sha1, k, 0, key.length());
        return java.util.Arrays.copyOf(s.out, n);
    }

    /** The token of a key given as its wire bytes (RFC 8684 §3.2). */
    public static long token(Bytes key, int version) {
        byte[] h = hash(key, version);
        return ((long) (h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
    }

    /** The IDSN of a key given as its wire bytes (RFC 8684 §3.1). */
    public static long idsn(Bytes key, int version) {
        byte[] h = hash(key, version);
        return CryptoScratch.get64(h, h.length - 8);
    }

    /**
     * The token: the most significant 32 bits of the hash of the 64-bit key (RFC 8684 §3.2,
     * "a truncated (most significant 32 bits) SHA-256 hash of the key"), as 0..2^32-1.
     */
    public static long token(long key, int version) {
        CryptoScratch s = hashKey(key, version);
        return ((long) (s.out[0] & 0xff) << 24) | ((s.out[1] & 0xff) << 16) | ((s.out[2] & 0xff) << 8)
                | (s.out[3] & 0xff);
    }

    /**
     * The IDSN: the least significant 64 bits of the hash of the 64-bit key (RFC 8684 §3.1, "the
     * least significant 64 bits of the SHA-256 hash of the key"). The first data byte a host sends
     * has DSN {@code idsn + 1}.
     */
    public static long idsn(long key, int version) {
        int n = CryptoScratch.usesSha1(version) ? 20 : 32;
        CryptoScratch s = hashKey(key, version);
        return CryptoScratch.get64(s.out, n - 8);
    }

    private static CryptoScratch hashKey(long key, int version) {
        boolean sha1 = CryptoScratch.usesSha1(version);
        CryptoScratch s = CryptoScratch.get();
        CryptoScratch.put64(s.msg, 0, key);
        s.digest(sha1, s.msg, 0, 8);
        return s;
    }
}
