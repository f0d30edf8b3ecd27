package org.mptcpkit.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpkit.crypto.MptcpVerifier.Keys;
import org.mptcpkit.crypto.Verification.Check;
import org.mptcpkit.crypto.Verification.Status;
import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MpJoin;
import org.mptcpkit.packet.MptcpOption;
import org.mptcpkit.packet.Nop;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.wire.Diagnostics;
import org.mptcpkit.wire.MptcpCodec;
import org.mptcpkit.wire.PacketCodec;

/**
 * The verifier on options decoded from Linux 6.18's bytes (03-multipath-v4.pcap frames 3-8 and
 * 05-dss-checksum.pcap frame 26; the tests module checks every capture), on wrong values crafted
 * on purpose, and on what our own encoder computes for AUTO checksums.
 */
class MptcpVerifierTest {
    // 03-multipath-v4.pcap frame 3: the client's (10.0.1.1) third ACK, 1e140101 <K_A> <K_B>.
    static final long CLIENT_KEY = 0xe2a533f71b0dfaaaL;
    static final long SERVER_KEY = 0x3278e130c85759ceL;
    // Frames 6 and 7: the client joins the server; R_A in the SYN, R_B in the SYN-ACK.
    static final long R_A = 0xa8868267L;
    static final long R_B = 0x949bf251L;

    private static MptcpOption option(String hex) {
        return MptcpCodec.decode(Bytes.fromHex(hex), Diagnostics.strict());
    }

    private static Tcp segment(Bytes payload, TcpOption... options) {
        return Tcp.of(t -> t.srcPort(55507).dstPort(10100).ack().options(options).payload(payload));
    }

    @Test
    void joinSynTokenIsTheReceiversKeysToken() {
        MpJoin.Syn syn = (MpJoin.Syn) option("1e0c110283f7213aa8868267"); // frame 6
        Verification v = MptcpVerifier.joinToken(syn, MptcpKeys.V1, SERVER_KEY);
        assertEquals(Status.VALID, v.status(), v.toString());
        assertEquals(Bytes.fromHex("83f7213a"), v.found());
        assertEquals(v.found(), v.expected());
        Verification wrong = MptcpVerifier.joinToken(syn, MptcpKeys.V1, CLIENT_KEY);
        assertEquals(Status.INVALID, wrong.status());
        assertEquals(Bytes.fromHex("83f7213a"), wrong.found());
        assertEquals(MptcpKeys.token(CLIENT_KEY, MptcpKeys.V1), wrong.expected().u32(0));
        // In a segment: the sender is the client, so the receiver's key is the server's.
        List<Verification> all = MptcpVerifier.verify(segment(Bytes.EMPTY, Nop.INSTANCE, syn),
                Keys.of(MptcpKeys.V1, CLIENT_KEY, SERVER_KEY));
        assertEquals(1, all.size());
        assertEquals(Check.MP_JOIN_TOKEN, all.getFirst().check());
        assertTrue(all.getFirst().isValid());
    }

