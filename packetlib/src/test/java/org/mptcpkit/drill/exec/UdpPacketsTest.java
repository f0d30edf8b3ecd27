package org.mptcpkit.drill.exec;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code udp (LEN)} lines without a kernel: the RFC 768 header and checksum of inbound datagrams
 * (values computed independently with Python's struct over the pseudo-header), and every
 * differing field of an outbound one. The kernel judges the same code in the own suite
 * ({@code udp_*.pkt}): it drops an inbound datagram whose checksum is wrong.
 */
class UdpPacketsTest {
    private static final InetAddress LOCAL = Variant.IPV4.localIp();
    private static final InetAddress REMOTE = Variant.IPV4.remoteIp();

    private final PacketEngine engine = new PacketEngine(new MptcpState(REMOTE), false, 0, 100_000);
    private final Conn conn = new Conn(LOCAL, 8080, REMOTE, 40000);

    private static PacketEvent line(String text) {
        List<Event> events = Parser.parse("t.pkt", "0 " + text + "\n",
                new Parser.Settings(Map.of(), Optional.of(IpVersion.IPV4))).events();
        return (PacketEvent) events.get(0).action();
    }

    @Test
    void checksumsMatchAnIndependentComputationForBothFamilies() throws Exception {
        Bytes v4 = UdpHeader.encode(InetAddress.getByName("192.0.2.1"), 1234, InetAddress.getByName("192.168.0.1"), 8080, 5);
        assertEquals("04d21f90000d58c70000000000", v4.hex());
        Bytes v6 = UdpHeader.encode(InetAddress.getByName("2001:db8::1"), 8080, InetAddress.getByName("fd3d:fa7b:d17d::"), 40000, 3);
        assertEquals(0x4d16, v6.u16(6));
        assertEquals(11, v6.u16(4));
    }

    @Test
    void anInboundLineGoesFromPacketdrillsPortToTheSocketsWithZeros() {
        conn.udp = true;
        PacketEvent pe = line("< (tos 0x10) udp (20)");
        IpPacket p = engine.inbound(pe, (Segment.Udp) pe.segment(), conn);
        Ip4 ip = (Ip4) PacketCodec.decode(PacketCodec.encode(p)).value();
        assertEquals(17, ip.protocol());
        assertEquals(20 + 8 + 20, ip.totalLength());
        assertEquals(0x10, (ip.dscp() << 2) | ip.ecn());
        UdpHeader u = UdpHeader.parse(((RawPayload) ip.payload()).bytes());
        assertEquals(40000, u.srcPort());
        assertEquals(8080, u.dstPort());
        assertEquals(28, u.length());
        assertEquals(Bytes.zeros(20), u.payload());
        byte[] raw = ((RawPayload) ip.payload()).bytes().toByteArray();
        raw[6] = 0;
        raw[7] = 0;
        assertEquals(u.checksum(), UdpHeader.checksum(REMOTE, LOCAL, raw));
    }

    @Test
    void anOutboundMismatchListsEveryDifferingField() {
        conn.udp = true;
        // The kernel sent 30 bytes of 0x01 from the wrong port, with a TTL the line does not want.
        Bytes udp = UdpHeader.encode(LOCAL, 9999, REMOTE, 40000, 30);
        byte[] b = udp.toByteArray();
        b[8] = 1;
        IpPacket live = engine.ip(org.mptcpkit.drill.ast.IpInfo.NONE, LOCAL, REMOTE, 17, RawPayload.of(Bytes.wrap(b)));
        live = PacketCodec.decode(PacketCodec.encode(live)).value();
        PacketEvent pe = line("> [ttl 32] udp (30)");
        PacketEngine.Diffs d = engine.compare(pe, (Segment.Udp) pe.segment(), live, UdpHeader.parse(Bytes.wrap(b)), conn);
        assertEquals(List.of(
                "live packet field ipv4_ttl: expected: 32 (0x20) vs actual: 64 (0x40)",
                "live packet field udp_src_port: expected: 8080 (0x1f90) vs actual: 9999 (0x270f)",
                "incorrect outbound data payload: byte 0 is not 0"), d.all);
        assertEquals("live packet field ipv4_ttl: expected: 32 (0x20) vs actual: 64 (0x40)", d.first);

        PacketEvent ok = line("> udp (30)");
        Bytes good = UdpHeader.encode(LOCAL, 8080, REMOTE, 40000, 30);
        IpPacket l2 = engine.ip(org.mptcpkit.drill.ast.IpInfo.NONE, LOCAL, REMOTE, 17, RawPayload.of(good));
        l2 = PacketCodec.decode(PacketCodec.encode(l2)).value();
        assertTrue(engine.compare(ok, (Segment.Udp) ok.segment(), l2, UdpHeader.parse(good), conn).isEmpty());
    }
}
