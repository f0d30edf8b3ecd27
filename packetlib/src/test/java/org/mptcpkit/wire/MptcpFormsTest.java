package org.mptcpkit.wire;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MpExperimental;
import org.mptcpkit.packet.MpFail;
import org.mptcpkit.packet.MpFastclose;
import org.mptcpkit.packet.MpJoin;
import org.mptcpkit.packet.MpPrio;
import org.mptcpkit.packet.MpTcpRst;
import org.mptcpkit.packet.MptcpOption;
import org.mptcpkit.packet.RemoveAddr;
import org.mptcpkit.packet.UnknownMptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two-way byte-level tests of every suboption form: bytes → value and value → bytes. Real options
 * come from the Linux 6.18 captures (frame and file named); synthetic ones, for the forms Linux
 * never sends, were wrapped in a TCP segment and decoded by tshark 4.0.17, whose output is quoted
 * above each and compared field by field.
 */
class MptcpFormsTest {
    /**
     * Asserts that {@code hex} decodes (strictly) to {@code expected} and that {@code expected}
     * encodes to {@code hex}. {@code expected} may leave derived fields AUTO: the decoded value,
     * which has them from the wire, is compared with them reset.
     */
    static MptcpOption twoWay(String hex, MptcpOption expected) {
        Bytes wire = Bytes.fromHex(hex);
        assertEquals(wire, MptcpCodec.encode(expected, Bytes.EMPTY), "value -> bytes");
        assertEquals(wire.length(), MptcpCodec.encodedLength(expected), "encodedLength");
        MptcpOption decoded = MptcpCodec.decode(wire, Diagnostics.strict());
        assertEquals(expected.withAutoDerived(), decoded.withAutoDerived(), "bytes -> value");
        assertEquals(wire.u8(1), decoded.length(), "the length byte is set from the wire");
        assertEquals(wire, MptcpCodec.encode(decoded, Bytes.EMPTY), "decoded value -> bytes");
        return decoded;
    }

    // ---------------------------------------------------------------------------------------------
    // MP_CAPABLE

    @Test
    void mpCapableSyn() {
        // 01-mpc-v4 frame 1 (S): version=1 flags=0x01 sha256.flag=1
        MptcpOption o = twoWay("1e 04 01 01", MpCapable.syn());
        TsharkView.assertMatches(o, "tcp.option_len=4; tcp.options.mptcp.subtype=0; tcp.options.mptcp.version=1; "
                + "tcp.options.mptcp.flags=0x01; tcp.options.mptcp.checksumreq.flags=0; "
                + "tcp.options.mptcp.extensibility.flag=0; tcp.options.mptcp.nomoresubflows.flag=0; "
                + "tcp.options.mptcp.sha256.flag=1; tcp.options.mptcp.reserved.flag=0x00", "syn");
        // The SYN the kernel answers when checksums are wanted (java-stack.md): flags A and H.
        twoWay("1e 04 01 81", MpCapable.Syn.of(b -> b.checksumRequired(true)));
    }

    @Test
    void mpCapableSynAck() {
        // 01-mpc-v4 frame 2 (SA): sendkey=6747443343837675581 expected_token=565184192
        MpCapable.SynAck o = (MpCapable.SynAck) twoWay("1e 0c 01 01  5d a3 bb f8 c3 84 c0 3d",
                MpCapable.synAck(0x5da3bbf8c384c03dL));
        assertEquals("6747443343837675581", Long.toUnsignedString(o.senderKey()));
        assertEquals(Bytes.fromHex("5da3bbf8c384c03d"), o.senderKeyBytes());
        TsharkView.assertMatches(o, "tcp.options.mptcp.sendkey=6747443343837675581; "
                + "mptcp.expected_token=565184192; mptcp.expected_idsn=14907666007851020279", "synAck");
    }

    @Test
    void mpCapableAck() {
        // 01-mpc-v4 frame 3 (A): sendkey=9763693832460586093 recvkey=6747443343837675581
        MptcpOption o = twoWay("1e 14 01 01  87 7f 9b cf 73 7c 4c 6d  5d a3 bb f8 c3 84 c0 3d",
                MpCapable.ack(0x877f9bcf737c4c6dL, 0x5da3bbf8c384c03dL));
        TsharkView.assertMatches(o, "tcp.options.mptcp.sendkey=9763693832460586093; "
                + "tcp.options.mptcp.recvkey=6747443343837675581", "ack");
    }

    @Test
    void mpCapableAckWithData() {
        // 01-mpc-v4 frame 4 (AP): datalvllen=1000, no checksum (length 22)
        MptcpOption o = twoWay("1e 16 01 01  87 7f 9b cf 73 7c 4c 6d  5d a3 bb f8 c3 84 c0 3d  03 e8",
                MpCapable.ackData(0x877f9bcf737c4c6dL, 0x5da3bbf8c384c03dL, 1000));
        TsharkView.assertMatches(o, "tcp.option_len=22; tcp.options.mptcp.datalvllen=1000", "ackData");
        // 05-dss-checksum frame 4 (AP): flags A,H; datalvllen=1000 checksum=0x2960 (length 24)
        MpCapable.AckData d = (MpCapable.AckData) twoWay(
                "1e 18 01 81  55 7e 45 2d dd 7e f6 d6  80 b8 0a 31 7c 21 5b f8  03 e8  29 60",
                MpCapable.ackDataWithChecksum(0x557e452ddd7ef6d6L, 0x80b80a317c215bf8L, 1000).withChecksum(0x2960));
        assertTrue(d.checksumPresent());
        assertEquals(0x2960, d.checksum());
        TsharkView.assertMatches(d, "tcp.options.mptcp.flags=0x81; tcp.options.mptcp.checksumreq.flags=1; "
                + "tcp.options.mptcp.checksum=0x2960; tcp.options.mptcp.sendkey=6160437403581347542; "
                + "tcp.options.mptcp.recvkey=9275174640221772792", "ackData+csum");
    }

