package org.mptcpkit.tests.crypto;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.mptcpkit.crypto.MptcpVerifier;
import org.mptcpkit.crypto.Verification;
import org.mptcpkit.crypto.Verification.Status;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MptcpOption;
import org.mptcpkit.tests.crypto.CaptureModel.Subflow;
import org.mptcpkit.tests.crypto.DecodedCapture.Segment;

/**
 * DSS and MP_CAPABLE-with-data checksums (RFC 8684 §3.3.1, §3.1) judged by the checksums Linux
 * 6.18 put on the wire in 05-dss-checksum.pcap (net.mptcp.checksum_enabled=1), checked with
 * {@link MptcpVerifier} on the options our codec decodes from the pcap (each cross-checked with
 * tshark's decode of it, the option rows) over the payload bytes the pcap holds.
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

    /** A DSS or MP_CAPABLE checksum from the wire: tshark's row, our decoded option, its segment. */
    private record Mapped(OptionRow row, MptcpOption option, Segment segment) {
        int payloadLength() {
            return option instanceof Dss d ? d.dataLevelLength() - (d.dataFin() ? 1 : 0)
                    : ((MpCapable.AckData) option).dataLevelLength();
        }

        /** The subflow sequence number the mapping starts at (MP_CAPABLE: 1, RFC 8684 §3.1). */
        long ssn() {
            return option instanceof Dss d ? d.subflowSequenceNumber() : 1;
        }

        /** The verifier's verdict over the mapping's whole payload. */
        Verification verify(Bytes payload) {
            return option instanceof Dss d ? MptcpVerifier.dssChecksum(d, MptcpVerifier.dataSequenceNumber(d, 0), payload)
                    : MptcpVerifier.mpCapableChecksum((MpCapable.AckData) option, payload);
        }
    }

    private final CaptureModel model = new CaptureModel(OptionRow.read(CAPTURE));
    private final DecodedCapture capture = new DecodedCapture(CAPTURE);

    /** Every checksum on the wire, DSS (option length with the 2 checksum bytes) and MP_CAPABLE 24. */
    private List<Mapped> checksums() {
        assertEquals(List.of(), model.problems);
        List<Mapped> out = new ArrayList<>();
        for (OptionRow r : model.rows) {
            if (r.subtype() == OptionRow.MP_CAPABLE && r.optionLength() == 24) {
                MpCapable.AckData a = capture.option(r, MpCapable.AckData.class);
                Subflow sf = model.subflow(r);
                assertEquals(sf.connection().key(sf.fromClient(r.source())), a.senderKey(), r + ": the sender's own key");
                assertEquals(r.integer("checksum"), a.checksum(), r + ": tshark's checksum is ours");
                out.add(new Mapped(r, a, capture.frame(r.frame())));
            } else if (r.subtype() == OptionRow.DSS) {
                Dss d = capture.option(r, Dss.class);
                if (!d.checksumPresent()) continue;
                // Our decode agrees with tshark's (tshark leaves the DSS checksum undecoded; the
                // option's bytes, compared in capture.option, hold it).
                assertEquals(r.unsigned("rawdataseqno"), d.dataSequenceNumber(), r + " DSN");
                assertEquals(r.unsigned("subflowseqno"), d.subflowSequenceNumber(), r + " SSN");
                assertEquals(r.integer("datalvllen"), d.dataLevelLength(), r + " DLL");
                assertEquals(r.flag("datafin.flag"), d.dataFin(), r + " DATA_FIN");
                assertTrue(d.dataSequenceNumber8(), r + ": Linux sends 8-byte DSNs; a 4-byte one would need widening first");
                out.add(new Mapped(r, d, capture.frame(r.frame())));
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
        Segment s = m.segment();
        long rel = capture.relativeSeq(s); // the SSN is relative to the ISN (RFC 8684 §3.3.1)
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
            Bytes payload = m.payloadLength() == 0 ? Bytes.EMPTY : capturedPayload(m);
            if (payload == null || payload.length() != m.payloadLength()) continue; // cut by the snaplen
            exact++;
            dataFins += m.option() instanceof Dss d && d.dataFin() ? 1 : 0;
            Verification v = m.verify(payload);
            checks.add(() -> assertEquals(Status.VALID, v.status(), m.row() + ": " + v));
            if (m.payloadLength() == m.segment().payloadLength()) {
                // The segment carries exactly its mapping: the segment-level check decides it too.
                checks.add(() -> assertTrue(MptcpVerifier.verify(m.segment().packet(), null).contains(v), m.row().toString()));
            }
        }
        assertAll(checks);
        assertTrue(exact > 0, "no fully captured mapping");
        System.out.println("[crypto vs kernel captures] DSS checksums of fully captured mappings verified: "
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
            // On its own the cut segment cannot be judged: the verifier says so instead of guessing.
            for (Verification v : MptcpVerifier.verify(m.segment().packet(), null)) {
                checks.add(() -> assertEquals(Status.UNVERIFIABLE, v.status(), m.row() + ": " + v));
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
            if (m.option() instanceof MpCapable.AckData) mpCapable++;
            Verification v = m.verify(payload);
            checks.add(() -> assertEquals(Status.VALID, v.status(), m.row() + ": " + v));
            // Control: one byte fewer must not match, or the check would prove nothing.
            Verification control = m.verify(payload.slice(1));
            checks.add(() -> assertEquals(Status.INVALID, control.status(), m.row() + ": control " + control));
            checks.add(() -> assertEquals(v.found(), control.found()));
        }
        assertAll(checks);
        assertEquals(all.size(), full + rebuilt, "every checksum in the capture was checked one way");
        assertTrue(rebuilt >= 10 && mpCapable == 2, "rebuilt " + rebuilt + ", MP_CAPABLE " + mpCapable);
        System.out.println("[crypto vs kernel captures] checksums of snaplen-cut mappings verified over the rebuilt fill: "
                + rebuilt + " (" + mpCapable + " MP_CAPABLE len 24); of " + all.size() + " checksums in " + CAPTURE);
    }
}
