package org.mptcpkit.tests.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpkit.packet.Bytes;

/**
 * One row of a {@code F.pcap.mptcp-options.tsv} fixture: one MPTCP option as tshark 4.0.17 decoded
 * it (columns: frame, src, dst, sport, dport, tcp.stream, tcp_flags, mptcp_opt_index, option_len,
 * subtype, subtype_name, variants, tshark_fields, raw_option_hex). {@code fields} holds tshark's
 * {@code name=value} pairs; a name tshark repeats (REMOVE_ADDR's ids) keeps its values comma-joined.
 */
record OptionRow(int frame, Endpoint source, Endpoint destination, int tcpStream, String tcpFlags,
                 int optionIndex, int optionLength, int subtype, Map<String, String> fields, Bytes raw) {

    static final int MP_CAPABLE = 0;
    static final int MP_JOIN = 1;
    static final int DSS = 2;
    static final int ADD_ADDR = 3;

    /** A TCP endpoint; the address in Java's canonical text ({@code fd00:1:0:0:0:0:0:2}). */
    record Endpoint(String address, int port) {
        Endpoint {
            address = canonical(address);
        }

        /** Java's text for an address literal, so tshark's and the pcap reader's spellings compare equal. */
        static String canonical(String literal) {
            return java.net.InetAddress.ofLiteral(literal).getHostAddress();
        }

        @Override
        public String toString() {
            return address.indexOf(':') >= 0 ? "[" + address + "]:" + port : address + ":" + port;
        }
    }

    /** Reads {@code /pcaps/<capture>.mptcp-options.tsv} from the test class path. */
    static List<OptionRow> read(String capture) {
        String name = "/pcaps/" + capture + ".mptcp-options.tsv";
        try (InputStream in = OptionRow.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = r.readLine();
            if (header == null || !header.startsWith("frame\tsrc\tdst")) {
                throw new IllegalStateException(name + ": unexpected header " + header);
            }
            List<OptionRow> rows = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isEmpty()) rows.add(parse(name, line));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OptionRow parse(String name, String line) {
        String[] c = line.split("\t", -1);
        if (c.length != 14) throw new IllegalStateException(name + ": " + c.length + " columns in " + line);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : c[12].split("; ")) {
            int eq = pair.indexOf('=');
            if (eq < 0) continue;
            fields.merge(pair.substring(0, eq), pair.substring(eq + 1), (a, b) -> a + "," + b);
        }
        return new OptionRow(Integer.parseInt(c[0]), new Endpoint(c[1], Integer.parseInt(c[3])),
                new Endpoint(c[2], Integer.parseInt(c[4])), Integer.parseInt(c[5]), c[6],
                Integer.parseInt(c[7]), Integer.parseInt(c[8]), Integer.parseInt(c[9]), fields,
                Bytes.fromHex(c[13]));
    }

    boolean syn() {
        return tcpFlags.indexOf('S') >= 0;
    }

    boolean ack() {
        return tcpFlags.indexOf('A') >= 0;
    }

    boolean has(String field) {
        return fields.containsKey(field);
    }

    /** A tshark field by its name without the {@code tcp.options.mptcp.} prefix, or a full name. */
    String field(String shortName) {
        String v = fields.get("tcp.options.mptcp." + shortName);
        if (v == null) v = fields.get(shortName);
        if (v == null) throw new AssertionError("frame " + frame + ": no field " + shortName + " in " + fields);
        return v;
    }

    boolean hasField(String shortName) {
        return fields.containsKey("tcp.options.mptcp." + shortName) || fields.containsKey(shortName);
    }

    /** A decimal field as an unsigned 64-bit value (tshark prints keys and HMACs unsigned). */
    long unsigned(String shortName) {
        return Long.parseUnsignedLong(field(shortName));
    }

    int integer(String shortName) {
        String v = field(shortName);
        return v.startsWith("0x") ? Integer.parseInt(v.substring(2), 16) : Integer.parseInt(v);
    }

    boolean flag(String shortName) {
        return integer(shortName) != 0;
    }

    @Override
    public String toString() {
        return "frame " + frame + " " + source + " > " + destination + " [" + tcpFlags + "] option " + raw.hex();
    }
}
