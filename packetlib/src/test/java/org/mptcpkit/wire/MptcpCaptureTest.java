package org.mptcpkit.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.MptcpOption;
import org.mptcpkit.packet.UnknownMptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outside judge: every MPTCP option of the Linux 6.18 captures in the project's pcap fixtures
 * ({@code tests/src/test/resources/pcaps/*.mptcp-options.tsv}, one row per option with tshark
 * 4.0.17's decode and the option's raw bytes) decodes strictly, re-encodes byte for byte, and has
 * tshark's value in every field tshark shows.
 */
class MptcpCaptureTest {
    /** The fixtures live in the tests module; the packetlib build runs from its own folder. */
    static Path pcapDir() {
        for (Path p : List.of(Path.of("../tests/src/test/resources/pcaps"), Path.of("tests/src/test/resources/pcaps"))) {
            if (Files.isDirectory(p)) return p;
        }
        throw new IllegalStateException("pcap fixtures not found from " + Path.of("").toAbsolutePath());
    }

    record Row(String file, String frame, String src, String tcpFlags, int optionLen, int subtype, String variants,
               String tsharkFields, Bytes raw) {
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(pcapDir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".mptcp-options.tsv")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                assertEquals("raw_option_hex", lines.getFirst().split("\t")[13], f + ": header");
                for (String line : lines.subList(1, lines.size())) {
                    String[] c = line.split("\t", -1);
                    rows.add(new Row(f.getFileName().toString(), c[0], c[1], c[6], Integer.parseInt(c[8]),
                            Integer.parseInt(c[9]), c[11], c[12], Bytes.fromHex(c[13])));
                }
            }
        }
        return rows;
    }

    @Test
    void everyCapturedOptionDecodesToTsharksValuesAndReencodesExactly() throws IOException {
        List<Row> rows = rows();
        assertTrue(rows.size() > 800, "expected the ~850 options of the captures, got " + rows.size());
        Map<String, Integer> forms = new TreeMap<>();
        for (Row r : rows) {
            String where = r.file + " frame " + r.frame + " [" + r.variants + "] " + r.raw.hex();
            MptcpOption o = MptcpCodec.decode(r.raw, Diagnostics.strict());
            assertFalse(o instanceof UnknownMptcp, where + ": kept raw: " + o);
            assertEquals(r.optionLen, o.length(), where);
            assertEquals(r.subtype, o.subtype(), where);
            assertEquals(r.raw, MptcpCodec.encode(o, Bytes.EMPTY), where + ": re-encoding");
            TsharkView.assertMatches(o, r.tsharkFields, where, 4);
            // Built from its fields with every derived field AUTO, the option is still the same bytes
            // (the captures' checksums need the payload, checked in MptcpChecksumTest).
            if (!hasChecksum(o)) {
                assertEquals(r.raw, MptcpCodec.encode(o.withAutoDerived(), Bytes.EMPTY), where + ": AUTO length");
            }
            forms.merge(o.getClass().getSimpleName() + "/" + o.length(), 1, Integer::sum);
        }
        // Every form Linux sends is in the captures (see the pcaps' README).
        for (String f : List.of("Syn/4", "SynAck/12", "Ack/20", "AckData/22", "AckData/24", "Syn/12", "SynAck/16",
                "Ack/24", "Dss/8", "Dss/12", "Dss/22", "Dss/24", "Dss/26", "Dss/28", "V1/8", "V1/10", "V1/16",
                "V1/18", "V1/20", "V1/28", "RemoveAddr/4", "RemoveAddr/6", "MpPrio/3", "MpFastclose/12",
                "MpTcpRst/4")) {
            assertTrue(forms.containsKey(f), "no " + f + " in the captures: " + forms);
        }
    }

    static boolean hasChecksum(MptcpOption o) {
        return o instanceof org.mptcpkit.packet.Dss d && d.checksumPresent()
                || o instanceof org.mptcpkit.packet.MpCapable.AckData a && a.checksumPresent();
    }

    /** REMOVE_ADDR with several ids: tshark lists one addrid occurrence per id. */
    @Test
    void removeAddrIdsAreTsharksOccurrences() throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        for (Row r : rows()) {
            if (r.subtype != MptcpOption.REMOVE_ADDR) continue;
            MptcpOption o = MptcpCodec.decode(r.raw, Diagnostics.strict());
            Map<String, String> t = TsharkView.parse(r.tsharkFields);
            assertEquals(t.get("mptcp.rm_addr.count"), TsharkView.of(o).get("mptcp.rm_addr.count"));
            seen.merge(t.get("mptcp.rm_addr.count"), 1, Integer::sum);
        }
        assertTrue(seen.containsKey("3"), "the three-id REMOVE_ADDR is in 03-multipath-v4: " + seen);
    }
}
