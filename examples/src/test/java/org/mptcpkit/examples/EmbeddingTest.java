package org.mptcpkit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpkit.crypto.MpJoinHmac;
import org.mptcpkit.crypto.MptcpKeys;
import org.mptcpkit.crypto.MptcpVerifier;
import org.mptcpkit.crypto.Verification;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MpJoin;
import org.mptcpkit.packet.Mss;
import org.mptcpkit.packet.Nop;
import org.mptcpkit.packet.SackPermitted;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.packet.UnknownMptcp;
import org.mptcpkit.packet.WindowScale;
import org.mptcpkit.wire.DecodeException;
import org.mptcpkit.wire.Decoded;
import org.mptcpkit.wire.Diagnostic;
import org.mptcpkit.wire.PacketCodec;

/**
 * How a project of your own embeds mptcpkit: add the {@code packetlib} dependency and use the
 * builder API, the codec and the crypto, as this test does. Nothing here uses anything but the
 * public API, and every statement is checked, so this page cannot fall out of date.
 */
class EmbeddingTest {
    /**
     * The SYN a Linux client sends to open an MPTCP connection: MSS, SACK permitted, timestamps,
     * window scale, and MP_CAPABLE (RFC 8684 §3.1) in its 4-byte SYN form.
     */
    static Ip4 mptcpSyn() {
        return Ip4.of(ip -> ip
                .src("10.0.1.1").dst("10.0.1.2").identification(0x1234).df()
                .payload(Tcp.of(t -> t
                        .srcPort(47970).dstPort(5201).syn().seq(1158021166L).window(64240)
                        .options(Mss.of(1460), SackPermitted.INSTANCE, Timestamps.of(2210103822L, 0),
                                Nop.INSTANCE, WindowScale.of(7), MpCapable.syn()))));
        // Left unset: IHL, total length, both checksums, the TCP data offset and every option
        // length. They are derived fields: the encoder computes them. Set one, and it is sent
        // as set, right or wrong.
    }

    @Test
    void buildAnMptcpSynAndEncodeIt() {
        byte[] wire = PacketCodec.encode(mptcpSyn());

        // 20 bytes of IPv4, 20 of TCP, 24 of options (4 + 2 + 10 + 1 + 3 + 4), no payload.
        assertEquals(64, wire.length);
        assertArrayEquals(HexFormat.of().parseHex(""
                // IPv4: version 4, IHL 5, total length 64, id 0x1234, DF, TTL 64, TCP, checksum, addresses
                + "45000040" + "12344000" + "40061282" + "0a000101" + "0a000102"
                // TCP: ports 47970 > 5201, seq, ack 0, data offset 11 words, SYN, window 64240, checksum
                + "bb621451" + "4506002e" + "00000000" + "b002faf0" + "ed510000"
                // mss 1460 | sackOK | TS val 2210103822 ecr 0 | nop | wscale 7 | mptcp capable v1, flag H
                + "020405b4" + "0402" + "080a83bb820e00000000" + "01" + "030307" + "1e040101"), wire);
    }

    @Test
    void decodeItBack() {
        byte[] wire = PacketCodec.encode(mptcpSyn());

        // Lenient decoding never throws: it returns the value and what it found wrong (here, nothing).
        Decoded<IpPacket> decoded = PacketCodec.decode(wire);
        assertTrue(decoded.isClean(), decoded.diagnostics().toString());

        Ip4 ip = assertInstanceOf(Ip4.class, decoded.value());
        Tcp tcp = ip.tcp().orElseThrow();
        MpCapable.Syn mpc = tcp.option(MpCapable.Syn.class).orElseThrow();
        assertEquals(1, mpc.version());
        assertTrue(mpc.hmacSha());                  // H: HMAC-SHA256
        assertEquals(4, mpc.length());              // decoding fills every derived field from the wire
        assertEquals(1460, tcp.option(Mss.class).orElseThrow().mss());
        assertEquals(11, tcp.dataOffset());

        // Decoding is lossless, so encoding what was decoded gives the same bytes back...
        assertArrayEquals(wire, PacketCodec.encode(ip));
        // ...and with its derived length cleared, the decoded option is the one we built.
        assertEquals(MpCapable.syn(), mpc.withAutoDerived());
    }

