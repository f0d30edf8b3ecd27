/**
 * The codec: bytes on the wire to and from the immutable model of {@code org.mptcpkit.packet}.
 *
 * <p><b>What this layer promises.</b>
 * <ul>
 *   <li><b>Lossless decoding.</b> {@code PacketCodec.encode(PacketCodec.decode(b).value())} equals
 *       {@code b} byte for byte for every input: malformed, truncated (a snaplen cut), padded
 *       (bytes after the IP length become the trailer), or not IP at all
 *       ({@link org.mptcpkit.packet.RawPacket}). Whatever cannot be read is kept raw: an option as
 *       {@link org.mptcpkit.packet.UnknownOption} or {@link org.mptcpkit.packet.RawOptionBytes},
 *       a payload as {@link org.mptcpkit.packet.RawPayload}. Every derived field is set from the
 *       wire.</li>
 *   <li><b>Lenient by default, strict on request.</b> Lenient decoding never throws and returns a
 *       {@link org.mptcpkit.wire.Decoded} value with {@link org.mptcpkit.wire.Diagnostic}s (offset,
 *       field, what is wrong, the RFC section); strict decoding throws
 *       {@link org.mptcpkit.wire.DecodeException} with the same facts.</li>
 *   <li><b>Derived fields.</b> Encoding computes every field left
 *       {@link org.mptcpkit.packet.Field#AUTO} (IHL, total length, header checksum, IPv6 payload
 *       length, TCP data offset and checksum over the enclosing pseudo-header, option lengths,
 *       padding, the MPTCP DSS checksum) and writes every set one as given, right or wrong.
 *       Padding is added only where the length that covers it is derived: zero bytes (EOL) after
 *       TCP options when the data offset is AUTO, zero bytes after IPv4 options when IHL is AUTO.</li>
 *   <li><b>Pure encoding.</b> Encoding never writes into the model; the same value encodes to the
 *       same bytes every time.</li>
 *   <li><b>Speed.</b> Millions of packets per second per core: no regex, streams, boxing or
 *       exceptions on the hot path; a decode allocates its input copy, the records and nothing
 *       else unless something is reported. Decoded values share that one copy.</li>
 * </ul>
 *
 * <p><b>What it may depend on.</b> {@code org.mptcpkit.packet} (the model) and
 * {@code org.mptcpkit.crypto} (IDSN for the MP_CAPABLE data checksum), and the JDK. Dependencies
 * point one way, packet &larr; crypto &larr; wire: nothing here knows about capture files, sockets,
 * scripts or rendering, and the model knows nothing of this package.
 *
 * <p>Layers: {@link org.mptcpkit.wire.PacketCodec} dispatches on the IP version to
 * {@link org.mptcpkit.wire.Ip4Codec} and {@link org.mptcpkit.wire.Ip6Codec}, which hand TCP to
 * {@link org.mptcpkit.wire.TcpCodec}; options go through {@link org.mptcpkit.wire.TcpOptionCodec},
 * kind 30 through {@link org.mptcpkit.wire.MptcpCodec}. Checksums use
 * {@link org.mptcpkit.wire.InternetChecksum}.
 */
package org.mptcpkit.wire;
