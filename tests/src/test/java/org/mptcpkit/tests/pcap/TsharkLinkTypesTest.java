package org.mptcpkit.tests.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpkit.io.pcap.EtherType;
import org.mptcpkit.io.pcap.LinkFrame;
import org.mptcpkit.io.pcap.LinkHeader;
import org.mptcpkit.io.pcap.LinkType;
import org.mptcpkit.io.pcap.PcapReader;
import org.mptcpkit.io.pcap.PcapRecord;
import org.mptcpkit.io.pcap.PcapWriter;
import org.mptcpkit.io.pcap.TimestampPrecision;
import org.mptcpkit.io.pcap.VlanTag;
import org.mptcpkit.packet.Bytes;

/**
 * Link types the real captures do not have, written with our writer from the captures' packets
 * (IPv4 and IPv6, some cut at 200 bytes), read back with our reader, and judged by tshark: what
 * tshark finds in each frame must be what our reader returns.
 */
class TsharkLinkTypesTest {
    private static final List<String> FIELDS = List.of("frame.number", "frame.time_epoch", "frame.len",
            "frame.cap_len", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "tcp.srcport", "tcp.dstport");

    @TempDir
    Path dir;

    /** 13-linux-cooked-sll.pcap: IPv4 and IPv6 connections behind SLL headers. */
    private static List<PcapRecord> sll;
    private static List<PcapRecord> ethernet;

    @BeforeAll
    static void load() throws IOException {
        sll = PcapReader.readAll(Captures.fixture("13-linux-cooked-sll.pcap"));
        ethernet = PcapReader.readAll(Captures.fixture("01-mpc-v4.pcap"));
        assertTrue(sll.stream().anyMatch(r -> r.link().etherType() == EtherType.IPV6));
    }

    /**
     * Re-frames every record of {@code source} with {@code header}, writes it as {@code type},
     * reads it back, has tshark read it, and compares; returns the records read back.
     */
    private List<PcapRecord> judge(String name, LinkType type, List<PcapRecord> source,
            Function<PcapRecord, LinkHeader> header, List<String> extraFields) throws IOException {
        org.mptcpkit.testing.OutsideJudge.require("tshark", "tshark");
        Path p = dir.resolve(name);
        List<PcapRecord> written = new ArrayList<>();
        try (PcapWriter out = PcapWriter.open(p, type, 262144, TimestampPrecision.NANO)) {
            for (PcapRecord r : source) {
                LinkFrame f = r.link();
                PcapRecord w = r.withFrame(type, LinkFrame.of(header.apply(r), f.payload()).encode())
                        .withNumber(written.size() + 1);
                out.write(w);
                written.add(w);
            }
        }
        List<PcapRecord> read = PcapReader.readAll(p);
        assertEquals(written, read);
        List<String> fields = new ArrayList<>(FIELDS);
        fields.addAll(extraFields);
        List<Map<String, String>> tshark = Captures.tshark(p, fields);
        assertEquals(read.size(), tshark.size(), name + ": frames");
        for (int i = 0; i < read.size(); i++) {
            PcapRecord r = read.get(i);
            Map<String, String> t = tshark.get(i);
            String where = name + " frame " + r.number();
            assertEquals(t.get("frame.number"), Integer.toString(r.number()), where);
            assertEquals(t.get("frame.time_epoch"), Captures.epoch(r.timestampNanos()), where);
            assertEquals(t.get("frame.len"), Integer.toString(r.originalLength()), where);
            assertEquals(t.get("frame.cap_len"), Integer.toString(r.capturedLength()), where);
            Map<String, String> ours = Captures.ipFields(r.link());
            for (Map.Entry<String, String> e : ours.entrySet()) assertEquals(t.get(e.getKey()), e.getValue(), where + " " + e.getKey());
            assertTrue(!ours.get("tcp.srcport").isEmpty(), where + ": every fixture packet is TCP");
        }
        return read;
    }

    @Test
    void linuxCookedV2() throws IOException {
        List<PcapRecord> read = judge("sll2.pcap", LinkType.LINUX_SLL2, sll,
                r -> LinkHeader.LinuxSll2.of((LinkHeader.LinuxSll) r.link().header(), 2 + r.number() % 3),
                List.of("sll.ifindex", "sll.pkttype", "sll.etype"));
        List<Map<String, String>> t = Captures.tshark(dir.resolve("sll2.pcap"), List.of("sll.ifindex", "sll.pkttype", "sll.etype"));
        for (int i = 0; i < read.size(); i++) {
            LinkHeader.LinuxSll2 h = (LinkHeader.LinuxSll2) read.get(i).link().header();
            assertEquals(t.get(i).get("sll.ifindex"), Long.toString(h.interfaceIndex()));
            assertEquals(t.get(i).get("sll.pkttype"), Integer.toString(h.packetType()));
            assertEquals(t.get(i).get("sll.etype"), "0x" + String.format("%04x", h.protocol()));
        }
    }