    @Test
    void mpCapableVersion0() {
        // Synthetic, RFC 6824 SYN (S) with flags A,H; tshark:
        //   option_len=12 subtype=0 version=0 flags=0x81 checksumreq.flags=1 extensibility.flag=0
        //   reserved.flag=0x00 sha1.flag=1 sendkey=11651590505119483672
        MptcpOption syn = twoWay("1e 0c 00 81  a1 b2 c3 d4 e5 f6 07 18",
                MpCapable.v0(0xa1b2c3d4e5f60718L).withChecksumRequired(true));
        TsharkView.assertMatches(syn, "tcp.option_len=12; tcp.options.mptcp.subtype=0; tcp.options.mptcp.version=0; "
                + "tcp.options.mptcp.flags=0x81; tcp.options.mptcp.checksumreq.flags=1; "
                + "tcp.options.mptcp.extensibility.flag=0; tcp.options.mptcp.reserved.flag=0x00; "
                + "tcp.options.mptcp.sha1.flag=1; tcp.options.mptcp.sendkey=11651590505119483672", "v0 syn");
        // Synthetic, RFC 6824 third ACK; tshark: version=0 sendkey=11651590505119483672 recvkey=72623859790382856
        MptcpOption ack = twoWay("1e 14 00 81  a1 b2 c3 d4 e5 f6 07 18  01 02 03 04 05 06 07 08",
                MpCapable.v0(0xa1b2c3d4e5f60718L, 0x0102030405060708L).withChecksumRequired(true));
        TsharkView.assertMatches(ack, "tcp.options.mptcp.version=0; tcp.options.mptcp.sha1.flag=1; "
                + "tcp.options.mptcp.sendkey=11651590505119483672; tcp.options.mptcp.recvkey=72623859790382856", "v0 ack");
        // Synthetic, v0 with every reserved crypto bit C..G set: flags 0xbf; tshark: reserved.flag=0x1f
        MpCapable all = (MpCapable) twoWay("1e 0c 00 bf  a1 b2 c3 d4 e5 f6 07 18",
                MpCapable.v0(0xa1b2c3d4e5f60718L).withFlags(0xbf));
        assertEquals(0xf, all.reservedFlags());
        TsharkView.assertMatches(all, "tcp.options.mptcp.flags=0xbf; tcp.options.mptcp.reserved.flag=0x1f", "v0 C..G");
    }

    @Test
    void mpCapableFlagsAreKeptBitForBit() {
        // Synthetic, v1 SYN-ACK with A, C, G, H (0xa3); tshark: checksumreq.flags=1 nomoresubflows.flag=1
        //   reserved.flag=0x01 sha256.flag=1 (plus its false "Unsupported algorithm" expert info for C)
        MpCapable o = (MpCapable) twoWay("1e 0c 01 a3  a1 b2 c3 d4 e5 f6 07 18",
                MpCapable.SynAck.of(b -> b.checksumRequired(true).noMoreSubflows(true).reservedFlags(1)
                        .senderKey(0xa1b2c3d4e5f60718L)));
        assertTrue(o.checksumRequired() && o.noMoreSubflows() && o.hmacSha());
        assertEquals(1, o.reservedFlags());
        TsharkView.assertMatches(o, "tcp.options.mptcp.flags=0xa3; tcp.options.mptcp.checksumreq.flags=1; "
                + "tcp.options.mptcp.extensibility.flag=0; tcp.options.mptcp.nomoresubflows.flag=1; "
                + "tcp.options.mptcp.reserved.flag=0x01; tcp.options.mptcp.sha256.flag=1", "flags");
        for (int f = 0; f < 256; f++) {
            MpCapable.Syn s = MpCapable.syn().withFlags(f);
            assertEquals(f, s.flags());
            assertEquals(f, MptcpCodec.encode(s, Bytes.EMPTY).u8(3));
            assertEquals(s, MptcpCodec.decode(MptcpCodec.encode(s, Bytes.EMPTY), Diagnostics.strict()).withAutoDerived());
        }
        // Any version survives, in the low nibble of the subtype byte.
        twoWay("1e 04 0f 01", MpCapable.syn().withVersion(15));
    }

    // ---------------------------------------------------------------------------------------------
    // MP_JOIN

