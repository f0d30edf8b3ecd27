package org.mptcpkit.io.pcap;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeoutException;
import org.mptcpkit.packet.Bytes;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

/**
 * Reads a pcap or pcapng file record by record, through pcap4j ({@code Pcaps.openOffline}) and so
 * libpcap: every format and quirk libpcap reads, this reads. Records stream: memory stays flat
 * whatever the file size.
 *
 * <pre>{@code
 * try (PcapReader in = PcapReader.open(Path.of("01-mpc-v4.pcap"))) {
 *     for (PcapRecord r : in) {
 *         LinkFrame f = r.link();              // Ethernet header + IPv4 packet
 *         if (f.isIp()) decode(f.payload());
 *     }
 * }
 * }</pre>
 *
 * <p>Frames come as raw bytes ({@code getNextRawPacketEx}): pcap4j's packet factory would decode
 * every packet into its own model only for us to throw it away (it costs 4 times as much, see
 * BENCHMARKS.md). Timestamps are read at nanosecond precision whatever the file's precision, so a
 * record holds the file's exact value either way.
 *
 * <p>Damage: when libpcap stops at a damaged record, every record before it has been returned,
 * and the next call throws a {@link PcapFormatException} whose one-line message names the file,
 * the record and what is wrong. libpcap reports a record whose captured length exceeds the file's
 * snapshot length (but not libpcap's maximum) cut to the snapshot length, and reads on.
 *
 * <p>Not thread-safe: one thread reads a reader (pcap4j keeps the last record's timestamp per
 * thread).
 */
public final class PcapReader implements AutoCloseable, Iterable<PcapRecord> {
    private static final long NANOS = 1_000_000_000L;

    /** The container format. */
    public enum FileFormat {
        PCAP,
        PCAPNG
    }

    private final Path file;
    private final PcapHandle handle;
    private final LinkType linkType;
    private final int snapshotLength;
    private final FileFormat format;
    private final TimestampPrecision precision;
    private int count;
    private boolean done;
    private PcapFormatException damage;
    private boolean iterated;

    private PcapReader(Path file, PcapHandle handle, LinkType linkType, int snapshotLength, FileFormat format,
            TimestampPrecision precision) {
        this.file = file;
        this.handle = handle;
        this.linkType = linkType;
        this.snapshotLength = snapshotLength;
        this.format = format;
        this.precision = precision;
    }

    /**
     * Opens {@code file}.
     *
     * @throws IOException                if the file cannot be opened (missing, unreadable)
     * @throws PcapFormatException        if it is not a capture file libpcap can read
     * @throws PcapUnavailableException   if libpcap is not installed
     */
    public static PcapReader open(Path file) throws IOException {
        // Read the head in Java first: it gives the standard IOException for a missing or
        // unreadable file, and the precision that libpcap's API does not tell.
        byte[] head = PcapScan.head(file);
        Libpcap.ensureLoaded();
        PcapHandle handle;
        try {
            handle = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.NANO);
        } catch (PcapNativeException e) {
            String problem = PcapScan.describeHeader(head);
            throw new PcapFormatException(file, 0, problem != null ? problem : libpcapMessage(e, file));
        }
        PcapScan.Head h = PcapScan.parse(head);
        try {
            return new PcapReader(file, handle, LinkType.ofDlt(handle.getDlt().value()), handle.getSnapshot(),
                    h == null ? FileFormat.PCAP : h.format(), h == null ? TimestampPrecision.MICRO : h.precision());
        } catch (NotOpenException | RuntimeException e) {
            handle.close();
            throw new IllegalStateException(file + ": " + e, e);
        }
    }

    /** Reads all of {@code file} into a list (for small files and tests; use the iterator otherwise). */
    public static List<PcapRecord> readAll(Path file) throws IOException {
        try (PcapReader in = open(file)) {
            List<PcapRecord> all = new ArrayList<>();
            for (PcapRecord r; (r = in.next()) != null; ) all.add(r);
            return all;
        }
    }

    public Path file() {
        return file;
    }

    /** The capture's link type (for pcapng, the first interface's: libpcap needs all to agree). */
    public LinkType linkType() {
        return linkType;
    }

    /** The snapshot length in the file header (libpcap reports 0 as its maximum, 262144). */
    public int snapshotLength() {
        return snapshotLength;
    }

    public FileFormat format() {
        return format;
    }

    /** The precision of the file's timestamps, which a writer needs to copy them exactly. */
    public TimestampPrecision precision() {
        return precision;
    }

    /** How many records were returned so far (the number of the last one). */
    public int count() {
        return count;
    }

    /**
     * The next record, or null at the end of the file.
     *
     * @throws PcapFormatException at a damaged record (again on every later call)
     */
    public PcapRecord next() {
        if (damage != null) throw damage;
        if (done) return null;
        if (!handle.isOpen()) throw new IllegalStateException(file + ": reader is closed");
        try {
            byte[] frame = handle.getNextRawPacketEx();
            Timestamp ts = handle.getTimestamp();
            int originalLength = handle.getOriginalLength();
            int number = count + 1;
            if (originalLength < 0) {
                throw damaged(number, "original length " + Integer.toUnsignedString(originalLength)
                        + " is more than 2147483647 bytes (corrupt record header)");
            }
            // pcap4j builds the Timestamp from tv_sec * 1000 + tv_nsec / 1000000 ms, then sets the
            // nanos of the second; floorDiv recovers tv_sec exactly.
            long nanos = Math.floorDiv(ts.getTime(), 1000) * NANOS + ts.getNanos();
            count = number;
            return new PcapRecord(number, nanos, originalLength, linkType, Bytes.wrap(frame));
        } catch (EOFException e) {
            done = true;
            return null;
        } catch (PcapNativeException e) {
            int number = count + 1;
            String problem = PcapScan.describeRecord(file, number);
            throw damaged(number, problem != null ? problem : libpcapMessage(e, file));
        } catch (TimeoutException | NotOpenException e) {
            // Neither happens reading a file; a handle closed by another thread is the only way.
            throw new IllegalStateException(file + ": " + e, e);
        }
    }

    private PcapFormatException damaged(int number, String problem) {
        damage = new PcapFormatException(file, number, problem);
        return damage;
    }

    /**
     * The records from here on, once: a reader is a stream, not a collection.
     *
     * @throws IllegalStateException on a second call
     */
    @Override
    public Iterator<PcapRecord> iterator() {
        if (iterated) throw new IllegalStateException(file + ": a PcapReader can be iterated once");
        iterated = true;
        return new Iterator<>() {
            private PcapRecord ahead;

            @Override
            public boolean hasNext() {
                if (ahead == null) ahead = PcapReader.this.next();
                return ahead != null;
            }

            @Override
            public PcapRecord next() {
                if (!hasNext()) throw new NoSuchElementException(file + ": no more records");
                PcapRecord r = ahead;
                ahead = null;
                return r;
            }
        };
    }

    @Override
    public void close() {
        handle.close();
    }

    /** libpcap's own words, without pcap4j's prefix ("Error occurred in pcap_next_ex(): "). */
    private static String libpcapMessage(PcapNativeException e, Path file) {
        String m = e.getMessage() == null ? "libpcap error" : e.getMessage();
        int colon = m.indexOf("(): ");
        if (colon >= 0) m = m.substring(colon + 4);
        // pcap_open_offline prefixes errno messages with the path it was given.
        String prefix = file + ": ";
        if (m.startsWith(prefix)) m = m.substring(prefix.length());
        return m.strip();
    }
}
