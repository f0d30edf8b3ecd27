package org.mptcpkit.format;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpkit.io.pcap.LinkType;
import org.mptcpkit.io.pcap.PcapWriter;
import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Eol;
import org.mptcpkit.packet.FastOpen;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip4Address;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.Ip6Address;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.Md5Signature;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MpFail;
import org.mptcpkit.packet.MpFastclose;
import org.mptcpkit.packet.MpJoin;
import org.mptcpkit.packet.MpPrio;
import org.mptcpkit.packet.Mss;
import org.mptcpkit.packet.Nop;
import org.mptcpkit.packet.RemoveAddr;
import org.mptcpkit.packet.Sack;
import org.mptcpkit.packet.SackPermitted;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpFlags;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.packet.UnknownOption;
import org.mptcpkit.packet.WindowScale;
import org.mptcpkit.wire.Decoded;
import org.mptcpkit.wire.PacketCodec;

/**
 * The summary judged by tcpdump 4.99 ({@code tcpdump -nS}): for every packet of six Linux
 * captures and for crafted packets with every generic option and flag, our line equals tcpdump's
 * after the timestamp. The only differences allowed are where tcpdump prints too little: the
 * data-level length (and checksum) of MP_CAPABLE with data, which tcpdump leaves out or calls
 * {@code [bad opt]}, and MP_TCPRST, which tcpdump 4.99 calls {@code unknown}.
 */
class SummaryTest {
    @TempDir
    Path dir;

