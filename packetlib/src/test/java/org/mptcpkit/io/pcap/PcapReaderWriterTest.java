package org.mptcpkit.io.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpkit.packet.Bytes;

/** The reader against hand-built files, and the writer against the reader and the file format. */
class PcapReaderWriterTest {
    private static final Bytes IP4 = Bytes.fromHex("45000028000100004006f97d0a0001010a000102c350138900000001000000005002ffff00000000");
    private static final Bytes IP6 = Bytes.fromHex("6000000000140640" + "20010db8000000000000000000000001"
            + "20010db8000000000000000000000002" + "c350138900000001000000005002000000000000");
    private static final long T0 = 1_795_610_039L;

    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    @Test
    void readsAHandBuiltLittleEndianMicrosecondFile() throws IOException {
        Bytes eth = Bytes.fromHex("020000000102020000000101 0800").concat(IP4);
        byte[] b = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 200, 1)
                .record(T0, 770_958, eth.length(), eth)
                .record(T0 + 1, 5, 1514, eth.slice(0, 30)) // cut by the snapshot: 30 of 1514 bytes
                .toByteArray();
        try (PcapReader in = PcapReader.open(file("le.pcap", b))) {
            assertEquals(LinkType.ETHERNET, in.linkType());
            assertEquals(200, in.snapshotLength());
            assertEquals(PcapReader.FileFormat.PCAP, in.format());
            assertEquals(TimestampPrecision.MICRO, in.precision());
            PcapRecord r1 = in.next();
            assertEquals(new PcapRecord(1, T0 * 1_000_000_000L + 770_958_000L, eth.length(), LinkType.ETHERNET, eth), r1);
            assertEquals(Instant.parse("2026-11-25T12:33:59.770958Z"), r1.timestamp());
            assertEquals(IP4, r1.link().payload());
            PcapRecord r2 = in.next();
            assertEquals(2, r2.number());
            assertEquals((T0 + 1) * 1_000_000_000L + 5_000L, r2.timestampNanos());
            assertEquals(1514, r2.originalLength());
            assertEquals(30, r2.capturedLength());
            assertTrue(r2.isTruncated());
            assertNull(in.next());
            assertNull(in.next(), "the end stays the end");
            assertEquals(2, in.count());
        }
    }

    @Test
    void readsAHandBuiltBigEndianNanosecondRawFile() throws IOException {
        byte[] b = CaptureBytes.pcap(ByteOrder.BIG_ENDIAN, true, 65535, 101)
                .record(T0, 123_456_789, IP4.length(), IP4)
                .record(T0, 999_999_999, IP6.length(), IP6)
                .toByteArray();
        List<PcapRecord> all = PcapReader.readAll(file("be.pcap", b));
        assertEquals(2, all.size());
        assertEquals(T0 * 1_000_000_000L + 123_456_789L, all.get(0).timestampNanos());
        assertEquals(T0 * 1_000_000_000L + 999_999_999L, all.get(1).timestampNanos());
        assertEquals(LinkType.RAW, all.get(0).linkType(), "DLT_RAW from libpcap is reported as LINKTYPE_RAW");
        assertEquals(EtherType.IPV4, all.get(0).link().etherType());
        assertEquals(EtherType.IPV6, all.get(1).link().etherType());
        try (PcapReader in = PcapReader.open(dir.resolve("be.pcap"))) {
            assertEquals(TimestampPrecision.NANO, in.precision());
        }
    }

    @Test
    void readsAHandBuiltPcapng() throws IOException {
        Bytes sll2 = LinkHeader.LinuxSll2.of(EtherType.IPV4, 7, 1, 4, Bytes.fromHex("020000000101")).bytes().concat(IP4);
        byte[] b = CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN, true, 262144, 276)
                .enhancedPacket(T0, 1, sll2.length(), sll2)
                .interfaceStatistics()
                .enhancedPacket(T0 + 2, 999_999_999, 3000, sll2.slice(0, 23))
                .toByteArray();
        try (PcapReader in = PcapReader.open(file("x.pcapng", b))) {
            assertEquals(PcapReader.FileFormat.PCAPNG, in.format());
            assertEquals(TimestampPrecision.NANO, in.precision());
            assertEquals(LinkType.LINUX_SLL2, in.linkType());
            List<PcapRecord> all = new ArrayList<>();
            in.forEach(all::add);
            assertEquals(List.of(
                    new PcapRecord(1, T0 * 1_000_000_000L + 1, sll2.length(), LinkType.LINUX_SLL2, sll2),
                    new PcapRecord(2, (T0 + 2) * 1_000_000_000L + 999_999_999L, 3000, LinkType.LINUX_SLL2, sll2.slice(0, 23))),
                    all);
            LinkHeader.LinuxSll2 h = assertInstanceOf(LinkHeader.LinuxSll2.class, all.get(0).link().header());
            assertEquals(7, h.interfaceIndex());
        }
        byte[] micro = CaptureBytes.pcapng(ByteOrder.BIG_ENDIAN, false, 262144, 1).toByteArray();
        try (PcapReader in = PcapReader.open(file("micro.pcapng", micro))) {
            assertEquals(TimestampPrecision.MICRO, in.precision());
            assertNull(in.next());
        }
    }

    @Test
    void writerWritesTheFileFormatLibpcapDefines() throws IOException {
        Path p = dir.resolve("raw.pcap");
        try (PcapWriter out = PcapWriter.open(p, LinkType.RAW, 1500, TimestampPrecision.NANO)) {
            out.write(T0 * 1_000_000_000L + 42, 1500, IP4);
            assertEquals(1, out.count());
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.nativeOrder());
        assertEquals(0xa1b23c4d, b.getInt(0), "nanosecond magic");
        assertEquals(2, b.getShort(4));
        assertEquals(4, b.getShort(6));
        assertEquals(1500, b.getInt(16), "snapshot length");
        assertEquals(101, b.getInt(20), "LINKTYPE_RAW in the file, not DLT_RAW (12)");
        assertEquals((int) T0, b.getInt(24));
        assertEquals(42, b.getInt(28));
        assertEquals(IP4.length(), b.getInt(32), "captured length");
        assertEquals(1500, b.getInt(36), "original length");
        assertArrayEquals(IP4.toByteArray(), Arrays.copyOfRange(b.array(), 40, b.capacity()));
    }

    @Test
    void everyLinkTypeRoundTripsAtBothPrecisions() throws IOException {
        Random rnd = new Random(7);
        LinkType[] types = {LinkType.ETHERNET, LinkType.RAW, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL,
            LinkType.LOOP, LinkType.IPV4, LinkType.IPV6, LinkType.of(147)};
        for (TimestampPrecision precision : TimestampPrecision.values()) {
            for (LinkType type : types) {
                List<PcapRecord> written = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    byte[] frame = new byte[rnd.nextInt(300)];
                    rnd.nextBytes(frame);
                    long nanos = (T0 + i) * 1_000_000_000L + rnd.nextInt(1_000_000_000);
                    if (precision == TimestampPrecision.MICRO) nanos -= nanos % 1000;
                    int original = frame.length + (i % 3 == 0 ? rnd.nextInt(2000) : 0);
                    written.add(new PcapRecord(i + 1, nanos, original, type, Bytes.wrap(frame)));
                }
                Path p = dir.resolve(type.value() + "-" + precision + ".pcap");
                try (PcapWriter out = PcapWriter.open(p, type, 300, precision)) {
                    written.forEach(out::write);
                }
                try (PcapReader in = PcapReader.open(p)) {
                    assertEquals(type, in.linkType());
                    assertEquals(precision, in.precision());
                    assertEquals(300, in.snapshotLength());
                    List<PcapRecord> read = new ArrayList<>();
                    in.forEach(read::add);
                    assertEquals(written, read, type + " " + precision);
                }
            }
        }
    }

    @Test
    void microsecondWriterDropsTheLastThreeDigits() throws IOException {
        Path p = dir.resolve("micro.pcap");
        try (PcapWriter out = PcapWriter.open(p, LinkType.RAW)) {
            out.write(T0 * 1_000_000_000L + 123_456_789L, IP4);
        }
        assertEquals(T0 * 1_000_000_000L + 123_456_000L, PcapReader.readAll(p).get(0).timestampNanos());
    }

    @Test
    void writePacketFramesIpForEachLinkType() throws IOException {
        LinkType[] types = {LinkType.RAW, LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL,
            LinkType.LOOP};
        for (LinkType type : types) {
            Path p = dir.resolve("w" + type.value() + ".pcap");
            try (PcapWriter out = PcapWriter.open(p, type)) {
                out.writePacket(T0 * 1_000_000_000L, IP4);
                out.writePacket(T0 * 1_000_000_000L, IP6);
            }
            List<PcapRecord> all = PcapReader.readAll(p);
            assertEquals(EtherType.IPV4, all.get(0).link().etherType(), type.toString());
            assertEquals(IP4, all.get(0).link().payload(), type.toString());
            assertEquals(EtherType.IPV6, all.get(1).link().etherType(), type.toString());
            assertEquals(IP6, all.get(1).link().payload(), type.toString());
        }
        Path p = dir.resolve("eth.pcap");
        Bytes src = Bytes.fromHex("0a0000000001");
        Bytes dst = Bytes.fromHex("0a0000000002");
        try (PcapWriter out = PcapWriter.ethernet(p, src, dst)) {
            out.writePacket(0, IP4);
        }
        LinkHeader.Ethernet e = (LinkHeader.Ethernet) PcapReader.readAll(p).get(0).link().header();
        assertEquals(src, e.source());
        assertEquals(dst, e.destination());
        try (PcapWriter out = PcapWriter.open(dir.resolve("v4.pcap"), LinkType.IPV4)) {
            assertThrows(IllegalArgumentException.class, () -> out.writePacket(0, IP6));
            assertThrows(IllegalArgumentException.class, () -> out.writePacket(0, Bytes.fromHex("55")));
        }
        try (PcapWriter out = PcapWriter.open(dir.resolve("u.pcap"), LinkType.of(147))) {
            assertThrows(IllegalStateException.class, () -> out.writePacket(0, IP4));
        }
    }

    @Test
    void writerRefusesWhatWouldNotReadBack() throws IOException {
        try (PcapWriter out = PcapWriter.open(dir.resolve("small.pcap"), LinkType.RAW, 20, TimestampPrecision.MICRO)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> out.write(0, IP4));
            assertTrue(e.getMessage().startsWith("frame: 40 bytes, more than the snapshot length 20 of "), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> out.write(-1, IP4.slice(0, 20)));
            assertThrows(IllegalArgumentException.class, () -> out.write(0x1_0000_0000L * 1_000_000_000L, IP4.slice(0, 20)));
            assertThrows(IllegalArgumentException.class,
                    () -> out.write(PcapRecord.of(0, LinkType.ETHERNET, IP4.slice(0, 20))));
        }
        assertThrows(IllegalArgumentException.class,
                () -> PcapWriter.open(dir.resolve("x.pcap"), LinkType.RAW, 0, TimestampPrecision.MICRO));
        IOException e = assertThrows(IOException.class, () -> PcapWriter.open(dir.resolve("no/such/dir.pcap"), LinkType.RAW));
        assertTrue(e.getMessage().startsWith(dir.resolve("no/such/dir.pcap") + ": cannot write"), e.getMessage());
    }

    @Test
    void readerContract() throws IOException {
        Path p = dir.resolve("two.pcap");
        try (PcapWriter out = PcapWriter.open(p, LinkType.RAW)) {
            out.write(0, IP4);
            out.write(1, IP6);
        }
        try (PcapReader in = PcapReader.open(p)) {
            int n = 0;
            for (PcapRecord r : in) assertEquals(++n, r.number());
            assertEquals(2, n);
            assertThrows(IllegalStateException.class, in::iterator);
        }
        PcapReader in = PcapReader.open(p);
        in.close();
        assertThrows(IllegalStateException.class, in::next);
        assertThrows(NoSuchFileException.class, () -> PcapReader.open(dir.resolve("missing.pcap")));
    }

    @Test
    void recordCopies() {
        PcapRecord r = new PcapRecord(3, 5, 100, LinkType.LINUX_SLL, Bytes.zeros(60));
        PcapRecord v2 = r.withFrame(LinkType.LINUX_SLL2, Bytes.zeros(64));
        assertEquals(104, v2.originalLength(), "the 40 missing bytes stay missing");
        assertEquals(LinkType.LINUX_SLL2, v2.linkType());
        assertEquals(7, r.withNumber(7).number());
        assertEquals(9, r.withTimestampNanos(9).timestampNanos());
        assertEquals(60, r.withOriginalLength(60).originalLength());
        assertEquals(PcapRecord.of(5, LinkType.RAW, IP4), new PcapRecord(0, 5, 40, LinkType.RAW, IP4));
        assertThrows(IllegalArgumentException.class, () -> new PcapRecord(-1, 0, 0, LinkType.RAW, IP4));
        assertThrows(IllegalArgumentException.class, () -> new PcapRecord(0, 0, -1, LinkType.RAW, IP4));
    }
}
