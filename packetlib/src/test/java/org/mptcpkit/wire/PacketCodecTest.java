package org.mptcpkit.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Eol;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip4Address;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.Ip6Address;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.Mss;
import org.mptcpkit.packet.Nop;
import org.mptcpkit.packet.RawPacket;
import org.mptcpkit.packet.RawPayload;
import org.mptcpkit.packet.SackPermitted;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpFlags;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.packet.WindowScale;

/**
 * IPv4, IPv6 and TCP headers both ways against commented hex fixtures. Fixtures come from the
 * Linux 6.18 captures or were built by hand; the line above each is tcpdump 4.99.3 {@code -nn -v}
 * on those bytes, which also vouches for their checksums ("correct").
 */
class PacketCodecTest {

    // IP (tos 0x0, ttl 64, id 59025, offset 0, flags [DF], proto TCP (6), length 64)
    //   10.0.1.1.47970 > 10.0.1.2.5101: Flags [S], cksum 0xedb2 (correct), seq 1158021166, win 64240,
    //   options [mss 1460,sackOK,TS val 2210103822 ecr 0,nop,wscale 10,mptcp 4 capable v1], length 0
    // (01-mpc-v4.pcap frame 1, the Linux 6.18 MPTCP SYN)
    static final String LINUX_SYN = "45 00 0040 e691 4000 40 06 3e24 0a000101 0a000102" // IPv4, 20 bytes
            + " bb62 13ed 4506002e 00000000 b0 02 faf0 edb2 0000" // TCP: data offset 11 (44 bytes), SYN
            + " 020405b4 0402 080a83bb820e00000000 01 03030a" // mss, sackOK, TS, nop, wscale 10
            + " 1e040101"; // MP_CAPABLE v1, flag H

    // IP (tos 0x0, ttl 64, id 59027, offset 0, flags [DF], proto TCP (6), length 1076)
    //   10.0.1.1.47970 > 10.0.1.2.5101: Flags [P.], seq 1:1001, ack 1, win 63, options [nop,nop,TS val
    //   2210103829 ecr 3340804987,mptcp 22 capable v1 {0x877f9bcf737c4c6d,0x5da3bbf8c384c03d},nop,nop], length 1000
    // (01-mpc-v4.pcap frame 4: 1076 bytes on the wire, 186 captured, snaplen 200 with Ethernet)
    static final String LINUX_CUT = "45000434e693400040063a2e0a0001010a000102"
            + "bb6213ed4506002f5b69dbcfe018003f3c510000"
            + "0101080a83bb8215c720a37b1e160101877f9bcf737c4c6d5da3bbf8c384c03d03e80101"
            + "43".repeat(110);

    // IP6 (flowlabel 0xcb625, hlim 64, next-header TCP (6) payload length: 44) fd00:1::1.52948 > fd00:1::2.6302:
    //   Flags [S], cksum 0x544e (correct), seq 4043728368, win 64800,
    //   options [mss 1440,sackOK,TS val 2129334333 ecr 0,nop,wscale 10,mptcp 4 capable v1], length 0
    // (13-linux-cooked-sll.pcap frame 30)
    static final String LINUX_SYN6 = "600cb625 002c 06 40 fd000001000000000000000000000001 fd000001000000000000000000000002"
            + " ced4189ef10665f000000000b002fd20544e0000020405a00402080a7eeb103d000000000103030a1e040101";

    private static byte[] hex(String s) {
        return Bytes.fromHex(s).toByteArray();
    }

    /** Decodes, checks the round trip, and returns the value. */
    private static Decoded<IpPacket> roundTrip(byte[] b) {
        Decoded<IpPacket> d = PacketCodec.decode(b);
        assertArrayEquals(b, PacketCodec.encode(d.value()), "round trip");
        assertEquals(b.length, PacketCodec.encodedLength(d.value()));
        return d;
    }