    @Test
    void joinSynAckAndAckHmacsWithTheRandomsOfBothHosts() {
        MpJoin.SynAck synAck = (MpJoin.SynAck) option("1e101102e2fdcd17afc5fdac949bf251"); // frame 7
        MpJoin.Ack ack = (MpJoin.Ack) option("1e181000e56fe22eff3d8972625c34a025d0ec680fc5f3d1"); // frame 8
        // The SYN-ACK is sent by the server (B) to the client (A).
        Keys server = Keys.of(MptcpKeys.V1, SERVER_KEY, CLIENT_KEY).withRandoms(R_B, R_A);
        Verification v = MptcpVerifier.verify(segment(Bytes.EMPTY, synAck), server).getFirst();
        assertEquals(Status.VALID, v.status(), v.toString());
        assertEquals(Bytes.fromHex("e2fdcd17afc5fdac"), v.expected());
        assertEquals(v, MptcpVerifier.joinSynAckHmac(synAck, MptcpKeys.V1, SERVER_KEY, CLIENT_KEY, R_A));
        // The ACK is sent by the client: the same knowledge, reversed.
        Verification a = MptcpVerifier.verify(segment(Bytes.EMPTY, ack), server.reversed()).getFirst();
        assertEquals(Status.VALID, a.status(), a.toString());
        assertEquals(Bytes.fromHex("e56fe22eff3d8972625c34a025d0ec680fc5f3d1"), a.expected());

        // Roles swapped: the values cannot match.
        assertEquals(Status.INVALID, MptcpVerifier.verify(segment(Bytes.EMPTY, synAck), server.reversed()).getFirst().status());
        assertEquals(Status.INVALID, MptcpVerifier.verify(segment(Bytes.EMPTY, ack), server).getFirst().status());
        // One bit off in the HMAC.
        Verification bad = MptcpVerifier.verify(segment(Bytes.EMPTY,
                synAck.withSenderTruncatedHmac(synAck.senderTruncatedHmac() ^ 1)), server).getFirst();
        assertEquals(Status.INVALID, bad.status());
        assertEquals(Bytes.fromHex("e2fdcd17afc5fdad"), bad.found());
        assertEquals(Bytes.fromHex("e2fdcd17afc5fdac"), bad.expected());
        assertEquals("MP_JOIN SYN-ACK HMAC: INVALID: expected 0xe2fdcd17afc5fdac, found 0xe2fdcd17afc5fdad (K_B "
                + SERVER_KEY + ", K_A " + Long.toUnsignedString(CLIENT_KEY) + ", R_B " + R_B + ", R_A " + R_A
                + ", v1; RFC 8684 §3.2)", bad.toString());

        // Without the randoms nothing is decided, and the report says what is missing.
        Verification noRandom = MptcpVerifier.verify(segment(Bytes.EMPTY, synAck),
                Keys.of(MptcpKeys.V1, SERVER_KEY, CLIENT_KEY)).getFirst();
        assertEquals(Status.UNVERIFIABLE, noRandom.status());
        assertEquals("MP_JOIN SYN-ACK HMAC: UNVERIFIABLE: needs the receiver's random (R_A, from its MP_JOIN SYN)"
                + " (RFC 8684 §3.2)", noRandom.toString());
        Verification noKeys = MptcpVerifier.verify(segment(Bytes.EMPTY, ack), null).getFirst();
        assertEquals(Status.UNVERIFIABLE, noKeys.status());
        assertEquals(ack.senderHmac(), noKeys.found());
        assertTrue(noKeys.expected().isEmpty());
    }

    @Test
    void addAddrHmacIsTheSendersKeyFirst() {
        AddAddr.V1 announce = (AddAddr.V1) option("1e1230020a0003022774252cdc27738c89d9"); // frame 4, from the server
        AddAddr.V1 echo = (AddAddr.V1) option("1e0a31020a0003022774"); // frame 5, the client's echo
        Keys server = Keys.of(MptcpKeys.V1, SERVER_KEY, CLIENT_KEY);
        List<Verification> v = MptcpVerifier.verify(segment(Bytes.EMPTY, announce), server);
        assertEquals(1, v.size());
        assertEquals(Status.VALID, v.getFirst().status(), v.getFirst().toString());
        assertEquals(Bytes.fromHex("252cdc27738c89d9"), v.getFirst().found());
        assertEquals(Status.INVALID, MptcpVerifier.addAddrHmac(announce, CLIENT_KEY, SERVER_KEY).status());
        // The port is part of the message: the same HMAC without it is wrong.
        assertEquals(Status.INVALID, MptcpVerifier.addAddrHmac(announce.withoutPort(), SERVER_KEY, CLIENT_KEY).status());
        // An echo carries no HMAC: nothing to check in the segment.
        assertEquals(List.of(), MptcpVerifier.verify(segment(Bytes.EMPTY, echo), server.reversed()));
        assertEquals(Status.UNVERIFIABLE, MptcpVerifier.addAddrHmac(echo, CLIENT_KEY, SERVER_KEY).status());
    }

