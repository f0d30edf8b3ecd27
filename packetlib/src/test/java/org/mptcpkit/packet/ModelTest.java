package org.mptcpkit.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The model's own behaviour: builders, copies, range checks, flags and addresses. */
class ModelTest {

    @Test
    void theReadmeExampleBuildsWhatItSays() {
        Ip4 syn = Ip4.of(ip -> ip.src("10.0.0.1").dst("10.0.0.2")
                .payload(Tcp.of(t -> t.srcPort(1234).dstPort(80).syn().seq(1)
                        .options(Mss.of(1460), SackPermitted.INSTANCE, Timestamps.of(1, 0), Nop.INSTANCE,
                                WindowScale.of(7)))));
        assertEquals(Ip4Address.parse("10.0.0.1"), syn.src());
        Tcp tcp = syn.tcp().orElseThrow();
        assertEquals(TcpFlags.SYN, tcp.flags());
        assertEquals(Optional.of(Mss.of(1460)), tcp.option(Mss.class));
        assertEquals(Optional.empty(), tcp.option(Sack.class));
        assertEquals(Field.AUTO, syn.totalLength());
        assertEquals(Field.AUTO, tcp.checksum());
        // builder, toBuilder and with-copies agree
        assertEquals(syn, syn.toBuilder().build());
        assertEquals(tcp.withSeq(2), tcp.toBuilder().seq(2).build());
        assertEquals(syn.withTtl(1).ttl(), 1);
        assertEquals(64, syn.ttl());
    }

    @Test
    void builderShorthands() {
        Tcp t = Tcp.of(b -> b.flags("S.").ack(7).psh().payloadUtf8("hi").option(Nop.INSTANCE).option(Eol.INSTANCE));
        assertEquals(TcpFlags.parse("SP."), t.flags());
        assertEquals(7, t.ack());
        assertEquals(Bytes.fromHex("6869"), t.payload());
        assertEquals(List.of(Nop.INSTANCE, Eol.INSTANCE), t.options());
        assertEquals(TcpFlags.SYN_ACK.plus(TcpFlags.FIN), t.withFlags(TcpFlags.SYN_ACK).withFlagsAdded(TcpFlags.FIN).flags());
        Ip4 ip = Ip4.of(b -> b.tos(0xb9).df().mf().src("1.2.3.4").dst("5.6.7.8").protocol(17));
        assertEquals(46, ip.dscp());
        assertEquals(1, ip.ecn());
        assertTrue(ip.df() && ip.mf() && ip.isFragment());
        Ip6 ip6 = Ip6.of(b -> b.trafficClass(0xff).src("::1").dst("::2").nextHeader(59));
        assertEquals(63, ip6.dscp());
        assertEquals(3, ip6.ecn());
        assertEquals(0xff, ip6.trafficClass());
    }

    @Test
    void recordsCopyTheirListsSoTheModelStaysImmutable() {
        List<TcpOption> options = new ArrayList<>(List.of(Nop.INSTANCE));
        Tcp t = Tcp.of(b -> b.options(options));
        options.add(Eol.INSTANCE);
        assertEquals(List.of(Nop.INSTANCE), t.options());
        assertThrows(UnsupportedOperationException.class, () -> t.options().add(Nop.INSTANCE));
        Tcp.Builder b = Tcp.builder().option(Nop.INSTANCE);
        Tcp first = b.build();
        b.option(Eol.INSTANCE);
        assertEquals(1, first.options().size());
    }

