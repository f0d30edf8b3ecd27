package org.mptcpkit.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.mptcpkit.packet.Bytes;

/**
 * Key-derived values of RFC 8684 §3.1 (v1, SHA-256) and RFC 6824 §3.1 (v0, SHA-1): the token is the
 * most significant 32 bits of the hash of the key, the initial data sequence number (IDSN) the
 * least significant 64 bits. The key is hashed as its 8 bytes on the wire.
 */
public final class MptcpKeys {
    /** MPTCP version 0 (RFC 6824): SHA-1. */
    public static final int V0 = 0;
    /** MPTCP version 1 (RFC 8684): SHA-256. */
    public static final int V1 = 1;

    private MptcpKeys() {
    }

    /** The hash of the key for {@code version}: SHA-1 for v0, SHA-256 otherwise. */
    public static byte[] hash(Bytes key, int version) {
        MessageDigest md = digest(version == V0 ? "SHA-1" : "SHA-256");
        byte[] k = new byte[key.length()];
        key.copyTo(k, 0);
        return md.digest(k);
    }

    /** The token: the most significant 32 bits of the key's hash (RFC 8684 §3.2). */
    public static long token(Bytes key, int version) {
        byte[] h = hash(key, version);
        return ((long) (h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
    }

    /** The IDSN: the least significant 64 bits of the key's hash (RFC 8684 §3.1). */
    public static long idsn(Bytes key, int version) {
        byte[] h = hash(key, version);
        long v = 0;
        for (int i = h.length - 8; i < h.length; i++) v = (v << 8) | (h[i] & 0xff);
        return v;
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is required by every Java platform", e);
        }
    }
}
