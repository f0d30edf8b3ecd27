package org.mptcpkit.tests.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-packet {@code F.pcap.fields.tsv} fixture (tshark {@code -T fields}, one row a frame,
 * header = field names). Used for tshark's connection analysis ({@code mptcp.stream}), which
 * pairs subflows with connections independently of our code.
 */
final class PacketFields {
    private final Map<String, Integer> columns = new HashMap<>();
    private final Map<Integer, String[]> frames = new HashMap<>();

    private PacketFields() {
    }

    static PacketFields read(String capture) {
        String name = "/pcaps/" + capture + ".fields.tsv";
        try (InputStream in = PacketFields.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            PacketFields f = new PacketFields();
            String[] header = r.readLine().split("\t", -1);
            for (int i = 0; i < header.length; i++) f.columns.put(header[i], i);
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty()) continue;
                String[] c = line.split("\t", -1);
                f.frames.put(Integer.parseInt(c[0]), c);
            }
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of {@code field} in {@code frame}, "" when tshark left it empty. */
    String get(int frame, String field) {
        Integer col = columns.get(field);
        if (col == null) throw new IllegalArgumentException("no column " + field + " in " + List.copyOf(columns.keySet()));
        String[] row = frames.get(frame);
        if (row == null) throw new IllegalArgumentException("no frame " + frame);
        return col < row.length ? row[col] : "";
    }
}
