package org.mptcpkit.io.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SockAddrTest {
    @Test
    void ipv4LayoutIsSockaddrIn() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(SockAddr.MAX_LENGTH);
            int len = SockAddr.write(s, new InetSocketAddress(InetAddress.ofLiteral("10.0.0.1"), 8080));
            assertEquals(16, len);
            // family AF_INET (2, host order), port 8080 = 0x1f90 big-endian, 10.0.0.1, 8 zero bytes
            assertArrayEquals(new byte[] {2, 0, 0x1f, (byte) 0x90, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0},
                    s.asSlice(0, 16).toArray(ValueLayout.JAVA_BYTE));
            assertEquals(new InetSocketAddress(InetAddress.ofLiteral("10.0.0.1"), 8080), SockAddr.read(s, len));
        }
    }

    @Test
    void ipv6LayoutIsSockaddrIn6() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(SockAddr.MAX_LENGTH);
            InetSocketAddress addr = new InetSocketAddress(InetAddress.ofLiteral("fd00:10::1"), 443);
            int len = SockAddr.write(s, addr);
            assertEquals(28, len);
            byte[] b = s.asSlice(0, 28).toArray(ValueLayout.JAVA_BYTE);
            assertEquals(10, b[0]);
            assertEquals(0x01, b[2]);
            assertEquals((byte) 0xbb, b[3]);
            assertEquals((byte) 0xfd, b[8]);
            assertEquals(1, b[23]);
            assertEquals(addr, SockAddr.read(s, len));
        }
    }

    @Test
    void parsesLiteralsOnly() {
        assertEquals(InetAddress.ofLiteral("192.0.2.1"), SockAddr.parseAddress(" 192.0.2.1 "));
        assertEquals(InetAddress.ofLiteral("fd00::1"), SockAddr.parseAddress("[fd00::1]"));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.parseAddress("example.org"));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.parseAddress("10.0.0.300"));
    }

    @Test
    void formatsIpv6AsRfc5952() {
        assertEquals("fd00:10::1", SockAddr.format(InetAddress.ofLiteral("fd00:10:0:0:0:0:0:1")));
        assertEquals("::", SockAddr.format(InetAddress.ofLiteral("::")));
        assertEquals("::1", SockAddr.format(InetAddress.ofLiteral("::1")));
        assertEquals("2001:db8::1:0:0:1", SockAddr.format(InetAddress.ofLiteral("2001:db8:0:0:1:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", SockAddr.format(InetAddress.ofLiteral("2001:db8:0:1:1:1:1:1")));
        assertEquals("fe80::1", SockAddr.format(InetAddress.ofLiteral("fe80::1")));
        assertEquals("2001:db8::", SockAddr.format(InetAddress.ofLiteral("2001:db8::")));
        assertEquals("10.0.0.1", SockAddr.format(InetAddress.ofLiteral("10.0.0.1")));
    }
}
