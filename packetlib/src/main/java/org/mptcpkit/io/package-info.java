/**
 * Packet-level I/O: the model ({@link org.mptcpkit.packet.IpPacket}) over the byte-level layers
 * below ({@link org.mptcpkit.io.net}, {@link org.mptcpkit.io.lab}). {@link org.mptcpkit.io.PacketIo}
 * sends packets at layer 3 (kernel routing, {@code send}) and layer 2 ({@code sendp}), captures
 * and decodes them ({@code sniff}, a started-and-stopped background capture), and pairs
 * answers with questions ({@code sr}, {@code sr1}) with the TCP-aware rules of
 * {@link org.mptcpkit.io.net.Answers}.
 *
 * <p>Promises: packets go out exactly as the codec encodes them, each into one reused buffer;
 * every received packet is decoded leniently (never throws) with its diagnostics and capture time;
 * every wait has a timeout.
 *
 * <p>Two capture and layer-2 send backends, each where it is best:
 * <ul>
 *   <li>AF_PACKET through FFM ({@link org.mptcpkit.io.net.PacketSocket}, {@link org.mptcpkit.io.net.Sniffer}):
 *       what {@code PacketIo} uses. No JNA, no ring to set up, a reused native buffer and a plain
 *       {@code recvfrom}/{@code poll}, cooked (IP-only) sockets, and a sender's own frames told
 *       apart by {@code sll_pkttype}: the low-latency path for {@code sr1} and the batch paths.
 *       libpcap is used only to compile its filters ({@link org.mptcpkit.io.net.Bpf}).</li>
 *   <li>libpcap through pcap4j ({@link org.mptcpkit.io.pcap.PcapLive}, opened with
 *       {@link org.mptcpkit.io.lab.Lab#openCapture}): the portable path tcpdump takes, with
 *       libpcap's filters, direction, snapshot length, nanosecond timestamps and immediate mode,
 *       {@code sendp} of whole frames, and captures written to pcap files
 *       ({@link org.mptcpkit.io.pcap.PcapWriter}) that tcpdump and tshark read. The pcap file
 *       reader and writer use the same library.</li>
 * </ul>
 * Measured round trips (MP_CAPABLE SYN to SYN-ACK, veth lab, 3,000 each): {@code PacketIo.sr1}
 * median 0.015 ms (encode, send, receive, match, decode); {@code PcapLive} {@code sendp} +
 * {@code next} median 0.014 ms (no decode). Immediate mode makes libpcap as quick as the bare
 * socket, so choose by features: pcap for files, tcpdump filters on whole frames and portability.
 *
 * <p>Depends on {@link org.mptcpkit.wire}, {@link org.mptcpkit.io.lab}, {@link org.mptcpkit.io.net}
 * and {@link org.mptcpkit.io.pcap}.
 */
package org.mptcpkit.io;
