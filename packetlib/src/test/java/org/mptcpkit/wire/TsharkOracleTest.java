package org.mptcpkit.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.FastOpen;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.Md5Signature;
import org.mptcpkit.packet.Mss;
import org.mptcpkit.packet.Nop;
import org.mptcpkit.packet.RawPacket;
import org.mptcpkit.packet.RawPayload;
import org.mptcpkit.packet.Sack;
import org.mptcpkit.packet.SackPermitted;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.packet.UnknownOption;
import org.mptcpkit.packet.WindowScale;

/**
 * An outside judge for the encoder: tshark reads what we write and must find the field values the
 * model holds and every checksum good. Packets are hand-picked (each option, odd payloads, IPv4
 * options, fragments' flags, IPv6) plus random well-formed models. Skipped where tshark is missing.
 */
class TsharkOracleTest {
    private static final String[] FIELDS = {
        "ip.hdr_len", "ip.dsfield.dscp", "ip.dsfield.ecn", "ip.len", "ip.id", "ip.flags.rb", "ip.flags.df",
        "ip.flags.mf", "ip.ttl", "ip.proto", "ip.checksum.status", "ip.src", "ip.dst",
        "ipv6.tclass", "ipv6.flow", "ipv6.plen", "ipv6.nxt", "ipv6.hlim", "ipv6.src", "ipv6.dst",
        "tcp.srcport", "tcp.dstport", "tcp.seq_raw", "tcp.ack_raw", "tcp.hdr_len", "tcp.flags", "tcp.window_size_value",
        "tcp.checksum.status", "tcp.urgent_pointer", "tcp.len", "tcp.option_kind", "tcp.option_len",
        "tcp.options.mss_val", "tcp.options.wscale.shift", "tcp.options.sack_le", "tcp.options.sack_re",
        "tcp.options.timestamp.tsval", "tcp.options.timestamp.tsecr", "tcp.options.tfo.cookie",
        "tcp.options.md5.digest",
    };

    @TempDir
    Path dir;

