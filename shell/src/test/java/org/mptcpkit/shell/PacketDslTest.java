package org.mptcpkit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groovy.lang.Binding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpkit.format.PacketFormatter;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MpJoin;
import org.mptcpkit.packet.RemoveAddr;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpFlags;
import org.mptcpkit.packet.UnknownMptcp;
import org.mptcpkit.wire.PacketCodec;

/** The packet words: building, stacking, closures, wrong values on purpose, output, errors. */
class PacketDslTest {
    @TempDir
    Path dir;

    private final StringWriter printed = new StringWriter();
    private final Engine engine = new Engine(Vocabulary.standard(), new Binding(), new PrintWriter(printed, true), Engine.Mode.BATCH);

    private Object eval(String source) {
        return engine.run(engine.compile(source, "t.groovy"));
    }

    private static String hex(IpPacket p) {
        return Bytes.wrap(PacketCodec.encode(p)).hex();
    }

    @Test
    void ipAloneIsScapysAndItsSummaryIsTheFormattersLine() {
        Ip4 ip = (Ip4) eval("IP(dst:'10.0.0.1')");
        assertEquals("10.0.0.1", ip.dst().toString());
        assertEquals("127.0.0.1", ip.src().toString());
        assertEquals(64, ip.ttl());
        assertEquals(0, ip.protocol());
        assertEquals(PacketFormatter.summary(ip), new org.mptcpkit.shell.dsl.PacketRenderer().render(ip, false));
    }

    @Test
    void slashStacksLayersAndTextBecomesTheTcpPayload() {
        Ip4 ip = (Ip4) eval("IP(dst:'10.0.0.1')/TCP(dport:80, flags:'S')/'payload'");
        Tcp t = ip.tcp().orElseThrow();
        assertEquals(Field.AUTO, ip.protocol(), "protocol derived by the encoder once a segment is stacked");
        assertEquals(20, t.srcPort());
        assertEquals(80, t.dstPort());
        assertEquals(TcpFlags.SYN, t.flags());
        assertEquals(8192, t.window());
        assertEquals("payload", new String(t.payload().toByteArray(), StandardCharsets.UTF_8));
        Ip4 back = (Ip4) PacketCodec.decode(PacketCodec.encode(ip)).value();
        assertEquals(6, back.protocol());
        assertEquals(20 + 20 + 7, back.totalLength());
        assertEquals("IP 127.0.0.1.20 > 10.0.0.1.80: Flags [S], seq 0:7, win 8192, length 7", PacketFormatter.summary(ip));
        // The same with IPv6 and with bytes.
        Object v6 = eval("IPv6(dst:'fd00::1')/TCP()/hex('0102')");
        assertEquals("0102", ((IpPacket) v6).tcp().orElseThrow().payload().hex());
    }

    @Test
    void theClosureFormAppendsOptionsInOrder() {
        Tcp t = (Tcp) eval("TCP { syn(); mss 1460; sackOK(); ts 1, 0; wscale 7; mpCapable v1 }");
        assertEquals(TcpFlags.SYN, t.flags());
        Ip4 ip = (Ip4) eval("IP()/TCP { syn(); mss 1460; sackOK(); ts 1, 0; wscale 7; mpCapable v1 }");
        String bytes = hex(ip);
        // mss 1460 | sackOK | TS 1 0 | wscale 7 | MP_CAPABLE v1 SYN (flag H), as Linux sends it
        assertTrue(bytes.endsWith("020405b4" + "0402" + "080a0000000100000000" + "030307" + "1e040101" + "00"), bytes); // + one byte of padding to a 32-bit boundary
        assertEquals(t, eval("TCP(flags:'S', options:[mss(1460), sackOK(), ts(1, 0), wscale(7), MpCapable()])"));
        assertEquals(TcpFlags.ACK, ((Tcp) eval("TCP { ack() }")).flags(), "a flag set in the closure replaces the default S");
        Tcp named = (Tcp) eval("TCP(dport: 8080) { flags 'SA'; seq 7; ack 9; win 100; payload 'x'; mpJoin addressId: 2, receiverToken: 5, senderRandom: 6 }");
        assertEquals(List.of(8080, 7L, 9L, 100), List.of(named.dstPort(), named.seq(), named.ack(), named.window()));
        assertEquals(TcpFlags.SYN_ACK, named.flags());
        assertInstanceOf(MpJoin.Syn.class, named.options().get(0));
    }

