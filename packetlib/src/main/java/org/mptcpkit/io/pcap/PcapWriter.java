package org.mptcpkit.io.pcap;

import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Field;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapDumper;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * Writes a pcap file through pcap4j: {@code Pcaps.openDead} for the link type, snapshot length
 * and precision, {@code PcapHandle.dumpOpen} for the file, so libpcap writes the file header and
 * every record. pcap files only: libpcap 1.10 cannot write pcapng.
 *
 * <pre>{@code
 * try (PcapWriter out = PcapWriter.open(Path.of("syn.pcap"), LinkType.RAW)) {
 *     out.writePacket(System.currentTimeMillis() * 1_000_000, ipv4SynBytes);
 * }
 * }</pre>
 *
 * <p>Each record goes to {@code pcap_dump} with its own captured and original lengths (pcap4j's
 * {@code dumpRaw} can only write a whole frame), so a record read from a capture cut by its
 * snapshot length writes back identical. A frame longer than the snapshot length is refused:
 * libpcap would cut it when reading the file back.
 *
 * <p>Not thread-safe.
 */
public final class PcapWriter implements AutoCloseable {
    /** libpcap's maximum, what tcpdump uses by default. */
    public static final int DEFAULT_SNAPSHOT_LENGTH = 262144;
    /** The addresses {@link #writePacket} puts in Ethernet headers unless told otherwise (locally administered). */
    public static final Bytes DEFAULT_SOURCE_MAC = Bytes.fromHex("020000000001");
    public static final Bytes DEFAULT_DESTINATION_MAC = Bytes.fromHex("020000000002");
    private static final long NANOS = 1_000_000_000L;

    private final Path file;
    private final LinkType linkType;
    private final int snapshotLength;
    private final TimestampPrecision precision;
    private final PcapHandle handle;
    private final PcapDumper dumper;
    private final Pointer dumperPointer;
    private final ByteBuffer header = Libpcap.Dump.newHeader();
    private final Bytes sourceMac;
    private final Bytes destinationMac;
    private int count;

    private PcapWriter(Path file, LinkType linkType, int snapshotLength, TimestampPrecision precision,
            PcapHandle handle, PcapDumper dumper, Bytes sourceMac, Bytes destinationMac) {
        this.file = file;
        this.linkType = linkType;
        this.snapshotLength = snapshotLength;
        this.precision = precision;
        this.handle = handle;
        this.dumper = dumper;
        this.dumperPointer = Libpcap.Dump.dumperOf(dumper);
        this.sourceMac = sourceMac;
        this.destinationMac = destinationMac;
    }

    /** A writer with snapshot length 262144 and microsecond timestamps, replacing {@code file}. */
    public static PcapWriter open(Path file, LinkType linkType) throws IOException {
        return open(file, linkType, DEFAULT_SNAPSHOT_LENGTH, TimestampPrecision.MICRO);
    }

    /**
     * A writer replacing {@code file}.
     *
     * @param snapshotLength the file header's snapshot length, 1..262144
     * @throws IOException              if the file cannot be created
     * @throws PcapUnavailableException if libpcap is not installed
     */
    public static PcapWriter open(Path file, LinkType linkType, int snapshotLength, TimestampPrecision precision)
            throws IOException {
        return open(file, linkType, snapshotLength, precision, DEFAULT_SOURCE_MAC, DEFAULT_DESTINATION_MAC);
    }

    /** A writer with the link type, snapshot length and precision of {@code source}: a copy writes back identical records. */
    public static PcapWriter like(Path file, PcapReader source) throws IOException {
        return open(file, source.linkType(), source.snapshotLength(), source.precision());
    }

    /** An Ethernet writer whose {@link #writePacket} frames IP packets from {@code source} to {@code destination}. */
    public static PcapWriter ethernet(Path file, Bytes sourceMac, Bytes destinationMac) throws IOException {
        return open(file, LinkType.ETHERNET, DEFAULT_SNAPSHOT_LENGTH, TimestampPrecision.MICRO,
                Field.length("sourceMac", sourceMac, 6), Field.length("destinationMac", destinationMac, 6));
    }

