package org.mptcpkit.tests.tshark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The oracle itself must read tshark right, or every test built on it proves nothing: checked
 * against the decode shipped beside the capture (the .mptcp-options.tsv made with tshark).
 */
class TsharkOracleTest {
    @Test
    void readsEveryMptcpOptionOfARealCaptureWithItsBytesAndFields() throws Exception {
        TsharkOracle.require();
        Path pcap = Path.of("src/test/resources/pcaps/03-multipath-v4.pcap");
        List<TsharkOracle.Frame> frames = TsharkOracle.decode(pcap);
        List<String> rows = java.nio.file.Files.readAllLines(Path.of(pcap + ".mptcp-options.tsv"));
        int checked = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split("\t", -1);
            int frame = Integer.parseInt(c[0]);
            int index = Integer.parseInt(c[7]);
            TsharkOracle.Frame f = frames.get(frame - 1);
            assertEquals(frame, f.number());
            TsharkOracle.Option o = f.mptcpOptions().get(index);
            assertEquals(c[c.length - 1], o.rawHex(), "frame " + frame + " option " + index);
            assertEquals(c[9], o.get("tcp.options.mptcp.subtype"), "frame " + frame);
            checked++;
        }
        assertTrue(checked > 300, "checked " + checked + " options");
    }
}