    @Test
    void linuxSynDecodesFieldByField() {
        Decoded<IpPacket> d = roundTrip(hex(LINUX_SYN));
        assertTrue(d.isClean(), d.diagnostics()::toString);
        Ip4 ip = assertInstanceOf(Ip4.class, d.value());
        assertEquals(4, ip.version());
        assertEquals(5, ip.ihl());
        assertEquals(0, ip.tos());
        assertEquals(64, ip.totalLength());
        assertEquals(0xe691, ip.identification());
        assertTrue(ip.df());
        assertFalse(ip.mf());
        assertFalse(ip.reservedFlag());
        assertEquals(0, ip.fragmentOffset());
        assertEquals(64, ip.ttl());
        assertEquals(6, ip.protocol());
        assertEquals(0x3e24, ip.headerChecksum());
        assertEquals(Ip4Address.parse("10.0.1.1"), ip.src());
        assertEquals(Ip4Address.parse("10.0.1.2"), ip.dst());
        assertEquals(Bytes.EMPTY, ip.options());
        assertEquals(Bytes.EMPTY, ip.trailer());
        Tcp tcp = ip.tcp().orElseThrow();
        assertEquals(47970, tcp.srcPort());
        assertEquals(5101, tcp.dstPort());
        assertEquals(1158021166L, tcp.seq());
        assertEquals(0, tcp.ack());
        assertEquals(11, tcp.dataOffset());
        assertEquals(0, tcp.reserved());
        assertEquals(TcpFlags.SYN, tcp.flags());
        assertEquals(64240, tcp.window());
        assertEquals(0xedb2, tcp.checksum());
        assertEquals(0, tcp.urgentPointer());
        assertEquals(List.of(new Mss(4, 1460), new SackPermitted(2), new Timestamps(10, 2210103822L, 0),
                Nop.INSTANCE, new WindowScale(3, 10), MptcpFixtures.mptcp("1e040101")), tcp.options());
        assertEquals(Bytes.EMPTY, tcp.payload());
    }

    @Test
    void linuxSynBuiltFromTheModelRecomputesItsChecksums() {
        // Every derived field AUTO: IHL, total length, both checksums, data offset, option lengths.
        Ip4 built = Ip4.of(ip -> ip.identification(0xe691).df().src("10.0.1.1").dst("10.0.1.2")
                .payload(Tcp.of(t -> t.srcPort(47970).dstPort(5101).seq(1158021166L).syn().window(64240)
                        .options(Mss.of(1460), SackPermitted.INSTANCE, Timestamps.of(2210103822L, 0), Nop.INSTANCE,
                                WindowScale.of(10), MptcpFixtures.mptcp("1e040101")))));
        assertEquals(Bytes.fromHex(LINUX_SYN).hex(), Bytes.wrap(PacketCodec.encode(built)).hex());
        // and the decoded packet with its derived fields reset encodes to the same bytes
        Ip4 decoded = (Ip4) PacketCodec.decode(hex(LINUX_SYN)).value();
        assertArrayEquals(hex(LINUX_SYN), PacketCodec.encode(decoded.withAutoFields()));
        assertEquals(0x3e24, Ip4Codec.expectedHeaderChecksum(decoded.withHeaderChecksum(0)));
        Tcp tcp = decoded.tcp().orElseThrow();
        assertEquals(0xedb2, TcpCodec.expectedChecksum(tcp.withChecksum(0x1234), decoded.src(), decoded.dst()));
    }

    @Test
    void linuxSyn6DecodesAndRecomputes() {
        Decoded<IpPacket> d = roundTrip(hex(LINUX_SYN6));
        assertTrue(d.isClean());
        Ip6 ip = assertInstanceOf(Ip6.class, d.value());
        assertEquals(6, ip.version());
        assertEquals(0, ip.trafficClass());
        assertEquals(0xcb625, ip.flowLabel());
        assertEquals(44, ip.payloadLength());
        assertEquals(6, ip.nextHeader());
        assertEquals(64, ip.hopLimit());
        assertEquals("fd00:1::1", ip.src().toString());
        assertEquals("fd00:1::2", ip.dst().toString());
        Tcp tcp = ip.tcp().orElseThrow();
        assertEquals(0x544e, tcp.checksum());
        assertEquals(4043728368L, tcp.seq());
        assertEquals(new Mss(4, 1440), tcp.options().getFirst());
        Ip6 auto = Ip6.of(b -> b.flowLabel(0xcb625).src("fd00:1::1").dst("fd00:1::2").payload(tcp.withAutoFields()));
        assertArrayEquals(hex(LINUX_SYN6), PacketCodec.encode(auto));
        // standalone TCP with the IPv6 pseudo-header gives the same segment
        byte[] segment = TcpCodec.encode(tcp.withAutoFields(), ip.src(), ip.dst());
        assertEquals(Bytes.fromHex(LINUX_SYN6).slice(40).hex(), Bytes.wrap(segment).hex());
    }

