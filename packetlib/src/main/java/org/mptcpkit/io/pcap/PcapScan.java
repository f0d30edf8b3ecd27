package org.mptcpkit.io.pcap;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads capture file headers in Java, for what libpcap's API does not say (the file's timestamp
 * precision) and for naming damage precisely. libpcap stops at a damaged record with a message in
 * its own words and no record number; when that happens the reader walks the record headers up to
 * that record here and says what is wrong in one line. Only the error path walks the file.
 *
 * <p>The checks mirror libpcap 1.10's (sf-pcap.c, sf-pcapng.c): a captured length above
 * {@code max_snaplen_for_dlt} is refused, a pcapng block must be a multiple of 4 bytes, at least
 * 12 and at most 16 MiB. What this scan does not recognise is left to libpcap's own message.
 */
final class PcapScan {
    static final int PCAP_MAGIC_MICRO = 0xa1b2c3d4;
    static final int PCAP_MAGIC_NANO = 0xa1b23c4d;
    /** Alexey Kuznetzov's patched libpcap: 8 more bytes per record header (ifindex, protocol, type). */
    static final int PCAP_MAGIC_KUZNETZOV = 0xa1b2cd34;
    static final int PCAPNG_SHB = 0x0a0d0d0a;
    static final int PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
    static final int FILE_HEADER = 24;
    /** libpcap's MAXIMUM_SNAPLEN, the limit for most link types. */
    static final long MAX_SNAPLEN = 262144;
    /** libpcap's INITIAL_MAX_BLOCKSIZE for pcapng. */
    static final long MAX_BLOCK = 16 * 1024 * 1024;
    /** How much of the file {@link #head} reads: enough for the pcapng SHB and first IDB. */
    static final int HEAD = 4096;

    /** What the first bytes of a file say. */
    record Head(PcapReader.FileFormat format, TimestampPrecision precision) {
    }

    private PcapScan() {
    }

