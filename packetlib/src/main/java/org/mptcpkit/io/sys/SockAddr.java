package org.mptcpkit.io.sys;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Marshals {@link InetSocketAddress} to and from {@code struct sockaddr_in} (16 bytes) and
 * {@code struct sockaddr_in6} (28 bytes). Ports and addresses are in network byte order, the
 * family and the IPv6 scope id in host order, as the kernel expects.
 */
public final class SockAddr {
    /** Room for either structure (sizeof(struct sockaddr_storage) is 128; 28 suffices here). */
    public static final int MAX_LENGTH = 128;
    public static final int IN_LENGTH = 16;
    public static final int IN6_LENGTH = 28;

    private static final ValueLayout.OfShort U16_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);

    private SockAddr() {
    }

    /** The address family ({@link LibC#AF_INET} or {@link LibC#AF_INET6}) of {@code address}. */
    public static int family(InetAddress address) {
        return address instanceof Inet6Address ? LibC.AF_INET6 : LibC.AF_INET;
    }

    /**
     * Writes {@code address} at the start of {@code seg} (at least {@link #IN6_LENGTH} bytes)
     * and returns the structure's length.
     */
    public static int write(MemorySegment seg, InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) throw new IllegalArgumentException("unresolved address: " + address);
        return write(seg, ip, address.getPort());
    }

    /** As {@link #write(MemorySegment, InetSocketAddress)} from an address and a port. */
    public static int write(MemorySegment seg, InetAddress ip, int port) {
        if (port < 0 || port > 0xffff) throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        byte[] raw = ip.getAddress();
        if (ip instanceof Inet4Address) {
            seg.asSlice(0, IN_LENGTH).fill((byte) 0);
            seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) LibC.AF_INET);
            seg.set(U16_BE, 2, (short) port);
            MemorySegment.copy(raw, 0, seg, ValueLayout.JAVA_BYTE, 4, 4);
            return IN_LENGTH;
        }
        seg.asSlice(0, IN6_LENGTH).fill((byte) 0);
        seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) LibC.AF_INET6);
        seg.set(U16_BE, 2, (short) port);
        // flowinfo (4..8) stays 0.
        MemorySegment.copy(raw, 0, seg, ValueLayout.JAVA_BYTE, 8, 16);
        seg.set(ValueLayout.JAVA_INT_UNALIGNED, 24, ((Inet6Address) ip).getScopeId());
        return IN6_LENGTH;
    }

    /** Reads a {@code sockaddr_in} or {@code sockaddr_in6} of {@code length} bytes. */
    public static InetSocketAddress read(MemorySegment seg, int length) {
        int family = seg.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0);
        int port = seg.get(U16_BE, 2) & 0xffff;
        try {
            if (family == LibC.AF_INET && length >= 8) {
                byte[] raw = new byte[4];
                MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 4, raw, 0, 4);
                return new InetSocketAddress(InetAddress.getByAddress(raw), port);
            }
            if (family == LibC.AF_INET6 && length >= 24) {
                byte[] raw = new byte[16];
                MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 8, raw, 0, 16);
                int scope = length >= 28 ? seg.get(ValueLayout.JAVA_INT_UNALIGNED, 24) : 0;
                return new InetSocketAddress(Inet6Address.getByAddress(null, raw, scope), port);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // unreachable: the lengths are right
        }
        throw new IllegalArgumentException("not an IPv4/IPv6 socket address (family " + family + ", length " + length + ")");
    }

    /**
     * The address as text, IPv6 in RFC 5952's canonical form ({@code fd00:10::1}, as iproute2
     * and tcpdump print it; the JDK writes every group: {@code fd00:10:0:0:0:0:0:1}).
     */
    public static String format(InetAddress address) {
        return org.mptcpkit.packet.IpAddress.format(address);
    }

    /** Parses a numeric address literal without any name lookup ("10.0.0.1", "fd00::1", "[fd00::1]"). */
    public static InetAddress parseAddress(String literal) {
        String s = literal.strip();
        if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1);
        try {
            return InetAddress.ofLiteral(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a numeric IP address: " + literal);
        }
    }
}
