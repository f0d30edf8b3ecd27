package org.mptcpkit.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The HMAC plumbing under every MPTCP HMAC, judged by the published vectors: RFC 4231 §4 for
 * HMAC-SHA256 (v1) and RFC 2202 §3 for HMAC-SHA1 (v0). Keys longer than the block (64 bytes) and
 * messages longer than the block prove nothing is cut to the short MPTCP sizes.
 */
class HmacWiringTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String hmac(boolean sha1, byte[] key, byte[] msg) {
        CryptoScratch s = CryptoScratch.get();
        int n = s.hmac(sha1, key, 0, key.length, msg, 0, msg.length);
        return HEX.formatHex(s.out, 0, n);
    }

    private static byte[] fill(int value, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void rfc4231HmacSha256() {
        // Test Case 1
        assertEquals("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                hmac(false, fill(0x0b, 20), ascii("Hi There")));
        // Test Case 2: key shorter than the output
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                hmac(false, ascii("Jefe"), ascii("what do ya want for nothing?")));
        // Test Case 3: 50 bytes of 0xdd
        assertEquals("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
                hmac(false, fill(0xaa, 20), fill(0xdd, 50)));
        // Test Case 4: key 0x01..0x19
        byte[] key4 = new byte[25];
        for (int i = 0; i < 25; i++) key4[i] = (byte) (i + 1);
        assertEquals("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
                hmac(false, key4, fill(0xcd, 50)));
        // Test Case 5: the RFC gives only the leftmost 128 bits, the way MPTCP truncates too
        assertEquals("a3b6167473100ee06e0c796c2955552b",
                hmac(false, fill(0x0c, 20), ascii("Test With Truncation")).substring(0, 32));
        // Test Case 6: 131-byte key, hashed first
        assertEquals("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                hmac(false, fill(0xaa, 131), ascii("Test Using Larger Than Block-Size Key - Hash Key First")));
        // Test Case 7: long key and long message
        assertEquals("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
                hmac(false, fill(0xaa, 131), ascii("This is a test using a larger than block-size key and a "
                        + "larger than block-size data. The key needs to be hashed before being used by the "
                        + "HMAC algorithm.")));
    }

    @Test
    void rfc2202HmacSha1() {
        assertEquals("b617318655057264e28bc0b6fb378c8ef146be00",
                hmac(true, fill(0x0b, 20), ascii("Hi There")));
        assertEquals("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
                hmac(true, ascii("Jefe"), ascii("what do ya want for nothing?")));
        assertEquals("125d7342b9ac11cd91a39af48aa17b4f63f175d3",
                hmac(true, fill(0xaa, 20), fill(0xdd, 50)));
        assertEquals("aa4ae5e15272d00e95705637ce8a3b55ed402112",
                hmac(true, fill(0xaa, 80), ascii("Test Using Larger Than Block-Size Key - Hash Key First")));
    }

    @Test
    void engineStateDoesNotLeakBetweenAlgorithmsOrCalls() {
        // The per-thread engines are reused: interleave both algorithms and keys and check that
        // each result is the one computed alone.
        String a = hmac(false, fill(0x0b, 20), ascii("Hi There"));
        String b = hmac(true, ascii("Jefe"), ascii("what do ya want for nothing?"));
        for (int i = 0; i < 3; i++) {
            assertEquals(b, hmac(true, ascii("Jefe"), ascii("what do ya want for nothing?")));
            assertEquals(a, hmac(false, fill(0x0b, 20), ascii("Hi There")));
        }
    }
}