    @Test
    void snaplenCutDecodesWhatIsThereAndReEncodesExactly() {
        Decoded<IpPacket> d = roundTrip(hex(LINUX_CUT));
        assertEquals(List.of(new Diagnostic(2, "ip4.totalLength", "truncated: total length 1076, 186 bytes present",
                "RFC 791 §3.1")), d.diagnostics());
        Ip4 ip = (Ip4) d.value();
        assertEquals(1076, ip.totalLength());
        Tcp tcp = ip.tcp().orElseThrow();
        assertEquals(TcpFlags.PSH_ACK, tcp.flags());
        assertEquals(14, tcp.dataOffset());
        assertEquals(6, tcp.options().size());
        assertEquals(110, tcp.payload().length());
        assertThrows(DecodeException.class, () -> PacketCodec.decodeStrict(hex(LINUX_CUT)));
    }

    // IP (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto TCP (6), length 40)
    //   10.0.0.1.1234 > 10.0.0.2.80: Flags [FSRP.UEW], cksum 0x82a6 (correct), seq 16909060, ack 84281096,
    //   win 512, urg 7, length 0
    // (tcpdump 4.99.3 has no letter for AE; later versions print 'e')
    static final String ALL_FLAGS = "4500002800004000400626ce0a0000010a000002"
            + "04d2 0050 01020304 05060708 51 ff 0200 82a6 0007";

    @Test
    void allNineFlags() {
        Tcp tcp = roundTrip(hex(ALL_FLAGS)).value().tcp().orElseThrow();
        assertEquals(0x1ff, tcp.flags().bits());
        assertEquals("FSRP.UEWe", tcp.flags().toString());
        assertEquals(5, tcp.dataOffset());
        assertEquals(7, tcp.urgentPointer());
        assertEquals(0x01020304L, tcp.seq());
        assertEquals(0x05060708L, tcp.ack());
        Tcp built = Tcp.of(t -> t.srcPort(1234).dstPort(80).seq(0x01020304L).ack(0x05060708L).window(512)
                .urgentPointer(7).fin().syn().rst().psh().ack().urg().ece().cwr().ae());
        assertEquals(tcp.withAutoFields(), built);
        // reserved bits sit between data offset and AE
        Tcp reserved = built.withReserved(7).withFlags(TcpFlags.NONE);
        byte[] b = TcpCodec.encode(reserved, Ip4Address.parse("10.0.0.1"), Ip4Address.parse("10.0.0.2"));
        assertEquals(0x5e, b[12] & 0xff);
        assertEquals(0, b[13]);
    }

    // IP (tos 0xb8, ttl 1, id 7, offset 0, flags [none], proto UDP (17), length 36, options (RA))
    //   10.0.0.1.53 > 10.0.0.2.53: domain [length 4 < 12] (invalid)
    static final String UDP_WITH_ROUTER_ALERT = "46 b8 0024 0007 0000 01 11 1004 0a000001 0a000002 94040000"
            + " 0035 0035 000c 0000 61626364";

    @Test
    void ipv4OptionsAndAnotherProtocolStayRaw() {
        Decoded<IpPacket> d = roundTrip(hex(UDP_WITH_ROUTER_ALERT));
        assertTrue(d.isClean());
        Ip4 ip = (Ip4) d.value();
        assertEquals(6, ip.ihl());
        assertEquals(46, ip.dscp());
        assertEquals(0, ip.ecn());
        assertEquals(0xb8, ip.tos());
        assertEquals(17, ip.protocol());
        assertEquals(Bytes.fromHex("94040000"), ip.options());
        assertEquals(RawPayload.ofHex("0035 0035 000c 0000 61626364"), ip.payload());
        Ip4 built = Ip4.of(b -> b.tos(0xb8).identification(7).ttl(1).protocol(17).src("10.0.0.1").dst("10.0.0.2")
                .options(Bytes.fromHex("940400")) // 3 bytes: padded with one zero byte because IHL is AUTO
                .payload(RawPayload.ofHex("0035 0035 000c 0000 61626364")));
        assertEquals(Bytes.fromHex(UDP_WITH_ROUTER_ALERT).hex(), Bytes.wrap(PacketCodec.encode(built)).hex());
        // with IHL set, nothing is padded: the header is as long as the bytes given
        byte[] unpadded = PacketCodec.encode(built.withIhl(6));
        assertEquals(35, unpadded.length);
    }

