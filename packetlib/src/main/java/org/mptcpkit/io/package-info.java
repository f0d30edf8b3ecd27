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
 * <p>Depends on {@link org.mptcpkit.wire}, {@link org.mptcpkit.io.lab} and {@link org.mptcpkit.io.net}.
 */
package org.mptcpkit.io;