    @Test
    void rangeChecksNameTheFieldAndTheRange() {
        assertMessage("srcPort: 70000 (expected: 0..65535)", () -> Tcp.of(t -> t.srcPort(70000)));
        assertMessage("seq: -1 (expected: 0..4294967295)", () -> Tcp.of(t -> t.seq(-1)));
        assertMessage("ack: 4294967296 (expected: 0..4294967295)", () -> Tcp.of(t -> t.ack(1L << 32)));
        assertMessage("dataOffset: 16 (expected: 0..15)", () -> Tcp.of(t -> t.dataOffset(16)));
        assertMessage("reserved: 8 (expected: 0..7)", () -> Tcp.of(t -> t.reserved(8)));
        assertMessage("checksum: 65536 (expected: 0..65535)", () -> Tcp.of(t -> t.checksum(65536)));
        assertMessage("flags: 512 (expected: 0..511)", () -> TcpFlags.of(512));
        assertMessage("ttl: 256 (expected: 0..255)", () -> ip4(b -> b.ttl(256)));
        assertMessage("ihl: 16 (expected: 0..15)", () -> ip4(b -> b.ihl(16)));
        assertMessage("dscp: 64 (expected: 0..63)", () -> ip4(b -> b.dscp(64)));
        assertMessage("fragmentOffset: 8192 (expected: 0..8191)", () -> ip4(b -> b.fragmentOffset(8192)));
        assertMessage("tos: 256 (expected: 0..255)", () -> ip4(b -> b.tos(256)));
        assertMessage("flowLabel: 1048576 (expected: 0..1048575)",
                () -> Ip6.of(b -> b.src("::1").dst("::1").flowLabel(1 << 20).nextHeader(59)));
        assertMessage("src: null", () -> Ip4.of(b -> b.dst("10.0.0.1").protocol(17)));
        assertMessage("address: '10.0.0.256' is not a dotted-quad IPv4 address", () -> Ip4Address.parse("10.0.0.256"));
        assertMessage("address: '10.1' is not a dotted-quad IPv4 address", () -> Ip4Address.parse("10.1"));
        assertMessage("address: '2001:db8::g' is not an IPv6 address", () -> Ip6Address.parse("2001:db8::g"));
        assertMessage("flags: 'X' in \"SX\" is no tcpdump flag letter (expected: F S R P . U E W e)",
                () -> TcpFlags.parse("SX"));
    }

    private static Ip4 ip4(java.util.function.Consumer<Ip4.Builder> spec) {
        return Ip4.of(b -> {
            b.src("10.0.0.1").dst("10.0.0.2").protocol(17);
            spec.accept(b);
        });
    }

    private static void assertMessage(String message, org.junit.jupiter.api.function.Executable e) {
        assertEquals(message, assertThrows(RuntimeException.class, e).getMessage());
    }

    @Test
    void tcpFlagsReadAndWriteTcpdumpLetters() {
        assertEquals("S", TcpFlags.SYN.toString());
        assertEquals("S.", TcpFlags.SYN_ACK.toString());
        assertEquals("P.", TcpFlags.PSH_ACK.toString());
        assertEquals("FP.", TcpFlags.parse(".PF").toString());
        assertEquals("SEW", TcpFlags.parse("SEW").toString());
        assertEquals("FSRP.UEWe", TcpFlags.of(0x1ff).toString());
        assertEquals("none", TcpFlags.NONE.toString());
        assertSame(TcpFlags.NONE, TcpFlags.parse("none"));
        assertSame(TcpFlags.NONE, TcpFlags.parse(""));
        assertSame(TcpFlags.SYN_ACK, TcpFlags.parse("SA"));
        assertSame(TcpFlags.SYN_ACK, TcpFlags.of(TcpFlags.SYN, TcpFlags.ACK));
        for (int i = 0; i < 512; i++) assertSame(TcpFlags.of(i), TcpFlags.parse(TcpFlags.of(i).toString()));
        assertTrue(TcpFlags.SYN_ACK.syn() && TcpFlags.SYN_ACK.ack() && !TcpFlags.SYN_ACK.fin());
        assertTrue(TcpFlags.SYN_ACK.has(TcpFlags.ACK));
        assertEquals(TcpFlags.SYN, TcpFlags.SYN_ACK.minus(TcpFlags.ACK));
        assertTrue(TcpFlags.AE.ae() && TcpFlags.CWR.cwr() && TcpFlags.ECE.ece() && TcpFlags.URG.urg()
                && TcpFlags.PSH.psh() && TcpFlags.RST.rst());
    }