    private static PcapWriter open(Path file, LinkType linkType, int snapshotLength, TimestampPrecision precision,
            Bytes sourceMac, Bytes destinationMac) throws IOException {
        Field.nonNull("file", file);
        Field.nonNull("linkType", linkType);
        Field.nonNull("precision", precision);
        if (snapshotLength < 1 || snapshotLength > DEFAULT_SNAPSHOT_LENGTH) {
            throw new IllegalArgumentException("snapshotLength: " + snapshotLength + " (expected: 1..262144)");
        }
        Libpcap.ensureLoaded();
        PcapHandle handle = null;
        try {
            handle = Pcaps.openDead(DataLinkType.getInstance(linkType.dlt()), snapshotLength,
                    precision == TimestampPrecision.NANO ? PcapHandle.TimestampPrecision.NANO : PcapHandle.TimestampPrecision.MICRO);
            PcapDumper dumper = handle.dumpOpen(file.toString());
            return new PcapWriter(file, linkType, snapshotLength, precision, handle, dumper, sourceMac, destinationMac);
        } catch (PcapNativeException | NotOpenException e) {
            if (handle != null) handle.close();
            throw new IOException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    public Path file() {
        return file;
    }

    public LinkType linkType() {
        return linkType;
    }

    public int snapshotLength() {
        return snapshotLength;
    }

    public TimestampPrecision precision() {
        return precision;
    }

    /** How many records were written. */
    public int count() {
        return count;
    }

    /**
     * Writes {@code record}'s timestamp, original length and frame (its number is ignored).
     *
     * @throws IllegalArgumentException if its link type is not the file's
     */
    public void write(PcapRecord record) {
        if (!record.linkType().equals(linkType)) {
            throw new IllegalArgumentException("record " + record.number() + ": link type " + record.linkType()
                    + " in a " + linkType + " file " + file);
        }
        write(record.timestampNanos(), record.originalLength(), record.frame());
    }

    /** Writes a whole frame (original length = its length). */
    public void write(long timestampNanos, Bytes frame) {
        write(timestampNanos, frame.length(), frame);
    }

    /** Writes a link frame, which must be of this file's link type. */
    public void write(long timestampNanos, LinkFrame frame) {
        if (!frame.linkType().equals(linkType)) {
            throw new IllegalArgumentException("frame: link type " + frame.linkType() + " in a " + linkType + " file " + file);
        }
        write(timestampNanos, frame.encode());
    }

    /**
     * Writes one record as given; {@code originalLength} is emitted verbatim, even when less than
     * the frame (that is how a damaged file is made on purpose).
     *
     * @param timestampNanos nanoseconds since the epoch, 0 .. 2^32 seconds (pcap's u32 seconds);
     *                       a microsecond file drops the last three digits
     */
    public void write(long timestampNanos, int originalLength, Bytes frame) {
        if (timestampNanos < 0 || timestampNanos / NANOS > 0xffff_ffffL) {
            throw new IllegalArgumentException("timestampNanos: " + timestampNanos + " (expected: 0.."
                    + (0x1_0000_0000L * NANOS - 1) + ", pcap's u32 seconds)");
        }
        if (originalLength < 0) throw new IllegalArgumentException("originalLength: " + originalLength + " (expected: 0..2147483647)");
        if (frame.length() > snapshotLength) {
            throw new IllegalArgumentException("frame: " + frame.length() + " bytes, more than the snapshot length "
                    + snapshotLength + " of " + file + " (libpcap would cut it when reading)");
        }
        if (!dumper.isOpen()) throw new IllegalStateException(file + ": writer is closed");
        long seconds = timestampNanos / NANOS;
        long fraction = timestampNanos % NANOS;
        if (precision == TimestampPrecision.MICRO) fraction /= 1000;
        Libpcap.Dump.header(header, seconds, fraction, frame.length(), originalLength);
        Libpcap.Dump.pcap_dump(dumperPointer, header.array(), frame.toByteArray());
        count++;
    }

    /**
     * Writes an IPv4 or IPv6 packet framed for this file's link type: as is for {@code RAW},
     * {@code IPV4} and {@code IPV6}; behind an Ethernet header (the writer's addresses), a loopback
     * header, or an outgoing Linux cooked header (interface 0 for SLL2) otherwise.
     *
     * @throws IllegalArgumentException if the packet is empty or its version nibble is not 4 or 6
     * @throws IllegalStateException    for a link type that cannot carry IP here
     */
    public void writePacket(long timestampNanos, Bytes ipPacket) {
        int etherType = ipPacket.isEmpty() ? EtherType.NONE : EtherType.ofIpVersion(ipPacket.u8(0) >>> 4);
        if (etherType == EtherType.NONE) {
            throw new IllegalArgumentException("ipPacket: " + (ipPacket.isEmpty() ? "empty" : "IP version "
                    + (ipPacket.u8(0) >>> 4)) + " (expected: an IPv4 or IPv6 packet)");
        }
        LinkHeader h = switch (linkType.value()) {
            case 101 -> new LinkHeader.RawIp(LinkType.RAW, etherType);
            case 228, 229 -> {
                if (etherType != (linkType.value() == 228 ? EtherType.IPV4 : EtherType.IPV6)) {
                    throw new IllegalArgumentException("ipPacket: " + EtherType.name(etherType) + " in a " + linkType + " file");
                }
                yield new LinkHeader.RawIp(linkType, etherType);
            }
            case 1 -> LinkHeader.Ethernet.of(destinationMac, sourceMac, etherType);
            case 0, 108 -> LinkHeader.Loopback.of(linkType, etherType == EtherType.IPV4 ? LinkHeader.Loopback.AF_INET : LinkHeader.Loopback.AF_INET6_BSD);
            case 113 -> LinkHeader.LinuxSll.of(LinkHeader.LinuxSll.OUTGOING, LinkHeader.LinuxSll.ARPHRD_NONE, Bytes.EMPTY, etherType);
            case 276 -> LinkHeader.LinuxSll2.of(etherType, 0, LinkHeader.LinuxSll.ARPHRD_NONE, LinkHeader.LinuxSll.OUTGOING, Bytes.EMPTY);
            default -> throw new IllegalStateException("writePacket: cannot frame IP for link type " + linkType);
        };
        write(timestampNanos, h.bytes().concat(ipPacket));
    }

    /** Pushes buffered records to the file. */
    public void flush() throws IOException {
        try {
            dumper.flush();
        } catch (PcapNativeException | NotOpenException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        dumper.close();
        handle.close();
    }
}