    @Test
    void mpJoinSyn() {
        // 03-multipath-v4 frame 6 (S): flags=0x11 backup=1 addrid=2 recvtok=2214011194 sendrand=2827387495
        MptcpOption o = twoWay("1e 0c 11 02  83 f7 21 3a  a8 86 82 67", MpJoin.syn(0x83f7213aL, 0xa8868267L, 2, true));
        TsharkView.assertMatches(o, "tcp.options.mptcp.flags=0x11; tcp.options.mptcp.backup.flag=1; "
                + "tcp.options.mptcp.addrid=2; tcp.options.mptcp.recvtok=2214011194; "
                + "tcp.options.mptcp.sendrand=2827387495", "join syn");
        // Synthetic, reserved bits all set: flags 0x1f; tshark: flags=0x1f backup.flag=1
        MpJoin.Syn r = (MpJoin.Syn) twoWay("1e 0c 1f 02  83 f7 21 3a  a8 86 82 67",
                MpJoin.syn(0x83f7213aL, 0xa8868267L, 2, true).withReserved(7));
        assertEquals(7, r.reserved());
        TsharkView.assertMatches(r, "tcp.options.mptcp.flags=0x1f; tcp.options.mptcp.backup.flag=1; "
                + "tcp.options.mptcp.addrid=2", "join syn rsv");
    }

    @Test
    void mpJoinSynAck() {
        // 03-multipath-v4 frame 7 (SA): backup=1 addrid=2 sendtrunchmac=16356454923296439724 sendrand=2493248081
        MptcpOption o = twoWay("1e 10 11 02  e2 fd cd 17 af c5 fd ac  94 9b f2 51",
                MpJoin.synAck(0xe2fdcd17afc5fdacL, 0x949bf251L, 2, true));
        TsharkView.assertMatches(o, "tcp.options.mptcp.backup.flag=1; tcp.options.mptcp.addrid=2; "
                + "tcp.options.mptcp.sendtrunchmac=16356454923296439724; tcp.options.mptcp.sendrand=2493248081", "join sa");
    }

    @Test
    void mpJoinAck() {
        // 03-multipath-v4 frame 8 (A): reserved=0x0000 sendhmac=e5:6f:e2:2e:...:c5:f3:d1
        Bytes hmac = Bytes.fromHex("e56fe22eff3d8972625c34a025d0ec680fc5f3d1");
        MptcpOption o = twoWay("1e 18 10 00  e5 6f e2 2e ff 3d 89 72 62 5c 34 a0 25 d0 ec 68 0f c5 f3 d1",
                MpJoin.ack(hmac));
        TsharkView.assertMatches(o, "tcp.options.mptcp.reserved=0x0000; "
                + "tcp.options.mptcp.sendhmac=e5:6f:e2:2e:ff:3d:89:72:62:5c:34:a0:25:d0:ec:68:0f:c5:f3:d1", "join ack");
        // Synthetic, 12 reserved bits 0xabc; tshark: reserved=0x0abc
        MptcpOption r = twoWay("1e 18 1a bc  e5 6f e2 2e ff 3d 89 72 62 5c 34 a0 25 d0 ec 68 0f c5 f3 d1",
                MpJoin.ack(hmac).withReserved(0xabc));
        TsharkView.assertMatches(r, "tcp.options.mptcp.reserved=0x0abc; "
                + "tcp.options.mptcp.sendhmac=e56fe22eff3d8972625c34a025d0ec680fc5f3d1", "join ack rsv");
        // A full HMAC-SHA256 is cut to its leftmost 160 bits (RFC 8684 §3.2).
        Bytes full = hmac.concat(Bytes.fromHex("0102030405060708090a0b0c"));
        assertEquals(hmac, MpJoin.Ack.builder().senderHmac(full).build().senderHmac());
    }

    // ---------------------------------------------------------------------------------------------
    // DSS

    @Test
    void dssDataAckOnly() {
        // 03-multipath-v4 frame 9 (A): flags=0x01 rawdataack=27422598 (4-byte data ACK, length 8)
        MptcpOption a4 = twoWay("1e 08 20 01  01 a2 6f 86", Dss.dataAck32(27422598));
        TsharkView.assertMatches(a4, "tcp.option_len=8; tcp.options.mptcp.flags=0x01; "
                + "tcp.options.mptcp.dataackpresent.flag=1; tcp.options.mptcp.dataack8.flag=0; "
                + "tcp.options.mptcp.rawdataack=27422598", "ack32");
        // 01-mpc-v4 frame 5 (A): flags=0x03 rawdataack=14794181579012825414 (8-byte, length 12)
        MptcpOption a8 = twoWay("1e 0c 20 03  cd 4f 7d c3 5f af e1 46", Dss.dataAck(0xcd4f7dc35fafe146L));
        TsharkView.assertMatches(a8, "tcp.options.mptcp.flags=0x03; tcp.options.mptcp.rawdataack=14794181579012825414",
                "ack64");
    }

