package org.mptcpkit.tests.crypto;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.mptcpkit.crypto.DssChecksum;
import org.mptcpkit.crypto.MptcpKeys;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.tests.crypto.TinyPcapReader.Segment;
import org.mptcpkit.wire.InternetChecksum;

/**
 * Every DSS and MP_CAPABLE checksum in 15-dss-checksum-full.pcap, a Linux capture with checksums
 * on and the full snaplen (tests/capture/make-15-dss-checksum-full.sh): random payloads of odd
 * and even sizes both ways, mappings over several segments, a joined subflow. Each mapping's
 * payload is reassembled from its segments and summed piece by piece, and the result must equal
 * the checksum Linux put on the wire (and its peer accepted). tshark's decode of the same capture
 * ({@code .fields.tsv}) judges our reading of the options.
 */
class FullPayloadChecksumTest {
    private static final String CAPTURE = "15-dss-checksum-full.pcap";

    private final List<Segment> segments = TinyPcapReader.read(CAPTURE);
    private final PacketFields tshark = PacketFields.read(CAPTURE);
    private final Map<String, Long> isn = new HashMap<>();

    FullPayloadChecksumTest() {
        for (Segment s : segments) {
            if (s.syn()) isn.putIfAbsent(direction(s), s.seq());
        }
    }

    private static String direction(Segment s) {
        return s.src() + ":" + s.srcPort() + ">" + s.dst() + ":" + s.dstPort();
    }

    /** One mapping as announced (possibly restated in several segments) and the payload found for it. */
    private static final class Mapping {
        final String direction;
        final DssOption dss;
        final List<Integer> frames = new ArrayList<>();
        final TreeSet<Integer> checksums = new TreeSet<>();
        final TreeMap<Long, Bytes> pieces = new TreeMap<>(); // offset in the mapping -> bytes

        Mapping(String direction, DssOption dss) {
            this.direction = direction;
            this.dss = dss;
        }

        @Override
        public String toString() {
            return direction + " DSN " + Long.toUnsignedString(dss.dataSequenceNumber()) + " SSN "
                    + dss.subflowSequenceNumber() + " DLL " + dss.dataLevelLength() + " frames " + frames;
        }
    }

    @Test
    void everyDssChecksumRecomputesOverItsWholeReassembledMapping() {
        Map<String, Mapping> mappings = new LinkedHashMap<>();
        List<Executable> checks = new ArrayList<>();
        String firstSubflow = direction(segments.get(0));
        int payloadSegments = 0;
        int mpCapableData = 0;
        for (Segment s : segments) {
            assertTrue(s.fullyCaptured(), "frame " + s.frame() + " is cut; the fixture must have the full snaplen");
            List<DssOption> dss = new ArrayList<>();
            for (Bytes o : s.mptcpOptions()) {
                DssOption d = DssOption.parse(o);
                if (d != null) dss.add(d);
                if ((o.u8(2) >>> 4) == 0 && o.length() == 24) mpCapableData++;
            }
            crossCheckWithTshark(s, dss, checks);
            if (s.payloadLength() > 0) payloadSegments++;
            for (DssOption d : dss) {
                assertTrue(d.hasChecksum(), "frame " + s.frame() + ": a DSS mapping without the negotiated checksum");
                String dir = direction(s);
                String key = dir + "/" + d.dataSequenceNumber() + "/" + d.subflowSequenceNumber() + "/" + d.dataLevelLength();
                Mapping m = mappings.computeIfAbsent(key, k -> new Mapping(dir, d));
                m.frames.add(s.frame());
                m.checksums.add(d.checksum());
                if (s.payloadLength() == 0 || d.payloadLength() == 0) continue;
                // The segment's bytes that fall inside the mapping (RFC 8684 §3.3.1: the SSN is
                // relative to the subflow's initial sequence number).
                long rel = (s.seq() - isn.get(dir)) & 0xffffffffL;
                long from = Math.max(rel, d.subflowSequenceNumber());
                long to = Math.min(rel + s.payloadLength(), d.subflowSequenceNumber() + d.payloadLength());
                assertTrue(from < to, "frame " + s.frame() + ": payload outside its own mapping " + m);
                Bytes piece = s.capturedPayload().slice((int) (from - rel), (int) (to - rel));
                Bytes before = m.pieces.putIfAbsent(from - d.subflowSequenceNumber(), piece);
                assertTrue(before == null || before.equals(piece), "frame " + s.frame() + ": a retransmission differs");
            }
        }
        int multiSegment = 0;
        int onJoin = 0;
        int oddLength = 0;
        int dataFinOnly = 0;
        long bytes = 0;
        for (Mapping m : mappings.values()) {
            DssOption d = m.dss;
            assertEquals(1, m.checksums.size(), m + ": restatements disagree on the checksum " + m.checksums);
            int wire = m.checksums.first();
            long sum = DssChecksum.pseudoHeaderSum(d.dataSequenceNumber(), d.subflowSequenceNumber(), d.dataLevelLength());
            long covered = 0;
            for (Map.Entry<Long, Bytes> e : m.pieces.entrySet()) {
                long off = e.getKey();
                Bytes piece = e.getValue();
                assertTrue(off <= covered, m + ": bytes " + covered + ".." + off + " of the mapping are missing");
                if (off + piece.length() <= covered) continue;
                Bytes fresh = piece.slice((int) (covered - off));
                sum = DssChecksum.addPayload(sum, covered, fresh);
                covered += fresh.length();
            }
            assertEquals(d.payloadLength(), covered, m + ": mapping not wholly in the capture");
            int computed = InternetChecksum.finish(sum);
            checks.add(() -> assertEquals(String.format("0x%04x", wire), String.format("0x%04x", computed), m.toString()));
            if (m.pieces.size() > 1) multiSegment++;
            boolean joined = !m.direction.equals(firstSubflow) && !m.direction.equals(reverse(firstSubflow));
            if (joined && d.payloadLength() > 0) onJoin++;
            if ((d.payloadLength() & 1) == 1) oddLength++;
            if (d.payloadLength() == 0) dataFinOnly++;
            bytes += d.payloadLength();
            if (m.pieces.size() == 1) {
                // The one-piece form must agree with the streaming form.
                Bytes whole = m.pieces.firstEntry().getValue();
                checks.add(() -> assertEquals(computed, DssChecksum.compute(d.dataSequenceNumber(),
                        d.subflowSequenceNumber(), d.dataLevelLength(), whole), m.toString()));
            }
        }
        assertAll(checks);
        // Plausibility: the script's traffic makes all of these; none may silently vanish.
        assertEquals(1, mpCapableData, "MP_CAPABLE with data");
        assertTrue(mappings.size() >= 30, "mappings: " + mappings.size());
        assertTrue(multiSegment >= 2 && onJoin >= 1 && oddLength >= 5 && dataFinOnly >= 2,
                "multi-segment " + multiSegment + ", on the join " + onJoin + ", odd " + oddLength
                        + ", DATA_FIN alone " + dataFinOnly);
        assertTrue(payloadSegments > mappings.size() / 2, "segments with payload: " + payloadSegments);
        System.out.println("[crypto vs kernel captures] " + CAPTURE + ": DSS checksums recomputed over whole payloads: "
                + mappings.size() + " mappings, " + bytes + " payload bytes (" + multiSegment + " over several segments, "
                + onJoin + " with data on the joined subflow, " + oddLength + " of odd length, " + dataFinOnly + " DATA_FIN alone)");
    }

