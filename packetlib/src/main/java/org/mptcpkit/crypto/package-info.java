/**
 * MPTCP cryptography and the DSS checksum, as pure functions over keys, randoms and payload bytes.
 *
 * <ul>
 *   <li>{@link org.mptcpkit.crypto.MptcpKeys}: token and IDSN of a key (RFC 8684 §3.1/§3.2,
 *       RFC 6824 §3.1).</li>
 *   <li>{@link org.mptcpkit.crypto.MpJoinHmac}: the MP_JOIN SYN-ACK and ACK HMACs, initiator (A)
 *       and responder (B) named (RFC 8684 §3.2, RFC 6824 §3.2).</li>
 *   <li>{@link org.mptcpkit.crypto.AddAddrHmac}: the v1 ADD_ADDR truncated HMAC (RFC 8684 §3.4.1).</li>
 *   <li>{@link org.mptcpkit.crypto.DssChecksum}: the DSS and MP_CAPABLE-with-data checksums
 *       (RFC 8684 §3.3.1, §3.1).</li>
 *   <li>{@link org.mptcpkit.crypto.MptcpVerifier}: checks those values in decoded packets and says
 *       what was expected and what was found ({@link org.mptcpkit.crypto.Verification}).</li>
 * </ul>
 *
 * <p>Promises: every value is checked against real Linux 6.18 captures and tshark's decode (the
 * {@code tests} module) and against RFC 4231 / RFC 2202 HMAC vectors. Methods are thread-safe and
 * re-entrant; hash and MAC engines are kept per thread, so computing in a loop creates none. Keys
 * are 64-bit wire values in {@code long}; u32 randoms and tokens are {@code long}s 0..2^32-1;
 * 64-bit truncated HMACs are the big-endian {@code long} of their 8 bytes. Nothing here reads or
 * writes packets: {@link org.mptcpkit.crypto.MptcpVerifier} is a thin layer that picks fields out
 * of the decoded model and calls the pure functions.
 *
 * <p>Depends only on the model ({@code org.mptcpkit.packet}), {@link org.mptcpkit.wire.InternetChecksum}
 * and the JDK ({@code java.security}, {@code javax.crypto}). It sits above {@code wire}
 * (packet ← wire ← crypto), so the codec must not call it.
 */
package org.mptcpkit.crypto;
