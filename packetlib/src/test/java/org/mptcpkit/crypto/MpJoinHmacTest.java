package org.mptcpkit.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpkit.crypto.MptcpKeys.V0;
import static org.mptcpkit.crypto.MptcpKeys.V1;

import org.junit.jupiter.api.Test;
import org.mptcpkit.packet.Bytes;

/**
 * A Linux 6.18 join, 03-multipath-v4.pcap: the client (A, key K_A from the MP_CAPABLE ACK) opens
 * a second subflow 10.0.3.1:55507 -> 10.0.3.2:10100 to the server (B).
 * <pre>
 * frame 6  SYN      1e0c1102 83f7213a a8868267        token(K_B), R_A = 2827387495
 * frame 7  SYN-ACK  1e101102 e2fdcd17afc5fdac 949bf251   trunc HMAC, R_B = 2493248081
 * frame 8  ACK      1e181000 e56fe22eff3d8972625c34a025d0ec680fc5f3d1
 * </pre>
 */
class MpJoinHmacTest {
    static final long K_A = Long.parseUnsignedLong("16331516760132811434");
    static final long K_B = 3636904298737523150L;
    static final long R_A = 2827387495L;
    static final long R_B = 2493248081L;

    @Test
    void v1MatchesLinux() {
        assertEquals(K_A, -2115227313576740182L); // the literal used in the class javadoc
        long trunc = MpJoinHmac.synAckTruncatedHmac(V1, K_A, K_B, R_A, R_B);
        assertEquals(0xe2fdcd17afc5fdacL, trunc);
        assertEquals("16356454923296439724", Long.toUnsignedString(trunc)); // tshark sendtrunchmac
        Bytes ack = MpJoinHmac.ackHmac(V1, K_A, K_B, R_A, R_B);
        assertEquals("e56fe22eff3d8972625c34a025d0ec680fc5f3d1", ack.hex());
        assertTrue(MpJoinHmac.verifySynAck(V1, K_A, K_B, R_A, R_B, trunc));
        assertTrue(MpJoinHmac.verifyAck(V1, K_A, K_B, R_A, R_B, ack));
    }

    @Test
    void untruncatedHmacIsTheSourceOfBothValues() {
        Bytes full = MpJoinHmac.hmac(V1, K_A, K_B, R_A, R_B);
        assertEquals(32, full.length());
        assertEquals(MpJoinHmac.ackHmac(V1, K_A, K_B, R_A, R_B), full.slice(0, 20));
        assertEquals("e56fe22eff3d8972625c34a025d0ec680fc5f3d178c71a25f30f491c13ca662d", full.hex());
        assertEquals(MpJoinHmac.synAckTruncatedHmac(V1, K_A, K_B, R_A, R_B),
                MpJoinHmac.hmac(V1, K_B, K_A, R_B, R_A).slice(0, 8).toLong());
    }

    @Test
    void v0UsesHmacSha1() {
        // RFC 6824 §3.2 with the same inputs (values from Python's hmac with hashlib.sha1).
        assertEquals(0x5719450f4ff6b770L, MpJoinHmac.synAckTruncatedHmac(V0, K_A, K_B, R_A, R_B));
        assertEquals("5c7b0a72ca3b4b57ba78ff86c7a6b2dd7ef00721", MpJoinHmac.ackHmac(V0, K_A, K_B, R_A, R_B).hex());
        assertEquals(20, MpJoinHmac.hmac(V0, K_A, K_B, R_A, R_B).length());
    }

    @Test
    void wrongValuesAndSwappedRolesFailVerification() {
        long trunc = MpJoinHmac.synAckTruncatedHmac(V1, K_A, K_B, R_A, R_B);
        assertFalse(MpJoinHmac.verifySynAck(V1, K_A, K_B, R_A, R_B, trunc ^ 1));
        assertFalse(MpJoinHmac.verifySynAck(V1, K_B, K_A, R_A, R_B, trunc));
        assertFalse(MpJoinHmac.verifySynAck(V1, K_A, K_B, R_B, R_A, trunc));
        assertFalse(MpJoinHmac.verifySynAck(V0, K_A, K_B, R_A, R_B, trunc));
        Bytes ack = MpJoinHmac.ackHmac(V1, K_A, K_B, R_A, R_B);
        byte[] flipped = ack.toByteArray();
        flipped[19] ^= 0x01;
        assertFalse(MpJoinHmac.verifyAck(V1, K_A, K_B, R_A, R_B, Bytes.of(flipped)));
        assertFalse(MpJoinHmac.verifyAck(V1, K_A, K_B, R_A, R_B, ack.slice(0, 19)));
        assertFalse(MpJoinHmac.verifyAck(V1, K_A, K_B, R_A, R_B, Bytes.EMPTY));
    }

    @Test
    void randomsAreUnsigned32Bit() {
        assertEquals(MpJoinHmac.ackHmac(V1, 1, 2, 0xffffffffL, 0).length(), 20);
        var e = assertThrows(IllegalArgumentException.class,
                () -> MpJoinHmac.ackHmac(V1, K_A, K_B, 1L << 32, R_B));
        assertEquals("initiatorRandom: 4294967296 (expected: 0..4294967295)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MpJoinHmac.synAckTruncatedHmac(V1, K_A, K_B, R_A, -1));
        assertThrows(IllegalArgumentException.class, () -> MpJoinHmac.ackHmac(3, K_A, K_B, R_A, R_B));
    }
}
