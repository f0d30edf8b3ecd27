package org.mptcpkit.wire;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mptcpkit.crypto.MptcpKeys;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MptcpOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DSS checksum (RFC 8684 §3.3.1) and the MP_CAPABLE-with-data checksum, judged by the Linux
 * 6.18 kernel: an AUTO checksum must equal the one the kernel put on the wire.
 */
class MptcpChecksumTest {
    /**
     * In 05-dss-checksum.pcap the client (10.0.1.1) sends 1000 bytes of 'C' per segment and the
     * server 1000 bytes of 'S' (visible in the first 146 bytes the 200-byte snaplen kept; the
     * checksums below confirm the rest).
     */
    private static Bytes payload(MptcpCaptureTest.Row r, String src) {
        if (r.variants().contains("without payload")) return Bytes.EMPTY;
        byte[] b = new byte[1000];
        Arrays.fill(b, (byte) (src.equals("10.0.1.1") ? 'C' : 'S'));
        return Bytes.wrap(b);
    }

    @Test
    void autoChecksumsEqualTheKernels() throws IOException {
        int dss = 0;
        int dataFin = 0;
        int mpc = 0;
        for (MptcpCaptureTest.Row r : MptcpCaptureTest.rows()) {
            MptcpOption o = MptcpCodec.decode(r.raw(), Diagnostics.strict());
            if (!MptcpCaptureTest.hasChecksum(o)) continue;
            assertEquals("05-dss-checksum.pcap.mptcp-options.tsv", r.file(), "checksums are negotiated only there");
            String src = r.src();
            Bytes payload = payload(r, src);
            String where = r.file() + " frame " + r.frame() + " " + r.raw().hex();
            assertEquals(r.raw(), MptcpCodec.encode(o.withAutoDerived(), payload), where);
            if (o instanceof Dss d) {
                    dss++;
                    if (d.dataFin() && payload.isEmpty()) dataFin++;
                    assertEquals(d.checksum(), MptcpCodec.dssChecksum(d.dataSequenceNumber(),
                            d.subflowSequenceNumber(), d.dataLevelLength(), payload), where);
            } else if (o instanceof MpCapable.AckData a) {
                    mpc++;
                    long idsn = MptcpKeys.idsn(a.senderKeyBytes(), a.version());
                    assertEquals(a.checksum(), MptcpCodec.dssChecksum(idsn + 1, 1, a.dataLevelLength(), payload), where);
            }
        }
        assertTrue(dss >= 20 && dataFin >= 4 && mpc == 2, "dss " + dss + " data fin " + dataFin + " mpc " + mpc);
    }

    /** 05-dss-checksum frame 26: a DATA_FIN without payload, checked by hand against RFC 1071. */
    @Test
    void dataFinChecksumByHand() {
        // Pseudo-header words: 0978 62df 5356 cb19 | 0000 0000 | 0001 | 0000
        // sum = 0x18ac6 -> fold 0x8ac7 -> +1 (DLL) = 0x8ac8 -> ones' complement 0x7537
        assertEquals(0x7537, MptcpCodec.dssChecksum(0x097862df5356cb19L, 0, 1, Bytes.EMPTY));
        Dss fin = Dss.builder().dataAck(0x20970801ac78b196L).mapping(0x097862df5356cb19L, 0, 1).dataFin(true)
                .checksum().build();
        assertEquals(Bytes.fromHex("1e1c201f 20970801ac78b196 097862df5356cb19 00000000 0001 7537"),
                MptcpCodec.encode(fin, null));
    }

    @Test
    void setChecksumIsWrittenVerbatimEvenWhenWrong() {
        Dss d = Dss.builder().mapping(1, 1, 1).checksum(0xdead).build();
        assertEquals(0xdead, MptcpCodec.encode(d, Bytes.fromHex("41")).u16(18));
        Dss auto = d.withChecksum(Field.AUTO);
        int computed = MptcpCodec.encode(auto, Bytes.fromHex("41")).u16(18);
        assertEquals(MptcpCodec.dssChecksum(1, 1, 1, Bytes.fromHex("41")), computed);
        assertNotEquals(0xdead, computed);
        // The encoder never writes the computed value back into the model.
        assertEquals(Field.AUTO, auto.checksum());
    }

    @Test
    void fourByteDsnIsZeroExtendedInThePseudoHeader() {
        // RFC 8684 §3.3.1 sums the 64-bit DSN; a 4-byte DSN on the wire has no upper half, and the
        // encoder uses the 32 bits as given.
        Bytes payload = Bytes.fromHex("0102030405");
        Dss d = Dss.builder().mapping32(0xdeadbeefL, 7, 5).checksum().build();
        int sum = MptcpCodec.encode(d, payload).u16(14);
        assertEquals(MptcpCodec.dssChecksum(0x00000000deadbeefL, 7, 5, payload), sum);
        // With known upper bits, the caller computes it and sets it.
        int full = MptcpCodec.dssChecksum(0x12345678deadbeefL, 7, 5, payload);
        assertEquals(full, MptcpCodec.encode(d.withChecksum(full), payload).u16(14));
    }

    @Test
    void codecIdsnIsCryptosIdsn() {
        // The codec computes the IDSN itself (crypto sits above wire); both must agree, v0 and v1.
        for (long key : new long[] {0, 1, -1, 0x557e452ddd7ef6d6L, 0x877f9bcf737c4c6dL}) {
            for (int version : new int[] {0, 1}) {
                assertEquals(MptcpKeys.idsn(Bytes.ofLong(key), version), MptcpCodec.idsn(key, version));
            }
        }
    }

    @Test
    void payloadOfEveryLengthSumsLikeRfc1071() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int n = 0; n < 70; n++) {
            byte[] p = new byte[n];
            for (int i = 0; i < n; i++) p[i] = (byte) rnd.nextInt(256);
            long sum = InternetChecksum.add64(0, 0x0102030405060708L);
            sum = InternetChecksum.add32(sum, 0x0a0b0c0dL);
            sum = InternetChecksum.add16(sum, 0xfffe);
            int expected = InternetChecksum.finish(InternetChecksum.add(sum, p, 0, n));
            assertEquals(expected, MptcpCodec.dssChecksum(0x0102030405060708L, 0x0a0b0c0dL, 0xfffe, Bytes.wrap(p)), "n=" + n);
        }
    }

    @Test
    void oddPayloadIsPaddedWithZero() {
        // RFC 1071 §4.1: an odd last byte is summed as the high byte of a word.
        assertEquals(MptcpCodec.dssChecksum(0, 0, 0, Bytes.fromHex("ab00")),
                MptcpCodec.dssChecksum(0, 0, 0, Bytes.fromHex("ab")));
    }
}
