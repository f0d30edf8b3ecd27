package org.mptcpkit.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip4Address;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.wire.PacketCodec;

/** The field tree: every field, derived ones checked, keys with their token and IDSN. */
class ShowTest {
    @Test
    void goldenSyn() {
        String show = PacketFormatter.show(Captures.frame("01-mpc-v4.pcap", 1).decoded());
        assertEquals("""
                IPv4
                    version: 4
                    ihl: 5 (20 bytes)
                    dscp: 0
                    ecn: 0 (Not-ECT)
                    totalLength: 64
                    identification: 0xe691 (59025)
                    reservedFlag: false
                    df: true
                    mf: false
                    fragmentOffset: 0
                    ttl: 64
                    protocol: 6 (TCP)
                    headerChecksum: 0x3e24 (correct)
                    src: 10.0.1.1
                    dst: 10.0.1.2
                TCP
                    srcPort: 47970
                    dstPort: 5101
                    seq: 1158021166
                    ack: 0
                    dataOffset: 11 (44 bytes)
                    reserved: 0
                    flags: 0x002 [S] (SYN)
                    window: 64240
                    checksum: 0xedb2 (correct)
                    urgentPointer: 0
                    options: 24 bytes
                        Maximum Segment Size (kind 2, length 4)
                            mss: 1460
                        SACK Permitted (kind 4, length 2)
                        Timestamps (kind 8, length 10)
                            tsVal: 2210103822
                            tsEcr: 0
                        No-Operation (kind 1)
                        Window Scale (kind 3, length 3)
                            shift: 10 (multiply by 1024)
                        Multipath TCP MP_CAPABLE (kind 30, length 4, subtype 0x0, form SYN)
                            version: 1 (RFC 8684)
                            flags: 0x01
                                checksumRequired (A): false
                                extensibility (B): false
                                noMoreSubflows (C): false
                                reservedFlags (D-G): 0
                                hmacSha (H, HMAC-SHA256): true
                    payload: 0 bytes
                """, show);
    }

    @Test
    void keysShowTheirTokenAndIdsnAsTsharkDerivesThem() {
        // tshark on 03-multipath-v4 frame 2: sendkey=3636904298737523150, expected_token=2214011194,
        // expected_idsn=8165664902919243936.
        String show = PacketFormatter.show(Captures.frame("03-multipath-v4.pcap", 2).packet());
        assertTrue(show.contains("senderKey: 0x3278e130c85759ce (3636904298737523150)\n"), show);
        assertTrue(show.contains("token: 0x" + Long.toHexString(2214011194L) + " (derived)\n"), show);
        assertTrue(show.contains("idsn: 8165664902919243936 (derived)\n"), show);
    }

    @Test
    void wrongDerivedFieldsSayWhatTheyShouldBe() {
        Ip4 good = (Ip4) Captures.frame("01-mpc-v4.pcap", 1).packet();
        Tcp tcp = (Tcp) good.payload();
        Ip4 bad = good.withHeaderChecksum(0x1234).withTotalLength(63).withPayload(tcp.withChecksum(0x1234).withDataOffset(10));
        String show = PacketFormatter.show(bad);
        assertTrue(show.contains("    headerChecksum: 0x1234 (wrong, expected 0x"), show);
        assertTrue(show.contains("    totalLength: 63 (wrong, expected 64)\n"), show);
        // The TCP checksum is checked over the segment as it is: with only the checksum wrong, 0xedb2.
        String onlyChecksum = PacketFormatter.show(good.withPayload(tcp.withChecksum(0x1234)));
        assertTrue(onlyChecksum.contains("    checksum: 0x1234 (wrong, expected 0xedb2)\n"), onlyChecksum);
        assertTrue(show.contains("    dataOffset: 10 (40 bytes) (wrong, expected 11)\n"), show);
    }

    @Test
    void autoFieldsShowTheComputedValue() {
        Tcp tcp = Tcp.builder().srcPort(1).dstPort(2).flags("P.").options(Dss.builder().dataAck(1).mapping(5, 1, 3)
                .checksum().build()).payloadUtf8("abc").build();
        Ip4 ip = Ip4.builder().src(Ip4Address.parse("10.0.0.1")).dst(Ip4Address.parse("10.0.0.2")).payload(tcp).build();
        String show = PacketFormatter.show(ip);
        assertTrue(show.contains("    totalLength: 71 (auto)\n"), show);
        assertTrue(show.contains("    dataOffset: 12 (48 bytes) (auto)\n"), show);
        assertTrue(show.matches("(?s).*\n    checksum: 0x[0-9a-f]{4} \\(auto\\)\n.*"), show);
        assertTrue(show.contains("Multipath TCP DSS (kind 30, length 28 (auto), subtype 0x2)"), show);
        // The DSS checksum the encoder computes, then checked on the decoded packet.
        String decoded = PacketFormatter.show(PacketCodec.decode(PacketCodec.encode(ip)));
        assertTrue(decoded.matches("(?s).*\n            checksum: 0x[0-9a-f]{4} \\(correct\\)\n.*"), decoded);
    }

    @Test
    void aCutCaptureSaysWhatCannotBeChecked() {
        String show = PacketFormatter.show(Captures.frame("05-dss-checksum.pcap", 4).packet());
        assertTrue(show.contains("totalLength: 1076 (186 of 1076 bytes captured)"), show);
        assertTrue(show.contains("headerChecksum: 0xa8bd (correct)"), show);
        assertTrue(show.contains("    checksum: 0x05bc (unverified: 186 of 1076 bytes captured)"), show);
    }
}
