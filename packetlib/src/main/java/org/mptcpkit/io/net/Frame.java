package org.mptcpkit.io.net;

import org.mptcpkit.packet.Bytes;

/**
 * One captured packet: its bytes, its EtherType, why it passed the capture point, and when.
 *
 * @param data       the bytes: an IP packet for cooked packet sockets and TUN devices, an
 *                   Ethernet frame for raw packet sockets
 * @param protocol   the EtherType (0x0800 IPv4, 0x86dd IPv6)
 * @param packetType {@code sll_pkttype}, relative to the capture point's namespace:
 *                   {@link #PACKET_OUTGOING} when that namespace sent it (a TUN device reports
 *                   what the kernel sent as outgoing), {@link #PACKET_OTHERHOST} when it was
 *                   addressed to another MAC (what the lab's silent peer receives)
 * @param ifindex    the interface it passed
 * @param epochNanos capture time, nanoseconds since the epoch
 */
public record Frame(Bytes data, int protocol, int packetType, int ifindex, long epochNanos) {
    public static final int PACKET_HOST = 0;
    public static final int PACKET_BROADCAST = 1;
    public static final int PACKET_MULTICAST = 2;
    public static final int PACKET_OTHERHOST = 3;
    public static final int PACKET_OUTGOING = 4;

    public boolean isOutgoing() {
        return packetType == PACKET_OUTGOING;
    }
}
