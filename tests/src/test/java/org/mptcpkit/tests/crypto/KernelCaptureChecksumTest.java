package org.mptcpkit.tests.crypto;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.mptcpkit.crypto.DssChecksum;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.tests.crypto.CaptureModel.Subflow;
import org.mptcpkit.tests.crypto.TinyPcapReader.Segment;

/**
 * DSS and MP_CAPABLE-with-data checksums (RFC 8684 §3.3.1, §3.1) judged by the checksums Linux
 * 6.18 put on the wire in 05-dss-checksum.pcap (net.mptcp.checksum_enabled=1). The option rows
 * give the mapping (cross-checked with tshark's decode), the pcap gives the payload bytes.
 *
 * <p>The capture's snaplen is 200, so a 1000-byte payload is cut after 146 bytes. Mappings whose
 * payload is wholly captured are checked exactly (here: DATA_FINs, DLL 1 and no payload byte).
 * The cut ones are checked separately and say so: the test program sent one repeated byte ('C'
 * from the client, 'S' from the server), the captured part proves the fill, and the payload is
 * rebuilt from it. Each such match is a 16-bit checksum agreeing with the kernel's, so a wrong
 * pseudo-header or a wrong guess would show.
 */
class KernelCaptureChecksumTest {
    private static final String CAPTURE = "05-dss-checksum.pcap";

    /** A DSS or MP_CAPABLE checksum from the wire with the mapping it covers. */
    private record Mapped(OptionRow row, long dsn, long ssn, int dll, boolean dataFin, int checksum) {
        int payloadLength() {
            return dll - (dataFin ? 1 : 0);
        }
    }

    private final CaptureModel model = new CaptureModel(OptionRow.read(CAPTURE));
    private final Map<Integer, Segment> segments = new HashMap<>();
    private final Map<String, Long> isn = new HashMap<>();

    KernelCaptureChecksumTest() {
        for (Segment s : TinyPcapReader.read(CAPTURE)) {
            segments.put(s.frame(), s);
            if (s.syn()) isn.putIfAbsent(direction(s.src(), s.srcPort(), s.dst(), s.dstPort()), s.seq());
        }
    }

    private static String direction(String src, int sport, String dst, int dport) {
        return src + ":" + sport + ">" + dst + ":" + dport;
    }

    /** Every checksum on the wire, DSS (option length with the 2 checksum bytes) and MP_CAPABLE 24. */
    private List<Mapped> checksums() {
        assertEquals(List.of(), model.problems);
        List<Mapped> out = new ArrayList<>();
        for (OptionRow r : model.rows) {
            Bytes o = r.raw();
            if (r.subtype() == OptionRow.MP_CAPABLE && r.optionLength() == 24) {
                Subflow sf = model.subflow(r);
                long key = sf.connection().key(sf.fromClient(r.source()));
                assertEquals(r.unsigned("sendkey"), key, r + ": the sender's own key");
                assertEquals(r.integer("checksum"), o.u16(22), r + ": tshark's checksum is the wire's");
                out.add(new Mapped(r, DssChecksum.mpCapableDataSequenceNumber(key),
                        DssChecksum.MP_CAPABLE_SUBFLOW_SEQUENCE_NUMBER, o.u16(20), false, o.u16(22)));
            } else if (r.subtype() == OptionRow.DSS) {
                DssOption d = DssOption.parse(o);
                if (d == null || !d.hasChecksum()) continue;
                // Our reading of the layout agrees with tshark's.
                assertEquals(r.unsigned("rawdataseqno"), d.dataSequenceNumber(), r + " DSN");
                assertEquals(r.unsigned("subflowseqno"), d.subflowSequenceNumber(), r + " SSN");
                assertEquals(r.integer("datalvllen"), d.dataLevelLength(), r + " DLL");
                assertEquals(r.flag("datafin.flag"), d.dataFin(), r + " DATA_FIN");
                assertTrue(d.dsn8(), r + ": Linux sends 8-byte DSNs; a 4-byte one would need widening first");
                out.add(new Mapped(r, d.dataSequenceNumber(), d.subflowSequenceNumber(), d.dataLevelLength(),
                        d.dataFin(), d.checksum()));
            }
        }
        return out;
    }

