package org.mptcpkit.tests.crypto;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.mptcpkit.crypto.DssChecksum;
import org.mptcpkit.crypto.MptcpKeys;
import org.mptcpkit.crypto.MptcpVerifier;
import org.mptcpkit.crypto.Verification;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MptcpOption;
import org.mptcpkit.tests.crypto.DecodedCapture.Segment;
import org.mptcpkit.wire.InternetChecksum;

/**
 * Every DSS and MP_CAPABLE checksum in 15-dss-checksum-full.pcap, a Linux capture with checksums
 * on and the full snaplen (tests/capture/make-15-dss-checksum-full.sh): random payloads of odd
 * and even sizes both ways, mappings over several segments, a joined subflow. Each mapping's
 * payload is reassembled from its segments and summed piece by piece, and the result must equal
 * the checksum Linux put on the wire (and its peer accepted); {@link MptcpVerifier} must find the
 * whole mapping VALID, and a segment that carries its whole mapping VALID on its own. The capture
 * is read with the project's PcapReader and codec; tshark's decode of it ({@code .fields.tsv})
 * judges our reading of the options.
 */
class FullPayloadChecksumTest {
    private static final String CAPTURE = "15-dss-checksum-full.pcap";

    private final DecodedCapture capture = new DecodedCapture(CAPTURE);
    private final List<Segment> segments = capture.segments;
    private final PacketFields tshark = PacketFields.read(CAPTURE);

    /** One mapping as announced (possibly restated in several segments) and the payload found for it. */
    private static final class Mapping {
        final String direction;
        final Dss dss;
        final List<Integer> frames = new ArrayList<>();
        final TreeSet<Integer> checksums = new TreeSet<>();
        final TreeMap<Long, Bytes> pieces = new TreeMap<>(); // offset in the mapping -> bytes

