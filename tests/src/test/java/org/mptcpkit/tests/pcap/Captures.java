package org.mptcpkit.tests.pcap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mptcpkit.io.pcap.EtherType;
import org.mptcpkit.io.pcap.LinkFrame;
import org.mptcpkit.packet.Bytes;

/** The real captures in test resources, tshark's per-frame fields, and the few IP facts tests compare. */
final class Captures {
    static final List<String> FIXTURES = List.of("01-mpc-v4.pcap", "03-multipath-v4.pcap", "05-dss-checksum.pcap",
            "06-fastclose.pcap", "07-tcprst.pcap", "10-fallback.pcap", "13-linux-cooked-sll.pcap");

    private Captures() {
    }

    static Path fixture(String name) {
        URL u = Captures.class.getResource("/pcaps/" + name);
        if (u == null) throw new IllegalStateException("missing test resource /pcaps/" + name);
        try {
            return Path.of(u.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of a tab-separated file with a header line, as column name to value. */
    static List<Map<String, String>> tsv(List<String> lines, List<String> header) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty()) continue;
            String[] v = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) row.put(header.get(i), i < v.length ? v[i] : "");
            rows.add(row);
        }
        return rows;
    }

    /** The fixture's {@code .fields.tsv}: tshark 4.0's decode of each frame. */
    static List<Map<String, String>> tsharkFields(String fixture) throws IOException {
        List<String> lines = Files.readAllLines(fixture(fixture + ".fields.tsv"), StandardCharsets.UTF_8);
        return tsv(lines.subList(1, lines.size()), Arrays.asList(lines.get(0).split("\t", -1)));
    }

    /** Runs {@code tshark -r file -T fields -e f1 -e f2 ...}: one row per frame. */
    static List<Map<String, String>> tshark(Path file, List<String> fields) {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-T", "fields",
                "-E", "occurrence=f"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("tshark failed on " + file + ": exit " + p.exitValue());
            }
            return tsv(out.lines().toList(), fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** tshark's {@code frame.time_epoch}: seconds, a point, nine digits. */
    static String epoch(long nanos) {
        String frac = Long.toString(Math.floorMod(nanos, 1_000_000_000L));
        return Math.floorDiv(nanos, 1_000_000_000L) + "." + "000000000".substring(frac.length()) + frac;
    }

    /** {@code ip.src}, {@code ip.dst}, {@code ipv6.src}, {@code ipv6.dst}, {@code tcp.srcport}, {@code tcp.dstport} as tshark prints them. */
    static Map<String, String> ipFields(LinkFrame f) {
        Map<String, String> m = new HashMap<>();
        for (String k : List.of("ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "tcp.srcport", "tcp.dstport")) m.put(k, "");
        Bytes p = f.payload();
        int tcp = -1;
        if (f.etherType() == EtherType.IPV4 && p.length() >= 20) {
            m.put("ip.src", ipv4(p.slice(12, 16)));
            m.put("ip.dst", ipv4(p.slice(16, 20)));
            if (p.u8(9) == 6) tcp = (p.u8(0) & 0xf) * 4;
        } else if (f.etherType() == EtherType.IPV6 && p.length() >= 40) {
            m.put("ipv6.src", ipv6(p.slice(8, 24)));
            m.put("ipv6.dst", ipv6(p.slice(24, 40)));
            if (p.u8(6) == 6) tcp = 40;
        }
        if (tcp >= 0 && p.length() >= tcp + 4) {
            m.put("tcp.srcport", Integer.toString(p.u16(tcp)));
            m.put("tcp.dstport", Integer.toString(p.u16(tcp + 2)));
        }
        return m;
    }

    static String ipv4(Bytes a) {
        return a.u8(0) + "." + a.u8(1) + "." + a.u8(2) + "." + a.u8(3);
    }

    /** RFC 5952 text: lower case, no leading zeros, the longest run (2+) of zero groups as {@code ::}. */
    static String ipv6(Bytes a) {
        return org.mptcpkit.packet.Ip6Address.of(a).toString();
    }

    static String mac(Bytes a) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < a.length(); i++) {
            if (i > 0) s.append(':');
            s.append(Character.forDigit(a.u8(i) >> 4, 16)).append(Character.forDigit(a.u8(i) & 0xf, 16));
        }
        return s.toString();
    }
}
