package org.mptcpkit.crypto;

import java.net.InetAddress;
import org.mptcpkit.packet.Bytes;

/**
 * The truncated HMAC of an MPTCP v1 ADD_ADDR (RFC 8684 §3.4.1): the rightmost 64 bits of
 * HMAC-SHA256(key = K_sender‖K_receiver, msg = Address ID ‖ IP address ‖ port).
 *
 * <pre>
 *   msg:  +--------+--------------------------------+---------+
 *         | Addr ID| IPv4 (4 bytes) / IPv6 (16)     | Port(16)|
 *         +--------+--------------------------------+---------+
 * </pre>
 *
 * The sender is the host that sends the ADD_ADDR, with its own connection key first. RFC 8684
 * §3.4.1: "If the port is not present in the ADD_ADDR option, the HMAC message will nevertheless
 * include two octets of value zero", so a port of 0 here means "no port in the option".
 *
 * <pre>{@code
 * // Linux 6.18, 03-multipath-v4.pcap frame 4: the server announces id 2, 10.0.3.2 port 10100
 * AddAddrHmac.truncatedHmac(3636904298737523150L, -2115227313576740182L,
 *         2, Bytes.fromHex("0a000302"), 10100) == 0x252cdc27738c89d9L  // tshark 2678757940379027929
 * }</pre>
 *
 * MPTCP v0 (RFC 6824) ADD_ADDR carries no HMAC, so there is no v0 form; an echo (E = 1) carries
 * none either.
 */
public final class AddAddrHmac {
    private AddAddrHmac() {
    }

    /**
     * The truncated HMAC, as the big-endian value of the 8 bytes on the wire. {@code address} is
     * the 4 or 16 address bytes as they appear in the option; {@code port} is 0..65535, 0 when the
     * option carries no port.
     */
    public static long truncatedHmac(long senderKey, long receiverKey, int addressId, Bytes address, int port) {
        CryptoScratch.checkRange("addressId", addressId, 255);
        CryptoScratch.checkRange("port", port, 0xffff);
        int n = address.length();
        if (n != 4 && n != 16) {
            throw new IllegalArgumentException("address: " + n + " bytes (expected: 4 or 16)");
        }
        CryptoScratch s = CryptoScratch.get();
        s.msg[0] = (byte) addressId;
        address.copyTo(s.msg, 1);
        s.msg[1 + n] = (byte) (port >>> 8);
        s.msg[2 + n] = (byte) port;
        return compute(s, senderKey, receiverKey, n + 3);
    }

    /** The truncated HMAC for an {@link InetAddress} (its 4 or 16 bytes; a scope id is not sent). */
    public static long truncatedHmac(long senderKey, long receiverKey, int addressId, InetAddress address, int port) {
        return truncatedHmac(senderKey, receiverKey, addressId, Bytes.wrap(address.getAddress()), port);
    }

    /** Whether {@code hmac} is the truncated HMAC of this announcement. */
    public static boolean verify(long senderKey, long receiverKey, int addressId, Bytes address, int port, long hmac) {
        return truncatedHmac(senderKey, receiverKey, addressId, address, port) == hmac;
    }

    private static long compute(CryptoScratch s, long senderKey, long receiverKey, int msgLen) {
        CryptoScratch.put64(s.key, 0, senderKey);
        CryptoScratch.put64(s.key, 8, receiverKey);
        int n = s.hmac(false, 16, msgLen);
        // "the rightmost 64 bits of an HMAC" (RFC 8684 §3.4.1), unlike MP_JOIN's leftmost.
        return CryptoScratch.get64(s.out, n - 8);
    }
}