    @Test
    void tsharkReadsOurPacketsAsTheModelSays() throws Exception {
        org.mptcpkit.testing.OutsideJudge.require("tshark", "tshark");
        List<IpPacket> packets = new ArrayList<>(handPicked());
        long seed = new SplittableRandom().nextLong();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < 400; i++) packets.add(RoundTripPropertyTest.randomModel(rnd, false));
        List<byte[]> encoded = new ArrayList<>();
        for (IpPacket p : packets) encoded.add(PacketCodec.encode(p));
        Path pcap = dir.resolve("oracle.pcap");
        TestPcap.write(pcap, encoded);
        List<String> lines = tshark(pcap);
        assertEquals(packets.size(), lines.size(), "tshark printed one line per packet");
        for (int i = 0; i < packets.size(); i++) {
            Map<String, String> expected = expected(packets.get(i));
            String[] cells = lines.get(i).split("\\|", -1);
            Map<String, String> actual = new LinkedHashMap<>();
            for (String field : expected.keySet()) actual.put(field, cells[List.of(FIELDS).indexOf(field)]);
            assertEquals(expected, actual, "packet " + (i + 1) + " (random seed " + seed + "): "
                    + Bytes.wrap(encoded.get(i)).hex() + "\n  " + packets.get(i));
        }
    }

    private static List<IpPacket> handPicked() {
        Tcp syn = Tcp.of(t -> t.srcPort(47970).dstPort(5101).seq(1158021166L).syn().window(64240)
                .options(Mss.of(1460), SackPermitted.INSTANCE, Timestamps.of(2210103822L, 0), Nop.INSTANCE,
                        WindowScale.of(7), MptcpFixtures.mptcp("1e040101")));
        List<IpPacket> l = new ArrayList<>();
        l.add(Ip4.of(ip -> ip.src("10.0.1.1").dst("10.0.1.2").df().identification(0xe691).payload(syn)));
        l.add(Ip6.of(ip -> ip.src("fd00:1::1").dst("fd00:1::2").flowLabel(0xcb625).payload(syn)));
        // odd payload lengths exercise the checksum's last-byte padding (RFC 1071 §4.1)
        l.add(Ip4.of(ip -> ip.src("192.0.2.1").dst("198.51.100.7").tos(0xb9).ttl(1).payload(
                Tcp.of(t -> t.srcPort(1).dstPort(65535).flags("P.").seq(0xffffffffL).ack(1).payloadUtf8("abc")))));
        l.add(Ip6.of(ip -> ip.src("2001:db8::1").dst("2001:db8:ffff::2").trafficClass(0xfe).payload(
                Tcp.of(t -> t.flags("FP.").reserved(7).payload(Bytes.zeros(1001).toByteArray())))));
        // options that need padding, each option kind, a sequence of SACK blocks
        l.add(Ip4.of(ip -> ip.src("10.0.0.1").dst("10.0.0.2").reservedFlag(true).options(Bytes.fromHex("940400"))
                .payload(Tcp.of(t -> t.ack().ece().cwr().ae().urg().urgentPointer(3).options(WindowScale.of(14),
                        Sack.of(new Sack.Block(1, 2), new Sack.Block(0xfffffff0L, 5)), Md5Signature.of(Bytes.fromHex(
                                "00112233445566778899aabbccddeeff")))))));
        l.add(Ip4.of(ip -> ip.src("10.0.0.1").dst("10.0.0.2").payload(Tcp.of(t -> t.syn()
                .options(FastOpen.of(Bytes.fromHex("0102030405060708")), FastOpen.experimental(Bytes.fromHex("a1a2a3a4")),
                        UnknownOption.of(253, Bytes.fromHex("c0ffee")), UnknownOption.of(99, Bytes.EMPTY))))));
        return l;
    }

    /** What tshark should print for {@code p}: the model's values in tshark's notation. */
    private static Map<String, String> expected(IpPacket p) {
        Map<String, String> m = new LinkedHashMap<>();
        Tcp tcp = p.tcp().orElseThrow();
        int tcpLength = TcpCodec.encodedLength(tcp);
        switch (p) {
            case Ip4 ip -> {
                int header = 20 + ((ip.options().length() + 3) & ~3);
                m.put("ip.hdr_len", Integer.toString(header));
                m.put("ip.dsfield.dscp", Integer.toString(ip.dscp()));
                m.put("ip.dsfield.ecn", Integer.toString(ip.ecn()));
                m.put("ip.len", Integer.toString(header + tcpLength));
                m.put("ip.id", String.format("0x%04x", ip.identification()));
                m.put("ip.flags.rb", ip.reservedFlag() ? "1" : "0");
                m.put("ip.flags.df", ip.df() ? "1" : "0");
                m.put("ip.flags.mf", ip.mf() ? "1" : "0");
                m.put("ip.ttl", Integer.toString(ip.ttl()));
                m.put("ip.proto", "6");
                m.put("ip.checksum.status", "1");
                m.put("ip.src", ip.src().toString());
                m.put("ip.dst", ip.dst().toString());
            }
            case Ip6 ip -> {
                m.put("ipv6.tclass", String.format("0x%08x", ip.trafficClass()));
                m.put("ipv6.flow", String.format("0x%06x", ip.flowLabel()));
                m.put("ipv6.plen", Integer.toString(tcpLength));
                m.put("ipv6.nxt", "6");
                m.put("ipv6.hlim", Integer.toString(ip.hopLimit()));
                m.put("ipv6.src", ip.src().toString());
                m.put("ipv6.dst", ip.dst().toString());
            }
            case RawPacket r -> throw new AssertionError(r);
        }
        int optionsLength = TcpOptionCodec.encodedLength(tcp.options());
        int pad = -optionsLength & 3;
        m.put("tcp.srcport", Integer.toString(tcp.srcPort()));
        m.put("tcp.dstport", Integer.toString(tcp.dstPort()));
        m.put("tcp.seq_raw", Long.toString(tcp.seq()));
        m.put("tcp.ack_raw", Long.toString(tcp.ack()));
        m.put("tcp.hdr_len", Integer.toString(20 + optionsLength + pad));
        m.put("tcp.flags", String.format("0x%04x", (tcp.reserved() << 9) | tcp.flags().bits()));
        m.put("tcp.window_size_value", Integer.toString(tcp.window()));
        m.put("tcp.checksum.status", "1");
        m.put("tcp.urgent_pointer", Integer.toString(tcp.urgentPointer()));
        m.put("tcp.len", Integer.toString(tcp.payload().length()));
        List<String> kinds = new ArrayList<>();
        List<String> lengths = new ArrayList<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String f : List.of("tcp.options.mss_val", "tcp.options.wscale.shift", "tcp.options.sack_le",
                "tcp.options.sack_re", "tcp.options.timestamp.tsval", "tcp.options.timestamp.tsecr",
                "tcp.options.tfo.cookie", "tcp.options.md5.digest")) {
            values.put(f, new ArrayList<>());
        }
        for (TcpOption o : tcp.options()) {
            kinds.add(Integer.toString(o.kind()));
            int len = TcpOptionCodec.encodedLength(o);
            if (len > 1) lengths.add(Integer.toString(len)); // tshark gives no length for NOP and EOL
            switch (o) {
                case Mss x -> values.get("tcp.options.mss_val").add(Integer.toString(x.mss()));
                case WindowScale x -> values.get("tcp.options.wscale.shift").add(Integer.toString(x.shift()));
                case Sack x -> x.blocks().forEach(b -> {
                    values.get("tcp.options.sack_le").add(Long.toString(b.left()));
                    values.get("tcp.options.sack_re").add(Long.toString(b.right()));
                });
                case Timestamps x -> {
                    values.get("tcp.options.timestamp.tsval").add(Long.toString(x.tsVal()));
                    values.get("tcp.options.timestamp.tsecr").add(Long.toString(x.tsEcr()));
                }
                case FastOpen x -> {
                    if (!x.cookie().isEmpty()) values.get("tcp.options.tfo.cookie").add(x.cookie().hex());
                }
                case Md5Signature x -> values.get("tcp.options.md5.digest").add(x.digest().hex());
                default -> {
                }
            }
        }
        for (int i = 0; i < pad; i++) kinds.add("0");
        m.put("tcp.option_kind", String.join(",", kinds));
        m.put("tcp.option_len", String.join(",", lengths));
        values.forEach((k, v) -> m.put(k, String.join(",", v)));
        return m;
    }

    private List<String> tshark(Path pcap) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(),
                "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                "-o", "tcp.relative_sequence_numbers:FALSE", "-o", "tcp.analyze_sequence_numbers:FALSE",
                "-T", "fields", "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : FIELDS) {
            cmd.add("-e");
            cmd.add(f);
        }
        Path out = dir.resolve("tshark.out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tshark did not finish");
        }
        assertEquals(0, p.exitValue(), "tshark exit status");
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    static {
        // RawPayload is not sent to tshark: its bytes are the caller's business
        assert RawPayload.EMPTY.bytes().isEmpty();
    }
}
