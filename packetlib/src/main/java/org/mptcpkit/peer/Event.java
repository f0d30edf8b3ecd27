package org.mptcpkit.peer;

import org.mptcpkit.packet.IpPacket;

/**
 * One packet of a {@link Step}: which way it went, when, on which subflow, and a note (what the
 * peer made of it: "duplicate", "HMAC verified", "no subflow", ...).
 *
 * @param subflow the subflow's index in {@link MptcpPeer#subflows()}, -1 when the packet belongs
 *                to none (a kernel SYN to an announced address, a stray packet)
 * @param note    empty when there is nothing to say
 */
public record Event(Direction direction, long epochNanos, int subflow, IpPacket packet, String note) {
    /** Sent by the peer, or received from the kernel. */
    public enum Direction { SENT, RECEIVED }

    public boolean isSent() {
        return direction == Direction.SENT;
    }

    /** One line: {@code > sf0 10.0.0.2:40000 > 10.0.0.1:8080 [S] ...  (note)}. */
    @Override
    public String toString() {
        String line = (direction == Direction.SENT ? "> " : "< ") + (subflow < 0 ? "--- " : "sf" + subflow + " ")
                + Summary.of(packet);
        return note.isEmpty() ? line : line + "  (" + note + ")";
    }
}