    @Test
    void dssMappingWithDataAck() {
        // 01-mpc-v4 frame 6 (AP): flags=0x0d rawdataack=4229967864 rawdataseqno=14794181579012825414
        //   subflowseqno=1001 datalvllen=1000 (4-byte ack, 8-byte DSN, no checksum: length 22)
        MptcpOption o = twoWay("1e 16 20 0d  fc 20 2f f8  cd 4f 7d c3 5f af e1 46  00 00 03 e9  03 e8",
                Dss.builder().dataAck32(0xfc202ff8L).mapping(0xcd4f7dc35fafe146L, 1001, 1000).build());
        TsharkView.assertMatches(o, "tcp.options.mptcp.flags=0x0d; tcp.options.mptcp.rawdataack=4229967864; "
                + "tcp.options.mptcp.rawdataseqno=14794181579012825414; tcp.options.mptcp.subflowseqno=1001; "
                + "tcp.options.mptcp.datalvllen=1000", "dss 22");
        // 01-mpc-v4 frame 12 (AP): flags=0x0f, 8-byte ack and DSN (length 26)
        twoWay("1e 1a 20 0f  cd 4f 7d c3 5f af e9 17  ce e2 ab 3f fc 20 2f f8  00 00 00 01  03 e8",
                Dss.mapping(0xcd4f7dc35fafe917L, 0xcee2ab3ffc202ff8L, 1, 1000, false));
        // 05-dss-checksum frame 10 (AP): flags=0x0f with checksum 0xca38 (length 28; tshark does
        // not decode DSS checksums, the value is the option's last two bytes)
        Dss c = (Dss) twoWay("1e 1c 20 0f  09 78 62 df 53 56 b7 91  20 97 08 01 ac 78 9e 0e  00 00 00 01  03 e8  ca 38",
                Dss.mapping(0x097862df5356b791L, 0x20970801ac789e0eL, 1, 1000, true).withChecksum(0xca38));
        assertEquals(0xca38, c.checksum());
        // 05-dss-checksum frame 51 (AP): flags=0x0d with checksum (length 24)
        twoWay("1e 18 20 0d  8a c4 8c e5  86 7a 9a 52 bd 0d 9e 4c  00 00 03 e9  03 e8  1c a8",
                Dss.builder().dataAck32(0x8ac48ce5L).mapping(0x867a9a52bd0d9e4cL, 1001, 1000).checksum(0x1ca8).build());
    }

    @Test
    void dssDataFin() {
        // 01-mpc-v4 frame 18 (A): flags=0x1f datafin=1 rawdataseqno=14907666007851023280 subflowseqno=0 datalvllen=1
        MptcpOption o = twoWay("1e 1a 20 1f  cd 4f 7d c3 5f af e9 17  ce e2 ab 3f fc 20 3b b0  00 00 00 00  00 01",
                Dss.dataFin(0xcd4f7dc35fafe917L, 0xcee2ab3ffc203bb0L));
        TsharkView.assertMatches(o, "tcp.options.mptcp.flags=0x1f; tcp.options.mptcp.datafin.flag=1; "
                + "tcp.options.mptcp.subflowseqno=0; tcp.options.mptcp.datalvllen=1", "data fin");
        // Synthetic, DATA_FIN with a 4-byte data ACK and no mapping (flags 0x11); tshark:
        //   flags=0x11 datafin.flag=1 dseqnpresent.flag=0 dataackpresent.flag=1 rawdataack=168496141
        MptcpOption f = twoWay("1e 08 20 11  0a 0b 0c 0d", Dss.builder().dataAck32(0x0a0b0c0dL).dataFin(true).build());
        TsharkView.assertMatches(f, "tcp.option_len=8; tcp.options.mptcp.flags=0x11; tcp.options.mptcp.datafin.flag=1; "
                + "tcp.options.mptcp.dseqn8.flag=0; tcp.options.mptcp.dseqnpresent.flag=0; "
                + "tcp.options.mptcp.dataack8.flag=0; tcp.options.mptcp.dataackpresent.flag=1; "
                + "tcp.options.mptcp.rawdataack=168496141", "fin no map");
    }

    @Test
    void dssFormsLinuxNeverSends() {
        // Synthetic, mapping with a 4-byte DSN and no data ACK (flags 0x04, length 14); tshark:
        //   flags=0x04 dseqn8.flag=0 dseqnpresent.flag=1 dataackpresent.flag=0 rawdataseqno=3735928559
        //   subflowseqno=1 datalvllen=1500
        MptcpOption m4 = twoWay("1e 0e 20 04  de ad be ef  00 00 00 01  05 dc", Dss.mapping32(0xdeadbeefL, 1, 1500));
        TsharkView.assertMatches(m4, "tcp.option_len=14; tcp.options.mptcp.flags=0x04; "
                + "tcp.options.mptcp.dseqn8.flag=0; tcp.options.mptcp.dseqnpresent.flag=1; "
                + "tcp.options.mptcp.dataack8.flag=0; tcp.options.mptcp.dataackpresent.flag=0; "
                + "tcp.options.mptcp.rawdataseqno=3735928559; tcp.options.mptcp.subflowseqno=1; "
                + "tcp.options.mptcp.datalvllen=1500", "dsn32");
        // Synthetic, the same with a checksum (length 16); tshark: option_len=16 flags=0x04 (no checksum field)
        twoWay("1e 10 20 04  de ad be ef  00 00 00 01  05 dc  ab cd",
                Dss.builder().mapping32(0xdeadbeefL, 1, 1500).checksum(0xabcd).build());
        // Synthetic, 8-byte DSN, no data ACK, checksum (flags 0x0c, length 20); tshark:
        //   flags=0x0c dseqn8.flag=1 rawdataseqno=12302652060662169617 subflowseqno=1 datalvllen=1500
        MptcpOption m8 = twoWay("1e 14 20 0c  aa bb cc dd ee ff 00 11  00 00 00 01  05 dc  12 34",
                Dss.builder().mapping(0xaabbccddeeff0011L, 1, 1500).checksum(0x1234).build());
        TsharkView.assertMatches(m8, "tcp.options.mptcp.flags=0x0c; tcp.options.mptcp.dseqn8.flag=1; "
                + "tcp.options.mptcp.rawdataseqno=12302652060662169617; tcp.options.mptcp.subflowseqno=1", "dsn64 nack");
        // Synthetic, 4-byte ack and 4-byte DSN with checksum (flags 0x05, length 20); tshark:
        //   rawdataack=16909060 rawdataseqno=287454020 subflowseqno=2 datalvllen=100
        MptcpOption m44 = twoWay("1e 14 20 05  01 02 03 04  11 22 33 44  00 00 00 02  00 64  be ef",
                Dss.builder().dataAck32(0x01020304L).mapping32(0x11223344L, 2, 100).checksum(0xbeef).build());
        TsharkView.assertMatches(m44, "tcp.options.mptcp.flags=0x05; tcp.options.mptcp.rawdataack=16909060; "
                + "tcp.options.mptcp.rawdataseqno=287454020; tcp.options.mptcp.subflowseqno=2; "
                + "tcp.options.mptcp.datalvllen=100", "ack32 dsn32");
    }