    @Test
    void ipv4Addresses() throws Exception {
        Ip4Address a = Ip4Address.parse("192.0.2.255");
        assertEquals(0xc00002ff, a.bits());
        assertEquals(0xc00002ffL, a.toLong());
        assertEquals("192.0.2.255", a.toString());
        assertEquals(Bytes.fromHex("c00002ff"), a.bytes());
        assertEquals(InetAddress.getByName("192.0.2.255"), a.toInetAddress());
        assertEquals(a, IpAddress.of(InetAddress.getByName("192.0.2.255")));
        assertEquals(a, IpAddress.parse("192.0.2.255"));
        assertEquals(a, Ip4Address.of(Bytes.fromHex("c00002ff")));
        assertEquals("0.0.0.0", Ip4Address.ANY.toString());
        assertEquals("255.255.255.255", new Ip4Address(-1).toString());
        assertFalse(a.equals(Ip4Address.ANY));
    }

    @Test
    void ipv6AddressesPrintAsRfc5952Says() throws Exception {
        assertEquals("2001:db8::1", Ip6Address.parse("2001:0db8:0000:0000:0000:0000:0000:0001").toString());
        assertEquals("::", Ip6Address.ANY.toString());
        assertEquals("::1", Ip6Address.parse("::1").toString());
        assertEquals("fe80::", Ip6Address.parse("fe80:0:0:0:0:0:0:0").toString());
        // a single zero group is not shortened; the first of two equal runs is (RFC 5952 §4.2)
        assertEquals("2001:db8:0:1:1:1:1:1", Ip6Address.parse("2001:db8:0:1:1:1:1:1").toString());
        assertEquals("2001:0:0:1::1", Ip6Address.parse("2001:0:0:1:0:0:0:1").toString());
        assertEquals("2001:db8::1:0:0:1", Ip6Address.parse("2001:db8:0:0:1:0:0:1").toString());
        assertEquals("::ffff:192.0.2.1", Ip6Address.parse("::ffff:192.0.2.1").toString());
        assertEquals(new Ip6Address(0, 0xffff_c000_0201L), Ip6Address.parse("::ffff:c000:201"));
        Ip6Address a = Ip6Address.parse("fd00:1::2");
        assertEquals(new Ip6Address(0xfd00_0001_0000_0000L, 2), a);
        assertEquals(a, Ip6Address.of(a.bytes()));
        assertEquals(InetAddress.getByName("fd00:1::2"), a.toInetAddress());
        assertEquals(a, IpAddress.of(a.toInetAddress()));
        assertEquals(a, IpAddress.parse("fd00:1::2"));
        assertNotSame(a.bytes(), a.bytes());
        assertMessage("address: 'fe80::1%eth0' is not an IPv6 address", () -> Ip6Address.parse("fe80::1%eth0"));
    }

    @Test
    void withAutoFieldsResetsEveryDerivedField() {
        Tcp decodedLike = new Tcp(1, 2, 3, 4, 6, 0, TcpFlags.ACK, 5, 0xabcd, 0,
                List.of(new Mss(4, 1460), new UnknownOption(99, 3, Bytes.fromHex("00"))), Bytes.EMPTY);
        Tcp auto = decodedLike.withAutoFields();
        assertEquals(Field.AUTO, auto.dataOffset());
        assertEquals(Field.AUTO, auto.checksum());
        assertEquals(List.of(Mss.of(1460), UnknownOption.of(99, Bytes.fromHex("00"))), auto.options());
        Ip4 ip = new Ip4(4, 5, 0, 0, 44, 0, false, true, false, 0, 64, 6, 0x1234, Ip4Address.ANY, Ip4Address.ANY,
                Bytes.EMPTY, decodedLike, Bytes.EMPTY);
        Ip4 ipAuto = ip.withAutoFields();
        assertEquals(Field.AUTO, ipAuto.ihl());
        assertEquals(Field.AUTO, ipAuto.totalLength());
        assertEquals(Field.AUTO, ipAuto.headerChecksum());
        assertEquals(Field.AUTO, ipAuto.protocol());
        assertEquals(auto, ipAuto.payload());
        // a crafted protocol over TCP is kept
        assertEquals(17, ip.withProtocol(17).withAutoFields().protocol());
    }

    @Test
    void rawPacketIsAllPayload() {
        RawPacket r = RawPacket.ofHex("0102");
        assertEquals(RawPayload.ofHex("0102"), r.payload());
        assertEquals(Bytes.EMPTY, r.trailer());
        assertEquals(Optional.empty(), r.tcp());
        assertSame(RawPayload.EMPTY, RawPayload.of(Bytes.EMPTY));
    }
}
