package org.mptcpkit.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InternetChecksumTest {
    /** RFC 1071 §3: the worked example's sum of 00 01 f2 03 f4 f5 f6 f7 is ddf2, checksum 220d. */
    @Test
    void rfc1071Example() {
        byte[] b = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertEquals(0x220d, InternetChecksum.of(b, 0, b.length));
    }

    /** The 8-byte fast path equals the plain RFC 1071 16-bit loop for every length and offset. */
    @Test
    void wideSumEqualsWordSum() {
        Random r = new Random(1);
        for (int n = 0; n < 2000; n++) {
            byte[] b = new byte[r.nextInt(1600) + 1];
            r.nextBytes(b);
            int off = r.nextInt(b.length);
            int len = r.nextInt(b.length - off + 1);
            assertEquals(reference(b, off, len), InternetChecksum.of(b, off, len), "len " + len);
        }
    }

    @Test
    void checksumOfDataWithItsChecksumIsZero() {
        // An IPv4 header from 01-mpc-v4.pcap frame 1 (checksum at bytes 10..11).
        byte[] h = org.mptcpkit.packet.Bytes.fromHex("45000040e69140004006 3e240a0001010a000102").toByteArray();
        int stored = ((h[10] & 0xff) << 8) | (h[11] & 0xff);
        h[10] = 0;
        h[11] = 0;
        assertEquals(stored, InternetChecksum.of(h, 0, h.length));
    }

    private static int reference(byte[] b, int off, int len) {
        long sum = 0;
        int i = off;
        for (; i + 1 < off + len; i += 2) sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        if (i < off + len) sum += (b[i] & 0xff) << 8;
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        return (int) (~sum & 0xffff);
    }
}