    @Test
    void aWrongOptionLengthIsSentAsSetAndReportedOnDecode() {
        // A data ACK of 4 bytes takes a DSS of length 8. Claim 12, on purpose.
        Dss wrong = Dss.dataAck32(0xfc202ff8L).withLength(12);
        Ip4 p = mptcpSyn().withPayload(Tcp.of(t -> t.srcPort(47970).dstPort(5201).ack()
                .options(wrong, Timestamps.of(1, 2))));
        byte[] wire = PacketCodec.encode(p); // the encoder sends the 12 as set

        Decoded<IpPacket> d = PacketCodec.decode(wire);
        Diagnostic first = d.diagnostics().getFirst();
        assertEquals("mptcp.dss.length", first.field());
        assertEquals("length 12 does not match flags 0x1 (expected: 8)", first.message());
        assertEquals("RFC 8684 §3.3", first.reference());
        assertEquals(41, first.offset());           // the length byte: 20 (IPv4) + 20 (TCP) + 1
        // What could not be read is kept, so the bytes still round-trip exactly.
        assertInstanceOf(UnknownMptcp.class, d.value().tcp().orElseThrow().options().getFirst());
        assertArrayEquals(wire, PacketCodec.encode(d.value()));

        // Strict decoding throws with the same facts instead.
        DecodeException e = assertThrows(DecodeException.class, () -> PacketCodec.decodeStrict(wire));
        assertTrue(e.getMessage().contains("mptcp.dss.length"), e.getMessage());
    }

    @Test
    void aWrongDssChecksumIsFoundByTheVerifier() {
        // A mapping of the 5 payload bytes with a checksum set wrong on purpose (leave it unset
        // and the encoder computes it, RFC 8684 §3.3.1).
        byte[] data = "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Dss mapping = Dss.builder().dataAck(1).mapping(0x0102030405060708L, 1, data.length).checksum(0xdead).build();
        Ip4 p = mptcpSyn().withPayload(Tcp.of(t -> t.srcPort(47970).dstPort(5201).ack().psh()
                .options(mapping).payload(data)));
        byte[] wire = PacketCodec.encode(p);

        // The bytes are well formed, so decoding is clean: a checksum covers a whole mapping,
        // which may span many segments, so judging it is the verifier's job, not the decoder's.
        Decoded<IpPacket> d = PacketCodec.decode(wire);
        assertTrue(d.isClean());
        List<Verification> checks = MptcpVerifier.verify(d.value(), null);
        Verification v = checks.getFirst();
        assertEquals(Verification.Status.INVALID, v.status());
        assertEquals("dead", v.found().hex());
        assertEquals("DSS checksum: INVALID: expected 0x" + v.expected().hex() + ", found 0xdead (DSN 72623859790382856, "
                + "SSN 1, DLL 5, 5 payload bytes; RFC 8684 §3.3.1)", v.toString());

        // Unset, the encoder computes it, and the verifier agrees.
        Ip4 auto = p.withPayload(p.tcp().orElseThrow().withOptions(mapping.withChecksum(Field.AUTO)));
        Verification ok = MptcpVerifier.verify(PacketCodec.decode(PacketCodec.encode(auto)).value(), null).getFirst();
        assertEquals(Verification.Status.VALID, ok.status(), ok.toString());
        assertEquals(v.expected(), ok.found());
    }

    @Test
    void computeAJoinHmacWithTheCryptoApi() {
        // The keys of an MPTCP connection (from its MP_CAPABLE handshake) and the randoms of a
        // join: the client (A, the initiator) adds a subflow to the server (B). Values from a
        // Linux 6.18 capture, 03-multipath-v4.pcap frames 6-8.
        long clientKey = 0xe2a533f71b0dfaaaL;
        long serverKey = 0x3278e130c85759ceL;
        long clientRandom = 0xa8868267L;
        long serverRandom = 0x949bf251L;

        // SYN: the token of the server's key (RFC 8684 §3.2).
        long token = MptcpKeys.token(serverKey, MptcpKeys.V1);
        MpJoin.Syn syn = MpJoin.syn(token, clientRandom, 2, true);
        assertEquals(0x83f7213aL, syn.receiverToken());

        // SYN-ACK: the leftmost 64 bits of HMAC-SHA256(K_B‖K_A, R_B‖R_A).
        long hmac = MpJoinHmac.synAckTruncatedHmac(MptcpKeys.V1, clientKey, serverKey, clientRandom, serverRandom);
        MpJoin.SynAck synAck = MpJoin.synAck(hmac, serverRandom, 2, true);
        assertEquals(0xe2fdcd17afc5fdacL, synAck.senderTruncatedHmac()); // what Linux sent

        // ACK: the leftmost 160 bits of HMAC-SHA256(K_A‖K_B, R_A‖R_B).
        MpJoin.Ack ack = MpJoin.ack(MpJoinHmac.ackHmac(MptcpKeys.V1, clientKey, serverKey, clientRandom, serverRandom));
        assertEquals("e56fe22eff3d8972625c34a025d0ec680fc5f3d1", ack.senderHmac().hex());

        // The verifier checks the same on a received packet: the SYN-ACK's sender is the server.
        MptcpVerifier.Keys server = MptcpVerifier.Keys.of(MptcpKeys.V1, serverKey, clientKey)
                .withRandoms(serverRandom, clientRandom);
        Tcp segment = Tcp.of(t -> t.srcPort(10100).dstPort(55507).syn().ack().options(synAck));
        assertTrue(MptcpVerifier.verify(segment, server).getFirst().isValid());
    }
}
