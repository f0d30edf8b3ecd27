/**
 * The packet model: immutable values for everything mptcpkit reads and writes on the wire.
 *
 * <p>Promises:
 * <ul>
 *   <li>Every wire unit is a {@code record}; every choice between layouts is a {@code sealed
 *       interface} ({@link org.mptcpkit.packet.TcpOption}, {@link org.mptcpkit.packet.MptcpOption}
 *       and its forms such as {@link org.mptcpkit.packet.MpCapable.SynAck}), so a {@code switch}
 *       without {@code default} is checked for completeness by the compiler.</li>
 *   <li>Values are immutable and compare by value: opaque bytes are {@link org.mptcpkit.packet.Bytes},
 *       lists are unmodifiable copies. Fields carry the RFCs' names; unsigned fields are {@code int}
 *       (u4, u8, u16) or {@code long} (u32; u64 as the big-endian bits, printed unsigned), and every
 *       constructor range-checks them with a message naming the field, the value and the range.</li>
 *   <li>Reserved bits are fields, so that a nonzero reserved value survives decoding and can be set
 *       on purpose. Derived fields (length bytes, checksums, ...) hold {@link
 *       org.mptcpkit.packet.Field#AUTO} when the encoder is to compute them; a set value is emitted
 *       verbatim, even when wrong.</li>
 *   <li>Each record has a nested {@code Builder}, {@code toBuilder()}, {@code of(Consumer<Builder>)}
 *       and {@code withX(...)} copies; common forms have static factories.</li>
 *   <li>No I/O, no codec, no crypto, no global state: this package depends on nothing but
 *       {@code java.base}. Decoding and encoding live in {@code org.mptcpkit.wire}, which depends
 *       on this package and never the other way round.</li>
 * </ul>
 */
package org.mptcpkit.packet;