    private static String reverse(String direction) {
        String[] ends = direction.split(">");
        return ends[1] + ">" + ends[0];
    }

    /** tshark must read the same DSN, SSN, DLL and DATA_FIN from the frame as {@link DssOption}. */
    private void crossCheckWithTshark(Segment s, List<DssOption> dss, List<Executable> checks) {
        String dsn = String.join(",", dss.stream().map(d -> Long.toUnsignedString(d.dataSequenceNumber())).toList());
        String ssn = String.join(",", dss.stream().map(d -> Long.toString(d.subflowSequenceNumber())).toList());
        String dll = String.join(",", dss.stream().map(d -> Integer.toString(d.dataLevelLength())).toList());
        int f = s.frame();
        checks.add(() -> assertEquals(dsn, tshark.get(f, "tcp.options.mptcp.rawdataseqno"), "frame " + f + " DSN"));
        checks.add(() -> assertEquals(ssn, tshark.get(f, "tcp.options.mptcp.subflowseqno"), "frame " + f + " SSN"));
        if (!dss.isEmpty()) {
            // tshark also fills datalvllen for MP_CAPABLE, so compare only where a DSS maps.
            checks.add(() -> assertEquals(dll, tshark.get(f, "tcp.options.mptcp.datalvllen"), "frame " + f + " DLL"));
        }
    }

    @Test
    void mpCapableWithDataChecksumRecomputes() {
        int checked = 0;
        for (Segment s : segments) {
            for (Bytes o : s.mptcpOptions()) {
                if ((o.u8(2) >>> 4) != 0 || o.length() != 24) continue;
                // 1e 18 | 0 ver | flags | sender's key (8) | receiver's key (8) | DLL (2) | checksum (2)
                long key = o.u64(4);
                int dll = o.u16(20);
                int wire = o.u16(22);
                int f = s.frame();
                assertEquals(Long.toUnsignedString(key), tshark.get(f, "tcp.options.mptcp.sendkey"));
                assertEquals(Integer.toString(dll), tshark.get(f, "tcp.options.mptcp.datalvllen"));
                assertEquals(String.format("0x%04x", wire), tshark.get(f, "tcp.options.mptcp.checksum"));
                assertEquals(Long.toUnsignedString(MptcpKeys.idsn(key, MptcpKeys.V1)), tshark.get(f, "mptcp.expected_idsn"));
                assertEquals(1, (s.seq() - isn.get(direction(s))) & 0xffffffffL, "the implied SSN is 1");
                assertEquals(dll, s.payloadLength(), "frame " + f + ": the payload is the mapping");
                assertNotNull(s.capturedPayload());
                assertEquals(String.format("0x%04x", wire),
                        String.format("0x%04x", DssChecksum.mpCapableChecksum(key, dll, s.capturedPayload())), "frame " + f);
                assertTrue(DssChecksum.verifyMpCapable(key, dll, s.capturedPayload(), wire));
                checked++;
            }
        }
        assertEquals(1, checked, "MP_CAPABLE ACKs with data and checksum");
    }
}
