package org.mptcpkit.drill.exec;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.mptcpkit.drill.ast.Event;
import org.mptcpkit.drill.ast.IpVersion;
import org.mptcpkit.drill.ast.PacketEvent;
import org.mptcpkit.drill.ast.Segment;
import org.mptcpkit.drill.parse.Parser;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.RawPayload;
import org.mptcpkit.wire.PacketCodec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Inbound {@code icmp} lines without a kernel: packetdrill's type and code names, the MTU field,
 * the checksums (vectors computed independently with Python's struct), and the quote of the
 * kernel's own packet. The kernel judges the same code in the own suite ({@code icmp_*.pkt}): it
 * acts on an ICMP error only when the checksum, the quoted addresses, ports and (for TCP) an
 * in-window sequence number are right.
 */
class IcmpMessageTest {
    private static final InetAddress LOCAL = Variant.IPV4.localIp();
    private static final InetAddress REMOTE = Variant.IPV4.remoteIp();

    private static Segment.Icmp icmp(String type, String code, int mtu, Segment.Echoed echoed) {
        return new Segment.Icmp(type, Optional.ofNullable(code), mtu < 0 ? OptionalInt.empty() : OptionalInt.of(mtu),
                OptionalInt.empty(), Optional.ofNullable(echoed));
    }

    @Test
    void namesAndNumbersResolveAsInPacketdrill() {
        assertEquals(3, IcmpMessage.type(false, "unreachable"));
        assertEquals(4, IcmpMessage.code(false, "unreachable", Optional.of("frag_needed")));
        assertEquals(1, IcmpMessage.code(false, "unreachable", Optional.of("host_unreachable")));
        assertEquals(0, IcmpMessage.code(false, "time_exceeded", Optional.empty()));
        assertEquals(2, IcmpMessage.type(true, "packet_too_big"));
        assertEquals(3, IcmpMessage.code(true, "unreachable", Optional.of("address_unreachable")));
        assertEquals(42, IcmpMessage.type(true, "type_42"));
        assertEquals(7, IcmpMessage.code(false, "unreachable", Optional.of("code_7")));
        assertEquals("bad ICMP type packet_too_big",
                assertThrows(IllegalArgumentException.class, () -> IcmpMessage.type(false, "packet_too_big")).getMessage());
        assertEquals("bad ICMP code frag_needed",
                assertThrows(IllegalArgumentException.class, () -> IcmpMessage.code(true, "unreachable", Optional.of("frag_needed"))).getMessage());
    }

    @Test
    void theMtuGoesWhereEachFamilyPutsItAndTheChecksumsMatch() throws Exception {
        Bytes quote = Bytes.fromHex("0102030405060708090a0b0c");
        Bytes v4 = IcmpMessage.encode(false, icmp("unreachable", "frag_needed", 1200, null), REMOTE, LOCAL, quote);
        assertEquals("0304d421000004b0" + quote.hex(), v4.hex());
        Bytes v6 = IcmpMessage.encode(true, icmp("packet_too_big", null, 1280, null),
                InetAddress.getByName("2001:db8::1"), InetAddress.getByName("fd3d:fa7b:d17d::"), quote);
        assertEquals("0200dd9500000500" + quote.hex(), v6.hex());
        assertEquals("ICMPv4 MTU is only valid for unreachable-frag_needed", assertThrows(IllegalArgumentException.class,
                () -> IcmpMessage.encode(false, icmp("unreachable", "host_unreachable", 1200, null), REMOTE, LOCAL, quote)).getMessage());
        assertEquals(20, IcmpMessage.encode(false, icmp("echo_request", null, -1, new Segment.Echoed.Raw(20)), REMOTE, LOCAL, null).length());
    }

    @Test
    void anInboundErrorQuotesTheKernelsSegmentWithItsLiveSequenceNumber() {
        PacketEngine engine = new PacketEngine(new MptcpState(REMOTE), false, 0, 100_000);
        Conn c = new Conn(LOCAL, 8080, REMOTE, 40000);
        c.localIsnOffset = 0xfffffff0L;
        List<Event> events = Parser.parse("t.pkt", "0 < icmp unreachable frag_needed mtu 1200 [1:1401(1400)]\n",
                new Parser.Settings(Map.of(), Optional.of(IpVersion.IPV4))).events();
        PacketEvent pe = (PacketEvent) events.get(0).action();
        IpPacket p = engine.inbound(pe, (Segment.Icmp) pe.segment(), c);
        Ip4 outer = (Ip4) PacketCodec.decode(PacketCodec.encode(p)).value();
        assertEquals(1, outer.protocol());
        assertEquals(REMOTE, outer.src().toInetAddress());
        Bytes msg = ((RawPayload) outer.payload()).bytes();
        assertEquals(8 + 20 + 8 + 1400, msg.length());
        Ip4 quoted = (Ip4) PacketCodec.decode(msg.slice(8)).value();
        assertEquals(20 + 20 + 1400, quoted.totalLength()); // the whole original segment
        assertEquals(6, quoted.protocol());
        assertEquals(LOCAL, quoted.src().toInetAddress());
        assertEquals(REMOTE, quoted.dst().toInetAddress());
        Bytes l4 = msg.slice(28);
        assertEquals(8080, l4.u16(0));
        assertEquals(40000, l4.u16(2));
        assertEquals(0xfffffff1L, l4.u32(4)); // relative 1 + the live ISN, wrapped
        byte[] raw = msg.toByteArray();
        int sum = (raw[2] & 0xff) << 8 | (raw[3] & 0xff);
        assertEquals(sum, IcmpMessage.checksum(false, REMOTE, LOCAL, raw));
    }
}