    @Test
    void everyFieldCanBeSetWrongOnPurpose() {
        Ip4 ip = (Ip4) eval("IP(dst:'10.0.0.1', len:5, chksum:0, ihl:4)/TCP(chksum:0x1234, dataofs:3, options:[MpCapable(length:7), Mss(mss:1460, length:5)])");
        String h = hex(ip);
        assertEquals("4400" + "0005", h.substring(0, 8), h);              // ihl 4, total length 5
        assertEquals("0000", h.substring(20, 24), h);                     // header checksum 0
        Tcp t = ip.tcp().orElseThrow();
        assertEquals(0x1234, t.checksum());
        assertEquals(3, t.dataOffset());
        assertTrue(h.contains("1e070101" + "020505b4"), h);               // MP_CAPABLE length 7, MSS length 5
        Dss dss = (Dss) eval("Dss(dataAck:5, dsn:1000, ssn:1, dll:5, checksum:0xbeef, length:99)");
        assertEquals(List.of(99, 5L, 1000L, 1L, 5, 0xbeef), List.of(dss.length(), dss.dataAck(), dss.dataSequenceNumber(),
                dss.subflowSequenceNumber(), dss.dataLevelLength(), dss.checksum()));
        assertTrue(((Dss) eval("Dss(dsn:1, ssn:1, dll:1, checksum:true)")).checksumPresent());
    }

    @Test
    void mptcpSuboptionsTakeNamedArgumentsAndPickTheirForm() {
        assertInstanceOf(MpCapable.Syn.class, eval("MpCapable()"));
        MpCapable.SynAck sa = (MpCapable.SynAck) eval("MpCapable(version:1, flags:'AH', senderKey:0xdeadbeefcafebabe)");
        assertEquals(0xdeadbeefcafebabeL, sa.senderKey(), "a key above Long.MAX_VALUE (a Groovy BigInteger) is unsigned");
        assertTrue(sa.checksumRequired() && sa.hmacSha());
        assertInstanceOf(MpCapable.Ack.class, eval("MpCapable(senderKey:1, receiverKey:2)"));
        assertInstanceOf(MpCapable.AckData.class, eval("MpCapable(senderKey:1, receiverKey:2, dll:5)"));
        assertInstanceOf(MpJoin.SynAck.class, eval("MpJoin(addressId:0, senderTruncatedHmac:5, senderRandom:6)"));
        assertInstanceOf(MpJoin.Ack.class, eval("MpJoin(senderHmac:'00' * 20)"));
        assertEquals(List.of(1, 2), ((RemoveAddr) eval("RemoveAddr(ids:[1, 2])")).addressIds());
        assertInstanceOf(UnknownMptcp.class, eval("Option(subtype:0xe, bits:1, bytes:[1, 2])"));
        for (String word : List.of("MpPrio(backup:true, addressId:2)", "MpFail(dsn:9)", "MpFastclose(receiverKey:0x1122334455667788)",
                "MpTcpRst(reason:MpTcpRst.MIDDLEBOX_INTERFERENCE)", "MpExperimental(bits:1, body:'0102')",
                "AddAddr(addressId:2, address:'10.0.1.1', truncatedHmac:7)", "AddAddr(version:0, addressId:2, address:'fd00::1')",
                "Option(kind:99, bytes:'0102')", "Option(bytes:'1e0400')", "FastOpen(cookie:'0102030405060708')", "sack([[1, 2]])",
                "Timestamps(tsVal:1, tsEcr:2)", "WindowScale(shift:14)", "SackPermitted(length:3)", "nop()", "eol()")) {
            Object o = eval(word);
            // Each one encodes inside a segment (the codec accepts whatever the word built).
            Ip4 ip = (Ip4) eval("IP()/TCP(options:[" + word + "])");
            assertTrue(PacketCodec.encode(ip).length > 40, word);
            assertTrue(o instanceof org.mptcpkit.packet.TcpOption, word);
        }
    }

    @Test
    void showHexdumpLsAndHelpPrintThroughTheFormatter() {
        eval("p = IP(dst:'10.0.0.1')/TCP(dport:80)");
        Ip4 p = (Ip4) engine.binding().getVariable("p");
        eval("show(p)");
        assertEquals(PacketFormatter.show(p).stripTrailing(), printed.toString().stripTrailing());
        printed.getBuffer().setLength(0);
        eval("hexdump(p)");
        assertEquals(PacketFormatter.hexdump(PacketCodec.encode(p)).stripTrailing(), printed.toString().stripTrailing());
        printed.getBuffer().setLength(0);
        eval("ls(TCP)");
        List<String> ls = printed.toString().lines().toList();
        assertEquals("Tcp (defaults)", ls.get(0));
        assertTrue(ls.contains("  srcPort        int         = 20  (also: sport)"), ls.toString());
        assertTrue(ls.contains("  checksum       int         = auto (computed when encoding)  (also: chksum)"), ls.toString());
        printed.getBuffer().setLength(0);
        eval("ls(MpCapable)");
        assertTrue(printed.toString().contains("MpCapable.SynAck (defaults)\n"), printed.toString());
        printed.getBuffer().setLength(0);
        eval("help(TCP)");
        assertTrue(printed.toString().startsWith("TCP: a TCP header"), printed.toString());
        assertTrue(printed.toString().contains("in its closure: "), printed.toString());
        assertEquals("TCP 20 > 80: Flags [S], seq 0, win 8192, options [mss 1460], length 0",
                new org.mptcpkit.shell.dsl.PacketRenderer().render(eval("TCP(options:[mss(1460)])"), false));
    }

