/**
 * Packet and socket I/O on Linux: raw IPv4/IPv6 sockets with the header included
 * ({@link org.mptcpkit.io.net.RawSocket}, batched with {@code sendmmsg}), AF_PACKET capture and
 * layer-2 send ({@link org.mptcpkit.io.net.PacketSocket}), TUN devices as packetdrill opens them
 * ({@link org.mptcpkit.io.net.TunDevice}), kernel TCP/MPTCP stream sockets
 * ({@link org.mptcpkit.io.net.StreamSocket}), and configuration over netlink: links, addresses,
 * routes and neighbours ({@link org.mptcpkit.io.net.RtNetlink}) and the MPTCP path manager's
 * endpoints and limits ({@link org.mptcpkit.io.net.MptcpPm}). Captures go through
 * {@link org.mptcpkit.io.net.Sniffer} (synchronous or on its own thread) from any
 * {@link org.mptcpkit.io.net.PacketSource}, with tcpdump filters compiled by libpcap
 * ({@link org.mptcpkit.io.net.Bpf}); {@link org.mptcpkit.io.net.Answers} tells, on the bytes and
 * TCP-aware, whether a packet answers another (for {@code sr}/{@code sr1}).
 *
 * <p>Promises: every object lives in the network namespace of the thread that opened it and may
 * then be used from any thread; every wait has a timeout; packets are bytes
 * ({@link org.mptcpkit.packet.Bytes} or {@code byte[]}), sent exactly as given; hot send paths
 * reuse native buffers and allocate nothing.
 *
 * <p>Depends on {@link org.mptcpkit.io.sys} and {@link org.mptcpkit.packet.Bytes}.
 */
package org.mptcpkit.io.net;
