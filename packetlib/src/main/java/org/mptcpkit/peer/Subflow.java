package org.mptcpkit.peer;

import java.net.InetAddress;
import java.util.ArrayDeque;

import org.mptcpkit.io.sys.SockAddr;

/**
 * The state of one subflow of an {@link MptcpPeer}'s connection, as the peer keeps it: the
 * four-tuple, both initial sequence numbers, the TCP send and receive pointers, the subflow
 * sequence numbers (relative to the ISNs, RFC 8684 §3.3.1), address ids, priorities, the MP_JOIN
 * randoms and the timestamp echo. Read-only for users; the peer changes it as packets go and come.
 */
public final class Subflow {
    /** Where the subflow is in its life. */
    public enum State {
        /** Prepared: nothing sent yet. */
        NEW,
        /** SYN sent, waiting for the SYN-ACK. */
        SYN_SENT,
        /** Passive side: the kernel's SYN received; SYN-ACK to send or sent, waiting for the ACK. */
        SYN_RECEIVED,
        /** Handshake done from the peer's side (third ACK sent). */
        ESTABLISHED,
        /** The kernel acknowledged the MP_JOIN third ACK (RFC 8684 §3.2: fully established). */
        FULLY_ESTABLISHED,
        /** The peer sent its FIN. */
        FIN_SENT,
        /** Both FINs sent and acknowledged. */
        CLOSED,
        /** Reset by either side. */
        RESET
    }

    /** A mapping received from the kernel: subflow sequence (relative) to data sequence. */
    record Mapping(long ssn, long dsn, int length, boolean dataFin) {
        boolean covers(long relativeSeq) {
            return ((relativeSeq - ssn) & 0xffffffffL) < length;
        }
    }

    final int index;
    final boolean join;
    final boolean passive;
    final InetAddress localAddress;
    final int localPort;
    final InetAddress remoteAddress;
    final int remotePort;
    final int localAddressId;
    State state = State.NEW;
    boolean backup;
    boolean remoteBackup;
    int remoteAddressId = -1;
    long iss;
    long irs;
    long sndNxt;
    long sndUna;
    long rcvNxt;
    int remoteWindow;
    int remoteMss = 536;
    boolean timestamps;
    long tsRecent;
    long localRandom;
    long remoteRandom;
    long remoteTruncatedHmac;
    boolean synAckHmacValid;
    boolean ackHmacValid;
    boolean finReceived;
    boolean finSent;
    long duplicates;
    final ArrayDeque<Mapping> mappings = new ArrayDeque<>();

    Subflow(int index, boolean join, InetAddress localAddress, int localPort, InetAddress remoteAddress, int remotePort,
            int localAddressId) {
        this(index, join, false, localAddress, localPort, remoteAddress, remotePort, localAddressId);
    }

    Subflow(int index, boolean join, boolean passive, InetAddress localAddress, int localPort, InetAddress remoteAddress,
            int remotePort, int localAddressId) {
        this.index = index;
        this.join = join;
        this.passive = passive;
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.remoteAddress = remoteAddress;
        this.remotePort = remotePort;
        this.localAddressId = localAddressId;
    }

    /** Index in {@link MptcpPeer#subflows()}: 0 is the MP_CAPABLE subflow. */
    public int index() {
        return index;
    }

    /** Whether the kernel opened this subflow (the peer answered its SYN). */
    public boolean isPassive() {
        return passive;
    }

    /** Whether this subflow was opened by MP_JOIN. */
    public boolean isJoin() {
        return join;
    }

    public InetAddress localAddress() {
        return localAddress;
    }

    public int localPort() {
        return localPort;
    }

    public InetAddress remoteAddress() {
        return remoteAddress;
    }

    public int remotePort() {
        return remotePort;
    }

    /** The address id the peer gave its end (MP_JOIN SYN; 0 for the first subflow). */
    public int localAddressId() {
        return localAddressId;
    }

    /** The address id the kernel gave its end (MP_JOIN SYN-ACK), -1 when unknown. */
    public int remoteAddressId() {
        return remoteAddressId;
    }

    public State state() {
        return state;
    }

    /** Whether the peer asked for this subflow to be a backup (MP_JOIN B flag or MP_PRIO). */
    public boolean backup() {
        return backup;
    }

    /** Whether the kernel marked its end as backup (MP_JOIN SYN-ACK B flag or MP_PRIO). */
    public boolean remoteBackup() {
        return remoteBackup;
    }

    /** The peer's initial sequence number. */
    public long iss() {
        return iss;
    }

    /** The kernel's initial sequence number. */
    public long irs() {
        return irs;
    }

    /** The next sequence number the peer sends. */
    public long sndNxt() {
        return sndNxt;
    }

    /** The oldest sequence number the kernel has not acknowledged. */
    public long sndUna() {
        return sndUna;
    }

    /** The next sequence number expected from the kernel (what the peer acknowledges). */
    public long rcvNxt() {
        return rcvNxt;
    }

    /** The subflow sequence number (relative to the ISN) of the peer's next byte: SSN of a mapping. */
    public long nextSubflowSequenceNumber() {
        return (sndNxt - iss) & 0xffffffffL;
    }

    /** The kernel's last advertised window. */
    public int remoteWindow() {
        return remoteWindow;
    }

    /** The kernel's MSS (from its SYN-ACK; 536 if it sent none). */
    public int remoteMss() {
        return remoteMss;
    }

    /** Whether both ends use the timestamps option on this subflow. */
    public boolean timestamps() {
        return timestamps;
    }

    /** The MP_JOIN random the peer sent (R_A), 0 on the first subflow. */
    public long localRandom() {
        return localRandom;
    }

    /** The MP_JOIN random the kernel sent (R_B), 0 until its SYN-ACK. */
    public long remoteRandom() {
        return remoteRandom;
    }

    /** Whether the kernel's MP_JOIN SYN-ACK HMAC was the one RFC 8684 §3.2 requires. */
    public boolean synAckHmacValid() {
        return synAckHmacValid;
    }

    /** Passive joins: whether the kernel's MP_JOIN ACK HMAC was the one RFC 8684 §3.2 requires. */
    public boolean ackHmacValid() {
        return ackHmacValid;
    }

    public boolean finReceived() {
        return finReceived;
    }

    /** Segments received again (retransmissions) that the peer acknowledged and dropped. */
    public long duplicates() {
        return duplicates;
    }

    /** {@code sf1 10.0.1.2:41000 > 10.0.0.1:8080 FULLY_ESTABLISHED id 2 ...}: one line of state. */
    @Override
    public String toString() {
        return "sf" + index + " " + SockAddr.format(localAddress) + ":" + localPort + " > " + SockAddr.format(remoteAddress) + ":" + remotePort
                + " " + state + (join ? " join" : " initial") + (passive ? " passive" : "") + " id " + localAddressId + "/" + remoteAddressId
                + (backup ? " backup" : "") + (remoteBackup ? " remote-backup" : "")
                + " iss " + iss + " irs " + irs + " snd.nxt " + sndNxt + " snd.una " + sndUna + " rcv.nxt " + rcvNxt
                + " ssn " + nextSubflowSequenceNumber() + (timestamps ? " ts.recent " + tsRecent : "");
    }
}
