package org.mptcpkit.crypto;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * One thread's hash engines and buffers. {@code MessageDigest.getInstance} and
 * {@code Mac.getInstance} walk the provider list and allocate; the DSL and the interpreter compute
 * tokens, HMACs and checksums in loops, so each thread keeps one engine per algorithm (created on
 * first use) and fixed buffers that the engines write into. A computation takes the scratch,
 * uses it and returns before any other computation on the same thread starts, so the buffers are
 * never shared by two live computations.
 */
final class CryptoScratch {
    private static final ThreadLocal<CryptoScratch> CURRENT = ThreadLocal.withInitial(CryptoScratch::new);

    /** The largest digest: SHA-256. */
    static final int MAX_DIGEST = 32;
    /** Payload copies of up to this size reuse one buffer; a DSS mapping is at most 65535 bytes. */
    private static final int MAX_KEPT_PAYLOAD = 1 << 16;

    private MessageDigest sha1;
    private MessageDigest sha256;
    private Mac hmacSha1;
    private Mac hmacSha256;

    /** Input of a hash or HMAC: keys, randoms, ADD_ADDR fields (the longest message is 19 bytes). */
    final byte[] key = new byte[16];
    final byte[] msg = new byte[32];
    /** Output of a hash or HMAC. */
    final byte[] out = new byte[MAX_DIGEST];
    private byte[] payload = new byte[0];

    private CryptoScratch() {
    }

    static CryptoScratch get() {
        return CURRENT.get();
    }

    /**
     * Hashes {@code len} bytes of {@code in} with SHA-1 ({@code sha1}) or SHA-256 into {@link #out};
     * returns the digest length.
     */
    int digest(boolean useSha1, byte[] in, int off, int len) {
        MessageDigest md = useSha1 ? sha1() : sha256();
        md.update(in, off, len);
        try {
            return md.digest(out, 0, out.length);
        } catch (DigestException e) {
            throw new IllegalStateException("the scratch buffer holds every supported digest", e);
        }
    }

    /**
     * HMAC-SHA1 ({@code sha1}) or HMAC-SHA256 of {@code msgLen} bytes of {@link #msg} under the
     * {@code keyLen} bytes of {@link #key}, into {@link #out}; returns the MAC length.
     */
    int hmac(boolean useSha1, int keyLen, int msgLen) {
        return hmac(useSha1, key, 0, keyLen, msg, 0, msgLen);
    }

    /** HMAC of arbitrary key and message (any key length, RFC 2104 §2); the result is in {@link #out}. */
    int hmac(boolean useSha1, byte[] k, int kOff, int kLen, byte[] m, int mOff, int mLen) {
        Mac mac = useSha1 ? hmacSha1() : hmacSha256();
        try {
            // SecretKeySpec copies the key; Mac.init resets the engine, so a failed earlier use
            // cannot leak state into this one.
            mac.init(new SecretKeySpec(k, kOff, kLen, mac.getAlgorithm()));
            mac.update(m, mOff, mLen);
            mac.doFinal(out, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("the scratch buffer holds every supported MAC", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(mac.getAlgorithm() + " rejected a raw key", e);
        }
        return mac.getMacLength();
    }

    /** A buffer of at least {@code n} bytes for copying a payload out of a {@code Bytes}. */
    byte[] payload(int n) {
        if (payload.length >= n) return payload;
        byte[] b = new byte[n];
        // Keep buffers up to the largest DSS mapping; a bigger one is used once and dropped so a
        // single huge call does not pin memory to the thread for its life.
        if (n <= MAX_KEPT_PAYLOAD) payload = b;
        return b;
    }

    private MessageDigest sha1() {
        if (sha1 == null) sha1 = digestEngine("SHA-1");
        return sha1;
    }

    private MessageDigest sha256() {
        if (sha256 == null) sha256 = digestEngine("SHA-256");
        return sha256;
    }

    private Mac hmacSha1() {
        if (hmacSha1 == null) hmacSha1 = macEngine("HmacSHA1");
        return hmacSha1;
    }

    private Mac hmacSha256() {
        if (hmacSha256 == null) hmacSha256 = macEngine("HmacSHA256");
        return hmacSha256;
    }

    private static MessageDigest digestEngine(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is required by every Java platform", e);
        }
    }

    private static Mac macEngine(String name) {
        try {
            return Mac.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is required by every Java platform", e);
        }
    }

    /** Writes {@code value} big-endian into {@code b[off..off+8)}. */
    static void put64(byte[] b, int off, long value) {
        for (int i = 0; i < 8; i++) b[off + i] = (byte) (value >>> (56 - 8 * i));
    }

    /** Writes the low 32 bits of {@code value} big-endian into {@code b[off..off+4)}. */
    static void put32(byte[] b, int off, long value) {
        b[off] = (byte) (value >>> 24);
        b[off + 1] = (byte) (value >>> 16);
        b[off + 2] = (byte) (value >>> 8);
        b[off + 3] = (byte) value;
    }

    /** The big-endian 64-bit value at {@code b[off]}. */
    static long get64(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b[off + i] & 0xff);
        return v;
    }

    /** Checks {@code version} and says whether it hashes with SHA-1 (v0) rather than SHA-256 (v1). */
    static boolean usesSha1(int version) {
        if (version == MptcpKeys.V0) return true;
        if (version == MptcpKeys.V1) return false;
        throw new IllegalArgumentException("version: " + version + " (expected: 0..1)");
    }

    static long checkU32(String name, long value) {
        if ((value >>> 32) != 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0..4294967295)");
        }
        return value;
    }

    static int checkRange(String name, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0.." + max + ")");
        }
        return value;
    }
}