    // IP (tos 0x0, ttl 64, id 99, offset 1480, flags [+], proto TCP (6), length 36)
    //   10.0.0.1 > 10.0.0.2: ip-proto-6
    static final String LATER_FRAGMENT = "45000024006320b9400645b60a0000010a000002" + "11".repeat(16);

    @Test
    void nonFirstFragmentStaysRaw() {
        Decoded<IpPacket> d = roundTrip(hex(LATER_FRAGMENT));
        assertTrue(d.isClean());
        Ip4 ip = (Ip4) d.value();
        assertTrue(ip.mf());
        assertTrue(ip.isFragment());
        assertEquals(185, ip.fragmentOffset());
        assertEquals(6, ip.protocol());
        assertEquals(RawPayload.ofHex("11".repeat(16)), ip.payload());
    }

    // IP (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto TCP (6), length 40)
    //   10.0.0.2.80 > 10.0.0.1.1234: Flags [.], cksum 0x924a (correct), seq 100, ack 2, win 1024, length 0
    // followed by 6 bytes of Ethernet padding (a 60-byte minimum frame)
    static final String PADDED_ACK = "4500002800004000400626ce0a0000020a000001005004d2000000640000000250100400924a0000"
            + "000000000000";

    @Test
    void bytesAfterTheTotalLengthAreTheTrailer() {
        Decoded<IpPacket> d = roundTrip(hex(PADDED_ACK));
        assertTrue(d.isClean());
        Ip4 ip = (Ip4) d.value();
        assertEquals(Bytes.zeros(6), ip.trailer());
        assertEquals(Bytes.EMPTY, ip.tcp().orElseThrow().payload());
        // the trailer is written but not counted: total length stays 40 when derived
        byte[] again = PacketCodec.encode(ip.withAutoFields());
        assertArrayEquals(hex(PADDED_ACK), again);
    }

    // IP6 (class 0x02, flowlabel 0x12345, hlim 64, next-header TCP (6) payload length: 24)
    //   2001:db8::1.1234 > 2001:db8::2.80: Flags [S], cksum 0x3a82 (correct), seq 1, win 64800,
    //   options [mss 1440], length 0
    static final String SYN6 = "6021234500180640 20010db8000000000000000000000001 20010db8000000000000000000000002"
            + " 04d2005000000001000000006002fd203a820000020405a0";

    @Test
    void ipv6TrafficClassAndFlowLabel() {
        Ip6 ip = (Ip6) roundTrip(hex(SYN6)).value();
        assertEquals(0x02, ip.trafficClass());
        assertEquals(0, ip.dscp());
        assertEquals(2, ip.ecn());
        assertEquals(0x12345, ip.flowLabel());
        Ip6 built = Ip6.of(b -> b.trafficClass(2).flowLabel(0x12345).src("2001:db8::1").dst("2001:db8::2")
                .payload(Tcp.of(t -> t.srcPort(1234).dstPort(80).seq(1).syn().window(64800).options(Mss.of(1440)))));
        assertArrayEquals(hex(SYN6), PacketCodec.encode(built));
    }

    // IP6 (hlim 64, next-header Options (0) payload length: 32) 2001:db8::1 > 2001:db8::2: HBH (padn)
    //   1234 > 80: Flags [S], cksum 0x3a82 (correct), seq 1, win 64800, options [mss 1440], length 0
    static final String SYN6_HOP_BY_HOP = "6000000000200040 20010db8000000000000000000000001 20010db8000000000000000000000002"
            + " 06 00 010400000000" // Hop-by-Hop: next header TCP, 8 bytes, PadN
            + " 04d2005000000001000000006002fd203a820000020405a0";

    @Test
    void ipv6ExtensionHeadersAreKeptRawAndWalked() {
        Decoded<IpPacket> d = roundTrip(hex(SYN6_HOP_BY_HOP));
        assertTrue(d.isClean());
        Ip6 ip = (Ip6) d.value();
        assertEquals(0, ip.nextHeader());
        assertEquals(Bytes.fromHex("06 00 010400000000"), ip.extensionHeaders());
        assertEquals(0x3a82, ip.tcp().orElseThrow().checksum());
        var e = assertThrows(IllegalArgumentException.class, () -> ip.withNextHeader(Field.AUTO));
        assertTrue(e.getMessage().startsWith("nextHeader: AUTO needs a Tcp payload and no extension headers"));
        assertArrayEquals(hex(SYN6_HOP_BY_HOP), PacketCodec.encode(ip.withAutoFields()));
    }