    @Test
    void rawIpMixingIpv4AndIpv6() throws IOException {
        List<PcapRecord> both = new ArrayList<>(sll);
        both.addAll(ethernet.subList(0, 40));
        judge("raw.pcap", LinkType.RAW, both,
                r -> new LinkHeader.RawIp(LinkType.RAW, r.link().etherType()), List.of());
    }

    @Test
    void rawIpv4AndIpv6LinkTypes() throws IOException {
        judge("ipv4.pcap", LinkType.IPV4, sll.stream().filter(r -> r.link().etherType() == EtherType.IPV4).toList(),
                r -> new LinkHeader.RawIp(LinkType.IPV4, EtherType.IPV4), List.of());
        judge("ipv6.pcap", LinkType.IPV6, sll.stream().filter(r -> r.link().etherType() == EtherType.IPV6).toList(),
                r -> new LinkHeader.RawIp(LinkType.IPV6, EtherType.IPV6), List.of());
    }

    @Test
    void ethernetWithQinQTags() throws IOException {
        Bytes a = Bytes.fromHex("0a0000000001");
        Bytes b = Bytes.fromHex("0a0000000002");
        List<PcapRecord> read = judge("qinq.pcap", LinkType.ETHERNET, sll,
                r -> LinkHeader.Ethernet.of(b, a, List.of(VlanTag.dot1ad(300), VlanTag.dot1q(r.number()).withPriority(3)),
                        r.link().etherType()),
                List.of());
        // tshark names the 802.1ad (outer) tag ieee8021ad, the 802.1Q (inner) one vlan.
        List<Map<String, String>> t = Captures.tshark(dir.resolve("qinq.pcap"),
                List.of("ieee8021ad.id", "vlan.id", "vlan.priority", "eth.src", "eth.dst"));
        for (int i = 0; i < read.size(); i++) {
            LinkHeader.Ethernet e = (LinkHeader.Ethernet) read.get(i).link().header();
            assertEquals(2, e.tags().size());
            assertEquals(t.get(i).get("ieee8021ad.id"), Integer.toString(e.tags().get(0).vlanId()));
            assertEquals(t.get(i).get("vlan.id"), Integer.toString(e.tags().get(1).vlanId()));
            assertEquals(t.get(i).get("vlan.priority"), Integer.toString(e.tags().get(1).priority()));
            assertEquals(t.get(i).get("eth.src"), Captures.mac(e.source()));
            assertEquals(t.get(i).get("eth.dst"), Captures.mac(e.destination()));
            assertEquals(sll.get(i).number(), e.tags().get(1).vlanId());
        }
    }

    @Test
    void loopbackNullAndLoop() throws IOException {
        judge("null.pcap", LinkType.NULL, sll,
                r -> LinkHeader.Loopback.of(LinkType.NULL, r.link().etherType() == EtherType.IPV4 ? 2 : 24), List.of());
        judge("loop.pcap", LinkType.LOOP, sll,
                r -> LinkHeader.Loopback.of(LinkType.LOOP, r.link().etherType() == EtherType.IPV4 ? 2 : 24), List.of());
    }

    @Test
    void writePacketWrapsInEthernet() throws IOException {
        org.mptcpkit.testing.OutsideJudge.require("tshark", "tshark");
        Path p = dir.resolve("wrapped.pcap");
        try (PcapWriter out = PcapWriter.open(p, LinkType.ETHERNET)) {
            for (PcapRecord r : sll) {
                if (!r.isTruncated()) out.writePacket(r.timestampNanos(), r.link().payload());
            }
        }
        List<PcapRecord> read = PcapReader.readAll(p);
        List<Map<String, String>> t = Captures.tshark(p, List.of("eth.src", "eth.dst", "ip.src", "ipv6.src", "tcp.srcport"));
        assertEquals(read.size(), t.size());
        assertTrue(read.size() > 10);
        for (int i = 0; i < read.size(); i++) {
            assertEquals("02:00:00:00:00:01", t.get(i).get("eth.src"));
            assertEquals("02:00:00:00:00:02", t.get(i).get("eth.dst"));
            Map<String, String> ours = Captures.ipFields(read.get(i).link());
            assertEquals(t.get(i).get("ip.src"), ours.get("ip.src"));
            assertEquals(t.get(i).get("ipv6.src"), ours.get("ipv6.src"));
            assertEquals(t.get(i).get("tcp.srcport"), ours.get("tcp.srcport"));
        }
    }
}
