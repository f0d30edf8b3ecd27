package org.mptcpkit.drill.exec;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mptcpkit.crypto.AddAddrHmac;
import org.mptcpkit.crypto.MpJoinHmac;
import org.mptcpkit.crypto.MptcpKeys;
import org.mptcpkit.drill.ast.Event;
import org.mptcpkit.drill.ast.IpVersion;
import org.mptcpkit.drill.ast.PacketEvent;
import org.mptcpkit.drill.ast.Segment;
import org.mptcpkit.drill.parse.Parser;
import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MpJoin;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.wire.PacketCodec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inbound synthesis and outbound comparison without a kernel: the fork's rules of reference §5
 * and §6.6 on packets built from script lines. (The kernel is the judge in DrillMainTest, the own
 * suite and the upstream conformance run; this pins the rules that make those pass.)
 */
class PacketEngineTest {
    private static final InetAddress LOCAL = Variant.IPV4.localIp();
    private static final InetAddress REMOTE = Variant.IPV4.remoteIp();
    private static final long KERNEL_KEY = 0x1122334455667788L;

    private final MptcpState mp = new MptcpState(REMOTE);
    private final PacketEngine engine = new PacketEngine(mp, false, 0, 100_000);
    private final Conn conn = new Conn(LOCAL, 8080, REMOTE, 40000);

    private static PacketEvent line(String text) {
        List<Event> events = Parser.parse("t.pkt", "0 " + text + "\n",
                new Parser.Settings(Map.of(), Optional.of(IpVersion.IPV4))).events();
        return (PacketEvent) events.get(0).action();
    }

    private Tcp inbound(String text) {
        PacketEvent pe = line(text);
        IpPacket p = engine.inbound(pe, (Segment.Tcp) pe.segment(), conn, 1);
        // Through the codec, as it goes to tun0.
        return (Tcp) ((Ip4) PacketCodec.decode(PacketCodec.encode(p)).value()).payload();
    }

    private static <T extends TcpOption> T option(Tcp t, Class<T> type) {
        for (TcpOption o : t.options()) if (type.isInstance(o)) return type.cast(o);
        throw new AssertionError("no " + type.getSimpleName() + " in " + t.options());
    }

    @Test
    void aLiteralKeyGoesOnTheWireAsX86MemoryAndRelativeNumbersBecomeLive() {
        conn.remoteIsn = 1000;
        conn.localIsnOffset = 555;
        Tcp syn = inbound("< S 1000:1000(0) win 100 <mpcapable v1 flags[flag_h] key[skey=2]>");
        assertEquals(1000, syn.seq());
        assertEquals(0x0200000000000000L, option(syn, MpCapable.SynAck.class).senderKey());
        Tcp ack = inbound("< . 1:1(0) ack 1 win 100");
        assertEquals(1001, ack.seq());
        assertEquals(556, ack.ack());
        assertEquals(0x0200000000000000L, (long) mp.pdKey);
    }

    @Test
    void dssNumbersAreRelativeToTheRightIdsnAndOmittedFieldsAreComputed() {
        mp.pdKey = MptcpState.literalKey(2);
        mp.kernelKey = KERNEL_KEY;
        Tcp t = inbound("< P. 1:101(100) ack 1 win 100 <dss dack8=7 dsn4=5 nocs fin, nop, nop>");
        Dss d = option(t, Dss.class);
        assertEquals(MptcpKeys.idsn(KERNEL_KEY, 1) + 7, d.dataAck());
        assertEquals((MptcpKeys.idsn(mp.pdKey, 1) + 5) & 0xffff_ffffL, d.dataSequenceNumber());
        assertEquals(1, d.subflowSequenceNumber());
        assertEquals(101, d.dataLevelLength()); // payload + DATA_FIN
        assertTrue(d.dataFin());
        assertFalse(d.checksumPresent());
    }

    @Test
    void joinRandomDefaultsTo42AndTheAckHmacIsOursFirst() {
        mp.pdKey = MptcpState.literalKey(2);
        mp.kernelKey = KERNEL_KEY;
        mp.keyVars.put("skey", KERNEL_KEY);
        Tcp syn = inbound("< S 0:0(0) win 100 <mp_join_syn address_id=2 token=sha256_32(skey)>");
        MpJoin.Syn js = option(syn, MpJoin.Syn.class);
        assertEquals(42, js.senderRandom());
        assertEquals(MptcpKeys.token(KERNEL_KEY, 1), js.receiverToken());
        conn.kernelRandom = 0xabcdef;
        Tcp ack = inbound("< . 1:1(0) ack 1 win 100 <mp_join_ack sender_hmac=auto>");
        assertEquals(MpJoinHmac.ackHmac(1, mp.pdKey, KERNEL_KEY, 42, 0xabcdef), option(ack, MpJoin.Ack.class).senderHmac());
    }