    // IP6 (hlim 64, next-header Fragment (44) payload length: 32) 2001:db8::1 > 2001:db8::2: frag (0x00abcdef:800|24)
    static final String LATER_FRAGMENT6 = "6000000000202c40 20010db8000000000000000000000001 20010db8000000000000000000000002"
            + " 0600032100abcdef" + "22".repeat(24);

    @Test
    void ipv6LaterFragmentStaysRaw() {
        Ip6 ip = (Ip6) roundTrip(hex(LATER_FRAGMENT6)).value();
        assertEquals(Bytes.fromHex("0600032100abcdef"), ip.extensionHeaders());
        assertEquals(RawPayload.ofHex("22".repeat(24)), ip.payload());
    }

    @Test
    void ipv6ChainRunningPastThePayloadIsKeptAndReported() {
        // Destination Options claiming 16 bytes where 8 are left
        String hex = "6000000000083c40" + "00".repeat(32) + "0601000000000000";
        Decoded<IpPacket> d = roundTrip(hex(hex));
        Ip6 ip = (Ip6) d.value();
        assertEquals(Bytes.fromHex("0601000000000000"), ip.extensionHeaders());
        assertEquals(RawPayload.EMPTY, ip.payload());
        assertEquals("extension header 60 of 16 bytes runs past the 8 bytes left", d.diagnostics().getFirst().message());
    }

    @Test
    void notIpIsARawPacket() {
        Decoded<IpPacket> empty = roundTrip(new byte[0]);
        assertEquals(new RawPacket(Bytes.EMPTY), empty.value());
        assertEquals(List.of(new Diagnostic(0, "ip.version", "empty packet", "")), empty.diagnostics());

        Decoded<IpPacket> v5 = roundTrip(hex("5500001400000000"));
        assertEquals(RawPacket.ofHex("5500001400000000"), v5.value());
        assertEquals("version 5 (expected: 4 or 6); kept raw", v5.diagnostics().getFirst().message());

        Decoded<IpPacket> shortV4 = roundTrip(hex("450000280000"));
        assertInstanceOf(RawPacket.class, shortV4.value());
        assertEquals("IPv4 header cut short: 6 of 20 bytes; kept raw", shortV4.diagnostics().getFirst().message());

        Decoded<IpPacket> shortV6 = roundTrip(hex("60000000001406"));
        assertInstanceOf(RawPacket.class, shortV6.value());
        assertEquals("ip6", shortV6.diagnostics().getFirst().field());
        assertEquals(RawPayload.ofHex("60000000001406"), shortV6.value().payload());
    }

    @Test
    void brokenIpv4HeaderIsReadAsFarAsItGoes() {
        // IHL 3: the fixed 20 bytes are read, the payload stays raw
        String ihl3 = "43000028000040004006000000000000000000000102030405060708";
        Decoded<IpPacket> d = roundTrip(hex(ihl3));
        Ip4 ip = (Ip4) d.value();
        assertEquals(3, ip.ihl());
        assertEquals(RawPayload.ofHex("0102030405060708"), ip.payload());
        assertEquals(new Diagnostic(0, "ip4.ihl", "IHL 3 (expected: 5..15); payload kept raw", "RFC 791 §3.1"),
                d.diagnostics().getFirst());
        // IHL 15 with 24 bytes present: options take what there is
        Decoded<IpPacket> d15 = roundTrip(hex("4f00003c0000400040060000000000000000000001020304"));
        assertEquals(Bytes.fromHex("01020304"), ((Ip4) d15.value()).options());
        assertEquals("IHL 15 (60 bytes) runs past the 24 bytes present", d15.diagnostics().getFirst().message());
    }

    @Test
    void totalLengthZeroFromAnOffloadCaptureTakesTheRest() {
        String tso = "45000000000040004006000000000000000000000102030405060708";
        Decoded<IpPacket> d = roundTrip(hex(tso.replace("40060000", "40110000")));
        Ip4 ip = (Ip4) d.value();
        assertEquals(0, ip.totalLength());
        assertEquals(RawPayload.ofHex("0102030405060708"), ip.payload());
        assertEquals("total length 0 is less than the 20-byte header; payload taken to the end of the buffer",
                d.diagnostics().getFirst().message());
    }

