package org.mptcpkit.format;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mptcpkit.io.pcap.LinkFrame;
import org.mptcpkit.io.pcap.LinkHeader;
import org.mptcpkit.io.pcap.PcapFormatException;
import org.mptcpkit.io.pcap.PcapReader;
import org.mptcpkit.io.pcap.PcapRecord;
import org.mptcpkit.io.pcap.PcapUnavailableException;
import org.mptcpkit.io.pcap.TimestampPrecision;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.wire.Diagnostic;
import org.mptcpkit.wire.Diagnostics;
import org.mptcpkit.wire.PacketCodec;

/**
 * {@code mptcpkit decode FILE [--json] [--show] [--hex] [--pkt] [-c N]}: a capture file, one
 * packet at a time.
 *
 * <ul>
 *   <li>default: one line per packet, {@code FRAME TIME SUMMARY}, e.g. {@code 1 12:33:59.770958
 *       IP 10.0.1.1.47970 > 10.0.1.2.5101: Flags [S], ...} (time of day in UTC);</li>
 *   <li>{@code --show}: the field tree after each line; {@code --hex}: the frame's hex dump;
 *       {@code --pkt}: the packet in {@code .pkt} syntax;</li>
 *   <li>{@code --json}: one JSON object per line per packet, schema in docs/decode-json.md
 *       (excludes the three above);</li>
 *   <li>{@code -c N}: stop after N packets.</li>
 * </ul>
 *
 * <p>Exit codes: 0 when the whole file was read; 1 when it is missing, unreadable or not a
 * capture, or damaged (the packets before the damage are printed, then one line on stderr,
 * {@code FILE: record N: what is wrong}); 2 for a usage error. A packet too short or malformed for
 * its headers decodes to what is there, with its diagnostics; it never stops the command.
 *
 * <p>Output goes through one buffer written in 64 KiB blocks, not a print per line.
 */
public final class DecodeCommand {
    static final String USAGE = "usage: mptcpkit decode FILE [--json] [--show] [--hex] [--pkt] [-c COUNT]";
    private static final int FLUSH_AT = 1 << 16;

    private DecodeCommand() {
    }

    public static void main(String[] args) {
        int rc = run(args, System.out, System.err);
        System.exit(rc);
    }

    /** Runs the command; returns the exit code. Never throws for bad input. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o = Options.parse(args, err);
        if (o == null) return 2;
        Path file = Path.of(o.file);
        try (PcapReader in = PcapReader.open(file)) {
            return decode(in, o, out, err);
        } catch (NoSuchFileException e) {
            err.println(o.file + ": no such file");
            return 1;
        } catch (AccessDeniedException e) {
            err.println(o.file + ": permission denied");
            return 1;
        } catch (IOException e) {
            err.println(o.file + ": cannot be read: " + e.getMessage());
            return 1;
        } catch (PcapFormatException | PcapUnavailableException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static int decode(PcapReader in, Options o, PrintStream out, PrintStream err) {
        StringBuilder sb = new StringBuilder(FLUSH_AT + 4096);
        PacketJson json = o.json ? new PacketJson() : null;
        JsonWriter jw = o.json ? new JsonWriter(sb) : null;
        String linkName = in.linkType().name();
        boolean nanos = in.precision() == TimestampPrecision.NANO;
        int done = 0;
        try {
            for (PcapRecord r; (o.count < 0 || done < o.count) && (r = in.next()) != null; done++) {
                LinkFrame frame = r.link();
                IpPacket packet = null;
                List<Diagnostic> diagnostics = List.of();
                if (frame.isIp()) {
                    byte[] buf = frame.payload().toByteArray();
                    Diagnostics diag = Diagnostics.lenient();
                    packet = PacketCodec.decode(buf, 0, buf.length, diag);
                    diagnostics = withoutSnaplenCut(diag.list(), r);
                }
                if (json != null) {
                    json.write(jw.reset(), new PacketJson.Frame(r.number(), r.timestampNanos(), r.capturedLength(),
                            r.originalLength()), linkName, linkDescription(frame), packet, diagnostics);
                    sb.append('\n');
                } else {
                    line(sb, r, frame, packet, diagnostics, nanos);
                    if (o.show && packet != null) Show.append(sb, packet, diagnostics);
                    if (o.pkt && packet != null) sb.append(PktSyntax.packet(packet, PktContext.ABSOLUTE)).append('\n');
                    if (o.hex) {
                        byte[] f = r.frame().toByteArray();
                        Hexdump.append(sb, f, 0, f.length);
                    }
                    if (o.show || o.hex || o.pkt) sb.append('\n');
                }
                if (sb.length() >= FLUSH_AT) flush(sb, out);
            }
        } catch (PcapFormatException e) {
            flush(sb, out);
            out.flush();
            err.println(e.getMessage());
            return 1;
        }
        flush(sb, out);
        out.flush();
        return 0;
    }

    /** {@code FRAME TIME SUMMARY}, or what the frame is when it carries no IP packet. */
    private static void line(StringBuilder sb, PcapRecord r, LinkFrame frame, IpPacket packet,
                             List<Diagnostic> diagnostics, boolean nanos) {
        sb.append(r.number()).append(' ');
        time(sb, r.timestampNanos(), nanos);
        sb.append(' ');
        if (packet != null) {
            Summary.append(sb, packet, diagnostics);
        } else {
            switch (frame.header()) {
                case LinkHeader.Undecoded u -> sb.append(u.note());
                default -> {
                    sb.append(frame.header()).append(", not IP");
                    if (frame.etherType() >= 0) Text.hex(sb.append(" (type 0x"), frame.etherType(), 4).append(')');
                }
            }
            sb.append(", ").append(r.capturedLength()).append(" bytes");
        }
        sb.append('\n');
    }

