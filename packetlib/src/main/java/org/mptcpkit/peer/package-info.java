/**
 * A stateful MPTCP peer for the shell and for scripts: {@link org.mptcpkit.peer.MptcpPeer} opens
 * a Multipath TCP connection to the kernel under test in a {@link org.mptcpkit.io.lab.Lab}
 * (MP_CAPABLE v1, checksums optional, data on the third ACK optional), sends and receives data
 * with DSS mappings and data ACKs, joins subflows with MP_JOIN (token and both HMACs), announces
 * and removes addresses, changes priorities, fast-closes, and closes with DATA_FIN.
 *
 * <p>Promises: the peer keeps the whole state RFC 8684 asks of a host (keys, tokens, IDSNs, data
 * sequence and data ACK both ways; per {@link org.mptcpkit.peer.Subflow}: addresses, ports, ISNs,
 * seq/ack, address ids, priorities, timestamps); every step returns a
 * {@link org.mptcpkit.peer.Step}, the packets it sent and received in order, also kept in
 * {@link org.mptcpkit.peer.MptcpPeer#transcript()}; every packet can be prepared without being
 * sent ({@code prepareX}) and altered before it is sent (a {@code UnaryOperator<IpPacket>}), the
 * state advancing as if the intended packet had gone out; every wait has a timeout and fails
 * with a sentence naming what did not come, from where ({@link org.mptcpkit.peer.PeerException}).
 *
 * <p>One thread drives a peer: it reads the kernel's packets only while one of its steps runs
 * (packets that arrive in between wait in the capture socket's queue).
 *
 * <p>Depends on {@link org.mptcpkit.io}, {@link org.mptcpkit.crypto}, {@link org.mptcpkit.wire}
 * and {@link org.mptcpkit.packet}.
 */
package org.mptcpkit.peer;
