package org.mptcpkit.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpFlags;
import org.mptcpkit.wire.PacketCodec;

/**
 * {@code decode --json} read back with a strict parser and judged by tshark: for every packet of
 * the Linux 6.18 captures, the TCP fields equal tshark's {@code .fields.tsv} row and every MPTCP
 * option's fields equal its {@code .mptcp-options.tsv} row (keys, tokens and HMACs in decimal as
 * tshark prints them), raw bytes included.
 */
class PacketJsonTest {
    /** tshark field -> our JSON member, for the MPTCP options. */
    private static final Map<String, String> MPTCP_FIELDS = Map.ofEntries(
            Map.entry("tcp.options.mptcp.version", "version"),
            Map.entry("tcp.options.mptcp.checksumreq.flags", "checksumRequired"),
            Map.entry("tcp.options.mptcp.extensibility.flag", "extensibility"),
            Map.entry("tcp.options.mptcp.nomoresubflows.flag", "noMoreSubflows"),
            Map.entry("tcp.options.mptcp.sha256.flag", "hmacSha"),
            Map.entry("tcp.options.mptcp.sendkey", "senderKey"),
            Map.entry("tcp.options.mptcp.recvkey", "receiverKey"),
            Map.entry("mptcp.expected_token", "senderToken"),
            Map.entry("mptcp.expected_idsn", "senderIdsn"),
            Map.entry("tcp.options.mptcp.backup.flag", "backup"),
            Map.entry("tcp.options.mptcp.addrid", "addressId"),
            Map.entry("tcp.options.mptcp.recvtok", "receiverToken"),
            Map.entry("tcp.options.mptcp.sendrand", "senderRandom"),
            Map.entry("tcp.options.mptcp.sendtrunchmac", "senderTruncatedHmac"),
            Map.entry("tcp.options.mptcp.sendhmac", "senderHmac"),
            Map.entry("tcp.options.mptcp.rawdataack", "dataAck"),
            Map.entry("tcp.options.mptcp.rawdataseqno", "dataSequenceNumber"),
            Map.entry("tcp.options.mptcp.subflowseqno", "subflowSequenceNumber"),
            Map.entry("tcp.options.mptcp.datalvllen", "dataLevelLength"),
            Map.entry("tcp.options.mptcp.datafin.flag", "dataFin"),
            Map.entry("tcp.options.mptcp.dseqn8.flag", "dataSequenceNumber8"),
            Map.entry("tcp.options.mptcp.dseqnpresent.flag", "mappingPresent"),
            Map.entry("tcp.options.mptcp.dataack8.flag", "dataAck8"),
            Map.entry("tcp.options.mptcp.dataackpresent.flag", "dataAckPresent"),
            Map.entry("tcp.options.mptcp.echo", "echo"),
            Map.entry("tcp.options.mptcp.ipv4", "address"),
            Map.entry("tcp.options.mptcp.ipv6", "address"),
            Map.entry("tcp.options.mptcp.port", "port"),
            Map.entry("tcp.options.mptcp.addaddrtrunchmac", "truncatedHmac"),
            Map.entry("tcp.options.mptcp.rst_reason", "reason"),
            Map.entry("tcp.options.mptcp.flag_T.flag", "flagT"),
            Map.entry("tcp.options.mptcp.flag_U.flag", "flagU"),
            Map.entry("tcp.options.mptcp.flag_V.flag", "flagV"),
            Map.entry("tcp.options.mptcp.flag_W.flag", "flagW"),
            Map.entry("tcp.options.mptcp.checksum", "checksum"),
            Map.entry("tcp.options.mptcp.reserved", "reserved"),
            Map.entry("tcp.options.mptcp.reserved.flag", "reservedFlags"),
            Map.entry("tcp.options.mptcp.subtype", "subtype"),
            Map.entry("tcp.option_kind", "kind"),
            Map.entry("tcp.option_len", "length"));
    /** tshark's analysis, not fields of the option. */
    private static final Set<String> ANALYSIS = Set.of("mptcp.ack", "mptcp.dss.dsn", "mptcp.rm_addr.count");

