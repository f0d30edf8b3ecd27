package org.mptcpkit.drill.exec;

import java.net.InetAddress;
import java.util.Map;
import java.util.TreeMap;

/**
 * One TCP connection (an MPTCP subflow, or a plain TCP connection) that packetdrill tracks: its
 * live 4-tuple, the two ISNs that turn relative sequence numbers into live ones, the timestamp map
 * for inbound echo replies, and the MPTCP subflow fields (reference §6.4-§6.6).
 */
final class Conn {
    /** The kernel's side (tun0's address). */
    InetAddress localIp;
    int localPort;
    /** packetdrill's side. */
    InetAddress remoteIp;
    int remotePort;

    /** connect() was called and the outbound SYN has not been seen yet. */
    boolean connecting;
    /** Created by an inbound SYN on a listener, not yet returned by accept(). */
    boolean awaitingAccept;
    /** A subflow opened by an MP_JOIN SYN. */
    boolean join;
    /** The socket is MPTCP (an RST at the end is not sent for it). */
    boolean mptcp;
    /** A UDP socket: only {@code udp} lines and live UDP datagrams belong here. */
    boolean udp;

    /** live local seq = script seq + localIsnOffset (mod 2^32); known after the first outbound SYN. */
    boolean localIsnKnown;
    long localIsnOffset;
    /** live remote seq = script seq + remoteIsn (the script's SYN seq, taken literally). */
    long remoteIsn;

    /** script TS val -> live TS val of outbound packets. */
    final TreeMap<Long, Long> tsMap = new TreeMap<>();
    boolean tsBaseKnown;
    long tsScriptBase;
    long tsLiveBase;

    /** MP_JOIN randoms and address ids of this subflow. */
    long pdRandom = 42;
    long kernelRandom;
    int pdAddressId;
    int kernelAddressId;
    boolean kernelInitiated;
    /** The next relative subflow sequence number of packetdrill's data on this subflow. */
    long pdNextSsn = 1;

    Conn(InetAddress localIp, int localPort, InetAddress remoteIp, int remotePort) {
        this.localIp = localIp;
        this.localPort = localPort;
        this.remoteIp = remoteIp;
        this.remotePort = remotePort;
    }

    /** Whether a packet from the kernel with this tuple belongs here. */
    boolean matchesOutbound(InetAddress src, int sport, InetAddress dst, int dport) {
        return localPort == sport && remotePort == dport && src.equals(localIp) && dst.equals(remoteIp);
    }

    /** The live ecr for a script ecr: the matching or preceding outbound TS val, shifted. */
    Long liveEcr(long scriptEcr) {
        Map.Entry<Long, Long> e = tsMap.floorEntry(scriptEcr);
        if (e == null) return null;
        return (e.getValue() + (scriptEcr - e.getKey())) & 0xffff_ffffL;
    }

    @Override
    public String toString() {
        return localIp.getHostAddress() + ":" + localPort + " <-> " + remoteIp.getHostAddress() + ":" + remotePort;
    }
}
