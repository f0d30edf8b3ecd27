package org.mptcpkit.peer;

import java.util.ArrayList;
import java.util.List;

import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.IpPacket;

/**
 * What one step of an {@link MptcpPeer} did: its name, the packets it sent and received in
 * order, the application data it delivered (for receives) and the subflow it concerns.
 *
 * @param data    application bytes this step delivered in data-sequence order (empty if none)
 * @param subflow the subflow the step acted on, or null for connection-level steps
 */
public record Step(String name, List<Event> events, Bytes data, Subflow subflow) {
    public Step {
        events = List.copyOf(events);
    }

    /** The packets the peer sent, in order. */
    public List<IpPacket> sent() {
        List<IpPacket> out = new ArrayList<>();
        for (Event e : events) if (e.isSent()) out.add(e.packet());
        return out;
    }

    /** The packets received from the kernel, in order. */
    public List<IpPacket> received() {
        List<IpPacket> out = new ArrayList<>();
        for (Event e : events) if (!e.isSent()) out.add(e.packet());
        return out;
    }

    /** The step's name, then one line per packet. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name);
        if (!data.isEmpty()) b.append("  (").append(data.length()).append(" bytes delivered)");
        for (Event e : events) b.append("\n  ").append(e);
        return b.toString();
    }
}