    @Test
    void dssChecksumOfALinuxDataFin() {
        // 05-dss-checksum.pcap frame 26: DATA_FIN alone, DSN 682404054862056217, SSN 0, DLL 1.
        Dss fin = (Dss) option("1e1c201f20970801ac78b196097862df5356cb190000000000017537");
        Verification v = MptcpVerifier.verify(segment(Bytes.EMPTY, fin), null).getFirst();
        assertEquals(Status.VALID, v.status(), v.toString());
        assertEquals("DSS checksum: VALID 0x7537 (DSN 682404054862056217, SSN 0, DLL 1, 0 payload bytes; RFC 8684 §3.3.1)",
                v.toString());
        Verification bad = MptcpVerifier.verify(segment(Bytes.EMPTY, fin.withChecksum(0x7538)), null).getFirst();
        assertEquals(Status.INVALID, bad.status());
        assertEquals(Bytes.fromHex("7537"), bad.expected());
        assertEquals(Bytes.fromHex("7538"), bad.found());
        // A byte of payload that the mapping does not cover: not this segment's whole mapping.
        Verification partial = MptcpVerifier.verify(segment(Bytes.of((byte) 1), fin), null).getFirst();
        assertEquals(Status.UNVERIFIABLE, partial.status());
        assertTrue(partial.detail().contains("covers 0 payload bytes, the segment carries 1"), partial.detail());
    }

    @Test
    void whatOurEncoderComputesForAutoChecksumsVerifies() {
        Bytes payload = Bytes.fromHex("48656c6c6f2c204d50544350210a"); // odd and even lengths both covered below
        long key = 0x0123456789abcdefL;
        for (Bytes p : List.of(payload, payload.slice(1), Bytes.EMPTY)) {
            for (MptcpOption o : List.of(MpCapable.ackDataWithChecksum(key, 0x1122334455667788L, p.length()),
                    Dss.mapping(7, 0x0102030405060708L, 1, p.length(), true))) {
                Tcp data = Tcp.of(t -> t.srcPort(1).dstPort(2).ack().psh().payload(p).options(o));
                IpPacket sent = Ip4.of(ip -> ip.src("10.0.0.1").dst("10.0.0.2").payload(data));
                IpPacket received = PacketCodec.decode(PacketCodec.encode(sent)).valueOrThrow();
                List<Verification> v = MptcpVerifier.verify(received, null);
                assertEquals(1, v.size());
                assertEquals(o instanceof Dss ? Check.DSS_CHECKSUM : Check.MP_CAPABLE_CHECKSUM, v.getFirst().check());
                assertEquals(Status.VALID, v.getFirst().status(), v.getFirst().toString());
                // Before encoding, the model holds AUTO: nothing on the wire to judge yet.
                Verification auto = MptcpVerifier.verify(sent, null).getFirst();
                assertEquals(Status.UNVERIFIABLE, auto.status());
                assertTrue(auto.detail().contains("AUTO"), auto.detail());
            }
        }
    }

    @Test
    void aFourByteDsnIsWidenedAroundTheSendersIdsn() {
        long key = 0x5da3bbf8c384c03dL;
        long idsn = MptcpKeys.idsn(key, MptcpKeys.V1);
        assertTrue((idsn >>> 32) != 0, "the test needs an IDSN with upper bits");
        Bytes payload = Bytes.fromHex("0102030405");
        long dsn = idsn + 1 + 70_000;
        int sum = DssChecksum.compute(dsn, 1, payload.length(), payload);
        Dss dss = Dss.builder().mapping32(dsn & 0xffffffffL, 1, payload.length()).checksum(sum).build();
        Keys keys = Keys.of(MptcpKeys.V1, key, 42);
        Verification v = MptcpVerifier.verify(segment(payload, dss), keys).getFirst();
        assertEquals(Status.VALID, v.status(), v.toString());
        assertTrue(v.detail().contains("DSN " + Long.toUnsignedString(dsn)) && v.detail().contains("widened"), v.detail());
        // Without keys the DSN is zero-extended (the encoder's assumption), which is wrong here.
        assertEquals(Status.INVALID, MptcpVerifier.verify(segment(payload, dss), null).getFirst().status());
        assertEquals(Status.VALID, MptcpVerifier.dssChecksum(dss, MptcpVerifier.dataSequenceNumber(dss, idsn), payload).status());
    }

