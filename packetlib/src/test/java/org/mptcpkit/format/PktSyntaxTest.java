package org.mptcpkit.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mptcpkit.drill.ScriptException;
import org.mptcpkit.drill.ast.OptionLengths;
import org.mptcpkit.drill.ast.PacketEvent;
import org.mptcpkit.drill.ast.Segment;
import org.mptcpkit.drill.ast.TcpOptionSpec;
import org.mptcpkit.drill.ast.TcpOptions;
import org.mptcpkit.drill.parse.Parser;
import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.FastOpen;
import org.mptcpkit.packet.Md5Signature;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MpExperimental;
import org.mptcpkit.packet.MpFail;
import org.mptcpkit.packet.MpFastclose;
import org.mptcpkit.packet.MpJoin;
import org.mptcpkit.packet.MpPrio;
import org.mptcpkit.packet.MpTcpRst;
import org.mptcpkit.packet.Mss;
import org.mptcpkit.packet.RemoveAddr;
import org.mptcpkit.packet.Sack;
import org.mptcpkit.packet.SackPermitted;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.packet.UnknownOption;
import org.mptcpkit.packet.WindowScale;

/**
 * The {@code .pkt} rendering judged by the drill's own parser: every option of the captures and
 * of every crafted form prints, parses back in a script, and gives the AST node the formatter built
 * (the same values); what the grammar cannot hold prints as {@code option[HEX]}, which the parser
 * rejects.
 */
class PktSyntaxTest {
    /** Parses {@code options} in an inbound packet line, padded with nops to a multiple of 4 bytes. */
    private static List<TcpOptionSpec> parse(String options, int bytes) {
        StringBuilder line = new StringBuilder("0 < . 1:1(0) ack 1 win 100 <").append(options);
        for (int i = bytes; i % 4 != 0; i++) line.append(", nop");
        line.append(">\n");
        var script = Parser.parse("t.pkt", line);
        var seg = (Segment.Tcp) ((PacketEvent) script.events().getFirst().action()).segment();
        List<TcpOptionSpec> specs = new ArrayList<>(((TcpOptions.Exactly) seg.options()).options());
        while (specs.size() > 1 && specs.getLast() instanceof TcpOptionSpec.Nop) specs.removeLast();
        return specs;
    }

    private static void roundTrip(TcpOption option, PktSyntax.Role role) {
        TcpOptionSpec spec = PktSyntax.spec(option, PktContext.ABSOLUTE, role);
        assertNotNull(spec, option + " has a .pkt form");
        String text = PktSyntax.option(option, PktContext.ABSOLUTE, role);
        List<TcpOptionSpec> parsed = parse(text, OptionLengths.of(spec));
        assertEquals(List.of(spec), parsed.subList(0, 1), text);
        assertEquals(org.mptcpkit.wire.TcpOptionCodec.encodedLength(option), OptionLengths.of(spec),
                "the fork lays out " + text + " in as many bytes as the option has");
    }

    @Test
    void everyCapturedOptionParsesBackToTheSameValues() {
        int exact = 0, raw = 0;
        for (String c : Captures.ALL) {
            for (Captures.Frame f : Captures.frames(c)) {
                if (f.decoded() == null || !(f.packet().payload() instanceof Tcp tcp)) continue;
                PktSyntax.Role role = PktSyntax.Role.of(tcp.flags());
                for (TcpOption o : tcp.options()) {
                    if (PktSyntax.spec(o, PktContext.ABSOLUTE, role) == null) {
                        String text = PktSyntax.option(o, PktContext.ABSOLUTE, role);
                        assertTrue(text.startsWith("option["), text);
                        raw++;
                    } else {
                        roundTrip(o, role);
                        exact++;
                    }
                }
            }
        }
        // Linux's MP_JOIN ACK (160-bit HMAC) and MP_CAPABLE with checksum (24 bytes) have no .pkt form.
        assertTrue(exact > 1000 && raw > 0 && raw < exact / 20, exact + " exact, " + raw + " raw");
    }

