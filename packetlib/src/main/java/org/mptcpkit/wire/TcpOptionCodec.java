package org.mptcpkit.wire;

import java.util.Arrays;
import java.util.List;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Eol;
import org.mptcpkit.packet.FastOpen;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.Md5Signature;
import org.mptcpkit.packet.MptcpOption;
import org.mptcpkit.packet.Mss;
import org.mptcpkit.packet.Nop;
import org.mptcpkit.packet.RawOptionBytes;
import org.mptcpkit.packet.Sack;
import org.mptcpkit.packet.SackPermitted;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.packet.UnknownOption;
import org.mptcpkit.packet.WindowScale;

/**
 * The TCP option area (RFC 9293 §3.1, §3.2) to and from {@link TcpOption} lists. Kind 30 goes to
 * {@link MptcpCodec}.
 *
 * <p>Decoding keeps every byte: a known kind with a length that does not fit its layout becomes
 * an {@link UnknownOption}; a length byte of 0 or 1, a missing length byte, or an option running
 * past the area ends the list with a {@link RawOptionBytes} holding the rest; zero bytes after an
 * EOL decode as further EOLs, anything else after it as {@link RawOptionBytes}. Each such case is
 * reported.
 *
 * <p>Encoding writes each option's length byte as set, or the right one when {@link Field#AUTO},
 * and writes no padding: padding belongs to the derived data offset ({@link TcpCodec}).
 */
public final class TcpOptionCodec {
    private static final String REF = "RFC 9293 §3.1";
    private static final SackPermitted SACK_PERMITTED_WIRE = new SackPermitted(SackPermitted.LENGTH);

    private TcpOptionCodec() {
    }

    /**
     * Decodes the option area {@code buf[off, off + len)}. The values may share {@code buf}, which
     * must not change afterwards. Diagnostic offsets are indexes into {@code buf}.
     */
    public static List<TcpOption> decode(byte[] buf, int off, int len, Diagnostics diag) {
        if (len == 0) return List.of();
        TcpOption[] out = new TcpOption[Math.min(len, 12)];
        int n = 0;
        int pos = off;
        int end = off + len;
        while (pos < end) {
            if (n == out.length) out = Arrays.copyOf(out, Math.min(len, n * 2));
            int kind = buf[pos] & 0xff;
            if (kind == Eol.KIND) {
                out[n++] = Eol.INSTANCE;
                pos++;
                if (pos < end && !allZero(buf, pos, end)) {
                    // Lenient: RFC 9293 §3.1 says the padding "is composed of zeros"; keep what is there.
                    diag.report(pos, "tcp.options", "non-zero bytes after End of Option List", REF);
                    out[n++] = new RawOptionBytes(Bytes.wrap(buf, pos, end - pos));
                    break;
                }
                continue; // zero padding: one Eol per byte, so the area re-encodes as it came
            }
            if (kind == Nop.KIND) {
                out[n++] = Nop.INSTANCE;
                pos++;
                continue;
            }
            if (pos + 1 >= end) {
                diag.report(pos, "tcp.options", "option kind " + kind + " has no length byte", REF);
                out[n++] = new RawOptionBytes(Bytes.wrap(buf, pos, end - pos));
                break;
            }
            int olen = buf[pos + 1] & 0xff;
            if (olen < 2) {
                // Lenient: a receiver cannot skip such an option (Linux stops parsing); neither can we.
                diag.report(pos + 1, "tcp.options", "option kind " + kind + ": length " + olen
                        + " (expected: 2..40)", REF);
                out[n++] = new RawOptionBytes(Bytes.wrap(buf, pos, end - pos));
                break;
            }
            if (olen > end - pos) {
                diag.report(pos + 1, "tcp.options", "option kind " + kind + ": length " + olen
                        + " runs past the option area (" + (end - pos) + " bytes left)", REF);
                out[n++] = new RawOptionBytes(Bytes.wrap(buf, pos, end - pos));
                break;
            }
            out[n++] = decodeOne(kind, buf, pos, olen, diag);
            pos += olen;
        }
        return n == out.length ? List.of(out) : List.of(Arrays.copyOf(out, n));
    }