    /**
     * The captured part of the mapped payload: the bytes at relative subflow sequence SSN in this
     * frame's segment, as far as the snaplen kept them. Null when the mapping is not inside the
     * segment on the wire.
     */
    private Bytes capturedPayload(Mapped m) {
        Segment s = segments.get(m.row().frame());
        assertNotNull(s, m.row() + ": frame not in the pcap");
        Long base = isn.get(direction(s.src(), s.srcPort(), s.dst(), s.dstPort()));
        assertNotNull(base, m.row() + ": no SYN for this direction");
        long rel = (s.seq() - base) & 0xffffffffL; // the SSN is relative to the ISN (RFC 8684 §3.3.1)
        long from = m.ssn() - rel;
        if (from < 0 || from + m.payloadLength() > s.payloadLength()) return null;
        int capturedEnd = (int) Math.min(from + m.payloadLength(), s.capturedPayload().length());
        return s.capturedPayload().slice((int) Math.min(from, capturedEnd), capturedEnd);
    }

    @Test
    void fullyCapturedMappingsRecompute() {
        List<Executable> checks = new ArrayList<>();
        int exact = 0;
        int dataFins = 0;
        for (Mapped m : checksums()) {
            if (m.payloadLength() == 0) {
                // A DATA_FIN alone: DLL 1, nothing to capture, so the mapping is complete.
                exact++;
                dataFins += m.dataFin() ? 1 : 0;
                checks.add(() -> assertEquals(hex(m.checksum()), hex(DssChecksum.compute(m.dsn(), m.ssn(), m.dll(), Bytes.EMPTY)),
                        m.row().toString()));
                continue;
            }
            Bytes payload = capturedPayload(m);
            if (payload == null || payload.length() != m.payloadLength()) continue; // cut by the snaplen
            exact++;
            checks.add(() -> assertEquals(hex(m.checksum()), hex(DssChecksum.compute(m.dsn(), m.ssn(), m.dll(), payload)),
                    m.row().toString()));
            checks.add(() -> assertTrue(DssChecksum.verify(m.dsn(), m.ssn(), m.dll(), payload, m.checksum())));
        }
        assertAll(checks);
        assertTrue(exact > 0, "no fully captured mapping");
        System.out.println("[crypto vs kernel captures] DSS checksums of fully captured mappings recomputed: "
                + exact + " (" + dataFins + " DATA_FIN)");
    }

    @Test
    void truncatedMappingsRecomputeFromTheirUniformFill() {
        List<Executable> checks = new ArrayList<>();
        List<Mapped> all = checksums();
        int rebuilt = 0;
        int mpCapable = 0;
        int full = 0;
        for (Mapped m : all) {
            if (m.payloadLength() == 0) {
                full++;
                continue;
            }
            Bytes captured = capturedPayload(m);
            assertNotNull(captured, m.row() + ": the mapping is not inside its segment");
            if (captured.length() == m.payloadLength()) {
                full++;
                continue;
            }
            assertTrue(captured.length() >= 64, m.row() + ": too little captured to prove the fill");
            byte fill = captured.get(0);
            for (int i = 0; i < captured.length(); i++) {
                assertEquals(fill, captured.get(i), m.row() + ": payload is not one repeated byte at " + i);
            }
            byte[] b = new byte[m.payloadLength()];
            Arrays.fill(b, fill);
            Bytes payload = Bytes.wrap(b);
            rebuilt++;
            if (m.row().subtype() == OptionRow.MP_CAPABLE) {
                mpCapable++;
                Subflow sf = model.subflow(m.row());
                long key = sf.connection().key(sf.fromClient(m.row().source()));
                checks.add(() -> assertEquals(hex(m.checksum()), hex(DssChecksum.mpCapableChecksum(key, m.dll(), payload)),
                        m.row().toString()));
                checks.add(() -> assertTrue(DssChecksum.verifyMpCapable(key, m.dll(), payload, m.checksum())));
            } else {
                checks.add(() -> assertEquals(hex(m.checksum()), hex(DssChecksum.compute(m.dsn(), m.ssn(), m.dll(), payload)),
                        m.row().toString()));
            }
            // Control: one byte fewer must not match, or the check would prove nothing.
            checks.add(() -> assertFalse(DssChecksum.verify(m.dsn(), m.ssn(), m.dll(), payload.slice(1), m.checksum()),
                    m.row() + ": control"));
        }
        assertAll(checks);
        assertEquals(all.size(), full + rebuilt, "every checksum in the capture was checked one way");
        assertTrue(rebuilt >= 10 && mpCapable == 2, "rebuilt " + rebuilt + ", MP_CAPABLE " + mpCapable);
        System.out.println("[crypto vs kernel captures] checksums of snaplen-cut mappings recomputed from the fill: "
                + rebuilt + " (" + mpCapable + " MP_CAPABLE len 24); of " + all.size() + " checksums in " + CAPTURE);
    }

    private static String hex(int v) {
        return String.format("0x%04x", v);
    }
}