    @Test
    void everyCraftedFormParsesBack() {
        List<TcpOption> options = List.of(
                Mss.of(1460), WindowScale.of(7), SackPermitted.INSTANCE,
                Sack.of(new Sack.Block(1, 1001), new Sack.Block(2001, 3001)), Timestamps.of(100, 0),
                Md5Signature.of(Bytes.fromHex("00112233445566778899aabbccddeeff")), FastOpen.request(),
                FastOpen.of(Bytes.fromHex("0102030405060708")), FastOpen.experimental(Bytes.fromHex("aabbccdd")),
                MpCapable.syn(), MpCapable.synAck(0x5da3bbf8c384c03dL), MpCapable.ack(1, -1L),
                MpCapable.ackData(0x877f9bcf737c4c6dL, 0x5da3bbf8c384c03dL, 1000), MpCapable.v0(42),
                MpCapable.v0(42, 43), MpCapable.syn().withFlags(0xff),
                MpJoin.syn(0x83f7213aL, 0xa8868267L, 2, true), MpJoin.synAck(0xe2fdcd17afc5fdacL, 0x949bf251L, 0, false),
                Dss.dataAck(-2L), Dss.dataAck32(0xfc202ff8L), Dss.mapping(7, 1, 100),
                Dss.builder().dataAck32(5).mapping32(6, 7, 8).dataFin(true).build(),
                Dss.builder().dataAck(5).mapping(6, 7, 8).checksum(0x1234).build(),
                Dss.builder().dataAck(5).mapping(6, 7, 8).checksum().build(), Dss.dataFin(9, 10),
                AddAddr.v4(2, "10.0.3.2", 0x252cdc27738c89d9L),
                AddAddr.announce(2, InetAddress.ofLiteral("10.0.3.2"), 10100, 1),
                AddAddr.echo(1, InetAddress.ofLiteral("10.0.2.2")),
                AddAddr.echo(1, InetAddress.ofLiteral("fd00:2::2"), 80),
                AddAddr.v6(3, "fd00:3::2", 77),
                RemoveAddr.of(1), RemoveAddr.of(1, 2, 3), MpPrio.of(true), MpPrio.of(false), MpPrio.v0(true, 4),
                MpFail.of(-5L), MpFastclose.of(0x573d3e847f15a138L),
                MpTcpRst.builder().reason(3).build(), MpTcpRst.builder().reason(1).flagT(true).build());
        for (TcpOption o : options) {
            roundTrip(o, PktSyntax.Role.OTHER);
        }
    }

    @Test
    void goldenSpellings() {
        assertEquals("mss 1460", PacketFormatter.pktOption(Mss.of(1460)));
        assertEquals("mpcapable v1 flags[flag_h] nokey", PacketFormatter.pktOption(MpCapable.syn()));
        // key[skey=N] puts N's little-endian bytes on the wire (fork quirk 1): 5d a3 .. 3d.
        assertEquals("mpcapable v1 flags[flag_h] key[skey=" + Long.toUnsignedString(0x3dc084c3f8bba35dL) + "]",
                PacketFormatter.pktOption(MpCapable.synAck(0x5da3bbf8c384c03dL)));
        assertEquals("mpcapable v1 flags[flag_a, flag_h] key[ckey=2, skey=3] mpcdatalen 100",
                PacketFormatter.pktOption(MpCapable.ackData(0x0200000000000000L, 0x0300000000000000L, 100)
                        .withChecksumRequired(true)));
        assertEquals("dss dack4=4229967864 dsn8=14794181579012825414 ssn=1001 dll=1000 nocs",
                PacketFormatter.pktOption(Dss.builder().dataAck32(0xfc202ff8L).mapping(0xcd4f7dc35fafe146L, 1001, 1000).build()));
        assertEquals("mp_join_syn backup=1 address_id=2 token=2214011194 rand=2827387495",
                PacketFormatter.pktOption(MpJoin.syn(0x83f7213aL, 0xa8868267L, 2, true)));
        assertEquals("add_address address_id=2 addr[addr2=inet_addr(\"10.0.3.2\")] port=10100 hmac="
                        + Long.toUnsignedString(0x252cdc27738c89d9L),
                PacketFormatter.pktOption(AddAddr.announce(2, InetAddress.ofLiteral("10.0.3.2"), 10100, 0x252cdc27738c89d9L)));
        assertEquals("remove_address address_id=[1, 2, 3]", PacketFormatter.pktOption(RemoveAddr.of(1, 2, 3)));
        assertEquals("mp_prio backup=1", PacketFormatter.pktOption(MpPrio.of(true)));
        assertEquals("mp_fail dsn8=5", PacketFormatter.pktOption(MpFail.of(5)));
        assertEquals("mp_fastclose rkey=" + Long.toUnsignedString(0x573d3e847f15a138L), PacketFormatter.pktOption(MpFastclose.of(0x573d3e847f15a138L)));
        assertEquals("mp_reset 3 flags[flag_t]",
                PacketFormatter.pktOption(MpTcpRst.builder().reason(3).flagT(true).build()));
    }

