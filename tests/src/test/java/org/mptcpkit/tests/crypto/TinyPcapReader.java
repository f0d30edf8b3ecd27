package org.mptcpkit.tests.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.mptcpkit.packet.Bytes;

/**
 * A test-only reader of classic pcap files down to the TCP options and payload, for the payload
 * bytes the DSS checksums cover (the TSV fixtures carry options, not payloads). Ethernet (link type 1)
 * and Linux cooked v1 (113); IPv4 and IPv6 without extension headers.
 *
 * <p>TODO: replace with the project's pcap reader and codec (org.mptcpkit.io / wire) once they
 * are merged; this exists only so the crypto work can be judged before then.
 */
final class TinyPcapReader {
    /** One TCP segment: where the captured payload is, and how long the payload was on the wire. */
    record Segment(int frame, String src, String dst, int srcPort, int dstPort, long seq, int tcpFlags,
                   Bytes options, Bytes capturedPayload, int payloadLength) {
        boolean syn() {
            return (tcpFlags & 0x02) != 0;
        }

        /** The MPTCP options (kind 30), kind and length bytes included, in order. */
        List<Bytes> mptcpOptions() {
            List<Bytes> out = new ArrayList<>();
            for (int i = 0; i < options.length(); ) {
                int kind = options.u8(i);
                if (kind == 0) break;          // EOL
                if (kind == 1) { i++; continue; } // NOP
                if (i + 1 >= options.length()) break;
                int len = options.u8(i + 1);
                if (len < 2 || i + len > options.length()) break;
                if (kind == 30) out.add(options.slice(i, i + len));
                i += len;
            }
            return out;
        }

        boolean fullyCaptured() {
            return capturedPayload.length() == payloadLength;
        }
    }

    private TinyPcapReader() {
    }

    static List<Segment> read(String capture) {
        String name = "/pcaps/" + capture;
        byte[] file;
        try (InputStream in = TinyPcapReader.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            file = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) b.order(ByteOrder.BIG_ENDIAN);
        else if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) throw new IllegalStateException(name + ": not a pcap file");
        int linkType = b.getInt(20);
        List<Segment> out = new ArrayList<>();
        int frame = 0;
        for (int p = 24; p + 16 <= file.length; ) {
            int caplen = b.getInt(p + 8);
            int start = p + 16;
            p = start + caplen;
            frame++;
            int l3 = switch (linkType) {
                case 1 -> 14;    // Ethernet II; the captures have no VLAN tags
                case 113 -> 16;  // Linux cooked v1
                default -> throw new IllegalStateException(name + ": link type " + linkType);
            };
            int ethertype = ((file[start + l3 - 2] & 0xff) << 8) | (file[start + l3 - 1] & 0xff);
            Segment s = switch (ethertype) {
                case 0x0800 -> tcp(frame, file, start + l3, start + caplen, false);
                case 0x86dd -> tcp(frame, file, start + l3, start + caplen, true);
                default -> null;
            };
            if (s != null) out.add(s);
        }
        return out;
    }

    private static Segment tcp(int frame, byte[] f, int ip, int end, boolean v6) {
        int proto = v6 ? f[ip + 6] & 0xff : f[ip + 9] & 0xff;
        if (proto != 6) return null;
        int ipHeader = v6 ? 40 : (f[ip] & 0x0f) * 4;
        int ipPayload = v6 ? u16(f, ip + 4) : u16(f, ip + 2) - ipHeader;
        String src = address(f, v6 ? ip + 8 : ip + 12, v6 ? 16 : 4);
        String dst = address(f, v6 ? ip + 24 : ip + 16, v6 ? 16 : 4);
        int t = ip + ipHeader;
        int tcpHeader = ((f[t + 12] & 0xff) >>> 4) * 4;
        long seq = ((long) u16(f, t + 4) << 16) | u16(f, t + 6);
        int payloadStart = t + tcpHeader;
        Bytes captured = Bytes.copyOf(f, payloadStart, Math.max(0, end - payloadStart));
        Bytes options = Bytes.copyOf(f, t + 20, Math.min(tcpHeader, end - t) - 20);
        return new Segment(frame, src, dst, u16(f, t), u16(f, t + 2), seq, f[t + 13] & 0xff, options, captured,
                ipPayload - tcpHeader);
    }

    private static int u16(byte[] f, int i) {
        return ((f[i] & 0xff) << 8) | (f[i + 1] & 0xff);
    }

    private static String address(byte[] f, int off, int len) {
        try {
            // getByAddress never resolves names; OptionRow.Endpoint uses the same getHostAddress text.
            return java.net.InetAddress.getByAddress(java.util.Arrays.copyOfRange(f, off, off + len)).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
