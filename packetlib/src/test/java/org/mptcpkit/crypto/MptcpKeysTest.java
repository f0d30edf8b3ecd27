package org.mptcpkit.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.mptcpkit.packet.Bytes;

class MptcpKeysTest {
    // 03-multipath-v4.pcap frame 2, MP_CAPABLE SYN-ACK from the Linux 6.18 server:
    //   1e0c01013278e130c85759ce
    //   tshark: sendkey=3636904298737523150 mptcp.expected_token=2214011194
    //           mptcp.expected_idsn=8165664902919243936
    private static final long SERVER_KEY = 3636904298737523150L;

    @Test
    void v1TokenAndIdsnMatchTshark() {
        assertEquals(2214011194L, MptcpKeys.token(SERVER_KEY, MptcpKeys.V1));
        assertEquals(8165664902919243936L, MptcpKeys.idsn(SERVER_KEY, MptcpKeys.V1));
        // The token is what the peer's MP_JOIN SYN carries: frame 6, 1e0c1102 83f7213a a8868267
        assertEquals(0x83f7213aL, MptcpKeys.token(SERVER_KEY, MptcpKeys.V1));
    }

    @Test
    void v1IdsnAboveSignedRange() {
        // 01-mpc-v4.pcap frame 3: sendkey=9763693832460586093 expected_idsn=14794181579012824413
        long key = Long.parseUnsignedLong("9763693832460586093");
        assertEquals(Long.parseUnsignedLong("14794181579012824413"), MptcpKeys.idsn(key, MptcpKeys.V1));
    }

    @Test
    void v0UsesSha1() {
        // RFC 6824 §3.1: SHA-1 of the same key bytes (value from Python's hashlib.sha1).
        assertEquals(2454772913L, MptcpKeys.token(SERVER_KEY, MptcpKeys.V0));
        assertEquals(8587359646658855660L, MptcpKeys.idsn(SERVER_KEY, MptcpKeys.V0));
    }

    @Test
    void bytesAndLongFormsAgree() {
        Bytes wire = Bytes.fromHex("3278e130c85759ce");
        for (int v : new int[] {MptcpKeys.V0, MptcpKeys.V1}) {
            assertEquals(MptcpKeys.token(SERVER_KEY, v), MptcpKeys.token(wire, v));
            assertEquals(MptcpKeys.idsn(SERVER_KEY, v), MptcpKeys.idsn(wire, v));
        }
        assertEquals(32, MptcpKeys.hash(wire, MptcpKeys.V1).length);
        assertEquals(20, MptcpKeys.hash(wire, MptcpKeys.V0).length);
    }

    @Test
    void unknownVersionHasNoHash() {
        var e = assertThrows(IllegalArgumentException.class, () -> MptcpKeys.token(SERVER_KEY, 2));
        assertEquals("version: 2 (expected: 0..1)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MptcpKeys.idsn(Bytes.ofLong(SERVER_KEY), -1));
    }
}