    static String[] captures() {
        return Captures.ALL;
    }

    static Map<String, Object> json(Captures.Frame f) {
        StringBuilder sb = new StringBuilder();
        var r = f.record();
        new PacketJson().write(new JsonWriter(sb), new PacketJson.Frame(r.number(), r.timestampNanos(),
                r.capturedLength(), r.originalLength()), r.linkType().name(), r.link().header().toString(),
                f.decoded() == null ? null : f.packet(),
                f.decoded() == null ? List.of() : DecodeCommand.withoutSnaplenCut(f.decoded().diagnostics(), r));
        return MiniJson.object(sb.toString());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    @ParameterizedTest
    @MethodSource("captures")
    void tcpFieldsEqualTshark(String capture) {
        List<Map<String, String>> rows = Captures.fieldRows(capture);
        List<Captures.Frame> frames = Captures.frames(capture);
        assertEquals(rows.size(), frames.size(), "frames");
        for (int i = 0; i < frames.size(); i++) {
            Map<String, String> t = rows.get(i);
            Map<String, Object> j = json(frames.get(i));
            String where = capture + " frame " + (i + 1);
            assertEquals(new BigInteger(t.get("frame.number")), j.get("frame"), where);
            assertEquals(new BigInteger(t.get("frame.len")), j.get("originalLength"), where);
            assertEquals(new BigInteger(t.get("frame.cap_len")), j.get("capturedLength"), where);
            assertEquals(t.get("frame.time_epoch"), j.get("timestamp").toString(), where);
            Map<String, Object> ip = map(j.get("ip"));
            String src = t.get("ip.src").isEmpty() ? t.get("ipv6.src") : t.get("ip.src");
            String dst = t.get("ip.dst").isEmpty() ? t.get("ipv6.dst") : t.get("ip.dst");
            assertEquals(src, ip.get("src"), where);
            assertEquals(dst, ip.get("dst"), where);
            Map<String, Object> tcp = map(j.get("tcp"));
            assertEquals(new BigInteger(t.get("tcp.srcport")), tcp.get("srcPort"), where);
            assertEquals(new BigInteger(t.get("tcp.dstport")), tcp.get("dstPort"), where);
            assertEquals(new BigInteger(t.get("tcp.seq_raw")), tcp.get("seq"), where);
            assertEquals(new BigInteger(t.get("tcp.ack_raw")), tcp.get("ack"), where);
            assertEquals(new BigInteger(t.get("tcp.len")), tcp.get("payloadLength"), where);
            assertEquals(new BigInteger(t.get("tcp.hdr_len")), ((BigInteger) tcp.get("dataOffset")).shiftLeft(2), where);
            assertEquals(new BigInteger(t.get("tcp.window_size_value")), tcp.get("window"), where);
            assertEquals(new BigInteger(t.get("tcp.checksum").substring(2), 16), tcp.get("checksum"), where);
            assertEquals(new BigInteger(t.get("tcp.flags").substring(2), 16), tcp.get("flagBits"), where);
            // tcp.flags.str is tshark's "·······A··S·": the booleans must agree with it.
            String str = t.get("tcp.flags.str");
            Map<String, Object> flag = map(tcp.get("flag"));
            assertEquals(str.contains("S"), flag.get("syn"), where);
            assertEquals(str.contains("A"), flag.get("ack"), where);
            assertEquals(str.contains("F"), flag.get("fin"), where);
            assertEquals(str.contains("R"), flag.get("rst"), where);
            assertEquals(str.contains("P"), flag.get("psh"), where);
            // The options' raw bytes, concatenated, are tshark's tcp.options.
            StringBuilder raw = new StringBuilder();
            for (Object o : list(tcp.get("options"))) raw.append(map(o).get("raw"));
            assertEquals(t.get("tcp.options"), raw.toString(), where);
            assertNull(j.get("diagnostics"), where + ": a clean capture has no diagnostics but the cut");
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyMptcpOptionEqualsTshark(String capture) {
        int checked = 0;
        for (Captures.OptionRow row : Captures.optionRows(capture)) {
            Map<String, Object> j = json(Captures.frame(capture, row.frame()));
            List<Map<String, Object>> mptcp = new ArrayList<>();
            for (Object o : list(map(j.get("tcp")).get("options"))) {
                if (map(o).get("kind").equals(BigInteger.valueOf(30))) mptcp.add(map(o));
            }
            Map<String, Object> o = mptcp.get(row.optionIndex());
            String where = capture + " frame " + row.frame() + " MPTCP option " + row.optionIndex() + " " + o;
            assertEquals(row.rawHex(), o.get("raw"), where);
            assertEquals(BigInteger.valueOf(row.length()), o.get("length"), where);
            for (Map.Entry<String, String> f : row.fields().entrySet()) {
                if (ANALYSIS.contains(f.getKey()) || f.getKey().equals("tcp.options.mptcp.flags")) continue;
                if (row.subtype() == 4 && f.getKey().equals("tcp.options.mptcp.addrid")) {
                    // tshark names the one id of a single-id REMOVE_ADDR addrid.
                    assertEquals(List.of(new BigInteger(f.getValue())), o.get("addressIds"), where);
                    continue;
                }
                String member = MPTCP_FIELDS.get(f.getKey());
                if (member == null) fail(where + ": tshark field " + f.getKey() + " has no JSON member");
                // tshark quirk (README): MP_JOIN's, MP_PRIO's, MP_TCPRST's flags include the subtype nibble.
                Object ours = o.get(member);
                assertNotNull(ours, where + ": no " + member + " for " + f.getKey() + "=" + f.getValue());
                assertEquals(normalize(f.getKey(), f.getValue()), normalize(ours), where + ": " + f.getKey());
                checked++;
            }
            if (row.fields().containsKey("mptcp.rm_addr.count")) {
                assertEquals(Integer.parseInt(row.fields().get("mptcp.rm_addr.count")), list(o.get("addressIds")).size(), where);
            }
            if (!row.fields().containsKey("tcp.options.mptcp.flags")) continue;
            int subtype = row.subtype();
            int tflags = Integer.parseInt(row.fields().get("tcp.options.mptcp.flags").substring(2), 16);
            switch (subtype) {
                case 0, 2 -> assertEquals(BigInteger.valueOf(tflags), o.get("flags"), where + ": flags");
                // tshark quirk (README): MP_JOIN's, MP_PRIO's, MP_TCPRST's flags include the subtype nibble.
                case 1, 5 -> {
                    assertEquals((tflags & 1) != 0, o.get("backup"), where + ": flags");
                    assertEquals(BigInteger.valueOf((tflags & 0xe) >> 1), o.get("reserved"), where + ": flags");
                }
                case 8 -> assertEquals(BigInteger.valueOf(tflags & 0xf), o.get("flags"), where + ": flags");
                default -> fail(where + ": tshark flags for subtype " + subtype);
            }
        }
        assertTrue(checked > 0 || capture.startsWith("10-"), capture + ": nothing compared");
    }

    /** tshark's text as the JSON value it should equal. */
    private static Object normalize(String field, String v) {
        if (field.endsWith("sendhmac")) return v.replace(":", "");
        if (field.endsWith(".ipv4") || field.endsWith(".ipv6")) return v;
        if (v.startsWith("0x")) return new BigInteger(v.substring(2), 16);
        if (field.endsWith(".flag") || field.endsWith(".flags") || field.endsWith(".echo")) {
            if (v.equals("0")) return Boolean.FALSE;
            if (v.equals("1")) return Boolean.TRUE;
        }
        return new BigInteger(v);
    }

    private static Object normalize(Object ours) {
        return ours;
    }

    @Test
    void everyMemberNameIsUniqueAndEveryPacketParses() {
        // MiniJson rejects duplicate names: one clash in the schema fails here.
        for (String c : Captures.ALL) for (Captures.Frame f : Captures.frames(c)) json(f);
    }

    @Test
    void sixtyFourBitValuesHaveHexTwins() {
        Map<String, Object> j = json(Captures.frame("01-mpc-v4.pcap", 3));
        Map<String, Object> mpc = map(list(map(j.get("tcp")).get("options")).get(3));
        assertEquals("MP_CAPABLE", mpc.get("subtypeName"));
        assertEquals("ACK", mpc.get("form"));
        assertEquals("877f9bcf737c4c6d", mpc.get("senderKeyHex"));
        assertEquals(new BigInteger("877f9bcf737c4c6d", 16), mpc.get("senderKey"));
        assertEquals("5da3bbf8c384c03d", mpc.get("receiverKeyHex"));
    }

    @Test
    void craftedPacketShowsAutoFieldsAsNull() {
        Tcp tcp = Tcp.builder().srcPort(1).dstPort(2).flags(TcpFlags.ACK)
                .options(Dss.mapping(5, 1, 3)).payload((byte) 1, (byte) 2, (byte) 3).build();
        Ip4 ip = Ip4.builder().src(org.mptcpkit.packet.Ip4Address.parse("10.0.0.1"))
                .dst(org.mptcpkit.packet.Ip4Address.parse("10.0.0.2")).payload(tcp).build();
        StringBuilder sb = new StringBuilder();
        new PacketJson().write(new JsonWriter(sb), PacketJson.Frame.NONE, null, null, ip, List.of());
        Map<String, Object> j = MiniJson.object(sb.toString());
        assertFalse(j.containsKey("frame"));
        Map<String, Object> ipj = map(j.get("ip"));
        assertTrue(ipj.containsKey("totalLength"));
        assertNull(ipj.get("totalLength"));
        assertNull(map(j.get("tcp")).get("checksum"));
        Map<String, Object> dss = map(list(map(j.get("tcp")).get("options")).getFirst());
        assertNull(dss.get("checksum"), "an AUTO DSS checksum is null");
        // ... and the raw bytes are what the encoder writes, checksum computed.
        byte[] wire = PacketCodec.encode(ip);
        String hex = Bytes.wrap(wire).hex();
        assertTrue(hex.contains((String) dss.get("raw")), dss.get("raw") + " in " + hex);
    }

    @Test
    void malformedPacketHasDiagnostics() {
        byte[] syn = PacketCodec.encode(Captures.frame("01-mpc-v4.pcap", 1).packet());
        syn[32] = (byte) 0x30; // data offset 3
        StringBuilder sb = new StringBuilder();
        var d = PacketCodec.decode(syn);
        new PacketJson().write(new JsonWriter(sb), PacketJson.Frame.NONE, null, null, d.value(), d.diagnostics());
        Map<String, Object> j = MiniJson.object(sb.toString());
        Map<String, Object> first = map(list(j.get("diagnostics")).getFirst());
        assertEquals("tcp.dataOffset", first.get("field"));
        assertEquals(BigInteger.valueOf(32), first.get("offset"));
        assertEquals("RFC 9293 §3.1", first.get("reference"));
    }

    /** The example in docs/decode-json.md is the output for 03-multipath-v4.pcap frame 4, verbatim. */
    @Test
    void documentedExampleIsTheOutput() throws Exception {
        Path doc = Path.of("..", "docs", "decode-json.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int start = text.indexOf("```json\n");
        assertTrue(start >= 0, "docs/decode-json.md has a ```json example");
        String example = text.substring(start + 8, text.indexOf("```", start + 8));
        Captures.Frame f = Captures.frame("03-multipath-v4.pcap", 4);
        StringBuilder sb = new StringBuilder();
        var r = f.record();
        new PacketJson().write(new JsonWriter(sb), new PacketJson.Frame(r.number(), r.timestampNanos(),
                r.capturedLength(), r.originalLength()), r.linkType().name(), r.link().header().toString(),
                f.packet(), DecodeCommand.withoutSnaplenCut(f.decoded().diagnostics(), r));
        assertEquals(MiniJson.parse(example), MiniJson.parse(sb.toString()));
    }
}