    @Test
    void anAddAddrOfANewAddressIsTheNextAddressOfOursWithAnHmacOverPortZero() {
        mp.pdKey = MptcpState.literalKey(3);
        mp.kernelKey = KERNEL_KEY;
        Tcp t = inbound("< . 1:1(0) ack 1 win 100 <add_address addr[a1] hmac=auto>");
        AddAddr.V1 a = option(t, AddAddr.V1.class);
        assertEquals("192.0.2.2", a.address().getHostAddress());
        assertEquals(1, a.addressId());
        assertEquals(AddAddrHmac.truncatedHmac(mp.pdKey, KERNEL_KEY, 1, a.address(), 0), a.truncatedHmac());
    }

    @Test
    void anEcrWithNoOutboundTimestampBeforeItCannotBeMapped() {
        ScriptFailure f = assertThrows(ScriptFailure.class,
                () -> inbound("< . 1:1(0) ack 1 win 100 <nop, nop, TS val 1 ecr 500>"));
        assertTrue(f.getMessage().startsWith("error handling packet: unable to infer live TS ecr for script TS ecr 500"));
        conn.tsMap.put(400L, 90_000L);
        Tcp t = inbound("< . 1:1(0) ack 1 win 100 <nop, nop, TS val 1 ecr 500>");
        assertEquals(90_100, option(t, org.mptcpkit.packet.Timestamps.class).tsEcr());
    }

    @Test
    void theComparisonCollectsEveryDifferenceAndLearnsTheKernelKey() {
        // The kernel's SYN-ACK, made here by synthesising it as if we sent it.
        MptcpState kernelSide = new MptcpState(REMOTE);
        PacketEngine maker = new PacketEngine(kernelSide, false, 0, 100_000);
        Conn back = new Conn(LOCAL, 8080, REMOTE, 40000);
        PacketEvent made = line("< S. 0:0(0) ack 1 win 900 <mss 1460, mpcapable v1 flags[flag_h] key[k=9]>");
        IpPacket live = maker.inbound(made, (Segment.Tcp) made.segment(), back, 1);
        live = PacketCodec.decode(PacketCodec.encode(live)).value();
        Tcp tcp = (Tcp) ((Ip4) live).payload();

        PacketEvent want = line("> S. 0:0(0) ack 1 win 800 <mss 1460, mpcapable v1 flags[flag_h] key[kkey]>");
        PacketEngine.Diffs d = engine.compare(want, (Segment.Tcp) want.segment(), live, tcp, conn, 1);
        assertEquals(List.of("live packet field tcp_window: expected: 800 (0x320) vs actual: 900 (0x384)"), d.all);
        assertEquals(MptcpState.literalKey(9), (long) mp.kernelKey);
        assertEquals(MptcpState.literalKey(9), (long) mp.key("kkey"));

        PacketEvent worse = line("> S 0:0(0) ack 2 <mss 1400, mpcapable v0 flags[flag_a] key[kkey]>");
        d = engine.compare(worse, (Segment.Tcp) worse.segment(), live, tcp, conn, 1);
        assertEquals("live packet field tcp_ack: expected: 0 (0x0) vs actual: 1 (0x1)", d.first);
        // ACK flag, ack_seq, mss bytes, MPTCP version and flags; the SYN's seq always matches.
        assertEquals(5, d.all.size(), d.all.toString());
    }

    @Test
    void anyOptionsSkipsTheOptionsButCountsTheirLength() {
        MptcpState other = new MptcpState(REMOTE);
        PacketEngine maker = new PacketEngine(other, false, 0, 100_000);
        PacketEvent made = line("< . 1:1(0) ack 1 win 900 <nop, nop, nop, nop>");
        IpPacket live = PacketCodec.decode(PacketCodec.encode(maker.inbound(made, (Segment.Tcp) made.segment(),
                new Conn(LOCAL, 8080, REMOTE, 40000), 1))).value();
        PacketEvent want = line("> . 1:1(0) ack 1 <...>");
        assertTrue(engine.compare(want, (Segment.Tcp) want.segment(), live, (Tcp) ((Ip4) live).payload(), conn, 1).isEmpty());
    }
}