    @Test
    void widenPicksTheNearestValueAcrossWraps() {
        assertEquals(0x2_0000_0005L, MptcpVerifier.widen(0x0000_0005L, 0x1_ffff_fff0L));
        assertEquals(0x1_ffff_fff0L, MptcpVerifier.widen(0xffff_fff0L, 0x2_0000_0005L));
        assertEquals(0x7_1234_5678L, MptcpVerifier.widen(0x1234_5678L, 0x7_1234_0000L));
        assertEquals(-16L, MptcpVerifier.widen(0xffff_fff0L, 3)); // wraps below 0 as 2^64 - 16
        assertEquals(5L, MptcpVerifier.widen(5, -3L));
        Dss eight = Dss.mapping(0xaabbccdd00000001L, 0, 0);
        assertEquals(0xaabbccdd00000001L, MptcpVerifier.dataSequenceNumber(eight, 0));
    }

    @Test
    void mpCapableChecksumOverItsImpliedMapping() {
        // 05-dss-checksum.pcap frame 4: DLL 1000, checksum 0x2960 over 1000 bytes of 'C' (the
        // capture kept 146 of them; the test program sent one repeated byte).
        MpCapable.AckData a = (MpCapable.AckData) option("1e180181557e452ddd7ef6d680b80a317c215bf803e82960");
        Bytes payload = Bytes.wrap("C".repeat(1000).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Verification v = MptcpVerifier.verify(segment(payload, a), null).getFirst();
        assertEquals(Status.VALID, v.status(), v.toString());
        Verification cut = MptcpVerifier.verify(segment(payload.slice(0, 146), a), null).getFirst();
        assertEquals(Status.UNVERIFIABLE, cut.status());
        assertEquals(Bytes.fromHex("2960"), cut.found());
        assertEquals(Status.INVALID, MptcpVerifier.mpCapableChecksum(a.withDataLevelLength(999), payload.slice(1)).status());
    }

    @Test
    void optionsWithNothingToCheckGiveNoVerification() {
        Tcp t = segment(Bytes.EMPTY, MpCapable.syn(), MpCapable.ack(1, 2), Dss.dataAck(5), Dss.mapping(1, 2, 0),
                AddAddr.v0(1, java.net.InetAddress.ofLiteral("10.0.0.1")));
        assertEquals(List.of(), MptcpVerifier.verify(t, Keys.of(MptcpKeys.V1, 1, 2)));
        assertEquals(List.of(), MptcpVerifier.verify(Ip4.of(ip -> ip.src("10.0.0.1").dst("10.0.0.2").protocol(17)
                .payload(org.mptcpkit.packet.RawPayload.EMPTY)), null));
    }

    @Test
    void keysAreRangeChecked() {
        assertThrows(IllegalArgumentException.class, () -> Keys.of(2, 1, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Keys.of(MptcpKeys.V1, 1, 2).withRandoms(1L << 32, 0));
        assertEquals("senderRandom: 4294967296 (expected: 0..4294967295 or NO_RANDOM)", e.getMessage());
        Keys k = Keys.of(MptcpKeys.V0, 1, 2).withRandoms(3, 4);
        assertEquals(new Keys(MptcpKeys.V0, 2, 1, 4, 3), k.reversed());
        assertInstanceOf(Keys.class, k.reversed().reversed());
        assertEquals(k, k.reversed().reversed());
    }
}
