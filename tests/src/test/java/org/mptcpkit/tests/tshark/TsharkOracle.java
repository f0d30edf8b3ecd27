package org.mptcpkit.tests.tshark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * tshark as an outside judge: runs it once over a whole pcap (a start costs about 0.8 s, so tests
 * batch many packets into one file) and returns, per frame, the TCP options in wire order with
 * every field tshark decoded inside each, by tshark's field names.
 *
 * <p>PDML is used rather than {@code -T json} because it keeps each option's fields nested under
 * the option, in order, with byte positions; JSON output repeats keys, which JSON readers merge.
 */
public final class TsharkOracle {
    /** Raw (absolute) sequence numbers and MPTCP mapping analysis, as in shared/pcaps/README.md. */
    public static final List<String> PREFERENCES = List.of(
            "-o", "tcp.relative_sequence_numbers:FALSE",
            "-o", "mptcp.relative_sequence_numbers:FALSE",
            "-o", "mptcp.analyze_mptcp:TRUE",
            "-o", "mptcp.analyze_mappings:TRUE",
            "-o", "tcp.desegment_tcp_streams:FALSE",
            "-o", "ip.check_checksum:TRUE",
            "-o", "tcp.check_checksum:TRUE");

    /** tshark's {@code *.checksum.status} for a checksum it verified and found right (4.0: 0 bad, 1 good, 2 unverified). */
    public static final String CHECKSUM_GOOD = "1";

    /** One TCP option as tshark saw it. */
    public record Option(int kind, int pos, int size, String rawHex, Map<String, List<String>> fields) {
        /** The single value of {@code field}, or null when tshark did not decode it. */
        public String get(String field) {
            List<String> v = fields.get(field);
            return v == null ? null : v.getFirst();
        }

        public List<String> all(String field) {
            return fields.getOrDefault(field, List.of());
        }
    }

    /** One frame: its packet-level fields (first occurrence of each) and its TCP options in order. */
    public record Frame(int number, Map<String, String> fields, List<Option> options) {
        public String get(String field) {
            return fields.get(field);
        }

        public List<Option> mptcpOptions() {
            return options.stream().filter(o -> o.kind() == 30).toList();
        }
    }

    private TsharkOracle() {
    }

    /** Whether a tshark binary is on the PATH. */
    public static boolean available() {
        return org.mptcpkit.testing.OutsideJudge.available("tshark");
    }

    /** Runs the calling test only where tshark is; fails it in CI (see {@code OutsideJudge}). */
    public static void require() {
        org.mptcpkit.testing.OutsideJudge.require("tshark", "tshark");
    }

    /** Decodes every frame of {@code pcap}. */
    public static List<Frame> decode(Path pcap) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-T", "pdml"));
        cmd.addAll(PREFERENCES);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Handler h = new Handler();
        try (InputStream in = p.getInputStream()) {
            SAXParserFactory.newInstance().newSAXParser().parse(in, h);
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("tshark output for " + pcap + " is not PDML: " + e.getMessage(), e);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tshark on " + pcap + " did not finish in 120 s");
        }
        if (p.exitValue() != 0) throw new IOException("tshark on " + pcap + " exited " + p.exitValue());
        return h.frames;
    }

    private static final class Handler extends DefaultHandler {
        final List<Frame> frames = new ArrayList<>();
        private Map<String, String> frameFields;
        private List<Option> options;
        private int depth;
        // Depth of the tcp.options element: its direct children (fields, or the "mptcp" proto
        // element tshark uses for kind 30) are the options, in wire order.
        private int optionsDepth = -1;
        private int optionsPos;
        private String optionsHex;
        private int optionDepth = -1;
        private int optionPos;
        private int optionSize;
        private Map<String, List<String>> optionFields;
        private int optionKind;

        @Override
        public void startElement(String uri, String local, String qName, Attributes a) {
            depth++;
            if (qName.equals("packet")) {
                frameFields = new LinkedHashMap<>();
                options = new ArrayList<>();
                optionsDepth = -1;
                return;
            }
            if (frameFields == null || !(qName.equals("field") || qName.equals("proto"))) return;
            String name = a.getValue("name");
            if (name == null || name.isEmpty()) return;
            String show = a.getValue("show");
            if (name.equals("tcp.options") && optionsDepth < 0 && options.isEmpty()) {
                optionsDepth = depth;
                optionsPos = parseInt(a.getValue("pos"));
                String v = a.getValue("value");
                optionsHex = v == null ? "" : v;
                frameFields.putIfAbsent(name, optionsHex);
                return;
            }
            if (optionsDepth >= 0 && depth == optionsDepth + 1 && !name.startsWith("_ws.")) {
                optionDepth = depth;
                optionPos = parseInt(a.getValue("pos"));
                optionSize = parseInt(a.getValue("size"));
                optionFields = new LinkedHashMap<>();
                optionKind = -1;
                return;
            }
            if (optionDepth >= 0) {
                optionFields.computeIfAbsent(name, k -> new ArrayList<>()).add(show == null ? "" : show);
                if (name.equals("tcp.option_kind") && optionKind < 0) optionKind = parseInt(show);
                return;
            }
            if (show != null) frameFields.putIfAbsent(name, show);
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            if (optionDepth == depth) {
                int from = 2 * (optionPos - optionsPos);
                int to = from + 2 * optionSize;
                String hex = from >= 0 && to <= optionsHex.length() ? optionsHex.substring(from, to) : "";
                options.add(new Option(optionKind, optionPos, optionSize, hex, optionFields));
                optionDepth = -1;
            } else if (optionsDepth == depth) {
                optionsDepth = -2; // done: a later tcp.options (e.g. in a quoted ICMP packet) is ignored
            } else if (qName.equals("packet")) {
                int number = parseInt(frameFields.getOrDefault("frame.number", "-1"));
                frames.add(new Frame(number, frameFields, options));
                frameFields = null;
            }
            depth--;
        }

        private static int parseInt(String s) {
            try {
                return s == null ? -1 : Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

}