    @Test
    void brokenTcpHeaderIsReadAsFarAsItGoes() {
        // IPv4 header without checksum; the total length is set per case
        String ip = "4500 %04x 0000 4000 40 06 0000 0a000001 0a000002";
        // a 16-byte segment: too short for TCP, kept raw
        Decoded<IpPacket> shortSeg = roundTrip(hex(ip.formatted(36) + "0102030405060708090a0b0c0d0e0f10"));
        assertInstanceOf(RawPayload.class, ((Ip4) shortSeg.value()).payload());
        assertEquals("segment of 16 bytes is shorter than the 20-byte header; kept raw",
                shortSeg.diagnostics().getFirst().message());
        // data offset 3: no options, the rest is payload
        String do3 = ip.formatted(44) + "04d2 0050 00000001 00000000 30 02 ffff 0000 0000" + "aabbccdd";
        Decoded<IpPacket> d = roundTrip(hex(do3));
        Tcp tcp = d.value().tcp().orElseThrow();
        assertEquals(3, tcp.dataOffset());
        assertEquals(Bytes.fromHex("aabbccdd"), tcp.payload());
        assertEquals(List.of(new Diagnostic(32, "tcp.dataOffset", "data offset 3 (expected: 5..15)", "RFC 9293 §3.1")),
                d.diagnostics());
        // data offset 15 in a 24-byte segment: the options take what there is
        String do15 = ip.formatted(44) + "04d2 0050 00000001 00000000 f0 02 ffff 0000 0000" + "02040218";
        Decoded<IpPacket> d15 = roundTrip(hex(do15));
        assertEquals(List.of(new Mss(4, 0x218)), d15.value().tcp().orElseThrow().options());
        assertEquals(List.of(new Diagnostic(32, "tcp.dataOffset", "data offset 15 (60 bytes) runs past the 24 bytes"
                + " of the segment", "RFC 9293 §3.1")), d15.diagnostics());
    }

    @Test
    void optionsPaddedWithEolOnlyWhenTheDataOffsetIsDerived() {
        Ip4Address a = Ip4Address.parse("10.0.0.1");
        Ip4Address b = Ip4Address.parse("10.0.0.2");
        Tcp seven = Tcp.of(t -> t.syn().options(Mss.of(1460), WindowScale.of(7)));
        byte[] padded = TcpCodec.encode(seven, a, b);
        assertEquals(28, padded.length);
        assertEquals(0x70, padded[12] & 0xf0);
        assertEquals("020405b403030700", Bytes.wrap(padded).slice(20).hex());
        // decoding gives the padding back as an explicit EOL, which then needs no more padding
        Tcp decoded = (Tcp) TcpCodec.decode(padded, 0, padded.length, Diagnostics.strict());
        assertEquals(Eol.INSTANCE, decoded.options().getLast());
        assertArrayEquals(padded, TcpCodec.encode(decoded.withAutoFields(), a, b));
        // a set data offset owns the layout: nothing is added
        byte[] unpadded = TcpCodec.encode(seven.withDataOffset(7), a, b);
        assertEquals(27, unpadded.length);
        // explicit NOPs are written as given and already fill the word
        byte[] nops = TcpCodec.encode(seven.withOptions(Nop.INSTANCE, Mss.of(1460), WindowScale.of(7)), a, b);
        assertEquals("01020405b4030307", Bytes.wrap(nops).slice(20).hex());
    }

    @Test
    void setDerivedFieldsAreWrittenAsGiven() {
        Ip4 ip = (Ip4) PacketCodec.decode(hex(LINUX_SYN)).value();
        Tcp tcp = ip.tcp().orElseThrow();
        Ip4 wrong = ip.withTotalLength(1000).withIhl(4).withHeaderChecksum(0xdead)
                .withPayload(tcp.withDataOffset(15).withChecksum(0xbeef).withOptions(Mss.of(1460).withLength(9)));
        Bytes b = Bytes.wrap(PacketCodec.encode(wrong));
        assertEquals(0x44, b.u8(0));
        assertEquals(1000, b.u16(2));
        assertEquals(0xdead, b.u16(10));
        assertEquals(0xf0, b.u8(32) & 0xf0);
        assertEquals(0xbeef, b.u16(36));
        assertEquals("020905b4", b.slice(40).hex());
        // encoding is pure: the model still says what it said
        assertEquals(1000, wrong.totalLength());
        assertArrayEquals(PacketCodec.encode(wrong), PacketCodec.encode(wrong));
    }

