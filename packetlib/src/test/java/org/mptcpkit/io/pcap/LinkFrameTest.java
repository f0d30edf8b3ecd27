package org.mptcpkit.io.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mptcpkit.packet.Bytes;

/** Link-layer headers: bytes to value and value to bytes for every form, and lossless splitting. */
class LinkFrameTest {
    private static final Bytes MAC_A = Bytes.fromHex("02:00:00:00:01:01");
    private static final Bytes MAC_B = Bytes.fromHex("02:00:00:00:01:02");
    /** The start of an IPv4 SYN, enough to be told apart from other payloads. */
    private static final Bytes IP4 = Bytes.fromHex("45 00 00 3c 00 00 40 00 40 06 00 00 0a 00 01 01 0a 00 01 02");
    private static final Bytes IP6 = Bytes.fromHex("60 00 00 00 00 28 06 40");

    private static LinkFrame split(LinkType type, String hex) {
        Bytes frame = Bytes.fromHex(hex);
        LinkFrame f = LinkFrame.split(type, frame);
        assertEquals(frame, f.encode(), "split must be lossless");
        assertEquals(frame.length(), f.header().length() + f.payload().length());
        return f;
    }

    // tshark: Ethernet II, Src: 02:00:00:00:01:01, Dst: 02:00:00:00:01:02, Type: IPv4 (0x0800)
    @Test
    void ethernet() {
        LinkFrame f = split(LinkType.ETHERNET,
                "02 00 00 00 01 02"        // destination
                + "02 00 00 00 01 01"      // source
                + "08 00"                  // type IPv4
                + IP4.hex());
        LinkHeader.Ethernet e = assertInstanceOf(LinkHeader.Ethernet.class, f.header());
        assertEquals(MAC_B, e.destination());
        assertEquals(MAC_A, e.source());
        assertEquals(List.of(), e.tags());
        assertEquals(EtherType.IPV4, f.etherType());
        assertTrue(f.isIp());
        assertEquals(IP4, f.payload());
        assertEquals(e, LinkHeader.Ethernet.of(MAC_B, MAC_A, EtherType.IPV4));
        assertEquals("Ethernet[02:00:00:00:01:01 > 02:00:00:00:01:02, IPv4]", e.toString());
    }

    // tshark: 802.1Q Virtual LAN, PRI: 5, DEI: 1, ID: 100; Type: IPv6 (0x86dd)
    @Test
    void ethernetWith8021qTag() {
        LinkFrame f = split(LinkType.ETHERNET,
                "02 00 00 00 01 02 02 00 00 00 01 01"
                + "81 00 b0 64"            // TPID 802.1Q, TCI: PCP 5, DEI 1, VID 100
                + "86 dd"                  // type IPv6
                + IP6.hex());
        LinkHeader.Ethernet e = assertInstanceOf(LinkHeader.Ethernet.class, f.header());
        assertEquals(18, e.length());
        assertEquals(List.of(new VlanTag(EtherType.VLAN, 5, true, 100)), e.tags());
        assertEquals(EtherType.IPV6, f.etherType());
        assertEquals(IP6, f.payload());
        assertEquals(e, LinkHeader.Ethernet.of(MAC_B, MAC_A,
                List.of(VlanTag.dot1q(100).withPriority(5).withDropEligible(true)), EtherType.IPV6));
    }

    // tshark: 802.1ad (S-tag) ID 10, then 802.1Q (C-tag) ID 20, then IPv4
    @Test
    void ethernetQinQ() {
        LinkFrame f = split(LinkType.ETHERNET,
                "02 00 00 00 01 02 02 00 00 00 01 01"
                + "88 a8 00 0a"            // 802.1ad service tag, VID 10
                + "81 00 00 14"            // 802.1Q customer tag, VID 20
                + "08 00" + IP4.hex());
        LinkHeader.Ethernet e = assertInstanceOf(LinkHeader.Ethernet.class, f.header());
        assertEquals(List.of(VlanTag.dot1ad(10), VlanTag.dot1q(20)), e.tags());
        assertEquals(22, f.header().length());
        assertEquals(EtherType.IPV4, f.etherType());
        assertEquals(e.bytes(), LinkHeader.Ethernet.of(MAC_B, MAC_A, List.of(VlanTag.dot1ad(10), VlanTag.dot1q(20)),
                EtherType.IPV4).bytes());
        assertEquals(e, e.withTags(List.of()).withTags(e.tags()));
    }

    @Test
    void ethernetCutInsideATagKeepsTheTpidAsType() {
        // 16 bytes: the TPID is there but not the whole tag and the next type.
        LinkFrame f = split(LinkType.ETHERNET, "02 00 00 00 01 02 02 00 00 00 01 01 81 00 00 64");
        assertEquals(14, f.header().length());
        assertEquals(EtherType.VLAN, f.etherType());
        assertEquals(Bytes.fromHex("0064"), f.payload());
        assertFalse(f.isIp());
    }