    static List<String> tcpdump(Path pcap) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tcpdump", "-nS", "-r", pcap.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "tcpdump exit status");
        List<String> lines = new ArrayList<>();
        for (String l : out.split("\n")) if (!l.isEmpty()) lines.add(l.substring(l.indexOf(' ') + 1));
        return lines;
    }

    /** Our line with the fields tcpdump 4.99 does not print taken out, for comparison. */
    static String asTcpdump4_99(String ours, String theirs) {
        String s = ours.replaceAll("(capable v\\d( csum)?( flags 0x..)? \\{[^}]*\\}) len \\d+( csum 0x[0-9a-f]+)?", "$1")
                .replaceAll("tcprst( transient)?( flags 0x[0-9a-f])? reason \\d+ \\([^)]*\\)", "unknown");
        int bad = theirs.indexOf("[bad opt]");
        if (bad >= 0) {
            // tcpdump stops the line at an option it cannot print.
            int name = theirs.lastIndexOf(' ', bad);
            String prefix = theirs.substring(0, bad);
            assertTrue(ours.startsWith(prefix), ours + "\n does not start with\n" + prefix);
            return theirs;
        }
        return s;
    }

    @Test
    void capturesReadAsTcpdumpReadsThem() throws Exception {
        org.mptcpkit.testing.OutsideJudge.require("tcpdump", "tcpdump");
        int compared = 0, exact = 0;
        for (String c : Captures.ALL) {
            List<String> theirs = tcpdump(Captures.file(c));
            List<Captures.Frame> frames = Captures.frames(c);
            assertEquals(theirs.size(), frames.size(), c);
            for (int i = 0; i < frames.size(); i++) {
                Captures.Frame f = frames.get(i);
                String ours = PacketFormatter.summary(f.packet(),
                        DecodeCommand.withoutSnaplenCut(f.decoded().diagnostics(), f.record()));
                if (ours.equals(theirs.get(i))) exact++;
                assertEquals(theirs.get(i), asTcpdump4_99(ours, theirs.get(i)), c + " frame " + (i + 1));
                compared++;
            }
        }
        assertTrue(compared > 800 && exact > compared * 9 / 10, exact + " of " + compared + " identical");
    }

    private static final Ip4Address A = Ip4Address.parse("192.0.2.1");
    private static final Ip4Address B = Ip4Address.parse("192.0.2.2");

    private static Ip4 ip4(Tcp tcp) {
        return Ip4.builder().src(A).dst(B).df(true).identification(7).payload(tcp).build();
    }

    private static Tcp.Builder tcp(String flags) {
        return Tcp.builder().srcPort(40000).dstPort(5101).seq(1000).ack(2000).flags(flags).window(512);
    }

    /** Crafted packets covering what Linux does not send: every generic option, odd flags, IPv6. */
    static List<IpPacket> crafted() {
        List<IpPacket> p = new ArrayList<>();
        p.add(ip4(tcp("S").options(Mss.of(536), SackPermitted.INSTANCE, Timestamps.of(1, 0), Nop.INSTANCE,
                WindowScale.of(14)).build()));
        p.add(ip4(tcp(".").options(Nop.INSTANCE, Nop.INSTANCE, Sack.of(new Sack.Block(3000, 4000),
                new Sack.Block(5000, 6000))).build()));
        p.add(ip4(tcp("P.").options(Md5Signature.of(Bytes.fromHex("00112233445566778899aabbccddeeff")),
                Nop.INSTANCE, Nop.INSTANCE).payloadUtf8("hello").build()));
        p.add(ip4(tcp("S").options(FastOpen.request(), Nop.INSTANCE, Nop.INSTANCE).build()));
        p.add(ip4(tcp("S").options(FastOpen.of(Bytes.fromHex("0102030405060708"))).build()));
        p.add(ip4(tcp("S").options(FastOpen.experimental(Bytes.fromHex("aabbccddeeff0011"))).build()));
        p.add(ip4(tcp("S").options(FastOpen.experimental(Bytes.EMPTY)).build()));
        p.add(ip4(tcp(".").options(new UnknownOption(254, -1, Bytes.fromHex("1234"))).build()));
        p.add(ip4(tcp(".").options(new UnknownOption(99, -1, Bytes.fromHex("abcd"))).build()));
        p.add(ip4(tcp(".").options(new UnknownOption(253, -1, Bytes.fromHex("0102")), Eol.INSTANCE, Eol.INSTANCE,
                Eol.INSTANCE, Eol.INSTANCE).build()));
        p.add(ip4(tcp("FPU.").urgentPointer(3).payloadUtf8("abc").build()));
        p.add(ip4(tcp("").build()));
        p.add(ip4(tcp("SEW").build()));
        p.add(ip4(tcp("R").build()));
        p.add(ip4(tcp(".").options(MpPrio.of(true), Nop.INSTANCE, MpPrio.v0(false, 3)).build()));
        p.add(ip4(tcp(".").options(RemoveAddr.of(1, 2, 3), Nop.INSTANCE, Nop.INSTANCE).build()));
        p.add(ip4(tcp(".").options(MpFail.of(-7L)).build()));
        p.add(ip4(tcp("R.").options(MpFastclose.of(0x0123456789abcdefL)).build()));
        p.add(ip4(tcp(".").options(AddAddr.v6(3, "fd00:3::2", 0x1122334455667788L), Nop.INSTANCE, Nop.INSTANCE).build()));
        p.add(ip4(tcp(".").options(AddAddr.echo(9, InetAddress.ofLiteral("fd00:3::2"), 443), Nop.INSTANCE, Nop.INSTANCE)
                .build()));
        p.add(ip4(tcp(".").options(AddAddr.v0(4, InetAddress.ofLiteral("10.0.0.4"))).build()));
        p.add(ip4(tcp(".").options(Dss.builder().dataAck32(5).mapping32(6, 7, 3).checksum().build()).payloadUtf8("xyz")
                .build()));
        p.add(ip4(tcp("F.").options(Dss.dataFin(9, 10), Nop.INSTANCE, Nop.INSTANCE).build()));
        p.add(ip4(tcp("S").options(MpCapable.v0(0x1122334455667788L)).build()));
        p.add(ip4(tcp("S").options(MpJoin.syn(0xdeadbeefL, 1, 0, false)).build()));
        p.add(Ip6.builder().src(Ip6Address.parse("2001:db8::1")).dst(Ip6Address.parse("2001:db8::2"))
                .payload(tcp("S.").options(Mss.of(1440), MpCapable.synAck(42)).build()).build());
        return p;
    }

    @Test
    void craftedPacketsReadAsTcpdumpReadsThem() throws Exception {
        org.mptcpkit.testing.OutsideJudge.require("tcpdump", "tcpdump");
        List<IpPacket> packets = crafted();
        Path pcap = dir.resolve("crafted.pcap");
        try (PcapWriter w = PcapWriter.open(pcap, LinkType.RAW)) {
            for (IpPacket p : packets) w.write(1_000_000_000L, Bytes.wrap(PacketCodec.encode(p)));
        }
        List<String> theirs = tcpdump(pcap);
        assertEquals(packets.size(), theirs.size());
        for (int i = 0; i < packets.size(); i++) {
            Decoded<IpPacket> d = PacketCodec.decode(PacketCodec.encode(packets.get(i)));
            String ours = PacketFormatter.summary(d);
            assertEquals(theirs.get(i), asTcpdump4_99(ours, theirs.get(i)), "crafted packet " + i);
            // The model as built (derived fields AUTO) reads the same as its decode, padding aside.
            // (an unset DSS checksum reads "csum auto" before encoding).
            String before = PacketFormatter.summary(packets.get(i));
            if (((Tcp) d.value().payload()).options().size() == ((Tcp) packets.get(i).payload()).options().size()
                    && !before.contains("csum auto")) {
                assertEquals(ours, before, "crafted packet " + i + " before encoding");
            }
        }
    }

    @Test
    void goldenLines() {
        assertEquals("IP 10.0.1.1.47970 > 10.0.1.2.5101: Flags [S], seq 1158021166, win 64240, options [mss 1460,sackOK,"
                        + "TS val 2210103822 ecr 0,nop,wscale 10,mptcp 4 capable v1], length 0",
                PacketFormatter.summary(Captures.frame("01-mpc-v4.pcap", 1).decoded()));
        assertEquals("IP 10.0.1.1.47970 > 10.0.1.2.5101: Flags [P.], seq 1158021167:1158022167, ack 1533664207, win 63,"
                        + " options [nop,nop,TS val 2210103829 ecr 3340804987,mptcp 22 capable v1 {0x877f9bcf737c4c6d,"
                        + "0x5da3bbf8c384c03d} len 1000,nop,nop], length 1000",
                PacketFormatter.summary(Captures.frame("01-mpc-v4.pcap", 4).packet()));
        assertEquals("IP 10.0.1.2.5701 > 10.0.2.1.49457: Flags [R], seq 3604505454, win 0, options [mptcp 4 tcprst reason 3"
                + " (administratively prohibited)], length 0", PacketFormatter.summary(Captures.frame("07-tcprst.pcap", 9).packet()));
        assertEquals("mptcp 18 add-addr v1 id 2 10.0.3.2:10100 hmac 0x252cdc27738c89d9",
                PacketFormatter.summaryOption(AddAddr.announce(2, InetAddress.ofLiteral("10.0.3.2"), 10100, 0x252cdc27738c89d9L),
                        TcpFlags.ACK));
    }

    @Test
    void malformedPacketsDecodeToWhatIsThereWithDiagnostics() {
        byte[] syn = PacketCodec.encode(Captures.frame("01-mpc-v4.pcap", 1).packet());
        // Cut inside the TCP header: the summary says what is there and why, and never throws.
        Decoded<IpPacket> cut = PacketCodec.decode(java.util.Arrays.copyOf(syn, 30));
        String line = PacketFormatter.summary(cut);
        assertTrue(line.startsWith("IP 10.0.1.1 > 10.0.1.2: ip-proto-6 44 [malformed: "), line);
        assertTrue(line.contains("tcp @20: segment of 10 bytes is shorter than the 20-byte header"), line);
        // An MPTCP option whose length runs past the header.
        byte[] bad = syn.clone();
        bad[bad.length - 3] = 13;
        String l2 = PacketFormatter.summary(PacketCodec.decode(bad));
        assertTrue(l2.contains("[malformed: tcp.options @"), l2);
        // Every prefix and random corruption of a real packet: never an exception, always one line.
        Random rnd = new Random(1);
        for (String c : Captures.ALL) {
            for (Captures.Frame f : Captures.frames(c)) {
                byte[] b = PacketCodec.encode(f.packet());
                for (int n = 0; n <= b.length; n += 1 + rnd.nextInt(7)) {
                    byte[] x = java.util.Arrays.copyOf(b, n);
                    if (n > 0) x[rnd.nextInt(n)] ^= (byte) (1 << rnd.nextInt(8));
                    Decoded<IpPacket> d = PacketCodec.decode(x);
                    String s = assertDoesNotThrow(() -> PacketFormatter.summary(d));
                    assertTrue(!s.contains("\n"), s);
                    assertDoesNotThrow(() -> PacketFormatter.show(d));
                    assertDoesNotThrow(() -> PacketFormatter.pktPacket(d.value()));
                }
            }
        }
    }

    @Test
    void hexdumpIsTsharksLayout() {
        // tshark -r 01-mpc-v4.pcap -x -c 1
        String expected = """
                0000  02 00 00 00 01 02 02 00 00 00 01 01 08 00 45 00   ..............E.
                0010  00 40 e6 91 40 00 40 06 3e 24 0a 00 01 01 0a 00   .@..@.@.>$......
                0020  01 02 bb 62 13 ed 45 06 00 2e 00 00 00 00 b0 02   ...b..E.........
                0030  fa f0 ed b2 00 00 02 04 05 b4 04 02 08 0a 83 bb   ................
                0040  82 0e 00 00 00 00 01 03 03 0a 1e 04 01 01         ..............
                """;
        assertEquals(expected, PacketFormatter.hexdump(Captures.frame("01-mpc-v4.pcap", 1).record().frame()));
        assertEquals("", PacketFormatter.hexdump(new byte[0]));
    }

    @Test
    void summaryIsCheap() {
        List<IpPacket> packets = new ArrayList<>();
        for (String c : Captures.ALL) for (Captures.Frame f : Captures.frames(c)) packets.add(f.packet());
        StringBuilder sb = new StringBuilder(1 << 20);
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 30; round++) {
            long t0 = System.nanoTime();
            for (IpPacket p : packets) {
                sb.setLength(0);
                PacketFormatter.appendSummary(sb, p, List.of());
            }
            best = Math.min(best, (System.nanoTime() - t0) / packets.size());
        }
        // A generous bound (the machine is shared): the point is microseconds, not milliseconds.
        assertTrue(best < 20_000, best + " ns per summary line");
    }

    static String read(Path p) throws IOException {
        return Files.readString(p);
    }
}