    @Test
    void encodesIntoTheCallersBuffer() {
        Ip4 ip = (Ip4) PacketCodec.decode(hex(LINUX_SYN)).value();
        byte[] buf = new byte[100];
        java.util.Arrays.fill(buf, (byte) 0x55);
        assertEquals(64, PacketCodec.encode(ip.withAutoFields(), buf, 7));
        assertArrayEquals(hex(LINUX_SYN), java.util.Arrays.copyOfRange(buf, 7, 71));
        assertEquals(0x55, buf[6]);
        assertEquals(0x55, buf[71]);
        byte[] small = new byte[63];
        assertThrows(IndexOutOfBoundsException.class, () -> PacketCodec.encode(ip, small, 0));
        assertArrayEquals(new byte[63], small);
    }

    @Test
    void decodeFromAnOffsetAndFromBytes() {
        byte[] framed = hex("ffffffff" + LINUX_SYN.replace(" ", "") + "eeee");
        Decoded<IpPacket> d = PacketCodec.decode(framed, 4, 64);
        assertEquals(PacketCodec.decode(hex(LINUX_SYN)).value(), d.value());
        assertEquals(d.value(), PacketCodec.decode(Bytes.fromHex(LINUX_SYN)).value());
        // decoding keeps no reference to the caller's array
        framed[4 + 20] = 0;
        assertEquals(47970, d.value().tcp().orElseThrow().srcPort());
    }

    @Test
    void underivableFieldsAreRejectedWithAReason() {
        var protocol = assertThrows(IllegalArgumentException.class,
                () -> Ip4.of(b -> b.src("10.0.0.1").dst("10.0.0.2")));
        assertEquals("protocol: AUTO needs a Tcp payload (set it for a raw payload, e.g. 17 for UDP)", protocol.getMessage());
        Tcp tooMany = Tcp.of(t -> t.options(Timestamps.of(1, 2), Timestamps.of(1, 2), Timestamps.of(1, 2),
                Timestamps.of(1, 2), Timestamps.of(1, 2)));
        var options = assertThrows(IllegalArgumentException.class,
                () -> TcpCodec.encode(tooMany, Ip4Address.ANY, Ip4Address.ANY));
        assertEquals("dataOffset: options take 50 bytes, more than the 40 a TCP header holds (RFC 9293 §3.1);"
                + " set dataOffset to send them anyway", options.getMessage());
        // with the data offset set, they are sent anyway
        assertEquals(70, TcpCodec.encode(tooMany.withDataOffset(15), Ip4Address.ANY, Ip4Address.ANY).length);
        // IPv4 options and lengths past what the derived fields can say are refused before writing
        Ip4 bigOptions = Ip4.of(b -> b.src("10.0.0.1").dst("10.0.0.2").protocol(17).options(Bytes.zeros(41)));
        assertEquals("ihl: options take 41 bytes, more than the 40 an IPv4 header holds (RFC 791 §3.1);"
                + " set ihl to send them anyway",
                assertThrows(IllegalArgumentException.class, () -> PacketCodec.encode(bigOptions)).getMessage());
        assertEquals(61, PacketCodec.encode(bigOptions.withIhl(15)).length);
        Ip4 huge = bigOptions.withOptions(Bytes.EMPTY).withPayload(RawPayload.of(Bytes.zeros(65516)));
        byte[] buf = new byte[70000];
        assertEquals("totalLength: 65536 bytes do not fit 16 bits (RFC 791 §3.1); set totalLength to send them anyway",
                assertThrows(IllegalArgumentException.class, () -> PacketCodec.encode(huge, buf, 0)).getMessage());
        assertArrayEquals(new byte[70000], buf);
        assertEquals(65536, PacketCodec.encode(huge.withTotalLength(0)).length);
        Ip6 huge6 = Ip6.of(b -> b.src("::1").dst("::2").nextHeader(17).payload(RawPayload.of(Bytes.zeros(65536))));
        assertEquals("payloadLength: 65536 bytes do not fit 16 bits (RFC 8200 §3); set payloadLength to send them anyway",
                assertThrows(IllegalArgumentException.class, () -> PacketCodec.encode(huge6)).getMessage());
        var family = assertThrows(IllegalArgumentException.class,
                () -> TcpCodec.encode(Tcp.of(t -> t.syn()), Ip4Address.ANY, Ip6Address.ANY));
        assertEquals("dst: :: is not of the family of src 0.0.0.0", family.getMessage());
    }
}