    @Test
    void ethernet8023LengthIsNotAnEtherType() {
        // IEEE 802.3 frame: the type field is a length (38) and LLC follows.
        LinkFrame f = split(LinkType.ETHERNET, "01 80 c2 00 00 00 02 00 00 00 01 01 00 26 42 42 03");
        assertEquals(38, f.etherType());
        assertFalse(f.isIp());
        assertEquals("802.3 length 38", EtherType.name(f.etherType()));
    }

    @Test
    void ethernetTooShortStaysRaw() {
        LinkFrame f = split(LinkType.ETHERNET, "02 00 00 00 01 02 02 00 00 00");
        LinkHeader.Undecoded u = assertInstanceOf(LinkHeader.Undecoded.class, f.header());
        assertEquals("Ethernet header truncated: 10 of 14 bytes; the whole frame is kept raw", u.note());
        assertEquals(EtherType.NONE, f.etherType());
    }

    @Test
    void ethernetHeaderIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new LinkHeader.Ethernet(Bytes.zeros(13)));
        assertThrows(IllegalArgumentException.class, () -> new LinkHeader.Ethernet(Bytes.zeros(16)));
        // 18 bytes whose first type is not a VLAN TPID: the extra 4 bytes are not a tag.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinkHeader.Ethernet(Bytes.fromHex("020000000102020000000101080000008100")));
        assertEquals("ethernet: type 0x0800 at 12 is followed by more header but is not a VLAN tag", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinkHeader.Ethernet.of(Bytes.zeros(5), MAC_A, 0x800));
        assertEquals("vlanId: 4096 (expected: 0..4095)",
                assertThrows(IllegalArgumentException.class, () -> VlanTag.dot1q(4096)).getMessage());
        assertEquals("tpid: 0x0800 (expected: 0x8100, 0x88a8 or 0x9100)",
                assertThrows(IllegalArgumentException.class, () -> VlanTag.of(0x0800, 1)).getMessage());
    }

    // tshark: Linux cooked capture v1, Packet type: Sent by us (4), Link-layer address type: Ethernet (1),
    // Source: 02:00:00:00:01:01, Protocol: IPv4 (0x0800)
    @Test
    void linuxSll() {
        LinkFrame f = split(LinkType.LINUX_SLL,
                "00 04"                    // packet type: outgoing
                + "00 01"                  // ARPHRD_ETHER
                + "00 06"                  // address length
                + "02 00 00 00 01 01 00 00"// address, padded to 8
                + "08 00"                  // protocol IPv4
                + IP4.hex());
        LinkHeader.LinuxSll s = assertInstanceOf(LinkHeader.LinuxSll.class, f.header());
        assertEquals(LinkHeader.LinuxSll.OUTGOING, s.packetType());
        assertEquals(LinkHeader.LinuxSll.ARPHRD_ETHER, s.arphrdType());
        assertEquals(6, s.addressLength());
        assertEquals(MAC_A, s.address());
        assertEquals(EtherType.IPV4, s.protocol());
        assertEquals(IP4, f.payload());
        assertEquals(s, LinkHeader.LinuxSll.of(LinkHeader.LinuxSll.OUTGOING, LinkHeader.LinuxSll.ARPHRD_ETHER, MAC_A,
                EtherType.IPV4));
        assertEquals("LinuxSll[outgoing, arphrd 1, 02:00:00:00:01:01, IPv4]", s.toString());
    }

    // tshark: Linux cooked capture v2, Protocol: IPv6, Interface index: 3, Link-layer address type: 1,
    // Packet type: Unicast to us (0), Source: 02:00:00:00:01:02
    @Test
    void linuxSll2() {
        LinkFrame f = split(LinkType.LINUX_SLL2,
                "86 dd"                    // protocol IPv6
                + "00 00"                  // reserved
                + "00 00 00 03"            // interface index 3
                + "00 01"                  // ARPHRD_ETHER
                + "00"                     // packet type: host
                + "06"                     // address length
                + "02 00 00 00 01 02 00 00"// address, padded to 8
                + IP6.hex());
        LinkHeader.LinuxSll2 s = assertInstanceOf(LinkHeader.LinuxSll2.class, f.header());
        assertEquals(EtherType.IPV6, s.protocol());
        assertEquals(3, s.interfaceIndex());
        assertEquals(1, s.arphrdType());
        assertEquals(LinkHeader.LinuxSll.HOST, s.packetType());
        assertEquals(MAC_B, s.address());
        assertEquals(0, s.reserved());
        assertEquals(IP6, f.payload());
        assertEquals(s, LinkHeader.LinuxSll2.of(EtherType.IPV6, 3, 1, LinkHeader.LinuxSll.HOST, MAC_B));
        LinkHeader.LinuxSll v1 = LinkHeader.LinuxSll.of(LinkHeader.LinuxSll.HOST, 1, MAC_B, EtherType.IPV6);
        assertEquals(s, LinkHeader.LinuxSll2.of(v1, 3));
    }

    @Test
    void cookedHeadersCutShortStayRaw() {
        LinkFrame f = split(LinkType.LINUX_SLL, "00 04 00 01 00 06");
        assertEquals("Linux cooked (SLL) header truncated: 6 of 16 bytes; the whole frame is kept raw",
                assertInstanceOf(LinkHeader.Undecoded.class, f.header()).note());
        f = split(LinkType.LINUX_SLL2, "86 dd 00 00");
        assertInstanceOf(LinkHeader.Undecoded.class, f.header());
    }

    @Test
    void loopbackNullInEitherByteOrderAndLoop() {
        // LINKTYPE_NULL from a little-endian host: AF_INET = 2
        LinkFrame f = split(LinkType.NULL, "02 00 00 00" + IP4.hex());
        LinkHeader.Loopback l = assertInstanceOf(LinkHeader.Loopback.class, f.header());
        assertEquals(2, l.family());
        assertEquals(EtherType.IPV4, f.etherType());
        // ... and from a big-endian host: AF_INET6 (FreeBSD) = 28
        f = split(LinkType.NULL, "00 00 00 1c" + IP6.hex());
        assertEquals(28, ((LinkHeader.Loopback) f.header()).family());
        assertEquals(EtherType.IPV6, f.etherType());
        // LINKTYPE_LOOP is always network order: AF_INET6 (OpenBSD) = 24
        f = split(LinkType.LOOP, "00 00 00 18" + IP6.hex());
        assertEquals(EtherType.IPV6, f.etherType());
        f = split(LinkType.NULL, "07 00 00 00 ff");
        assertEquals(EtherType.NONE, f.etherType());
        assertEquals(2, LinkHeader.Loopback.of(LinkType.NULL, 2).family());
        assertEquals(Bytes.fromHex("00000018"), LinkHeader.Loopback.of(LinkType.LOOP, 24).bytes());
    }

    @Test
    void rawIpByVersionNibble() {
        LinkFrame f = split(LinkType.RAW, IP4.hex());
        assertEquals(new LinkHeader.RawIp(LinkType.RAW, EtherType.IPV4), f.header());
        assertEquals(0, f.header().length());
        assertEquals(IP4, f.payload());
        f = split(LinkType.RAW, IP6.hex());
        assertEquals(EtherType.IPV6, f.etherType());
        f = split(LinkType.RAW, "55 00 00 14");
        assertEquals("raw IP frame with IP version 5 (expected: 4 or 6): the whole frame is kept raw",
                assertInstanceOf(LinkHeader.Undecoded.class, f.header()).note());
        f = split(LinkType.RAW, "");
        assertEquals("empty raw IP frame", ((LinkHeader.Undecoded) f.header()).note());
        // LINKTYPE_IPV4 / IPV6 say the version themselves, whatever the first byte.
        assertEquals(EtherType.IPV4, split(LinkType.IPV4, "60").etherType());
        assertEquals(EtherType.IPV6, split(LinkType.IPV6, IP6.hex()).etherType());
        assertEquals(LinkType.RAW, LinkType.ofDlt(12));
        assertEquals(LinkType.RAW, LinkType.ofDlt(14));
        assertEquals(12, LinkType.RAW.dlt());
    }

    @Test
    void unknownLinkTypeKeepsTheWholeFrame() {
        LinkFrame f = split(LinkType.of(127), "00 00 0d 00 04 80 02 00 02 00 00 00 00");
        LinkHeader.Undecoded u = assertInstanceOf(LinkHeader.Undecoded.class, f.header());
        assertEquals("link type IEEE802_11_RADIOTAP (127) is not decoded: the whole frame is kept raw", u.note());
        assertEquals(13, f.payload().length());
        assertFalse(LinkType.of(127).isDecoded());
        assertEquals("LINKTYPE_147 (147)", LinkType.of(147).toString());
    }

    @Test
    void randomFramesSplitLosslesslyForEveryLinkType() {
        Random rnd = new Random(42);
        LinkType[] types = {LinkType.NULL, LinkType.ETHERNET, LinkType.RAW, LinkType.LOOP, LinkType.LINUX_SLL,
            LinkType.IPV4, LinkType.IPV6, LinkType.LINUX_SLL2, LinkType.of(147)};
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[rnd.nextInt(48)];
            rnd.nextBytes(b);
            // Bias towards VLAN stacks and IP nibbles, where the branches are.
            if (b.length > 13 && rnd.nextBoolean()) {
                b[12] = (byte) 0x81;
                b[13] = 0;
                if (b.length > 17 && rnd.nextBoolean()) {
                    b[16] = (byte) 0x88;
                    b[17] = (byte) 0xa8;
                }
            }
            Bytes frame = Bytes.wrap(b);
            for (LinkType t : types) {
                LinkFrame f = LinkFrame.split(t, frame);
                assertEquals(frame, f.encode(), () -> t + " " + frame.hex());
                assertEquals(t, f.linkType());
            }
        }
    }
}
