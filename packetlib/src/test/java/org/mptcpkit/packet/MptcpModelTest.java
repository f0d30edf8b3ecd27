package org.mptcpkit.packet;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MPTCP records as values: range checks, builders, copies, derived fields. */
class MptcpModelTest {
    private static void rejects(String message, Executable e) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
    }

    @Test
    void rangeChecksNameTheFieldTheValueAndTheRange() {
        rejects("addressId: 300 (expected: 0..255)", () -> MpJoin.syn(1, 2, 300, false));
        rejects("receiverToken: 4294967296 (expected: 0..4294967295)", () -> MpJoin.syn(1L << 32, 2, 1, false));
        rejects("senderRandom: -1 (expected: 0..4294967295)", () -> MpJoin.synAck(1, -1, 1, false));
        rejects("reserved: 8 (expected: 0..7)", () -> MpJoin.syn(1, 2, 3, false).withReserved(8));
        rejects("reserved: 4096 (expected: 0..4095)", () -> MpFail.of(1).withReserved(4096));
        rejects("senderHmac: 19 bytes (expected: 20)", () -> MpJoin.ack(Bytes.zeros(19)));
        rejects("length: 256 (expected: 0..255)", () -> MpCapable.syn().withLength(256));
        rejects("length: -2 (expected: 0..255)", () -> Dss.dataAck(1).withLength(-2));
        rejects("version: 16 (expected: 0..15)", () -> MpCapable.syn().withVersion(16));
        rejects("reservedFlags: 16 (expected: 0..15)", () -> MpCapable.syn().withReservedFlags(16));
        rejects("flags: 256 (expected: 0..255)", () -> MpCapable.syn().withFlags(256));
        rejects("dataLevelLength: 65536 (expected: 0..65535)", () -> MpCapable.ackData(1, 2, 65536));
        rejects("checksum: 65536 (expected: 0..65535)", () -> Dss.mapping(1, 2, 3).withChecksum(65536));
        rejects("dataAck: 4294967296 (expected: 0..4294967295)", () -> Dss.dataAck32(1L << 32));
        rejects("dataSequenceNumber: 4294967296 (expected: 0..4294967295)", () -> Dss.mapping32(1L << 32, 0, 0));
        rejects("subflowSequenceNumber: 4294967296 (expected: 0..4294967295)", () -> Dss.mapping(0, 1L << 32, 0));
        rejects("reserved: 128 (expected: 0..127)", () -> Dss.dataAck(0).withReserved(128));
        rejects("flags: 32 (expected: 0..31)", () -> Dss.dataAck(0).withFlags(32));
        rejects("port: 70000 (expected: 0..65535)", () -> AddAddr.echo(1, InetAddress.ofLiteral("10.0.0.1"), 70000));
        rejects("ipVersion: 16 (expected: 0..15)", () -> AddAddr.v0(1, InetAddress.ofLiteral("10.0.0.1")).withIpVersion(16));
        rejects("addressIds[1]: 256 (expected: 0..255)", () -> RemoveAddr.of(1, 256));
        rejects("reason: 256 (expected: 0..255)", () -> MpTcpRst.of(256));
        rejects("flags: 16 (expected: 0..15)", () -> MpTcpRst.of(0).withFlags(16));
        rejects("bits: 16 (expected: 0..15)", () -> MpExperimental.of(16, Bytes.EMPTY));
        rejects("body: 253 bytes (expected: 0..252)", () -> MpExperimental.of(0, Bytes.zeros(253)));
        rejects("raw: 0x0204 (expected: the option's bytes from kind 30 on)", () -> UnknownMptcp.of(Bytes.fromHex("0204")));
        assertThrows(NullPointerException.class, () -> AddAddr.echo(1, null));
    }

    @Test
    void fieldsAbsentFromTheWireMustBeZero() {
        // A value that would not be written is refused rather than silently lost.
        rejects("dataAck: 5 (expected: 0 when dataAckPresent is false)", () -> Dss.mapping(1, 2, 3).withDataAck(5));
        rejects("dataSequenceNumber: 5 (expected: 0 when mappingPresent is false)",
                () -> Dss.dataAck(1).withDataSequenceNumber(5));
        rejects("checksumPresent: true but mappingPresent is false (the checksum belongs to the mapping)",
                () -> Dss.builder().dataAck(1).checksum().build());
        rejects("checksum: 5 but checksumPresent is false (expected: AUTO)",
                () -> new Dss(Field.AUTO, 0, false, true, true, false, false, 0, 1, 2, 3, false, 5));
        rejects("port: 5 (expected: 0 when portPresent is false)",
                () -> new AddAddr.V0(Field.AUTO, Field.AUTO, 1, InetAddress.ofLiteral("10.0.0.1"), false, 5));
        rejects("addressId: 5 (expected: 0 when addressIdPresent is false)", () -> new MpPrio(Field.AUTO, 0, true, false, 5));
        // Turning a flag off through the builder clears what it governed.
        Dss d = Dss.builder().dataAck(7).mapping(1, 2, 3).checksum(9).build().toBuilder().noMapping().noDataAck().build();
        assertEquals(Dss.builder().build(), d);
    }

    @Test
    void factoriesBuildTheFormsLinuxSends() {
        MpCapable.Syn syn = MpCapable.syn();
        assertEquals(1, syn.version());
        assertTrue(syn.hmacSha());
        assertEquals(0x01, syn.flags());
        assertEquals(MptcpOption.MP_CAPABLE, syn.subtype());
        assertEquals(30, syn.kind());
        MpCapable.Ack ack = MpCapable.ack(0x877f9bcf737c4c6dL, 0x5da3bbf8c384c03dL);
        assertEquals(Bytes.fromHex("877f9bcf737c4c6d"), ack.senderKeyBytes());
        assertEquals(ack, MpCapable.Ack.of(b -> b.senderKey(Bytes.fromHex("877f9bcf737c4c6d"))
                .receiverKey(Bytes.fromHex("5da3bbf8c384c03d"))));
        MpCapable.AckData data = MpCapable.ackDataWithChecksum(1, 2, 100);
        assertTrue(data.checksumRequired() && data.checksumPresent());
        assertEquals(Field.AUTO, data.checksum());
        assertFalse(data.withoutChecksum().checksumPresent());
        assertEquals(0, MpCapable.v0(5).version());
        Dss fin = Dss.dataFin(10, 20);
        assertTrue(fin.dataFin() && fin.mappingPresent() && fin.dataAck8() && fin.dataSequenceNumber8());
        assertEquals(1, fin.dataLevelLength());
        assertEquals(0x1f, fin.flags());
        assertEquals(26, fin.computedLength());
        assertEquals(List.of(1, 2), RemoveAddr.of(1, 2).addressIds());
        assertEquals(4, MpPrio.v0(true, 3).computedLength());
        assertEquals("administratively prohibited", MpTcpRst.reasonName(MpTcpRst.of(3).reason()));
        assertEquals("MP_TCPRST", MptcpOption.subtypeName(MptcpOption.MP_TCPRST));
        assertEquals("0x9", MptcpOption.subtypeName(9));
    }

    @Test
    void copiesChangeOneFieldAndBuildersRoundTrip() {
        MpJoin.Syn j = MpJoin.syn(1, 2, 3, true);
        assertEquals(new MpJoin.Syn(Field.AUTO, 0, true, 4, 1, 2), j.withAddressId(4));
        assertEquals(j, j.toBuilder().build());
        assertEquals(j, MpJoin.Syn.of(b -> b.receiverToken(1).senderRandom(2).addressId(3).backup(true)));
        Dss d = Dss.builder().dataAck32(1).mapping32(2, 3, 4).checksum(5).dataFin(true).reserved(6).length(20).build();
        assertEquals(d, d.toBuilder().build());
        assertEquals(d, Dss.of(b -> b.dataAck32(1).mapping32(2, 3, 4).checksum(5).dataFin(true).reserved(6).length(20)));
        assertEquals(99, d.withSubflowSequenceNumber(99).subflowSequenceNumber());
        assertEquals(d.dataAck8(), d.withDataAck(77).dataAck8(), "withDataAck keeps the width");
        AddAddr.V1 a = AddAddr.announce(1, InetAddress.ofLiteral("fd00::1"), 443, 42);
        assertEquals(a, a.toBuilder().build());
        assertFalse(a.withoutPort().portPresent());
        assertEquals(28, a.withoutPort().computedLength());
        assertEquals(InetAddress.ofLiteral("10.1.1.1"), a.withAddress(InetAddress.ofLiteral("10.1.1.1")).address());
        // Every record's builder reproduces it (toBuilder().build() == this).
        List<MptcpOption> all = new ArrayList<>(List.of(MpCapable.syn(), MpCapable.synAck(1), MpCapable.ack(1, 2),
                MpCapable.ackData(1, 2, 3), MpJoin.synAck(1, 2, 3, false), MpJoin.ack(Bytes.zeros(20)),
                AddAddr.v0(1, InetAddress.ofLiteral("10.0.0.1"), 80), RemoveAddr.of(1), MpPrio.of(true),
                MpFail.of(1), MpFastclose.of(2), MpTcpRst.of(3), MpExperimental.of(1, Bytes.of((byte) 1))));
        for (MptcpOption o : all) {
            MptcpOption back = switch (o) {
                case MpCapable.Syn x -> x.toBuilder().build();
                case MpCapable.SynAck x -> x.toBuilder().build();
                case MpCapable.Ack x -> x.toBuilder().build();
                case MpCapable.AckData x -> x.toBuilder().build();
                case MpJoin.Syn x -> x.toBuilder().build();
                case MpJoin.SynAck x -> x.toBuilder().build();
                case MpJoin.Ack x -> x.toBuilder().build();
                case Dss x -> x.toBuilder().build();
                case AddAddr.V1 x -> x.toBuilder().build();
                case AddAddr.V0 x -> x.toBuilder().build();
                case RemoveAddr x -> x.toBuilder().build();
                case MpPrio x -> x.toBuilder().build();
                case MpFail x -> x.toBuilder().build();
                case MpFastclose x -> x.toBuilder().build();
                case MpTcpRst x -> x.toBuilder().build();
                case MpExperimental x -> x.toBuilder().build();
                case UnknownMptcp x -> x;
            };
            assertEquals(o, back);
            assertEquals(Field.AUTO, o.length(), o + ": built with AUTO length");
        }
    }

    @Test
    void withAutoDerivedResetsLengthAndChecksum() {
        Dss d = Dss.builder().mapping(1, 2, 3).checksum(0x1234).length(99).build();
        Dss auto = d.withAutoDerived();
        assertEquals(Field.AUTO, auto.length());
        assertEquals(Field.AUTO, auto.checksum());
        assertTrue(auto.checksumPresent());
        AddAddr.V0 v0 = AddAddr.v0(1, InetAddress.ofLiteral("10.0.0.1")).withIpVersion(6).withLength(9);
        assertEquals(AddAddr.v0(1, InetAddress.ofLiteral("10.0.0.1")), v0.withAutoDerived());
        UnknownMptcp u = UnknownMptcp.of(Bytes.fromHex("1e0590abcd"));
        assertEquals(u, u.withAutoDerived());
    }

    @Test
    void theModelIsImmutable() {
        List<Integer> ids = new ArrayList<>(List.of(1, 2));
        RemoveAddr r = new RemoveAddr(Field.AUTO, 0, ids);
        ids.add(3);
        assertEquals(List.of(1, 2), r.addressIds());
        assertThrows(UnsupportedOperationException.class, () -> r.addressIds().add(4));
    }
}
