/**
 * The immutable packet model: every wire unit a {@code record}, every choice a
 * {@code sealed interface}.
 *
 * <ul>
 *   <li>{@link org.mptcpkit.packet.IpPacket}: {@link org.mptcpkit.packet.Ip4},
 *       {@link org.mptcpkit.packet.Ip6}, or {@link org.mptcpkit.packet.RawPacket} for bytes that
 *       are no readable IP header; each carries an {@link org.mptcpkit.packet.IpPayload}
 *       ({@link org.mptcpkit.packet.Tcp} or {@link org.mptcpkit.packet.RawPayload}) and a trailer.</li>
 *   <li>{@link org.mptcpkit.packet.TcpOption}: the RFC 9293 options and their successors
 *       ({@link org.mptcpkit.packet.Mss}, {@link org.mptcpkit.packet.WindowScale},
 *       {@link org.mptcpkit.packet.Sack}, {@link org.mptcpkit.packet.Timestamps}, ...), the MPTCP
 *       suboptions under {@link org.mptcpkit.packet.MptcpOption}, and the escape hatches
 *       {@link org.mptcpkit.packet.UnknownOption} and {@link org.mptcpkit.packet.RawOptionBytes}.</li>
 *   <li>Values: {@link org.mptcpkit.packet.Bytes}, {@link org.mptcpkit.packet.TcpFlags},
 *       {@link org.mptcpkit.packet.Ip4Address}, {@link org.mptcpkit.packet.Ip6Address}.</li>
 * </ul>
 *
 * <p><b>What this layer promises.</b> Values are immutable and compare by value. Compact
 * constructors range-check every field with a message naming it ({@code "srcPort: 70000
 * (expected: 0..65535)"}). A derived field (length byte, checksum, IHL, total length, data offset)
 * holds {@link org.mptcpkit.packet.Field#AUTO} until set, so a wrong value can be crafted by
 * setting it. Each record has a {@code Builder}, {@code toBuilder()}, {@code of(Consumer<Builder>)}
 * and {@code withX(...)} copies:
 * <pre>{@code
 * Ip4 syn = Ip4.of(ip -> ip.src("10.0.0.1").dst("10.0.0.2")
 *         .payload(Tcp.of(t -> t.srcPort(1234).dstPort(80).syn().seq(1)
 *                 .options(Mss.of(1460), SackPermitted.INSTANCE))));
 * }</pre>
 *
 *
 * <p>Where the RFC has forms the type has forms ({@link org.mptcpkit.packet.MpCapable.SynAck},
 * {@link org.mptcpkit.packet.MpJoin.Ack}, ...), so a {@code switch} without {@code default} is
 * checked for completeness by the compiler. Reserved bits are fields, so a nonzero reserved value
 * survives decoding and can be set on purpose.
 *
 * <p><b>What it may depend on.</b> The JDK only. It knows nothing of the wire format's code
 * ({@code org.mptcpkit.wire}), which depends on it.
 */
package org.mptcpkit.packet;
