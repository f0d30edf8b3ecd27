package org.mptcpkit.io.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.mptcpkit.packet.Bytes;

/**
 * Builds pcap and pcapng files byte by byte from the format specifications, without libpcap, so
 * the reader is checked against files it did not write (and damage can be placed exactly).
 */
final class CaptureBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;
    private final boolean nano;

    private CaptureBytes(ByteOrder order, boolean nano) {
        this.order = order;
        this.nano = nano;
    }

    /** A pcap file header (draft-ietf-opsawg-pcap section 4): magic, 2.4, snaplen, link type. */
    static CaptureBytes pcap(ByteOrder order, boolean nano, int snaplen, int linkType) {
        CaptureBytes c = new CaptureBytes(order, nano);
        c.put(buf(24, order).putInt(nano ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(snaplen).putInt(linkType));
        return c;
    }

    /** A pcap record: header (seconds, fraction, caplen, len) then the frame. */
    CaptureBytes record(long seconds, long fraction, int originalLength, Bytes frame) {
        put(buf(16, order).putInt((int) seconds).putInt((int) fraction).putInt(frame.length()).putInt(originalLength));
        out.writeBytes(frame.toByteArray());
        return this;
    }

    /**
     * A pcapng section header and one interface (draft-ietf-opsawg-pcapng sections 4.1, 4.2), with
     * {@code if_tsresol} 9 when {@code nano}.
     */
    static CaptureBytes pcapng(ByteOrder order, boolean nano, int snaplen, int linkType) {
        CaptureBytes c = new CaptureBytes(order, nano);
        c.put(buf(28, order).putInt(0x0a0d0d0a).putInt(28).putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0)
                .putLong(-1).putInt(28));
        if (nano) {
            // IDB with options: if_tsresol (9) = 9, padded to 4; opt_endofopt.
            c.put(buf(32, order).putInt(1).putInt(32).putShort((short) linkType).putShort((short) 0).putInt(snaplen)
                    .putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3])
                    .putShort((short) 0).putShort((short) 0).putInt(32));
        } else {
            c.put(buf(20, order).putInt(1).putInt(20).putShort((short) linkType).putShort((short) 0).putInt(snaplen)
                    .putInt(20));
        }
        return c;
    }

    /** An enhanced packet block on interface 0; the timestamp in the interface's units. */
    CaptureBytes enhancedPacket(long seconds, long fraction, int originalLength, Bytes frame) {
        long units = seconds * (nano ? 1_000_000_000L : 1_000_000L) + fraction;
        int padded = (frame.length() + 3) & ~3;
        int len = 32 + padded;
        ByteBuffer b = buf(len, order).putInt(6).putInt(len).putInt(0).putInt((int) (units >>> 32)).putInt((int) units)
                .putInt(frame.length()).putInt(originalLength);
        b.put(frame.toByteArray()).put(new byte[padded - frame.length()]).putInt(len);
        put(b);
        return this;
    }

    /** An interface statistics block (a non-packet block between packets). */
    CaptureBytes interfaceStatistics() {
        put(buf(24, order).putInt(5).putInt(24).putInt(0).putInt(0).putInt(0).putInt(24));
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void put(ByteBuffer b) {
        out.write(b.array(), 0, b.position());
    }

    private static ByteBuffer buf(int n, ByteOrder order) {
        return ByteBuffer.allocate(n).order(order);
    }
}