    /** Up to {@link #HEAD} first bytes of {@code file} (IOException if it cannot be opened). */
    static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD);
        }
    }

    /** The format and precision of a file whose first bytes are {@code head}, or null if unknown. */
    static Head parse(byte[] head) {
        if (head.length < 4) return null;
        int magic = u32(head, 0, true);
        int swapped = Integer.reverseBytes(magic);
        if (magic == PCAP_MAGIC_NANO || swapped == PCAP_MAGIC_NANO) {
            return new Head(PcapReader.FileFormat.PCAP, TimestampPrecision.NANO);
        }
        if (magic == PCAP_MAGIC_MICRO || swapped == PCAP_MAGIC_MICRO || magic == PCAP_MAGIC_KUZNETZOV
                || swapped == PCAP_MAGIC_KUZNETZOV) {
            return new Head(PcapReader.FileFormat.PCAP, TimestampPrecision.MICRO);
        }
        if (magic == PCAPNG_SHB) return new Head(PcapReader.FileFormat.PCAPNG, pcapngPrecision(head));
        return null;
    }

    /**
     * The first interface's {@code if_tsresol} (RFC-draft pcapng section 4.2, option 9): the
     * default is microseconds; finer decimal resolutions need nanoseconds.
     */
    private static TimestampPrecision pcapngPrecision(byte[] b) {
        if (b.length < 12) return TimestampPrecision.MICRO;
        boolean big = u32(b, 8, true) == PCAPNG_BYTE_ORDER_MAGIC;
        int at = 0;
        while (at + 12 <= b.length) {
            int type = u32(b, at, big);
            long len = u32(b, at + 4, big) & 0xffffffffL;
            if (len < 12 || len % 4 != 0) break;
            if (type == 1) {
                // IDB: link type (2), reserved (2), snaplen (4), then options.
                int opt = at + 16;
                long end = Math.min(b.length, at + len - 4);
                while (opt + 4 <= end) {
                    int code = u16(b, opt, big);
                    int olen = u16(b, opt + 2, big);
                    if (code == 0) break;
                    if (code == 9 && olen >= 1 && opt + 4 < end) {
                        int resol = b[opt + 4] & 0xff;
                        // High bit set: a power of two; else a power of ten.
                        boolean finer = (resol & 0x80) != 0 ? (resol & 0x7f) > 20 : resol > 6;
                        return finer ? TimestampPrecision.NANO : TimestampPrecision.MICRO;
                    }
                    opt += 4 + ((olen + 3) & ~3);
                }
                return TimestampPrecision.MICRO;
            }
            at += (int) len;
        }
        return TimestampPrecision.MICRO;
    }

    /**
     * What is wrong with the file header, when libpcap refused to open the file, or null to let
     * libpcap's message stand.
     */
    static String describeHeader(byte[] head) {
        if (head.length == 0) return "empty file (no pcap or pcapng header)";
        if (head.length < 4) return "truncated file header (" + head.length + " of " + FILE_HEADER + " bytes present)";
        Head h = parse(head);
        if (h == null) {
            return "not a pcap or pcapng file (it starts with " + hexBytes(head, Math.min(4, head.length)) + ")";
        }
        if (h.format() == PcapReader.FileFormat.PCAP && head.length < FILE_HEADER) {
            return "truncated file header (" + head.length + " of " + FILE_HEADER + " bytes present)";
        }
        return null;
    }

    /**
     * What is wrong at record {@code number} (1-based) of {@code file}, or null when this scan
     * finds nothing wrong there (then libpcap's message stands).
     */
    static String describeRecord(Path file, int number) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] first = new byte[FILE_HEADER];
            int n = in.readNBytes(first, 0, FILE_HEADER);
            if (n < 4) return null;
            int magic = u32(first, 0, true);
            if (magic == PCAPNG_SHB) return pcapngRecord(in, first, n, number);
            return n == FILE_HEADER ? pcapRecord(in, first, number) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String pcapRecord(InputStream in, byte[] fh, int number) throws IOException {
        int magic = u32(fh, 0, true);
        boolean big;
        if (magic == PCAP_MAGIC_MICRO || magic == PCAP_MAGIC_NANO || magic == PCAP_MAGIC_KUZNETZOV) {
            big = true;
        } else {
            int swapped = Integer.reverseBytes(magic);
            if (swapped != PCAP_MAGIC_MICRO && swapped != PCAP_MAGIC_NANO && swapped != PCAP_MAGIC_KUZNETZOV) return null;
            big = false;
        }
        int headerSize = (magic == PCAP_MAGIC_KUZNETZOV || Integer.reverseBytes(magic) == PCAP_MAGIC_KUZNETZOV) ? 24 : 16;
        int linkType = u32(fh, 20, big) & 0xffff;
        long maxCaplen = maxSnaplen(linkType);
        byte[] rh = new byte[headerSize];
        for (int record = 1; ; record++) {
            int got = in.readNBytes(rh, 0, headerSize);
            if (got == 0) return null;
            if (got < headerSize) {
                return record == number
                        ? "truncated record header (" + got + " of " + headerSize + " bytes present)"
                        : null;
            }
            long caplen = u32(rh, 8, big) & 0xffffffffL;
            if (caplen > maxCaplen) {
                return record == number
                        ? "captured length " + caplen + " is more than libpcap's maximum of " + maxCaplen
                          + " bytes (corrupt record header)"
                        : null;
            }
            long skipped = skipUpTo(in, caplen);
            if (skipped < caplen) {
                return record == number
                        ? "truncated (header says " + caplen + " bytes, " + skipped + " present)"
                        : null;
            }
            if (record == number) return null;
        }
    }

    private static String pcapngRecord(InputStream in, byte[] first, int n, int number) throws IOException {
        // Walk blocks from the start: the first bytes were consumed to recognise the format.
        InputStream blocks = new SequenceInputStream(new ByteArrayInputStream(first, 0, n), in);
        boolean big = true;
        int delivered = 0;
        byte[] bh = new byte[12];
        while (true) {
            // Damage before the last record libpcap delivered cannot be what stopped it.
            boolean past = delivered >= number - 1;
            int got = blocks.readNBytes(bh, 0, 8);
            if (got == 0) return null;
            if (got < 8) return past ? "truncated block header (" + got + " of 8 bytes present)" : null;
            int type = u32(bh, 0, true);
            int bodyRead = 0;
            if (type == PCAPNG_SHB) {
                // The section header's byte-order magic decides how to read its own length.
                int m = blocks.readNBytes(bh, 8, 4);
                if (m < 4) return past ? "truncated section header block (" + (8 + m) + " of 12 bytes present)" : null;
                big = u32(bh, 8, true) == PCAPNG_BYTE_ORDER_MAGIC;
                bodyRead = 4;
            } else {
                type = u32(bh, 0, big);
            }
            long len = u32(bh, 4, big) & 0xffffffffL;
            String name = blockName(type);
            String problem = null;
            if (len % 4 != 0) {
                problem = name + " length " + len + " is not a multiple of 4";
            } else if (len < 12) {
                problem = name + " length " + len + " is less than the minimum of 12";
            } else if (len > MAX_BLOCK) {
                problem = name + " length " + len + " is more than libpcap's maximum of " + MAX_BLOCK
                        + " bytes (corrupt block header)";
            }
            if (problem != null) return past ? problem : null;
            long body = len - 8 - bodyRead;
            boolean packet = type == 6 || type == 3 || type == 2;
            if (packet && type != 3 && past) {
                // EPB and PB: interface (4, or 2 + 2), timestamp (8), then the captured length.
                byte[] ph = new byte[16];
                int p = blocks.readNBytes(ph, 0, 16);
                if (p < 16) return "truncated (block header says " + len + " bytes, " + (8 + p) + " present)";
                long caplen = u32(ph, 12, big) & 0xffffffffL;
                if (caplen > MAX_SNAPLEN) {
                    return "captured length " + caplen + " is more than libpcap's maximum of " + MAX_SNAPLEN
                            + " bytes (corrupt block)";
                }
                if (caplen > len - 32) {
                    return "captured length " + caplen + " does not fit in its " + name + " of " + len + " bytes";
                }
                body -= 16;
                bodyRead += 16;
            }
            long skipped = skipUpTo(blocks, body);
            if (skipped < body) {
                return past ? "truncated (block header says " + len + " bytes, " + (8 + bodyRead + skipped) + " present)" : null;
            }
            if (packet && ++delivered >= number) return null;
        }
    }

    /** Skips up to {@code n} bytes; returns how many were there. */
    private static long skipUpTo(InputStream in, long n) throws IOException {
        long done = 0;
        while (done < n) {
            long s = in.skip(n - done);
            if (s > 0) {
                done += s;
            } else if (in.read() >= 0) {
                done++;
            } else {
                break;
            }
        }
        return done;
    }

    private static String blockName(int type) {
        return switch (type) {
            case PCAPNG_SHB -> "section header block";
            case 1 -> "interface description block";
            case 2 -> "packet block";
            case 3 -> "simple packet block";
            case 4 -> "name resolution block";
            case 5 -> "interface statistics block";
            case 6 -> "enhanced packet block";
            default -> "block of type 0x" + Integer.toHexString(type);
        };
    }

    /** libpcap's {@code max_snaplen_for_dlt}: larger for D-Bus, EBHSCR and USBPcap. */
    private static long maxSnaplen(int linkType) {
        return switch (linkType) {
            case 231 -> 128L * 1024 * 1024;
            case 279 -> 8L * 1024 * 1024;
            case 249 -> 1024L * 1024;
            default -> MAX_SNAPLEN;
        };
    }

    private static int u32(byte[] b, int at, boolean big) {
        int v = ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
        return big ? v : Integer.reverseBytes(v);
    }

    private static int u16(byte[] b, int at, boolean big) {
        int v = ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
        return big ? v : Integer.reverseBytes(v) >>> 16;
    }

    private static String hexBytes(byte[] b, int n) {
        StringBuilder s = new StringBuilder(3 * n);
        for (int i = 0; i < n; i++) {
            if (i > 0) s.append(' ');
            s.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return s.toString();
    }
}
