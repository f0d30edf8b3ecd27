package org.mptcpkit.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mptcpkit.io.pcap.PcapReader;
import org.mptcpkit.io.pcap.PcapRecord;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.wire.Decoded;
import org.mptcpkit.wire.PacketCodec;

/** The Linux 6.18 captures on the test class path, decoded, with tshark's per-option decode. */
final class Captures {
    static final String[] ALL = {"01-mpc-v4.pcap", "03-multipath-v4.pcap", "05-dss-checksum.pcap",
            "06-fastclose.pcap", "07-tcprst.pcap", "13-linux-cooked-sll.pcap"};

    /** One frame: the record and its IP packet decoded (null when the frame carries none). */
    record Frame(PcapRecord record, Decoded<IpPacket> decoded) {
        IpPacket packet() {
            return decoded.value();
        }
    }

    private static final Map<String, List<Frame>> CACHE = new HashMap<>();

    private Captures() {
    }

    /** The resource copied to a file (PcapReader reads files). */
    static synchronized Path file(String name) {
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "mptcpkit-format-test-" + ProcessHandle.current().pid());
            Files.createDirectories(dir);
            Path p = dir.resolve(name);
            if (!Files.exists(p)) {
                try (InputStream in = Captures.class.getResourceAsStream("/pcaps/" + name)) {
                    if (in == null) throw new IllegalStateException("no resource /pcaps/" + name);
                    Files.copy(in, p);
                }
                p.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized List<Frame> frames(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try {
                List<Frame> out = new ArrayList<>();
                for (PcapRecord r : PcapReader.readAll(file(n))) {
                    var f = r.link();
                    out.add(new Frame(r, f.isIp() ? PacketCodec.decode(f.payload()) : null));
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The frame numbered {@code number} (1-based, as tshark and tcpdump count). */
    static Frame frame(String name, int number) {
        return frames(name).get(number - 1);
    }

    /** One row of {@code F.pcap.mptcp-options.tsv}: the columns and the tshark fields as name -> value. */
    record OptionRow(int frame, int optionIndex, int length, int subtype, Map<String, String> fields, String rawHex) {
    }

    static List<OptionRow> optionRows(String name) {
        List<OptionRow> rows = new ArrayList<>();
        for (String[] c : tsv(name + ".mptcp-options.tsv")) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String kv : c[12].split("; ")) {
                int eq = kv.indexOf('=');
                if (eq > 0) fields.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            rows.add(new OptionRow(Integer.parseInt(c[0]), Integer.parseInt(c[7]), Integer.parseInt(c[8]),
                    Integer.parseInt(c[9]), fields, c[13]));
        }
        return rows;
    }

    /** {@code F.pcap.fields.tsv}: each row as column name -> value. */
    static List<Map<String, String>> fieldRows(String name) {
        List<String[]> rows = tsvWithHeader(name + ".fields.tsv");
        String[] header = rows.getFirst();
        List<Map<String, String>> out = new ArrayList<>();
        for (String[] r : rows.subList(1, rows.size())) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < header.length; i++) m.put(header[i], i < r.length ? r[i] : "");
            out.add(m);
        }
        return out;
    }

    private static List<String[]> tsv(String resource) {
        List<String[]> all = tsvWithHeader(resource);
        return all.subList(1, all.size());
    }

    private static List<String[]> tsvWithHeader(String resource) {
        try (InputStream in = Captures.class.getResourceAsStream("/pcaps/" + resource)) {
            if (in == null) throw new IllegalStateException("no resource /pcaps/" + resource);
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) rows.add(line.split("\t", -1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
