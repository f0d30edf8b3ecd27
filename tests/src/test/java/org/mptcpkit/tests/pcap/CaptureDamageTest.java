package org.mptcpkit.tests.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpkit.io.pcap.PcapFormatException;
import org.mptcpkit.io.pcap.PcapReader;
import org.mptcpkit.io.pcap.PcapRecord;

/**
 * Damaged copies of a real capture, made at test time: the records before the damage come out
 * equal to the intact file's, then one line names the file, the record and what is wrong.
 * Record offsets are found by walking the copy here, independently of the reader.
 */
class CaptureDamageTest {
    private static final String NAME = "01-mpc-v4.pcap";

    @TempDir
    Path dir;

    private byte[] original;
    private List<PcapRecord> intact;
    /** Byte offset of each record header in the original file. */
    private final List<Integer> offsets = new ArrayList<>();

    @BeforeEach
    void walk() throws IOException {
        original = Files.readAllBytes(Captures.fixture(NAME));
        intact = PcapReader.readAll(Captures.fixture(NAME));
        ByteBuffer b = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 24; at < original.length; at += 16 + b.getInt(at + 8)) offsets.add(at);
        assertEquals(intact.size(), offsets.size());
    }

    /** Reads {@code content}: checks the records before the damage, returns the message. */
    private String read(String name, byte[] content, int damagedRecord) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        List<PcapRecord> got = new ArrayList<>();
        PcapFormatException e;
        try (PcapReader in = PcapReader.open(p)) {
            e = assertThrows(PcapFormatException.class, () -> {
                for (PcapRecord r : in) got.add(r);
            });
        }
        assertEquals(intact.subList(0, damagedRecord - 1), got, "every record before the damage, intact");
        assertEquals(damagedRecord, e.recordNumber());
        assertEquals(1, e.getMessage().lines().count(), "one line");
        return e.getMessage();
    }

    private int capturedLength(int record) {
        return ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN).getInt(offsets.get(record - 1) + 8);
    }

    @Test
    void cutInTheMiddleOfARecordHeader() throws IOException {
        byte[] cut = Arrays.copyOf(original, offsets.get(16) + 7);
        assertEquals(dir.resolve("h.pcap") + ": record 17: truncated record header (7 of 16 bytes present)",
                read("h.pcap", cut, 17));
    }

    @Test
    void cutInARecordBody() throws IOException {
        byte[] cut = Arrays.copyOf(original, offsets.get(16) + 16 + 40);
        assertEquals(dir.resolve("b.pcap") + ": record 17: truncated (header says " + capturedLength(17)
                + " bytes, 40 present)", read("b.pcap", cut, 17));
    }

    @Test
    void cutInTheLastRecord() throws IOException {
        int last = offsets.size();
        byte[] cut = Arrays.copyOf(original, original.length - 1);
        assertEquals(dir.resolve("l.pcap") + ": record " + last + ": truncated (header says " + capturedLength(last)
                + " bytes, " + (capturedLength(last) - 1) + " present)", read("l.pcap", cut, last));
    }

    @Test
    void absurdCapturedLength() throws IOException {
        byte[] bad = original.clone();
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(offsets.get(99) + 8, 0x7fff_fff0);
        assertEquals(dir.resolve("c.pcap") + ": record 100: captured length 2147483632 is more than libpcap's maximum"
                + " of 262144 bytes (corrupt record header)", read("c.pcap", bad, 100));
    }

    @Test
    void badMagic() throws IOException {
        byte[] bad = original.clone();
        bad[0] = 'G';
        bad[1] = 'I';
        bad[2] = 'F';
        bad[3] = '8';
        Path p = dir.resolve("m.pcap");
        Files.write(p, bad);
        PcapFormatException e = assertThrows(PcapFormatException.class, () -> PcapReader.open(p));
        assertEquals(p + ": not a pcap or pcapng file (it starts with 47 49 46 38)", e.getMessage());
        assertEquals(0, e.recordNumber());
    }

    @Test
    void cutInTheFileHeader() throws IOException {
        Path p = dir.resolve("f.pcap");
        Files.write(p, Arrays.copyOf(original, 10));
        assertEquals(p + ": truncated file header (10 of 24 bytes present)",
                assertThrows(PcapFormatException.class, () -> PcapReader.open(p)).getMessage());
    }

    @Test
    void pcapngCopyCutInABlock() throws Exception {
        org.mptcpkit.testing.OutsideJudge.require("editcap", "wireshark-common");
        Path ng = dir.resolve("01.pcapng");
        Process p = new ProcessBuilder("editcap", "-F", "pcapng", Captures.fixture(NAME).toString(), ng.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "editcap");
        assertEquals(intact, PcapReader.readAll(ng), "pcapng reads the same records");
        // Walk the blocks: SHB, IDB, then one EPB per record.
        byte[] b = Files.readAllBytes(ng);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> epbs = new ArrayList<>();
        for (int at = 0; at < b.length; at += bb.getInt(at + 4)) if (bb.getInt(at) == 6) epbs.add(at);
        assertEquals(intact.size(), epbs.size());
        int len17 = bb.getInt(epbs.get(16) + 4);
        assertEquals(dir.resolve("c.pcapng") + ": record 17: truncated (block header says " + len17 + " bytes, 40 present)",
                read("c.pcapng", Arrays.copyOf(b, epbs.get(16) + 40), 17));
        assertEquals(dir.resolve("h.pcapng") + ": record 17: truncated block header (5 of 8 bytes present)",
                read("h.pcapng", Arrays.copyOf(b, epbs.get(16) + 5), 17));
    }
}
