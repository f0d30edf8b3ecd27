package org.mptcpkit.io.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpkit.packet.Bytes;

/**
 * Damaged files built byte by byte: the records before the damage come out, then one line naming
 * the file, the record and what is wrong. (The same on copies of real captures: tests module,
 * CaptureDamageTest.)
 */
class PcapDamageTest {
    private static final Bytes FRAME = Bytes.fromHex("4500001c000100004011f97d0a0001010a000102c350138900080000");

    @TempDir
    Path dir;

    /** Three 28-byte records, little-endian pcap: header 24, records at 24, 68, 112; 156 bytes. */
    private static byte[] pcap() {
        return CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 101)
                .record(1, 0, 28, FRAME).record(2, 0, 28, FRAME).record(3, 0, 28, FRAME).toByteArray();
    }

    /** SHB 28 + IDB 20, EPBs of 60 bytes at 48, 108, an ISB (24) at 168, an EPB at 192; 252 bytes. */
    private static byte[] pcapng() {
        return CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN, false, 65535, 101)
                .enhancedPacket(1, 0, 28, FRAME).enhancedPacket(2, 0, 28, FRAME).interfaceStatistics()
                .enhancedPacket(3, 0, 28, FRAME).toByteArray();
    }

    /** Reads {@code content} as {@code name}: the records delivered, then the exception's message. */
    private String damage(String name, byte[] content, int expectRecords) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        List<PcapRecord> got = new ArrayList<>();
        PcapFormatException e;
        try (PcapReader in = PcapReader.open(p)) {
            e = assertThrows(PcapFormatException.class, () -> {
                for (PcapRecord r : in) got.add(r);
            });
            assertSame(e, assertThrows(PcapFormatException.class, in::next), "the damage is sticky");
        }
        assertEquals(expectRecords, got.size(), "records before the damage");
        for (int i = 0; i < got.size(); i++) assertEquals(FRAME, got.get(i).frame());
        assertEquals(p, e.file());
        assertEquals(expectRecords + 1, e.recordNumber());
        assertEquals(p + ": record " + e.recordNumber() + ": " + e.problem(), e.getMessage());
        return e.problem();
    }

    private String openFailure(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        PcapFormatException e = assertThrows(PcapFormatException.class, () -> PcapReader.open(p).close());
        assertEquals(0, e.recordNumber());
        assertEquals(p + ": " + e.problem(), e.getMessage());
        return e.problem();
    }

    private static byte[] setU32(byte[] b, int at, long v) {
        byte[] c = b.clone();
        for (int i = 0; i < 4; i++) c[at + i] = (byte) (v >>> (8 * i));
        return c;
    }

    @Test
    void pcapCutInARecordHeader() throws IOException {
        assertEquals("truncated record header (7 of 16 bytes present)",
                damage("h.pcap", Arrays.copyOf(pcap(), 112 + 7), 2));
    }

    @Test
    void pcapCutInARecordBody() throws IOException {
        assertEquals("truncated (header says 28 bytes, 10 present)",
                damage("b.pcap", Arrays.copyOf(pcap(), 112 + 16 + 10), 2));
    }

    @Test
    void pcapAbsurdCapturedLength() throws IOException {
        assertEquals("captured length 4294967280 is more than libpcap's maximum of 262144 bytes (corrupt record header)",
                damage("c.pcap", setU32(pcap(), 68 + 8, 0xfffffff0L), 1));
    }

    @Test
    void pcapCapturedLengthRunningPastTheEnd() throws IOException {
        // Plausible to libpcap (under 262144), so it reads on and finds the file too short.
        assertEquals("truncated (header says 70000 bytes, 72 present)", damage("r.pcap", setU32(pcap(), 68 + 8, 70000), 1));
    }

    @Test
    void pcapOriginalLengthBeyondInt() throws IOException {
        assertEquals("original length 4294967295 is more than 2147483647 bytes (corrupt record header)",
                damage("o.pcap", setU32(pcap(), 24 + 12, 0xffffffffL), 0));
    }

    @Test
    void fileHeaderProblems() throws IOException {
        assertEquals("empty file (no pcap or pcapng header)", openFailure("empty.pcap", new byte[0]));
        assertEquals("truncated file header (10 of 24 bytes present)", openFailure("short.pcap", Arrays.copyOf(pcap(), 10)));
        byte[] bad = pcap();
        bad[0] = 0x12;
        bad[1] = 0x34;
        bad[2] = 0x56;
        bad[3] = 0x78;
        assertEquals("not a pcap or pcapng file (it starts with 12 34 56 78)", openFailure("magic.pcap", bad));
        byte[] version = pcap();
        version[4] = 7;
        // Not one of ours: libpcap's own words stand.
        assertEquals("unsupported pcap savefile version 7.4", openFailure("version.pcap", version));
    }

    @Test
    void pcapngCutInABlockHeader() throws IOException {
        assertEquals("truncated block header (5 of 8 bytes present)", damage("h.pcapng", Arrays.copyOf(pcapng(), 108 + 5), 1));
    }

    @Test
    void pcapngCutInABlockBody() throws IOException {
        assertEquals("truncated (block header says 60 bytes, 40 present)",
                damage("b.pcapng", Arrays.copyOf(pcapng(), 108 + 40), 1));
    }

    @Test
    void pcapngDamageInANonPacketBlockNamesTheNextRecord() throws IOException {
        assertEquals("interface statistics block length 13 is not a multiple of 4",
                damage("isb.pcapng", setU32(pcapng(), 168 + 4, 13), 2));
        assertEquals("truncated (block header says 24 bytes, 12 present)",
                damage("isbcut.pcapng", Arrays.copyOf(pcapng(), 168 + 12), 2));
    }

    @Test
    void pcapngAbsurdLengths() throws IOException {
        assertEquals("enhanced packet block length 2147483632 is more than libpcap's maximum of 16777216 bytes (corrupt block header)",
                damage("l.pcapng", setU32(pcapng(), 48 + 4, 0x7ffffff0L), 0));
        assertEquals("captured length 4294967280 is more than libpcap's maximum of 262144 bytes (corrupt block)",
                damage("c.pcapng", setU32(pcapng(), 108 + 20, 0xfffffff0L), 1));
    }
}