    @Test
    void dssWeirdFlagsSurvive() {
        // Synthetic, 'a' without 'A' (flags 0x02, length 4); tshark: dataack8.flag=1 dataackpresent.flag=0
        Dss a = (Dss) twoWay("1e 04 20 02", Dss.builder().dataAck8(true).build());
        assertTrue(a.dataAck8() && !a.dataAckPresent());
        TsharkView.assertMatches(a, "tcp.options.mptcp.flags=0x02; tcp.options.mptcp.dataack8.flag=1; "
                + "tcp.options.mptcp.dataackpresent.flag=0", "a only");
        // Synthetic, 'm' without 'M' (flags 0x08, length 4); tshark: dseqn8.flag=1 dseqnpresent.flag=0
        Dss m = (Dss) twoWay("1e 04 20 08", Dss.builder().dataSequenceNumber8(true).build());
        TsharkView.assertMatches(m, "tcp.options.mptcp.flags=0x08; tcp.options.mptcp.dseqn8.flag=1; "
                + "tcp.options.mptcp.dseqnpresent.flag=0", "m only");
        // All 7 reserved bits set: 1e 04 2f e0.
        Dss r = (Dss) twoWay("1e 04 2f e0", Dss.builder().reserved(0x7f).build());
        assertEquals(0x7f, r.reserved());
        // Every flag combination, with and without checksum, decodes and encodes to itself.
        for (int flags = 0; flags < 32; flags++) {
            for (boolean csum : new boolean[] {false, true}) {
                if (csum && (flags & Dss.FLAG_MAPPING_PRESENT) == 0) continue;
                Dss.Builder b = Dss.builder().flags(flags).reserved(flags * 3 & 0x7f);
                if ((flags & Dss.FLAG_DATA_ACK_PRESENT) != 0) b.dataAckValue((flags & Dss.FLAG_DATA_ACK_8) != 0 ? -2L : 0xfffffffeL);
                if ((flags & Dss.FLAG_MAPPING_PRESENT) != 0) {
                    b.dataSequenceNumber((flags & Dss.FLAG_DSN_8) != 0 ? 0x8000000000000001L : 0x80000001L)
                            .subflowSequenceNumber(0xffffffffL).dataLevelLength(0xffff);
                }
                if (csum) b.checksum(0xfffe);
                Dss d = b.build();
                Bytes wire = MptcpCodec.encode(d, Bytes.EMPTY);
                assertEquals(d.computedLength(), wire.length());
                assertEquals(wire.length(), wire.u8(1));
                assertEquals(flags, wire.u8(3) & 0x1f);
                Diagnostics diag = Diagnostics.strict();
                assertEquals(d.withLength(wire.length()), MptcpCodec.decode(wire, diag), "flags " + flags + " csum " + csum);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // ADD_ADDR

    @Test
    void addAddrV1Ipv4() throws Exception {
        InetAddress a = InetAddress.ofLiteral("10.0.3.2");
        // 03-multipath-v4 frame 4 (A): echo=0 addrid=2 ipv4=10.0.3.2 port=10100 addaddrtrunchmac=2678757940379027929
        MptcpOption hp = twoWay("1e 12 30 02  0a 00 03 02  27 74  25 2c dc 27 73 8c 89 d9",
                AddAddr.announce(2, a, 10100, 0x252cdc27738c89d9L));
        TsharkView.assertMatches(hp, "tcp.options.mptcp.echo=0; tcp.options.mptcp.addrid=2; "
                + "tcp.options.mptcp.ipv4=10.0.3.2; tcp.options.mptcp.port=10100; "
                + "tcp.options.mptcp.addaddrtrunchmac=2678757940379027929", "add v4 port hmac");
        // 03-multipath-v4 frame 5 (A): the echo, with port, no HMAC (length 10)
        MptcpOption ep = twoWay("1e 0a 31 02  0a 00 03 02  27 74", AddAddr.echo(2, a, 10100));
        TsharkView.assertMatches(ep, "tcp.options.mptcp.echo=1; tcp.options.mptcp.port=10100", "echo v4 port");
        // 03-multipath-v4 frame 18 (A): addrid=1 ipv4=10.0.2.2 addaddrtrunchmac=3844602634689901801 (length 16)
        MptcpOption h = twoWay("1e 10 30 01  0a 00 02 02  35 5a c5 ba 07 38 f4 e9",
                AddAddr.v4(1, "10.0.2.2", 0x355ac5ba0738f4e9L));
        TsharkView.assertMatches(h, "tcp.options.mptcp.addrid=1; tcp.options.mptcp.ipv4=10.0.2.2; "
                + "tcp.options.mptcp.addaddrtrunchmac=3844602634689901801", "add v4 hmac");
        // 03-multipath-v4 frame 19 (A): the echo (length 8)
        twoWay("1e 08 31 01  0a 00 02 02", AddAddr.echo(1, InetAddress.ofLiteral("10.0.2.2")));
    }

    @Test
    void addAddrV1Ipv6() {
        InetAddress a = InetAddress.ofLiteral("fd00:2::2");
        // 03-multipath-v4 frame 219 (A): addrid=4 ipv6=fd00:2::2 addaddrtrunchmac=8138075741342631782 (length 28)
        MptcpOption h = twoWay("1e 1c 30 04  fd 00 00 02 00 00 00 00 00 00 00 00 00 00 00 02  70 f0 40 c4 f5 f3 87 66",
                AddAddr.v6(4, "fd00:2::2", 0x70f040c4f5f38766L));
        TsharkView.assertMatches(h, "tcp.options.mptcp.echo=0; tcp.options.mptcp.addrid=4; "
                + "tcp.options.mptcp.ipv6=fd00:2::2; tcp.options.mptcp.addaddrtrunchmac=8138075741342631782", "add v6");
        // 03-multipath-v4 frame 220 (A): the echo (length 20)
        twoWay("1e 14 31 04  fd 00 00 02 00 00 00 00 00 00 00 00 00 00 00 02", AddAddr.echo(4, a));
        // Synthetic, IPv6 with port and HMAC (length 30); tshark: echo=0 addrid=7 ipv6=fd00::1 port=8080
        //   addaddrtrunchmac=72623859790382856
        InetAddress b = InetAddress.ofLiteral("fd00::1");
        MptcpOption hp = twoWay("1e 1e 30 07  fd 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01  1f 90  01 02 03 04 05 06 07 08",
                AddAddr.announce(7, b, 8080, 0x0102030405060708L));
        TsharkView.assertMatches(hp, "tcp.option_len=30; tcp.options.mptcp.echo=0; tcp.options.mptcp.addrid=7; "
                + "tcp.options.mptcp.ipv6=fd00::1; tcp.options.mptcp.port=8080; "
                + "tcp.options.mptcp.addaddrtrunchmac=72623859790382856", "add v6 port hmac");
        // Synthetic, IPv6 echo with port (length 22); tshark: echo=1 addrid=7 ipv6=fd00::1 port=8080
        MptcpOption ep = twoWay("1e 16 31 07  fd 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01  1f 90",
                AddAddr.echo(7, b, 8080));
        TsharkView.assertMatches(ep, "tcp.options.mptcp.echo=1; tcp.options.mptcp.addrid=7; "
                + "tcp.options.mptcp.ipv6=fd00::1; tcp.options.mptcp.port=8080", "echo v6 port");
        // An IPv4-mapped IPv6 address stays 16 bytes (InetAddress would make it an Inet4Address).
        AddAddr.V1 mapped = (AddAddr.V1) twoWay("1e 14 31 04  00 00 00 00 00 00 00 00 00 00 ff ff 0a 00 00 01",
                MptcpCodec.decode(Bytes.fromHex("1e143104 00000000000000000000ffff0a000001"), Diagnostics.strict()));
        assertEquals(16, mapped.address().getAddress().length);
    }

    @Test
    void addAddrV1ReservedBitsAndOddCombinations() {
        // E=0 with reserved bits 0b101 (nibble 0xa), IPv4 with HMAC: kept verbatim.
        AddAddr.V1 r = (AddAddr.V1) twoWay("1e 10 3a 01  0a 00 02 02  35 5a c5 ba 07 38 f4 e9",
                AddAddr.v4(1, "10.0.2.2", 0x355ac5ba0738f4e9L).withReserved(5));
        assertEquals(5, r.reserved());
        // An echo carrying an HMAC, and an announcement without one, can be crafted and decoded.
        twoWay("1e 10 31 01  0a 00 02 02  35 5a c5 ba 07 38 f4 e9",
                AddAddr.v4(1, "10.0.2.2", 0x355ac5ba0738f4e9L).withEcho(true));
        twoWay("1e 08 30 01  0a 00 02 02", AddAddr.echo(1, InetAddress.ofLiteral("10.0.2.2")).withEcho(false));
    }

    @Test
    void addAddrV0() {
        InetAddress a = InetAddress.ofLiteral("10.0.0.1");
        // Synthetic, RFC 6824 IPv4 (length 8); tshark: addrid=5 ipver=4 ipv4=10.0.0.1
        MptcpOption v4 = twoWay("1e 08 34 05  0a 00 00 01", AddAddr.v0(5, a));
        TsharkView.assertMatches(v4, "tcp.option_len=8; tcp.options.mptcp.subtype=3; tcp.options.mptcp.addrid=5; "
                + "tcp.options.mptcp.ipver=4; tcp.options.mptcp.ipv4=10.0.0.1", "v0 v4");
        // Synthetic, with port (length 10); tshark: ipver=4 ipv4=10.0.0.1 port=8080
        MptcpOption v4p = twoWay("1e 0a 34 05  0a 00 00 01  1f 90", AddAddr.v0(5, a, 8080));
        TsharkView.assertMatches(v4p, "tcp.options.mptcp.ipver=4; tcp.options.mptcp.ipv4=10.0.0.1; "
                + "tcp.options.mptcp.port=8080", "v0 v4 port");
        InetAddress b = InetAddress.ofLiteral("fd00::1");
        // Synthetic, IPv6 (length 20); tshark: addrid=6 ipver=6 ipv6=fd00::1
        MptcpOption v6 = twoWay("1e 14 36 06  fd 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01", AddAddr.v0(6, b));
        TsharkView.assertMatches(v6, "tcp.options.mptcp.addrid=6; tcp.options.mptcp.ipver=6; "
                + "tcp.options.mptcp.ipv6=fd00::1", "v0 v6");
        // Synthetic, IPv6 with port (length 22); tshark: ipver=6 ipv6=fd00::1 port=8080
        MptcpOption v6p = twoWay("1e 16 36 06  fd 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01  1f 90",
                AddAddr.v0(6, b, 8080));
        TsharkView.assertMatches(v6p, "tcp.options.mptcp.ipver=6; tcp.options.mptcp.port=8080", "v0 v6 port");
        // A wrong IP version is written verbatim, and decodes by the length with a diagnostic.
        AddAddr.V0 wrong = AddAddr.v0(5, a).withIpVersion(6);
        Bytes w = MptcpCodec.encode(wrong, Bytes.EMPTY);
        assertEquals(Bytes.fromHex("1e083605 0a000001"), w);
        Diagnostics lenient = Diagnostics.lenient();
        assertEquals(wrong.withLength(8), MptcpCodec.decode(w, lenient));
        assertEquals(List.of(new Diagnostic(2, "mptcp.addAddr.ipVersion",
                "IPVer 6 but length 8 carries an IPv4 address", "RFC 6824 §3.4.1")), lenient.list());
    }

    // ---------------------------------------------------------------------------------------------
    // REMOVE_ADDR, MP_PRIO, MP_FAIL, MP_FASTCLOSE, MP_TCPRST, MP_EXPERIMENTAL

    @Test
    void removeAddr() {
        // 03-multipath-v4 frame 131 (A): rm_addr.count=1 addrid=1
        MptcpOption one = twoWay("1e 04 40 01", RemoveAddr.of(1));
        TsharkView.assertMatches(one, "tcp.option_len=4; mptcp.rm_addr.count=1; tcp.options.mptcp.addrid=1", "rm 1");
        // 03-multipath-v4 frame 251 (A): rm_addr.count=3
        twoWay("1e 06 40 02 03 04", RemoveAddr.of(2, 3, 4));
        // Synthetic, reserved nibble 0xf; tshark: addrid=1,2 rm_addr.count=2
        MptcpOption r = twoWay("1e 05 4f 01 02", RemoveAddr.of(1, 2).withReserved(15));
        TsharkView.assertMatches(r, "tcp.option_len=5; mptcp.rm_addr.count=2; tcp.options.mptcp.addrid=1,2", "rm rsv");
        // No id at all: decodes with a diagnostic (RFC 8684 §3.4.2 wants at least one).
        Diagnostics d = Diagnostics.lenient();
        assertEquals(RemoveAddr.of().withLength(3), MptcpCodec.decode(Bytes.fromHex("1e0340"), d));
        assertEquals("mptcp.removeAddr.addressIds", d.list().getFirst().field());
    }

    @Test
    void mpPrio() {
        // 03-multipath-v4 frame 64 (A): flags=0x51 backup.flag=1 (v1, length 3)
        MptcpOption b = twoWay("1e 03 51", MpPrio.of(true));
        TsharkView.assertMatches(b, "tcp.option_len=3; tcp.options.mptcp.flags=0x51; tcp.options.mptcp.backup.flag=1",
                "prio");
        twoWay("1e 03 50", MpPrio.of(false));
        // Synthetic, v0 with address id (length 4); tshark: flags=0x51 backup.flag=1 addrid=7
        MptcpOption v0 = twoWay("1e 04 51 07", MpPrio.v0(true, 7));
        TsharkView.assertMatches(v0, "tcp.option_len=4; tcp.options.mptcp.flags=0x51; "
                + "tcp.options.mptcp.backup.flag=1; tcp.options.mptcp.addrid=7", "prio v0");
        // Synthetic, reserved bits set (0x5e); tshark: flags=0x5e backup.flag=0
        MptcpOption r = twoWay("1e 03 5e", MpPrio.of(false).withReserved(7));
        TsharkView.assertMatches(r, "tcp.options.mptcp.flags=0x5e; tcp.options.mptcp.backup.flag=0", "prio rsv");
    }

    @Test
    void mpFail() {
        // Synthetic, reserved 0xabc, DSN 4096; tshark: reserved=0x0abc rawdataseqno=4096
        MptcpOption o = twoWay("1e 0c 6a bc  00 00 00 00 00 00 10 00", MpFail.of(4096).withReserved(0xabc));
        TsharkView.assertMatches(o, "tcp.option_len=12; tcp.options.mptcp.subtype=6; "
                + "tcp.options.mptcp.reserved=0x0abc; tcp.options.mptcp.rawdataseqno=4096", "fail");
        twoWay("1e 0c 60 00  ff ff ff ff ff ff ff ff", MpFail.of(-1L));
    }

    @Test
    void mpFastclose() {
        // 06-fastclose frame 66 (AR): reserved=0x0000 recvkey=6286249393667809592
        MptcpOption o = twoWay("1e 0c 70 00  57 3d 3e 84 7f 15 a1 38", MpFastclose.of(0x573d3e847f15a138L));
        TsharkView.assertMatches(o, "tcp.options.mptcp.reserved=0x0000; "
                + "tcp.options.mptcp.recvkey=6286249393667809592", "fastclose");
        // Synthetic, reserved all ones; tshark: recvkey=6286249393667809592 reserved=0x0fff
        MptcpOption r = twoWay("1e 0c 7f ff  57 3d 3e 84 7f 15 a1 38",
                MpFastclose.of(0x573d3e847f15a138L).withReserved(0xfff));
        TsharkView.assertMatches(r, "tcp.options.mptcp.reserved=0x0fff", "fastclose rsv");
    }

    @Test
    void mpTcpRst() {
        // 07-tcprst frame 9 (R): flags=0x80 rst_reason=0x03
        MptcpOption o = twoWay("1e 04 80 03", MpTcpRst.of(MpTcpRst.ADMINISTRATIVELY_PROHIBITED));
        TsharkView.assertMatches(o, "tcp.options.mptcp.flags=0x80; tcp.options.mptcp.flag_U.flag=0; "
                + "tcp.options.mptcp.flag_V.flag=0; tcp.options.mptcp.flag_W.flag=0; "
                + "tcp.options.mptcp.flag_T.flag=0; tcp.options.mptcp.rst_reason=0x03", "tcprst");
        // Synthetic, U V W T all set, reason 6; tshark: flags=0x8f flag_U..T=1 rst_reason=0x06
        MpTcpRst all = (MpTcpRst) twoWay("1e 04 8f 06",
                MpTcpRst.of(b -> b.flagU(true).flagV(true).flagW(true).flagT(true).reason(MpTcpRst.MIDDLEBOX_INTERFERENCE)));
        assertTrue(all.isTransient());
        TsharkView.assertMatches(all, "tcp.options.mptcp.flags=0x8f; tcp.options.mptcp.flag_U.flag=1; "
                + "tcp.options.mptcp.flag_V.flag=1; tcp.options.mptcp.flag_W.flag=1; "
                + "tcp.options.mptcp.flag_T.flag=1; tcp.options.mptcp.rst_reason=0x06", "tcprst all");
        assertEquals("middlebox interference", MpTcpRst.reasonName(all.reason()));
        twoWay("1e 04 81 ff", MpTcpRst.of(255).withFlags(1));
    }

    @Test
    void mpExperimental() {
        // Synthetic; tshark: option_len=6 subtype=15 (no body fields)
        MptcpOption o = twoWay("1e 06 f5 de ad be", MpExperimental.of(5, Bytes.fromHex("deadbe")));
        TsharkView.assertMatches(o, "tcp.option_kind=30; tcp.option_len=6; tcp.options.mptcp.subtype=15", "exp");
        // Synthetic, empty body; tshark: option_len=3 subtype=15
        twoWay("1e 03 f0", MpExperimental.of(0, Bytes.EMPTY));
    }

    @Test
    void unassignedSubtypeIsKeptRaw() {
        // Synthetic, subtype 9; tshark: option_len=5 subtype=9
        Bytes wire = Bytes.fromHex("1e 05 90 ab cd");
        Diagnostics d = Diagnostics.lenient();
        UnknownMptcp u = assertInstanceOf(UnknownMptcp.class, MptcpCodec.decode(wire, d));
        assertEquals(new UnknownMptcp(wire, "unassigned subtype 0x9"), u);
        assertEquals(9, u.subtype());
        assertEquals(5, u.length());
        assertEquals(List.of(new Diagnostic(2, "mptcp.subtype", "unassigned subtype 0x9", "RFC 8684 §7.2")), d.list());
        assertEquals(wire, MptcpCodec.encode(u, Bytes.EMPTY));
        assertEquals(wire, MptcpCodec.encode(UnknownMptcp.of(9, 0, Bytes.fromHex("abcd")), Bytes.EMPTY));
        TsharkView.assertMatches(u, "tcp.option_kind=30; tcp.option_len=5; tcp.options.mptcp.subtype=9", "unknown");
    }

    @Test
    void builtDefaultsAreAuto() {
        assertEquals(Field.AUTO, MpCapable.syn().length());
        assertEquals(Field.AUTO, Dss.builder().dataAck(1).mapping(2, 3, 4).checksum().build().checksum());
    }
}
