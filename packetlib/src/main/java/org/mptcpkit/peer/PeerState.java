package org.mptcpkit.peer;

import java.net.InetAddress;
import java.util.List;

/**
 * An immutable snapshot of an {@link MptcpPeer}'s connection ({@link MptcpPeer#snapshot()}): what
 * RFC 8684 asks a host to keep, at one moment. Keys are the 64-bit wire values; tokens and IDSNs
 * derive from them (RFC 8684 §3.1: token = most significant 32 bits of SHA-256(key), IDSN = its
 * least significant 64 bits); data sequence numbers are unsigned 64-bit values in {@code long}s.
 *
 * @param remoteKey       the kernel's key, 0 before it is known ({@code remoteKeyKnown})
 * @param dataSndNxt      the next DSN the peer sends
 * @param dataSndUna      the kernel's highest DATA_ACK
 * @param dataRcvNxt      the next DSN expected from the kernel (the peer's DATA_ACK)
 */
public record PeerState(MptcpPeer.State state, long localKey, boolean remoteKeyKnown, long remoteKey, long localToken,
                        long remoteToken, long localIdsn, long remoteIdsn, boolean checksums, long dataSndNxt,
                        long dataSndUna, long dataRcvNxt, boolean dataFinReceived, List<SubflowState> subflows) {
    public PeerState {
        subflows = List.copyOf(subflows);
    }

    /**
     * One subflow at that moment. Sequence numbers are 32-bit unsigned values;
     * {@code nextSubflowSequenceNumber} is the SSN (relative to the ISN) of the peer's next byte.
     */
    public record SubflowState(int index, boolean join, boolean passive, InetAddress localAddress, int localPort,
                               InetAddress remoteAddress, int remotePort, Subflow.State state, long iss, long irs,
                               long sndNxt, long sndUna, long rcvNxt, long nextSubflowSequenceNumber, int localAddressId,
                               int remoteAddressId, boolean backup, boolean remoteBackup, long localRandom,
                               long remoteRandom, boolean timestamps, long tsRecent, int remoteWindow, long duplicates) {
        static SubflowState of(Subflow s) {
            return new SubflowState(s.index, s.join, s.passive, s.localAddress, s.localPort, s.remoteAddress, s.remotePort,
                    s.state, s.iss, s.irs, s.sndNxt, s.sndUna, s.rcvNxt, s.nextSubflowSequenceNumber(), s.localAddressId,
                    s.remoteAddressId, s.backup, s.remoteBackup, s.localRandom, s.remoteRandom, s.timestamps, s.tsRecent,
                    s.remoteWindow, s.duplicates);
        }
    }
}