        Mapping(String direction, Dss dss) {
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
        String firstSubflow = segments.get(0).direction();
        int payloadSegments = 0;
        int mpCapableData = 0;
        for (Segment s : segments) {
            assertTrue(s.fullyCaptured(), "frame " + s.frame() + " is cut; the fixture must have the full snaplen");
            List<Dss> dss = new ArrayList<>();
            for (MptcpOption o : s.mptcp()) {
                if (o instanceof Dss d && d.mappingPresent()) dss.add(d);
                if (o instanceof MpCapable.AckData a && a.checksumPresent()) mpCapableData++;
            }
            crossCheckWithTshark(s, dss, checks);
            if (s.payloadLength() > 0) payloadSegments++;
            for (Dss d : dss) {
                assertTrue(d.checksumPresent(), "frame " + s.frame() + ": a DSS mapping without the negotiated checksum");
                String dir = s.direction();
                String key = dir + "/" + d.dataSequenceNumber() + "/" + d.subflowSequenceNumber() + "/" + d.dataLevelLength();
                Mapping m = mappings.computeIfAbsent(key, k -> new Mapping(dir, d));
                m.frames.add(s.frame());
                m.checksums.add(d.checksum());
                if (s.payloadLength() == 0 || payloadLength(d) == 0) continue;
                // The segment's bytes that fall inside the mapping (RFC 8684 §3.3.1: the SSN is
                // relative to the subflow's initial sequence number).
                long rel = capture.relativeSeq(s);
                long from = Math.max(rel, d.subflowSequenceNumber());
                long to = Math.min(rel + s.payloadLength(), d.subflowSequenceNumber() + payloadLength(d));
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
        int singleSegment = 0;
        for (Mapping m : mappings.values()) {
            Dss d = m.dss;
            assertEquals(1, m.checksums.size(), m + ": restatements disagree on the checksum " + m.checksums);
            int wire = m.checksums.first();
            // Streaming: the pseudo-header, then each piece at its offset in the mapping (odd
            // offsets included), as a receiver sums segments as they come.
            long sum = DssChecksum.pseudoHeaderSum(d.dataSequenceNumber(), d.subflowSequenceNumber(), d.dataLevelLength());
            long covered = 0;
            Bytes whole = Bytes.EMPTY;
            for (Map.Entry<Long, Bytes> e : m.pieces.entrySet()) {
                long off = e.getKey();
                Bytes piece = e.getValue();
                assertTrue(off <= covered, m + ": bytes " + covered + ".." + off + " of the mapping are missing");
                if (off + piece.length() <= covered) continue;
                Bytes fresh = piece.slice((int) (covered - off));
                sum = DssChecksum.addPayload(sum, covered, fresh);
                covered += fresh.length();
                whole = whole.concat(fresh);
            }
            assertEquals(payloadLength(d), covered, m + ": mapping not wholly in the capture");
            int computed = InternetChecksum.finish(sum);
            checks.add(() -> assertEquals(String.format("0x%04x", wire), String.format("0x%04x", computed), m.toString()));
            // The verifier over the reassembled mapping: the 8-byte DSN as on the wire.
            Verification v = MptcpVerifier.dssChecksum(d, MptcpVerifier.dataSequenceNumber(d, 0), whole);
            checks.add(() -> assertEquals(Verification.Status.VALID, v.status(), m + ": " + v));
            if (m.pieces.size() > 1) multiSegment++;
            boolean joined = !m.direction.equals(firstSubflow) && !m.direction.equals(reverse(firstSubflow));
            if (joined && payloadLength(d) > 0) onJoin++;
            if ((payloadLength(d) & 1) == 1) oddLength++;
            if (payloadLength(d) == 0) dataFinOnly++;
            bytes += payloadLength(d);
        }
        // A segment that carries its whole mapping is judged VALID on its own; one that carries
        // part of a mapping is UNVERIFIABLE there, never INVALID.
        for (Segment s : segments) {
            for (Verification v : MptcpVerifier.verify(s.tcp(), null)) {
                checks.add(() -> assertTrue(v.status() != Verification.Status.INVALID, "frame " + s.frame() + ": " + v));
                if (v.isValid() && v.check() == Verification.Check.DSS_CHECKSUM) singleSegment++;
            }
        }
        assertAll(checks);
        // Plausibility: the script's traffic makes all of these; none may silently vanish.
        assertEquals(1, mpCapableData, "MP_CAPABLE with data");
        assertTrue(mappings.size() >= 30, "mappings: " + mappings.size());
        assertTrue(multiSegment >= 2 && onJoin >= 1 && oddLength >= 5 && dataFinOnly >= 2 && singleSegment >= 10,
                "multi-segment " + multiSegment + ", on the join " + onJoin + ", odd " + oddLength
                        + ", DATA_FIN alone " + dataFinOnly + ", valid in one segment " + singleSegment);
        assertTrue(payloadSegments > mappings.size() / 2, "segments with payload: " + payloadSegments);
        System.out.println("[crypto vs kernel captures] " + CAPTURE + ": DSS checksums recomputed over whole payloads: "
                + mappings.size() + " mappings, " + bytes + " payload bytes (" + multiSegment + " over several segments, "
                + onJoin + " with data on the joined subflow, " + oddLength + " of odd length, " + dataFinOnly + " DATA_FIN alone; "
                + singleSegment + " segments VALID on their own for MptcpVerifier)");
    }

    private static String reverse(String direction) {
        String[] ends = direction.split(">");
        return ends[1] + ">" + ends[0];
    }

    /** Payload bytes a mapping covers: its DLL less the DATA_FIN's one (RFC 8684 §3.3.3). */
    private static int payloadLength(Dss d) {
        return d.dataLevelLength() - (d.dataFin() ? 1 : 0);
    }

    /** tshark must read the same DSN, SSN and DLL from the frame as our decode. */
    private void crossCheckWithTshark(Segment s, List<Dss> dss, List<Executable> checks) {
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
            for (MptcpOption o : s.mptcp()) {
                if (!(o instanceof MpCapable.AckData a) || !a.checksumPresent()) continue;
                int f = s.frame();
                assertEquals(Long.toUnsignedString(a.senderKey()), tshark.get(f, "tcp.options.mptcp.sendkey"));
                assertEquals(Integer.toString(a.dataLevelLength()), tshark.get(f, "tcp.options.mptcp.datalvllen"));
                assertEquals(String.format("0x%04x", a.checksum()), tshark.get(f, "tcp.options.mptcp.checksum"));
                assertEquals(Long.toUnsignedString(MptcpKeys.idsn(a.senderKey(), MptcpKeys.V1)), tshark.get(f, "mptcp.expected_idsn"));
                assertEquals(1, capture.relativeSeq(s), "the implied SSN is 1");
                assertEquals(a.dataLevelLength(), s.payloadLength(), "frame " + f + ": the payload is the mapping");
                assertTrue(s.fullyCaptured(), "frame " + f);
                assertEquals(String.format("0x%04x", a.checksum()), String.format("0x%04x",
                        DssChecksum.mpCapableChecksum(a.senderKey(), a.dataLevelLength(), s.capturedPayload())), "frame " + f);
                Verification v = MptcpVerifier.mpCapableChecksum(a, s.capturedPayload());
                assertEquals(Verification.Status.VALID, v.status(), v.toString());
                assertEquals(List.of(v), MptcpVerifier.verify(s.packet(), null), "frame " + f + ": the segment-level check");
                checked++;
            }
        }
        assertEquals(1, checked, "MP_CAPABLE ACKs with data and checksum");
    }
}
