package org.mptcpkit.tests.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpkit.io.pcap.LinkFrame;
import org.mptcpkit.io.pcap.LinkHeader;
import org.mptcpkit.io.pcap.LinkType;
import org.mptcpkit.io.pcap.PcapReader;
import org.mptcpkit.io.pcap.PcapRecord;
import org.mptcpkit.io.pcap.PcapWriter;
import org.mptcpkit.io.pcap.TimestampPrecision;

/**
 * The seven Linux 6.18 captures read through pcap4j agree with tshark's decode of them (the
 * {@code .fields.tsv} next to each), and write back identical.
 */
class CaptureFixturesTest {
    @TempDir
    Path dir;

    static List<String> fixtures() {
        return Captures.FIXTURES;
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void readerAgreesWithTshark(String name) throws IOException {
        List<Map<String, String>> tshark = Captures.tsharkFields(name);
        List<PcapRecord> records;
        try (PcapReader in = PcapReader.open(Captures.fixture(name))) {
            assertEquals(name.startsWith("13-") ? LinkType.LINUX_SLL : LinkType.ETHERNET, in.linkType());
            assertEquals(PcapReader.FileFormat.PCAP, in.format());
            assertEquals(TimestampPrecision.MICRO, in.precision());
            records = new ArrayList<>();
            in.forEach(records::add);
        }
        assertEquals(tshark.size(), records.size(), "frame count");
        for (int i = 0; i < records.size(); i++) {
            PcapRecord r = records.get(i);
            Map<String, String> t = tshark.get(i);
            String where = name + " frame " + (i + 1);
            assertEquals(t.get("frame.number"), Integer.toString(r.number()), where);
            assertEquals(t.get("frame.time_epoch"), Captures.epoch(r.timestampNanos()), where);
            assertEquals(t.get("frame.len"), Integer.toString(r.originalLength()), where);
            assertEquals(t.get("frame.cap_len"), Integer.toString(r.capturedLength()), where);
            LinkFrame f = r.link();
            assertEquals(r.frame(), f.encode(), where);
            assertTrue(f.isIp(), where);
            if (f.header() instanceof LinkHeader.Ethernet e) {
                assertEquals(t.get("eth.src"), Captures.mac(e.source()), where);
                assertEquals(t.get("eth.dst"), Captures.mac(e.destination()), where);
            } else {
                LinkHeader.LinuxSll sll = assertInstanceOf(LinkHeader.LinuxSll.class, f.header(), where);
                assertEquals(16, sll.length());
            }
            Map<String, String> ours = Captures.ipFields(f);
            for (String k : ours.keySet()) assertEquals(t.get(k), ours.get(k), where + " " + k);
        }
        assertTrue(records.stream().anyMatch(PcapRecord::isTruncated) || name.startsWith("07-"),
                "the captures were cut at 200 bytes: some records must be truncated");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void writesBackIdentical(String name) throws IOException {
        Path source = Captures.fixture(name);
        Path copy = dir.resolve(name);
        List<PcapRecord> original = new ArrayList<>();
        try (PcapReader in = PcapReader.open(source); PcapWriter out = PcapWriter.like(copy, in)) {
            for (PcapRecord r : in) {
                original.add(r);
                out.write(r);
            }
        }
        assertEquals(original, PcapReader.readAll(copy), "records: bytes, timestamps, lengths");
        // libpcap writes the same header (2.4, host byte order, same snaplen and link type), so the
        // files are byte-identical: nothing was lost that a record does not show.
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(copy));
    }
}
