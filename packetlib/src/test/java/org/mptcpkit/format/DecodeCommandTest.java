package org.mptcpkit.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.wire.PacketCodec;

/** {@code mptcpkit decode}: output forms, exit codes, damage, bad usage. */
class DecodeCommandTest {
    @TempDir
    Path dir;

    record Run(int rc, String out, String err) {
        String[] lines() {
            return out.isEmpty() ? new String[0] : out.split("\n");
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int rc = DecodeCommand.run(args, new PrintStream(out, false, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onePacketPerLine() {
        String f = Captures.file("01-mpc-v4.pcap").toString();
        Run r = run(f);
        assertEquals(0, r.rc(), r.err());
        assertEquals("", r.err());
        assertEquals(Captures.frames("01-mpc-v4.pcap").size(), r.lines().length);
        assertEquals("1 12:33:59.770958 IP 10.0.1.1.47970 > 10.0.1.2.5101: Flags [S], seq 1158021166, win 64240, options"
                + " [mss 1460,sackOK,TS val 2210103822 ecr 0,nop,wscale 10,mptcp 4 capable v1], length 0", r.lines()[0]);
        assertEquals(3, run(f, "-c", "3").lines().length);
    }

    @Test
    void jsonIsOneObjectPerLine() {
        Run r = run(Captures.file("13-linux-cooked-sll.pcap").toString(), "--json");
        assertEquals(0, r.rc(), r.err());
        String[] lines = r.lines();
        assertEquals(Captures.frames("13-linux-cooked-sll.pcap").size(), lines.length);
        for (int i = 0; i < lines.length; i++) {
            var o = MiniJson.object(lines[i]);
            assertEquals(java.math.BigInteger.valueOf(i + 1), o.get("frame"));
            assertEquals("LINUX_SLL", PacketJsonTest.map(o.get("link")).get("type"));
        }
    }

    @Test
    void showHexAndPkt() {
        Run r = run(Captures.file("01-mpc-v4.pcap").toString(), "--show", "--hex", "--pkt", "-c", "1");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("\n    checksum: 0xedb2 (correct)\n"), r.out());
        assertTrue(r.out().contains("\n0000  02 00 00 00 01 02 02 00 00 00 01 01 08 00 45 00   ..............E.\n"), r.out());
        assertTrue(r.out().contains("\nS 1158021166:1158021166(0) win 64240 <mss 1460, sackOK,"), r.out());
    }

    @Test
    void damagedCapturePrintsThePacketsBeforeThenOneLine() throws Exception {
        byte[] pcap = Files.readAllBytes(Captures.file("07-tcprst.pcap"));
        // Cut the file inside the body of the fourth record.
        var buf = java.nio.ByteBuffer.wrap(pcap).order((pcap[0] & 0xff) == 0xd4
                ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        int off = 24;
        for (int i = 0; i < 3; i++) off += 16 + buf.getInt(off + 8);
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(pcap, off + 16 + 10));
        Run r = run(cut.toString());
        assertEquals(1, r.rc());
        assertEquals(3, r.lines().length, r.out());
        String[] err = r.err().split("\n");
        assertEquals(1, err.length, r.err());
        assertTrue(err[0].startsWith(cut + ": record 4: "), err[0]);
    }

    @Test
    void missingFileIsOneSentence() {
        Run r = run(dir.resolve("nope.pcap").toString());
        assertEquals(1, r.rc());
        assertEquals(dir.resolve("nope.pcap") + ": no such file\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void notACaptureIsOneLine() throws Exception {
        Path p = dir.resolve("text.pcap");
        Files.writeString(p, "hello, this is no capture file at all\n");
        Run r = run(p.toString());
        assertEquals(1, r.rc());
        assertEquals(1, r.err().split("\n").length, r.err());
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, run().rc());
        assertEquals(2, run("a.pcap", "--bogus").rc());
        assertEquals(2, run("a.pcap", "-c").rc());
        assertEquals(2, run("a.pcap", "-c", "x").rc());
        assertEquals(2, run("a.pcap", "b.pcap").rc());
        assertEquals(2, run("a.pcap", "--json", "--show").rc());
        assertTrue(run().err().contains(DecodeCommand.USAGE));
    }

    @Test
    void shortPacketsDecodeWithDiagnosticsAndNeverStopTheCommand() throws Exception {
        byte[] ok = PacketCodec.encode(Ip4.builder().src(org.mptcpkit.packet.Ip4Address.parse("10.0.0.1"))
                .dst(org.mptcpkit.packet.Ip4Address.parse("10.0.0.2")).payload(Tcp.builder().srcPort(1).dstPort(2)
                        .flags("S").build()).build());
        Path p = dir.resolve("short.pcap");
        try (var w = org.mptcpkit.io.pcap.PcapWriter.open(p, org.mptcpkit.io.pcap.LinkType.RAW)) {
            w.write(0, Bytes.wrap(Arrays.copyOf(ok, 26)));
            w.write(0, Bytes.wrap(ok));
            w.write(0, Bytes.wrap(new byte[] {0x20, 1, 2}));
        }
        Run r = run(p.toString());
        assertEquals(0, r.rc(), r.err());
        String[] lines = r.lines();
        assertEquals(3, lines.length);
        assertTrue(lines[0].contains("[malformed: "), lines[0]);
        assertTrue(lines[1].contains("Flags [S]") && !lines[1].contains("malformed"), lines[1]);
        assertTrue(lines[2].contains("IP version 2 (expected: 4 or 6)"), lines[2]);
        Run j = run(p.toString(), "--json");
        assertTrue(MiniJson.object(j.lines()[0]).containsKey("diagnostics"));
    }
}
