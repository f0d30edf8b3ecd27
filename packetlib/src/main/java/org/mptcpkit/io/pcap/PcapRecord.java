package org.mptcpkit.io.pcap;

import java.time.Instant;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Field;

/**
 * One captured frame as a capture file holds it.
 *
 * <pre>
 * pcap record header (16 bytes, then capturedLength bytes of frame):
 * +-------------------+-----------------------+-----------------+-----------------+
 * | seconds (u32)     | micro/nanoseconds(u32)| captured length | original length |
 * +-------------------+-----------------------+-----------------+-----------------+
 * </pre>
 * Example: frame 1 of {@code 01-mpc-v4.pcap} is
 * {@code PcapRecord[number=1, timestampNanos=1795610039770958000, originalLength=78,
 * linkType=ETHERNET (1), frame=0x0200000001020200...]}.
 *
 * @param number         the 1-based frame number, as tshark counts; 0 for a record not read
 *                       from a file (the writer ignores it)
 * @param timestampNanos nanoseconds since the epoch (UTC)
 * @param originalLength the length of the frame on the wire; more than {@code frame.length()}
 *                       when the capture's snapshot length cut it. Kept as the file says, even
 *                       when it is less than the captured length (a damaged or crafted file)
 * @param linkType       the capture's link type, which says how to split {@link #frame}
 * @param frame          the captured bytes, link-layer header included
 */
public record PcapRecord(int number, long timestampNanos, int originalLength, LinkType linkType, Bytes frame) {
    private static final long NANOS = 1_000_000_000L;

    public PcapRecord {
        if (number < 0) throw new IllegalArgumentException("number: " + number + " (expected: 0..2147483647)");
        if (originalLength < 0) {
            throw new IllegalArgumentException("originalLength: " + originalLength + " (expected: 0..2147483647)");
        }
        Field.nonNull("linkType", linkType);
        Field.nonNull("frame", frame);
    }

    /** A whole (uncut) frame to write: number 0, original length = frame length. */
    public static PcapRecord of(long timestampNanos, LinkType linkType, Bytes frame) {
        return new PcapRecord(0, timestampNanos, frame.length(), linkType, frame);
    }

    /** The timestamp as an instant. */
    public Instant timestamp() {
        return Instant.ofEpochSecond(Math.floorDiv(timestampNanos, NANOS), Math.floorMod(timestampNanos, NANOS));
    }

    /** How many bytes of the frame the capture holds. */
    public int capturedLength() {
        return frame.length();
    }

    /** Whether the snapshot length cut the frame (fewer bytes captured than were on the wire). */
    public boolean isTruncated() {
        return frame.length() < originalLength;
    }

    /** The frame split into link-layer header and network-layer bytes (see {@link LinkFrame#split}). */
    public LinkFrame link() {
        return LinkFrame.split(linkType, frame);
    }

    public PcapRecord withNumber(int number) {
        return new PcapRecord(number, timestampNanos, originalLength, linkType, frame);
    }

    public PcapRecord withTimestampNanos(long timestampNanos) {
        return new PcapRecord(number, timestampNanos, originalLength, linkType, frame);
    }

    public PcapRecord withOriginalLength(int originalLength) {
        return new PcapRecord(number, timestampNanos, originalLength, linkType, frame);
    }

    /**
     * The same record carrying {@code frame}. The original length moves with it, so the number of
     * bytes the capture missed stays the same (a frame re-framed with a longer header is longer
     * on the wire too).
     */
    public PcapRecord withFrame(Bytes frame) {
        return withFrame(linkType, frame);
    }

    /** The same record with another link type and frame (e.g. re-framed from SLL to SLL2); see {@link #withFrame(Bytes)}. */
    public PcapRecord withFrame(LinkType linkType, Bytes frame) {
        long missed = (long) originalLength - this.frame.length();
        int length = (int) Math.max(0, Math.min(Integer.MAX_VALUE, frame.length() + missed));
        return new PcapRecord(number, timestampNanos, length, linkType, frame);
    }
}