    private static boolean allZero(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] != 0) return false;
        }
        return true;
    }

    /** One option of kind {@code kind} whose length byte {@code olen} fits the area. */
    private static TcpOption decodeOne(int kind, byte[] buf, int pos, int olen, Diagnostics diag) {
        switch (kind) {
            case Mss.KIND:
                if (olen == Mss.LENGTH) return new Mss(olen, Wire.u16(buf, pos + 2));
                return misfit(kind, "mss", "4", "RFC 9293 §3.2", buf, pos, olen, diag);
            case WindowScale.KIND:
                if (olen == WindowScale.LENGTH) return new WindowScale(olen, Wire.u8(buf, pos + 2));
                return misfit(kind, "windowScale", "3", "RFC 7323 §2.2", buf, pos, olen, diag);
            case SackPermitted.KIND:
                if (olen == SackPermitted.LENGTH) return SACK_PERMITTED_WIRE;
                return misfit(kind, "sackPermitted", "2", "RFC 2018 §2", buf, pos, olen, diag);
            case Sack.KIND:
                if ((olen - 2) % 8 == 0) {
                    int count = (olen - 2) / 8;
                    Sack.Block[] blocks = new Sack.Block[count];
                    for (int i = 0; i < count; i++) {
                        int p = pos + 2 + 8 * i;
                        blocks[i] = new Sack.Block(Wire.u32(buf, p), Wire.u32(buf, p + 4));
                    }
                    return new Sack(olen, List.of(blocks));
                }
                return misfit(kind, "sack", "2 + 8n", "RFC 2018 §3", buf, pos, olen, diag);
            case Timestamps.KIND:
                if (olen == Timestamps.LENGTH) {
                    return new Timestamps(olen, Wire.u32(buf, pos + 2), Wire.u32(buf, pos + 6));
                }
                return misfit(kind, "timestamps", "10", "RFC 7323 §3.2", buf, pos, olen, diag);
            case Md5Signature.KIND:
                if (olen == Md5Signature.LENGTH) return new Md5Signature(olen, Bytes.wrap(buf, pos + 2, 16));
                return misfit(kind, "md5Signature", "18", "RFC 2385 §3.0", buf, pos, olen, diag);
            case MptcpOption.KIND:
                return MptcpCodec.decode(buf, pos, olen, diag);
            case FastOpen.KIND:
                return new FastOpen(kind, olen, Bytes.wrap(buf, pos + 2, olen - 2));
            case FastOpen.EXPERIMENTAL_KIND:
                // Kind 254 is shared by all RFC 6994 experiments: only the TFO magic makes it TFO.
                if (olen >= 4 && Wire.u16(buf, pos + 2) == FastOpen.MAGIC) {
                    return new FastOpen(kind, olen, Bytes.wrap(buf, pos + 4, olen - 4));
                }
                return new UnknownOption(kind, olen, Bytes.wrap(buf, pos + 2, olen - 2));
            default:
                return new UnknownOption(kind, olen, Bytes.wrap(buf, pos + 2, olen - 2));
        }
    }

    private static UnknownOption misfit(int kind, String name, String expected, String ref,
                                        byte[] buf, int pos, int olen, Diagnostics diag) {
        diag.report(pos + 1, "tcp.options." + name + ".length", "length " + olen + " (expected: " + expected
                + "); kept as an unknown option", ref);
        return new UnknownOption(kind, olen, Bytes.wrap(buf, pos + 2, olen - 2));
    }

    /** The bytes {@link #encode(List, byte[], int, Bytes)} writes for {@code options} (no padding). */
    public static int encodedLength(List<TcpOption> options) {
        int n = 0;
        for (int i = 0, size = options.size(); i < size; i++) n += encodedLength(options.get(i));
        return n;
    }

    /** The bytes one option takes on the wire (its content, whatever its length byte says). */
    public static int encodedLength(TcpOption option) {
        return switch (option) {
            case Eol e -> 1;
            case Nop n -> 1;
            case Mss m -> Mss.LENGTH;
            case WindowScale w -> WindowScale.LENGTH;
            case SackPermitted s -> SackPermitted.LENGTH;
            case Sack s -> 2 + 8 * s.blocks().size();
            case Timestamps t -> Timestamps.LENGTH;
            case Md5Signature m -> Md5Signature.LENGTH;
            case FastOpen f -> FastOpen.headerLength(f.kind()) + f.cookie().length();
            case UnknownOption u -> 2 + u.data().length();
            case RawOptionBytes r -> r.bytes().length();
            case MptcpOption m -> MptcpCodec.encodedLength(m);
        };
    }

    /**
     * Writes {@code options} at {@code out[off]} and returns the bytes written. {@code segmentPayload}
     * is the TCP payload, over which an unset MPTCP DSS checksum is computed.
     */
    public static int encode(List<TcpOption> options, byte[] out, int off, Bytes segmentPayload) {
        int p = off;
        for (int i = 0, size = options.size(); i < size; i++) p += encode(options.get(i), out, p, segmentPayload);
        return p - off;
    }

    /** Writes one option at {@code out[off]} and returns the bytes written. */
    public static int encode(TcpOption option, byte[] out, int off, Bytes segmentPayload) {
        switch (option) {
            case Eol e -> {
                out[off] = 0;
                return 1;
            }
            case Nop n -> {
                out[off] = 1;
                return 1;
            }
            case Mss m -> {
                header(out, off, Mss.KIND, m.length(), Mss.LENGTH);
                Wire.put16(out, off + 2, m.mss());
                return Mss.LENGTH;
            }
            case WindowScale w -> {
                header(out, off, WindowScale.KIND, w.length(), WindowScale.LENGTH);
                out[off + 2] = (byte) w.shift();
                return WindowScale.LENGTH;
            }
            case SackPermitted s -> {
                header(out, off, SackPermitted.KIND, s.length(), SackPermitted.LENGTH);
                return SackPermitted.LENGTH;
            }
            case Sack s -> {
                List<Sack.Block> blocks = s.blocks();
                int len = 2 + 8 * blocks.size();
                header(out, off, Sack.KIND, s.length(), len);
                for (int i = 0; i < blocks.size(); i++) {
                    Sack.Block b = blocks.get(i);
                    Wire.put32(out, off + 2 + 8 * i, b.left());
                    Wire.put32(out, off + 6 + 8 * i, b.right());
                }
                return len;
            }
            case Timestamps t -> {
                header(out, off, Timestamps.KIND, t.length(), Timestamps.LENGTH);
                Wire.put32(out, off + 2, t.tsVal());
                Wire.put32(out, off + 6, t.tsEcr());
                return Timestamps.LENGTH;
            }
            case Md5Signature m -> {
                header(out, off, Md5Signature.KIND, m.length(), Md5Signature.LENGTH);
                m.digest().copyTo(out, off + 2);
                return Md5Signature.LENGTH;
            }
            case FastOpen f -> {
                int hl = FastOpen.headerLength(f.kind());
                int len = hl + f.cookie().length();
                header(out, off, f.kind(), f.length(), len);
                if (f.experimental()) Wire.put16(out, off + 2, FastOpen.MAGIC);
                f.cookie().copyTo(out, off + hl);
                return len;
            }
            case UnknownOption u -> {
                int len = 2 + u.data().length();
                header(out, off, u.kind(), u.length(), len);
                u.data().copyTo(out, off + 2);
                return len;
            }
            case RawOptionBytes r -> {
                return r.bytes().copyTo(out, off);
            }
            case MptcpOption m -> {
                return MptcpCodec.encode(m, out, off, segmentPayload);
            }
        }
    }

    private static void header(byte[] out, int off, int kind, int length, int derived) {
        out[off] = (byte) kind;
        out[off + 1] = (byte) (length == Field.AUTO ? derived : length);
    }
}
