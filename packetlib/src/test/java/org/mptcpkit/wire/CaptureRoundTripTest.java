package org.mptcpkit.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.RawPacket;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpOption;

/**
 * Real Linux 6.18 captures against an outside judge: every frame decodes to the values tshark
 * 4.0.17 printed for it ({@code *.fields.tsv}), re-encodes to its captured bytes, and, where the
 * whole segment was captured and tshark found the checksum good, recomputes to the same checksums
 * when they are left AUTO.
 */
class CaptureRoundTripTest {
    static final String[] CAPTURES = {"01-mpc-v4.pcap", "05-dss-checksum.pcap", "13-linux-cooked-sll.pcap"};

    @TestFactory
    List<DynamicTest> capturesDecodeToTsharksValuesAndRoundTrip() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String capture : CAPTURES) {
            List<TestPcap.Frame> frames = TestPcap.read("/pcaps/" + capture);
            List<Map<String, String>> rows = tsv("/pcaps/" + capture + ".fields.tsv");
            tests.add(DynamicTest.dynamicTest(capture, () -> {
                assertEquals(rows.size(), frames.size(), "frames in " + capture);
                int recomputed = 0;
                for (int i = 0; i < frames.size(); i++) {
                    if (check(capture, frames.get(i), rows.get(i))) recomputed++;
                }
                assertTrue(recomputed > frames.size() / 4, recomputed + " frames had their checksums recomputed");
            }));
        }
        return tests;
    }

    /** Checks one frame; true when its checksums were recomputed too. */
    private static boolean check(String capture, TestPcap.Frame frame, Map<String, String> row) {
        String where = capture + " frame " + frame.number();
        Decoded<IpPacket> d = PacketCodec.decode(frame.ip());
        assertArrayEquals(frame.ip(), PacketCodec.encode(d.value()), where + ": round trip");
        boolean cut = frame.ip().length < frame.wireLength();
        if (!cut) assertTrue(d.isClean(), where + ": " + d.diagnostics());

        IpPacket p = d.value();
        Tcp tcp = p.tcp().orElseThrow(() -> new AssertionError(where + ": no TCP in " + p));
        int ipHeader;
        int ipPayload;
        switch (p) {
            case Ip4 ip -> {
                assertEquals(row.get("ip.src"), ip.src().toString(), where);
                assertEquals(row.get("ip.dst"), ip.dst().toString(), where);
                ipHeader = ip.ihl() * 4;
                ipPayload = ip.totalLength() - ipHeader;
            }
            case Ip6 ip -> {
                assertEquals(row.get("ipv6.src"), ip.src().toString(), where);
                assertEquals(row.get("ipv6.dst"), ip.dst().toString(), where);
                ipHeader = 40;
                ipPayload = ip.payloadLength();
            }
            case RawPacket r -> throw new AssertionError(where + ": raw");
        }
        assertEquals(Integer.parseInt(row.get("tcp.srcport")), tcp.srcPort(), where);
        assertEquals(Integer.parseInt(row.get("tcp.dstport")), tcp.dstPort(), where);
        assertEquals(Long.parseLong(row.get("tcp.seq_raw")), tcp.seq(), where);
        assertEquals(Long.parseLong(row.get("tcp.ack_raw")), tcp.ack(), where);
        assertEquals(Integer.decode(row.get("tcp.flags")) & 0x1ff, tcp.flags().bits(), where);
        assertEquals(Integer.parseInt(row.get("tcp.hdr_len")), tcp.dataOffset() * 4, where);
        assertEquals(Integer.parseInt(row.get("tcp.len")), ipPayload - tcp.dataOffset() * 4, where);
        assertEquals(Integer.parseInt(row.get("tcp.window_size_value")), tcp.window(), where);
        assertEquals(Integer.decode(row.get("tcp.checksum")), tcp.checksum(), where);
        byte[] options = new byte[TcpOptionCodec.encodedLength(tcp.options())];
        TcpOptionCodec.encode(tcp.options(), options, 0, tcp.payload());
        assertEquals(row.get("tcp.options"), HexFormat.of().formatHex(options), where);
        // tshark lists every option's kind, NOPs included.
        List<String> kinds = new ArrayList<>();
        for (TcpOption o : tcp.options()) kinds.add(Integer.toString(o.kind()));
        assertEquals(row.get("tcp.option_kind"), String.join(",", kinds), where);

        assertTrue(ipHeader > 0);
        assertInstanceOf(Tcp.class, p.payload());
        assertTrue(tcp.checksum() != Field.AUTO);
        // tcp.checksum.status 2 is "unverified" (a cut segment); 1 is good.
        if (!cut && "1".equals(row.get("tcp.checksum.status"))) {
            IpPacket auto = switch (p) {
                case Ip4 ip -> ip.withAutoFields();
                case Ip6 ip -> ip.withAutoFields();
                case RawPacket r -> r;
            };
            assertArrayEquals(frame.ip(), PacketCodec.encode(auto), where + ": derived fields recomputed");
            return true;
        }
        return false;
    }

    static List<Map<String, String>> tsv(String resource) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                CaptureRoundTripTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String[] header = r.readLine().split("\t", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                String[] cells = line.split("\t", -1);
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.length; i++) row.put(header[i], i < cells.length ? cells[i] : "");
                rows.add(row);
            }
            return rows;
        }
    }
}