    /** Time of day in UTC, {@code HH:MM:SS.ffffff} (9 digits for a nanosecond capture). */
    static void time(StringBuilder sb, long nanos, boolean nanoPrecision) {
        long secs = Math.floorDiv(nanos, 1_000_000_000L);
        long frac = Math.floorMod(nanos, 1_000_000_000L);
        long day = Math.floorMod(secs, 86_400L);
        Text.pad2(sb, day / 3600).append(':');
        Text.pad2(sb, day / 60 % 60).append(':');
        Text.pad2(sb, day % 60).append('.');
        if (nanoPrecision) Text.pad9(sb, frac);
        else Text.pad6(sb, frac / 1000);
    }

    /**
     * Drops the decoder's "truncated" report on the IP length when the capture itself cut the
     * frame (snaplen): the packet is not malformed, the file says so, and tcpdump stays silent.
     */
    static List<Diagnostic> withoutSnaplenCut(List<Diagnostic> diagnostics, PcapRecord r) {
        if (diagnostics.isEmpty() || !r.isTruncated()) return diagnostics;
        List<Diagnostic> kept = new ArrayList<>(diagnostics.size());
        for (Diagnostic d : diagnostics) {
            boolean cut = (d.field().equals("ip4.totalLength") || d.field().equals("ip6.payloadLength"))
                    && d.message().startsWith("truncated");
            if (!cut) kept.add(d);
        }
        return kept;
    }

    private static String linkDescription(LinkFrame frame) {
        return switch (frame.header()) {
            case LinkHeader.RawIp r -> null;
            default -> frame.header().toString();
        };
    }

    private static void flush(StringBuilder sb, OutputStream out) {
        if (sb.isEmpty()) return;
        try {
            // ASCII in practice (summaries, JSON escapes control characters); UTF-8 for the rest.
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        sb.setLength(0);
    }

    /** The parsed command line. */
    private record Options(String file, boolean json, boolean show, boolean hex, boolean pkt, int count) {
        static Options parse(String[] args, PrintStream err) {
            String file = null;
            boolean json = false, show = false, hex = false, pkt = false;
            int count = -1;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--json" -> json = true;
                    case "--show" -> show = true;
                    case "--hex" -> hex = true;
                    case "--pkt" -> pkt = true;
                    case "-c", "--count" -> {
                        if (i + 1 >= args.length) return usage(err, a + " needs a number");
                        try {
                            count = Integer.parseInt(args[++i]);
                        } catch (NumberFormatException e) {
                            return usage(err, a + ": '" + args[i] + "' is not a number");
                        }
                        if (count < 0) return usage(err, a + ": " + count + " (expected: 0 or more)");
                    }
                    case "-h", "--help" -> {
                        return usage(err, null);
                    }
                    default -> {
                        if (a.startsWith("-") && a.length() > 1) return usage(err, "unknown option " + a);
                        if (file != null) return usage(err, "one file at a time (got " + file + " and " + a + ")");
                        file = a;
                    }
                }
            }
            if (file == null) return usage(err, "no capture file given");
            if (json && (show || hex || pkt)) return usage(err, "--json cannot be combined with --show, --hex or --pkt");
            return new Options(file, json, show, hex, pkt, count);
        }

        private static Options usage(PrintStream err, String problem) {
            if (problem != null) err.println("mptcpkit decode: " + problem);
            err.println(USAGE);
            return null;
        }
    }
}
