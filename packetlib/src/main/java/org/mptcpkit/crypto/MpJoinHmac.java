package org.mptcpkit.crypto;

import org.mptcpkit.packet.Bytes;

/**
 * The HMACs that authenticate an MP_JOIN handshake (RFC 8684 §3.2, RFC 6824 §3.2).
 *
 * <p>Host A, the <em>initiator</em>, opens a new subflow to host B, the <em>responder</em>. Each
 * is named by its own connection key (K_A, K_B: the keys of the MP_CAPABLE handshake, so A may be
 * either the connection's client or its server) and the 32-bit random it sends in the join (R_A in
 * the SYN, R_B in the SYN-ACK):
 *
 * <pre>
 *   A -> B  SYN      MP_JOIN  token(K_B), R_A
 *   B -> A  SYN-ACK  MP_JOIN  R_B, leftmost 64 bits of HMAC(key = K_B‖K_A, msg = R_B‖R_A)
 *   A -> B  ACK      MP_JOIN  leftmost 160 bits of HMAC(key = K_A‖K_B, msg = R_A‖R_B)
 * </pre>
 *
 * HMAC-SHA256 for v1 (RFC 8684; 160 of its 256 bits in the ACK), HMAC-SHA1 for v0 (RFC 6824; its
 * whole 160 bits in the ACK). Every method takes its arguments in the same order, initiator
 * first, and puts the key and message halves in the order its packet needs, so a caller never
 * swaps them by hand:
 *
 * <pre>{@code
 * // Linux 6.18, 03-multipath-v4.pcap frames 6-8: client (K_A) joins the server (K_B)
 * long kA = -2115227313576740182L; // 16331516760132811434 unsigned
 * long kB = 3636904298737523150L;
 * MpJoinHmac.synAckTruncatedHmac(V1, kA, kB, 2827387495L, 2493248081L)
 *         == 0xe2fdcd17afc5fdacL;                     // tshark sendtrunchmac 16356454923296439724
 * MpJoinHmac.ackHmac(V1, kA, kB, 2827387495L, 2493248081L)
 *         .hex().equals("e56fe22eff3d8972625c34a025d0ec680fc5f3d1");
 * }</pre>
 *
 * Randoms are unsigned 32-bit values (0..2^32-1); keys are the 64-bit wire values.
 */
public final class MpJoinHmac {
    /** Length of the MP_JOIN ACK's HMAC: 160 bits. */
    public static final int ACK_HMAC_LENGTH = 20;

    private MpJoinHmac() {
    }

    /**
     * The truncated HMAC the responder B sends in its MP_JOIN SYN-ACK: the leftmost 64 bits of
     * HMAC(key = K_B‖K_A, msg = R_B‖R_A), as the big-endian value of those 8 bytes.
     */
    public static long synAckTruncatedHmac(int version, long initiatorKey, long responderKey,
                                           long initiatorRandom, long responderRandom) {
        CryptoScratch s = compute(version, responderKey, initiatorKey,
                CryptoScratch.checkU32("responderRandom", responderRandom),
                CryptoScratch.checkU32("initiatorRandom", initiatorRandom));
        return CryptoScratch.get64(s.out, 0);
    }

    /**
     * The HMAC the initiator A sends in its MP_JOIN ACK: the leftmost 160 bits of
     * HMAC(key = K_A‖K_B, msg = R_A‖R_B).
     */
    public static Bytes ackHmac(int version, long initiatorKey, long responderKey,
                                long initiatorRandom, long responderRandom) {
        CryptoScratch s = compute(version, initiatorKey, responderKey,
                CryptoScratch.checkU32("initiatorRandom", initiatorRandom),
                CryptoScratch.checkU32("responderRandom", responderRandom));
        return Bytes.copyOf(s.out, 0, ACK_HMAC_LENGTH);
    }

    /** Whether {@code truncatedHmac} is the SYN-ACK value for these keys and randoms. */
    public static boolean verifySynAck(int version, long initiatorKey, long responderKey,
                                       long initiatorRandom, long responderRandom, long truncatedHmac) {
        return synAckTruncatedHmac(version, initiatorKey, responderKey, initiatorRandom, responderRandom)
                == truncatedHmac;
    }

    /**
     * Whether {@code hmac} is the ACK value for these keys and randoms. A value of any length but
     * 20 bytes is wrong. Allocates nothing.
     */
    public static boolean verifyAck(int version, long initiatorKey, long responderKey,
                                    long initiatorRandom, long responderRandom, Bytes hmac) {
        CryptoScratch s = compute(version, initiatorKey, responderKey,
                CryptoScratch.checkU32("initiatorRandom", initiatorRandom),
                CryptoScratch.checkU32("responderRandom", responderRandom));
        if (hmac.length() != ACK_HMAC_LENGTH) return false;
        int diff = 0;
        for (int i = 0; i < ACK_HMAC_LENGTH; i++) diff |= s.out[i] ^ hmac.get(i);
        return diff == 0;
    }

    /**
     * The whole, untruncated HMAC(key = key1‖key2, msg = random1‖random2): 32 bytes for v1, 20 for
     * v0. For crafting joins that truncate or order differently on purpose; the SYN-ACK value is
     * {@code hmac(v, K_B, K_A, R_B, R_A)}'s first 8 bytes, the ACK value
     * {@code hmac(v, K_A, K_B, R_A, R_B)}'s first 20.
     */
    public static Bytes hmac(int version, long key1, long key2, long random1, long random2) {
        boolean sha1 = CryptoScratch.usesSha1(version);
        CryptoScratch s = compute(version, key1, key2,
                CryptoScratch.checkU32("random1", random1), CryptoScratch.checkU32("random2", random2));
        return Bytes.copyOf(s.out, 0, sha1 ? 20 : 32);
    }

    private static CryptoScratch compute(int version, long key1, long key2, long random1, long random2) {
        boolean sha1 = CryptoScratch.usesSha1(version);
        CryptoScratch s = CryptoScratch.get();
        CryptoScratch.put64(s.key, 0, key1);
        CryptoScratch.put64(s.key, 8, key2);
        CryptoScratch.put32(s.msg, 0, random1);
        CryptoScratch.put32(s.msg, 4, random2);
        s.hmac(sha1, 16, 8);
        return s;
    }
}
