package org.mptcpkit.peer;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MpJoin;
import org.mptcpkit.packet.Mss;
import org.mptcpkit.packet.Nop;
import org.mptcpkit.packet.RawPacket;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpFlags;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.wire.PacketCodec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alterations and transcript lines, without a kernel. */
class AlterAndSummaryTest {
    private static final Ip4 DATA = Ip4.of(ip -> ip.src("10.0.0.2").dst("10.0.0.1").df()
            .payload(Tcp.of(t -> t.srcPort(40000).dstPort(8080).seq(1001).ack(2002).flags(TcpFlags.PSH_ACK)
                    .options(Nop.INSTANCE, Nop.INSTANCE, Timestamps.of(7, 9), Dss.mapping(5, 100, 1, 3, true))
                    .payload((byte) 'a', (byte) 'b', (byte) 'c'))));

    @Test
    void alterOptionChangesOneFieldAndTheEncoderRecomputesTheRest() {
        IpPacket bad = Alter.option(Dss.class, d -> d.withChecksum(0x1234)).apply(DATA);
        Tcp t = bad.tcp().orElseThrow();
        assertEquals(0x1234, t.option(Dss.class).orElseThrow().checksum());
        assertEquals(DATA.tcp().orElseThrow().withOptions(t.options()), t, "only the option changed");
        // The TCP checksum stays derived: the altered packet still has a right one.
        byte[] wire = PacketCodec.encode(bad);
        assertTrue(PacketCodec.decode(wire).isClean(), PacketCodec.decode(wire).diagnostics().toString());
        assertEquals(0x1234, PacketCodec.decode(wire).value().tcp().orElseThrow().option(Dss.class).orElseThrow().checksum());
    }

    @Test
    void alterWithoutAddingTcpAndIp4() {
        assertTrue(Alter.without(Timestamps.class).apply(DATA).tcp().orElseThrow().option(Timestamps.class).isEmpty());
        Tcp added = Alter.adding(Mss.of(1200)).apply(DATA).tcp().orElseThrow();
        assertEquals(Mss.of(1200), added.options().get(added.options().size() - 1));
        assertEquals(0, Alter.tcp(t -> t.withWindow(0)).apply(DATA).tcp().orElseThrow().window());
        assertEquals(1, ((Ip4) Alter.ip4(ip -> ip.withTtl(1)).apply(DATA)).ttl());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Alter.option(MpJoin.Ack.class, a -> a).apply(DATA));
        assertTrue(e.getMessage().startsWith("no Ack option to alter"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Alter.tcp(t -> t).apply(new RawPacket(Bytes.of((byte) 0x10))));
    }

    @Test
    void summaryLines() {
        assertEquals("10.0.0.2:40000 > 10.0.0.1:8080 [P.] seq 1001 ack 2002 win 65535 len 3 "
                + "<nop,nop,TS val 7 ecr 9,dss dack 5 dsn 100 ssn 1 dll 3 csum auto>", Summary.of(DATA));
        Ip6 syn = Ip6.of(ip -> ip.src("fd00::2").dst("fd00::1").payload(Tcp.of(t -> t.srcPort(1).dstPort(2).seq(3)
                .flags(TcpFlags.SYN).options(MpCapable.Syn.builder().checksumRequired(true).build()))));
        assertEquals("[fd00::2]:1 > [fd00::1]:2 [S] seq 3 win 65535 len 0 <mpcapable v1 flags 0x81>", Summary.of(syn));
        Event e = new Event(Event.Direction.RECEIVED, 0, 1, syn, "HMAC verified");
        assertEquals("< sf1 " + Summary.of(syn) + "  (HMAC verified)", e.toString());
        Step s = new Step("join", List.of(e, new Event(Event.Direction.SENT, 0, -1, DATA, "")), Bytes.EMPTY, null);
        assertEquals(List.of(DATA), s.sent());
        assertEquals(List.of(syn), s.received());
        assertEquals("join\n  " + e + "\n  > --- " + Summary.of(DATA), s.toString());
    }
}