    @Test
    void whatTheGrammarCannotHoldPrintsAsRawBytesTheParserRejects() {
        List<TcpOption> options = List.of(
                MpJoin.ack(Bytes.fromHex("e56fe22eff3d8972625c34a025d0ec680fc5f3d1")),
                MpCapable.ackDataWithChecksum(1, 2, 3).withChecksum(0x2960),
                AddAddr.v0(1, InetAddress.ofLiteral("10.0.0.1")),
                MpExperimental.of(5, Bytes.fromHex("deadbe")),
                Mss.of(1460).withLength(5),
                new UnknownOption(253, 4, Bytes.fromHex("abcd")),
                Dss.dataAck(1).withReserved(1),
                MpTcpRst.builder().reason(1).flagU(true).build());
        for (TcpOption o : options) {
            assertNull(PktSyntax.spec(o, PktContext.ABSOLUTE, PktSyntax.Role.OTHER), o.toString());
            String text = PacketFormatter.pktOption(o);
            byte[] wire = new byte[org.mptcpkit.wire.TcpOptionCodec.encodedLength(o)];
            org.mptcpkit.wire.TcpOptionCodec.encode(o, wire, 0, Bytes.EMPTY);
            assertEquals("option[" + Bytes.wrap(wire).hex() + "]", text);
            assertThrows(ScriptException.class, () -> parse(text, wire.length), text);
        }
    }

    @Test
    void packetLinesParseBack() {
        Captures.Frame syn = Captures.frame("01-mpc-v4.pcap", 1);
        assertEquals("S 1158021166:1158021166(0) win 64240 <mss 1460, sackOK, TS val 2210103822 ecr 0, nop, wscale 10,"
                + " mpcapable v1 flags[flag_h] nokey>", PacketFormatter.pktPacket(syn.packet()));
        Captures.Frame ack = Captures.frame("01-mpc-v4.pcap", 3);
        // The client's third ACK names the keys by role: ckey (its own), skey (the server's).
        String line = PacketFormatter.pktPacket(ack.packet());
        assertTrue(line.startsWith(". 1158021167:1158021167(0) ack 1533664207 win 63 <nop, nop, TS val 2210103822 ecr"
                + " 3340804987, mpcapable v1 flags[flag_h] key[ckey="), line);
        for (String c : Captures.ALL) {
            for (Captures.Frame f : Captures.frames(c)) {
                if (f.decoded() == null) continue;
                String text = PacketFormatter.pktPacket(f.packet());
                if (text.contains("option[")) continue;
                var script = Parser.parse("t.pkt", "0 < " + text + "\n");
                var seg = (Segment.Tcp) ((PacketEvent) script.events().getFirst().action()).segment();
                Tcp tcp = (Tcp) f.packet().payload();
                assertEquals(tcp.window(), seg.window().orElseThrow(), text);
                assertEquals(tcp.flags().syn(), seg.flags().syn(), text);
                assertEquals(tcp.options().size(), ((TcpOptions.Exactly) seg.options()).options().size(), text);
            }
        }
    }

    @Test
    void contextMakesNumbersRelativeAndNamesKeys() {
        Captures.Frame data = Captures.frame("01-mpc-v4.pcap", 6); // dss ack 4229967864 seq ...825414 subseq 1001
        Tcp tcp = (Tcp) data.packet().payload();
        PktContext ctx = PktContext.ABSOLUTE.withSequenceBases(1158021166L, 1533664206L)
                .withDataSequenceBases(0xcd4f7dc35fafe146L - 1001, 4229967864L - 1).withTuple(true);
        String line = PacketFormatter.pktPacket(data.packet(), ctx);
        assertEquals("10.0.1.1:47970 > 10.0.1.2:5101 P. 1001:2001(1000) ack 1 win 63 <nop, nop, TS val 2210103880 ecr"
                + " 3340804994, dss dack4=1 dsn8=1001 ssn=1001 dll=1000 nocs, nop, nop>", line);
        var script = Parser.parse("t.pkt", "0 < " + line + "\n");
        assertEquals(1, script.events().size());
        assertEquals(1001, ((Segment.Tcp) ((PacketEvent) script.events().getFirst().action()).segment()).startSequence());
        MpCapable.Ack third = (MpCapable.Ack) ((Tcp) Captures.frame("01-mpc-v4.pcap", 3).packet().payload()).options().get(3);
        PktContext named = PktContext.ABSOLUTE.withKeyName(third.senderKey(), "client").withKeyName(third.receiverKey(), "server")
                .withKeyValues(false);
        assertEquals("mpcapable v1 flags[flag_h] key[client, server]", PacketFormatter.pktOption(third, named));
        assertEquals(tcp.seq(), 1158022167L);
    }
}