    @Test
    void alterComposesChangesForThePeersByHandSteps() {
        Object changed = eval("""
                f = alter { tcp { withWindow(0) }; option(Mss) { withMss(1) }; without(SackPermitted); adding(nop()); ip { withTtl(1) } }
                f.apply(IP()/TCP(options:[mss(1460), sackOK()]))
                """);
        Ip4 ip = (Ip4) changed;
        Tcp t = ip.tcp().orElseThrow();
        assertEquals(1, ip.ttl());
        assertEquals(0, t.window());
        assertEquals(List.of(org.mptcpkit.packet.Mss.of(1), org.mptcpkit.packet.Nop.INSTANCE), t.options());
        Throwable e = assertThrows(IllegalArgumentException.class, () -> eval("alter { tcp { 5 } }.apply(IP()/TCP())"));
        assertEquals("alter: the closure gave Integer 5 (expected: the changed Tcp, e.g. { withWindow(0) })", e.getMessage());
    }

    @Test
    void pcapFilesRoundTrip() {
        Path f = dir.resolve("out.pcap");
        engine.binding().setVariable("f", f.toString());
        eval("wrpcap(f, [IP(dst:'10.0.0.1')/TCP(dport:80)/'a', IP(dst:'10.0.0.2')/TCP { syn(); mpCapable v1 }])");
        @SuppressWarnings("unchecked")
        List<IpPacket> back = (List<IpPacket>) eval("rdpcap(f)");
        assertEquals(2, back.size());
        assertEquals("IP 127.0.0.1.20 > 10.0.0.1.80: Flags [S], seq 0:1, win 8192, length 1", PacketFormatter.summary(back.get(0)));
        assertTrue(back.get(1).tcp().orElseThrow().option(MpCapable.class).isPresent());
    }

    @Test
    void wordsNeedingALabSayHowToGetOne() {
        Throwable t = assertThrows(IllegalStateException.class, () -> eval("sr1(IP()/TCP())"));
        assertEquals("sr1: no lab (start with 'mptcpkit shell --lab', or set lab = Lab.builder().echoServer(8080).build())", t.getMessage());
    }

    /** Bad input: one line each, with its position and what was expected; the shell goes on. */
    @Test
    void errorsAreOneLineWithPositionAndExpectation() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String input = """
                TCP(dprt:5)
                IP(ttl:'x')
                IPP(dst:'1')
                mss('x')
                TCP(options:[5])
                IP(dst:'10.0.0.1'
                ))
                MpCapable(flags:'Z')
                IP(dst:'10.0.0.9')
                """;
        int code = Main.run(new String[] {"shell"}, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        List<String> e = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(7, e.size(), e.toString());
        assertTrue(e.get(0).startsWith("<stdin>:1: IllegalArgumentException: TCP: unknown field 'dprt' (expected one of: ack, "), e.get(0));
        assertEquals("<stdin>:2: IllegalArgumentException: IP: ttl: String 'x' (expected: int)", e.get(1));
        assertEquals("<stdin>:3: unknown word 'IPP' (did you mean 'IP'?)", e.get(2));
        assertEquals("<stdin>:4: mss(String): wrong argument types; expected mss(int)", e.get(3));
        assertEquals("<stdin>:5: IllegalArgumentException: TCP: options[0]: Integer 5 (expected: a TCP option, e.g. mss(1460), MpCapable(), Option(kind:99, bytes:'01'))", e.get(4));
        assertTrue(e.get(5).matches("<stdin>:7:\\d+: .*"), e.get(5));
        assertEquals("<stdin>:8: IllegalArgumentException: MpCapable: flags: 'Z' (expected: letters A..H, e.g. 'AH')", e.get(6));
        assertEquals("IP 127.0.0.1 > 10.0.0.9: ip-proto-0 0\n", out.toString(StandardCharsets.UTF_8), "the shell goes on");
    }
}
