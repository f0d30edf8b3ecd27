package org.mptcpkit.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.wire.InternetChecksum;

class DssChecksumTest {
    private static Bytes fill(int value, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return Bytes.wrap(b);
    }

    @Test
    void rfc1071NumericalExampleBehindAZeroPseudoHeader() {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2; the checksum is its complement.
        // A pseudo-header of zeros adds nothing, so the DSS checksum is the same.
        Bytes payload = Bytes.fromHex("0001f203f4f5f6f7");
        assertEquals(0x220d, DssChecksum.compute(0, 0, 0, payload));
    }

    @Test
    void dataFinAloneFromLinux() {
        // 05-dss-checksum.pcap frame 26, client DATA_FIN, DSS (len 28):
        //   1e1c 20 1f 20970801ac78b196 097862df5356cb19 00000000 0001 7537
        //   data ack, DSN 682404054862056217, SSN 0, DLL 1, checksum 0x7537
        int dll = DssChecksum.dataLevelLength(0, true);
        assertEquals(1, dll);
        assertEquals(0x7537, DssChecksum.compute(682404054862056217L, 0, dll, Bytes.EMPTY));
        assertTrue(DssChecksum.verify(682404054862056217L, 0, dll, Bytes.EMPTY, 0x7537));
        // frame 31, the server's DATA_FIN: ... 20970801ac78b57e 00000000 0001 756f
        assertEquals(0x756f, DssChecksum.compute(2348354533978584446L, 0, 1, new byte[0], 0, 0));
    }

    @Test
    void dataMappingFromLinux() {
        // 05-dss-checksum.pcap frame 10, server data, DSS (len 28):
        //   1e1c 20 0f 097862df5356b791 20970801ac789e0e 00000001 03e8 ca38
        // The capture (snaplen 200) holds the first 146 payload bytes, all 'S' (0x53); the test
        // program wrote 1000 of them, so the whole payload is rebuilt here.
        Bytes payload = fill('S', 1000);
        assertEquals(0xca38, DssChecksum.compute(2348354533978578446L, 1, 1000, payload));
        assertFalse(DssChecksum.verify(2348354533978578446L, 1, 1000, payload.slice(1), 0xca38));
    }

    @Test
    void mpCapableWithDataFromLinux() {
        // 05-dss-checksum.pcap frame 4, MP_CAPABLE ACK with data (len 24), 1000 'C' (0x43):
        //   1e18 01 81 557e452ddd7ef6d6 80b80a317c215bf8 03e8 2960
        //   tshark: sendkey=6160437403581347542 expected_idsn=682404054862050216 checksum=0x2960
        long clientKey = 6160437403581347542L;
        assertEquals(682404054862050217L, DssChecksum.mpCapableDataSequenceNumber(clientKey));
        Bytes payload = fill('C', 1000);
        assertEquals(0x2960, DssChecksum.mpCapableChecksum(clientKey, 1000, payload));
        assertEquals(0x2960, DssChecksum.mpCapableChecksum(clientKey, 1000, payload.toByteArray(), 0, 1000));
        assertTrue(DssChecksum.verifyMpCapable(clientKey, 1000, payload, 0x2960));
        assertFalse(DssChecksum.verifyMpCapable(clientKey, 1000, payload, 0x2961));
        // The same mapping restated in a DSS: DSN = IDSN + 1, SSN = 1
        assertEquals(0x2960, DssChecksum.compute(682404054862050217L, 1, 1000, payload));
    }

    @Test
    void piecesAtOddOffsetsSumLikeTheWhole() {
        SplittableRandom rnd = new SplittableRandom(8684);
        for (int len : new int[] {1, 2, 3, 7, 64, 1001}) {
            byte[] b = new byte[len];
            rnd.nextBytes(b);
            long dsn = rnd.nextLong();
            long ssn = rnd.nextLong() >>> 32;
            int whole = DssChecksum.compute(dsn, ssn, len, b, 0, len);
            assertEquals(whole, DssChecksum.compute(dsn, ssn, len, Bytes.wrap(b)));
            for (int cut = 0; cut <= len; cut++) {
                long sum = DssChecksum.pseudoHeaderSum(dsn, ssn, len);
                sum = DssChecksum.addPayload(sum, 0, b, 0, cut);
                sum = DssChecksum.addPayload(sum, cut, Bytes.wrap(b).slice(cut));
                assertEquals(whole, InternetChecksum.finish(sum), "len " + len + " cut " + cut);
            }
            // three pieces, both odd
            if (len >= 4) {
                long sum = DssChecksum.pseudoHeaderSum(dsn, ssn, len);
                sum = DssChecksum.addPayload(sum, 0, b, 0, 1);
                sum = DssChecksum.addPayload(sum, 1, b, 1, 2);
                sum = DssChecksum.addPayload(sum, 3, b, 3, len - 3);
                assertEquals(whole, InternetChecksum.finish(sum));
            }
        }
    }

    @Test
    void verifyAcceptsEitherZeroWhereTheChecksumIsZero() {
        // Pseudo-header words: DLL 2; payload fffd: 0x0002 + 0xfffd = 0xffff, checksum 0x0000.
        Bytes payload = Bytes.fromHex("fffd");
        assertEquals(0x0000, DssChecksum.compute(0, 0, 2, payload));
        assertTrue(DssChecksum.verify(0, 0, 2, payload, 0x0000));
        assertTrue(DssChecksum.verify(0, 0, 2, payload, 0xffff));
        assertFalse(DssChecksum.verify(0, 0, 2, payload, 0x0001));
    }

    @Test
    void everyBitOfThePseudoHeaderCounts() {
        long dsn = 682404054862056217L;
        int good = DssChecksum.compute(dsn, 0, 1, Bytes.EMPTY);
        for (int bit = 0; bit < 64; bit++) {
            assertFalse(DssChecksum.verify(dsn ^ (1L << bit), 0, 1, Bytes.EMPTY, good), "dsn bit " + bit);
        }
        for (int bit = 0; bit < 32; bit++) {
            assertFalse(DssChecksum.verify(dsn, 1L << bit, 1, Bytes.EMPTY, good), "ssn bit " + bit);
        }
        for (int bit = 0; bit < 16; bit++) {
            assertFalse(DssChecksum.verify(dsn, 0, 1 ^ (1 << bit), Bytes.EMPTY, good), "dll bit " + bit);
        }
    }
}
