package org.mptcpkit.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.mptcpkit.packet.Bytes;

/**
 * ADD_ADDRs the Linux 6.18 server (K_B) sent the client (K_A) in 03-multipath-v4.pcap; tshark's
 * addaddrtrunchmac is the decimal of the last 8 option bytes.
 */
class AddAddrHmacTest {
    static final long SERVER = MpJoinHmacTest.K_B;
    static final long CLIENT = MpJoinHmacTest.K_A;

    @Test
    void ipv4WithPort() throws Exception {
        // frame 4: 1e12 30 02 0a000302 2774 252cdc27738c89d9  id 2, 10.0.3.2, port 10100
        long h = AddAddrHmac.truncatedHmac(SERVER, CLIENT, 2, Bytes.fromHex("0a000302"), 10100);
        assertEquals(0x252cdc27738c89d9L, h);
        assertEquals("2678757940379027929", Long.toUnsignedString(h));
        assertEquals(h, AddAddrHmac.truncatedHmac(SERVER, CLIENT, 2, InetAddress.getByName("10.0.3.2"), 10100));
    }

    @Test
    void ipv4WithoutPortHashesTwoZeroBytes() {
        // frame 18: 1e10 30 01 0a000202 355ac5ba0738f4e9  id 1, 10.0.2.2, no port
        assertEquals(0x355ac5ba0738f4e9L,
                AddAddrHmac.truncatedHmac(SERVER, CLIENT, 1, Bytes.fromHex("0a000202"), 0));
        // frame 211: the same address announced again under id 3
        assertEquals(0x49e4023a9c4bd0dfL,
                AddAddrHmac.truncatedHmac(SERVER, CLIENT, 3, Bytes.fromHex("0a000202"), 0));
    }

    @Test
    void ipv6() throws Exception {
        // frame 219: 1e1c 30 04 fd000002000000000000000000000002 70f040c4f5f38766  id 4, fd00:2::2
        long h = AddAddrHmac.truncatedHmac(SERVER, CLIENT, 4, InetAddress.getByName("fd00:2::2"), 0);
        assertEquals(0x70f040c4f5f38766L, h);
        assertTrue(AddAddrHmac.verify(SERVER, CLIENT, 4, Bytes.fromHex("fd000002000000000000000000000002"), 0, h));
    }

    @Test
    void senderKeyComesFirst() {
        Bytes addr = Bytes.fromHex("0a000302");
        assertFalse(AddAddrHmac.verify(CLIENT, SERVER, 2, addr, 10100, 0x252cdc27738c89d9L));
        assertFalse(AddAddrHmac.verify(SERVER, CLIENT, 2, addr, 0, 0x252cdc27738c89d9L));
        assertFalse(AddAddrHmac.verify(SERVER, CLIENT, 3, addr, 10100, 0x252cdc27738c89d9L));
    }

    @Test
    void fieldChecks() {
        Bytes addr = Bytes.fromHex("0a000302");
        assertEquals("address: 5 bytes (expected: 4 or 16)", assertThrows(IllegalArgumentException.class,
                () -> AddAddrHmac.truncatedHmac(SERVER, CLIENT, 2, Bytes.fromHex("0a00030201"), 0)).getMessage());
        assertEquals("addressId: 256 (expected: 0..255)", assertThrows(IllegalArgumentException.class,
                () -> AddAddrHmac.truncatedHmac(SERVER, CLIENT, 256, addr, 0)).getMessage());
        assertEquals("port: 65536 (expected: 0..65535)", assertThrows(IllegalArgumentException.class,
                () -> AddAddrHmac.truncatedHmac(SERVER, CLIENT, 2, addr, 65536)).getMessage());
    }
}
