package org.mptcpkit.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Eol;
import org.mptcpkit.packet.FastOpen;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.Md5Signature;
import org.mptcpkit.packet.Mss;
import org.mptcpkit.packet.Nop;
import org.mptcpkit.packet.RawOptionBytes;
import org.mptcpkit.packet.Sack;
import org.mptcpkit.packet.SackPermitted;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.packet.UnknownOption;
import org.mptcpkit.packet.WindowScale;

/**
 * Every TCP option both ways: bytes to value (derived lengths set from the wire) and value to
 * bytes (AUTO lengths computed, set lengths written as given). The tcpdump 4.99.3 rendering of
 * each option is quoted above its fixture.
 */
class TcpOptionCodecTest {

    /** Decodes {@code hex} as an option area and checks the values, the diagnostics and the way back. */
    private static List<Diagnostic> twoWay(String hex, int diagnostics, TcpOption... expected) {
        byte[] area = Bytes.fromHex(hex).toByteArray();
        Diagnostics diag = Diagnostics.lenient();
        List<TcpOption> decoded = TcpOptionCodec.decode(area, 0, area.length, diag);
        assertEquals(List.of(expected), decoded);
        assertEquals(diagnostics, diag.list().size(), () -> "diagnostics " + diag.list());
        assertEquals(Bytes.fromHex(hex).hex(), encode(decoded));
        return diag.list();
    }

    private static String encode(TcpOption... options) {
        return encode(List.of(options));
    }

    private static String encode(List<TcpOption> options) {
        byte[] out = new byte[TcpOptionCodec.encodedLength(options)];
        assertEquals(out.length, TcpOptionCodec.encode(options, out, 0, Bytes.EMPTY));
        return Bytes.wrap(out).hex();
    }

    @Test
    void mss() {
        // options [mss 1460]
        twoWay("02 04 05b4", 0, new Mss(4, 1460));
        assertEquals("020405b4", encode(Mss.of(1460)));
        // a wrong length byte is written as given; the body stays two bytes
        assertEquals("020505b4", encode(Mss.of(1460).withLength(5)));
    }

    @Test
    void windowScale() {
        // options [wscale 7]
        twoWay("03 03 07", 0, new WindowScale(3, 7));
        assertEquals("030307", encode(WindowScale.of(7)));
        // a shift above 14 is kept as sent (RFC 7323 §2.3 makes the receiver clamp it)
        twoWay("03 03 0f", 0, new WindowScale(3, 15));
    }

    @Test
    void sackPermitted() {
        // options [sackOK]
        twoWay("04 02", 0, new SackPermitted(2));
        assertEquals("0402", encode(SackPermitted.INSTANCE));
    }

    @Test
    void sack() {
        // options [nop,nop,sack 1 {1001:2001}] (tcpdump -S)
        twoWay("01 01 05 0a 000003e9 000007d1", 0, Nop.INSTANCE, Nop.INSTANCE,
                new Sack(10, List.of(new Sack.Block(1001, 2001))));
        // sack 3 {1:2}{3:4}{0xffffffff:0}
        twoWay("05 1a 00000001 00000002 00000003 00000004 ffffffff 00000000", 0,
                new Sack(26, List.of(new Sack.Block(1, 2), new Sack.Block(3, 4), new Sack.Block(0xffff_ffffL, 0))));
        assertEquals("050a000003e9000007d1", encode(Sack.of(new Sack.Block(1001, 2001))));
        assertEquals("0502", encode(Sack.of()));
        assertEquals("050a000000010000000205120000000300000004",
                encode(Sack.of(b -> b.block(1, 2)), Sack.of(b -> b.block(3, 4).length(18))));
    }

    @Test
    void timestamps() {
        // options [TS val 2210103822 ecr 0] (Linux 6.18 SYN, 01-mpc-v4.pcap frame 1)
        twoWay("08 0a 83bb820e 00000000", 0, new Timestamps(10, 2210103822L, 0));
        assertEquals("080a83bb820e00000000", encode(Timestamps.of(2210103822L, 0)));
        assertEquals("080affffffff00000001", encode(Timestamps.of(0xffff_ffffL, 1)));
    }

    @Test
    void md5Signature() {
        // options [md5 ... 000102030405060708090a0b0c0d0e0f,eol]
        Bytes digest = Bytes.fromHex("000102030405060708090a0b0c0d0e0f");
        twoWay("13 12 000102030405060708090a0b0c0d0e0f 00 00", 0, new Md5Signature(18, digest), Eol.INSTANCE,
                Eol.INSTANCE);
        assertEquals("1312000102030405060708090a0b0c0d0e0f", encode(Md5Signature.of(digest)));
        var e = assertThrows(IllegalArgumentException.class, () -> Md5Signature.of(Bytes.zeros(15)));
        assertEquals("digest: 15 bytes (expected: 16)", e.getMessage());
    }

    @Test
    void fastOpen() {
        // options [tfo  cookie 0102030405060708,nop,nop]
        twoWay("22 0a 0102030405060708 01 01", 0,
                new FastOpen(34, 10, Bytes.fromHex("0102030405060708")), Nop.INSTANCE, Nop.INSTANCE);
        // options [tfo  cookiereq]
        twoWay("22 02", 0, new FastOpen(34, 2, Bytes.EMPTY));
        assertEquals("2202", encode(FastOpen.request()));
        assertEquals("220a0102030405060708", encode(FastOpen.of(Bytes.fromHex("0102030405060708"))));
    }

    @Test
    void fastOpenExperimentalKindWithMagic() {
        // options [exp-tfo cookie a1a2a3a4a5a6a7a8]
        twoWay("fe 0c f989 a1a2a3a4a5a6a7a8", 0, new FastOpen(254, 12, Bytes.fromHex("a1a2a3a4a5a6a7a8")));
        assertEquals("fe0cf989a1a2a3a4a5a6a7a8", encode(FastOpen.experimental(Bytes.fromHex("a1a2a3a4a5a6a7a8"))));
        assertTrue(FastOpen.experimental(Bytes.EMPTY).experimental());
        // kind 254 with another experiment id (RFC 6994) is not TFO
        twoWay("fe 06 abcd 0102", 0, new UnknownOption(254, 6, Bytes.fromHex("abcd0102")));
        // kind 254 too short for the magic
        twoWay("fe 03 f9", 0, new UnknownOption(254, 3, Bytes.fromHex("f9")));
    }

    @Test
    void unknownKind() {
        // options [unknown-253 0xc0ffee]
        twoWay("fd 05 c0ffee", 0, new UnknownOption(253, 5, Bytes.fromHex("c0ffee")));
        assertEquals("fd05c0ffee", encode(UnknownOption.of(253, Bytes.fromHex("c0ffee"))));
        assertEquals("fd02", encode(UnknownOption.of(253, Bytes.EMPTY)));
        assertEquals("fd09c0ffee", encode(UnknownOption.of(253, Bytes.fromHex("c0ffee")).withLength(9)));
    }

    @Test
    void mptcpGoesToMptcpCodec() {
        // options [mptcp 4 capable v1]
        List<TcpOption> l = TcpOptionCodec.decode(Bytes.fromHex("1e040101").toByteArray(), 0, 4, Diagnostics.strict());
        assertEquals(1, l.size());
        assertEquals(30, l.getFirst().kind());
        assertEquals("1e040101", encode(l));
        assertEquals("1e040101", encode(MptcpFixtures.mptcp("1e040101")));
    }

    @Test
    void eolAndNopAreKeptAsGiven() {
        // options [nop,nop,eol] in a 4-byte area: explicit NOPs and EOLs stay where they are
        twoWay("01 01 00 00", 0, Nop.INSTANCE, Nop.INSTANCE, Eol.INSTANCE, Eol.INSTANCE);
        assertEquals("00010100", encode(Eol.INSTANCE, Nop.INSTANCE, Nop.INSTANCE, Eol.INSTANCE));
    }

    @Test
    void knownKindWithMisfitLengthBecomesUnknownOption() {
        // options [[bad opt]: kind 2 whose length does not fit its layout
        List<Diagnostic> d = twoWay("02 05 05b4 00 0000", 1, new UnknownOption(2, 5, Bytes.fromHex("05b400")),
                Eol.INSTANCE, Eol.INSTANCE);
        assertEquals(new Diagnostic(1, "tcp.options.mss.length", "length 5 (expected: 4); kept as an unknown option",
                "RFC 9293 §3.2"), d.getFirst());
        twoWay("03 02", 1, new UnknownOption(3, 2, Bytes.EMPTY));
        twoWay("04 03 00 01", 1, new UnknownOption(4, 3, Bytes.fromHex("00")), Nop.INSTANCE);
        twoWay("05 0b 0000000100000002 ff", 1, new UnknownOption(5, 11, Bytes.fromHex("0000000100000002ff")));
        twoWay("08 08 000000010000", 1, new UnknownOption(8, 8, Bytes.fromHex("000000010000")));
        twoWay("13 04 0000", 1, new UnknownOption(19, 4, Bytes.fromHex("0000")));
    }

    @Test
    void lengthZeroOrOneEndsTheListWithRawBytes() {
        // an option with length 0 or 1 cannot be skipped (Linux stops parsing there): the rest is raw
        List<Diagnostic> d = twoWay("0204 05b4 fd00 0101", 1, new Mss(4, 1460), RawOptionBytes.ofHex("fd000101"));
        assertEquals(new Diagnostic(5, "tcp.options", "option kind 253: length 0 (expected: 2..40)", "RFC 9293 §3.1"),
                d.getFirst());
        twoWay("02 01 05b4", 1, RawOptionBytes.ofHex("020105b4"));
    }

    @Test
    void optionRunningPastTheAreaIsRaw() {
        List<Diagnostic> d = twoWay("01 08 0a 83bb820e", 1, Nop.INSTANCE, RawOptionBytes.ofHex("080a83bb820e"));
        assertEquals("option kind 8: length 10 runs past the option area (6 bytes left)", d.getFirst().message());
        // a kind byte with no length byte after it
        d = twoWay("01 01 01 02", 1, Nop.INSTANCE, Nop.INSTANCE, Nop.INSTANCE, RawOptionBytes.ofHex("02"));
        assertEquals("option kind 2 has no length byte", d.getFirst().message());
    }

    @Test
    void bytesAfterEolAreKept() {
        // zero padding after EOL: one EOL per byte, no diagnostic
        twoWay("0303 07 00", 0, new WindowScale(3, 7), Eol.INSTANCE);
        twoWay("00 000000", 0, Eol.INSTANCE, Eol.INSTANCE, Eol.INSTANCE, Eol.INSTANCE);
        // anything else after EOL is kept raw and reported
        List<Diagnostic> d = twoWay("00 0204 05b4 0000 01", 1, Eol.INSTANCE, RawOptionBytes.ofHex("020405b4000001"));
        assertEquals(new Diagnostic(1, "tcp.options", "non-zero bytes after End of Option List", "RFC 9293 §3.1"),
                d.getFirst());
    }

    @Test
    void strictModeThrowsWithTheSameFacts() {
        byte[] area = Bytes.fromHex("020505b4000000").toByteArray();
        DecodeException e = assertThrows(DecodeException.class,
                () -> TcpOptionCodec.decode(area, 0, area.length, Diagnostics.strict()));
        assertEquals("tcp.options.mss.length", e.diagnostic().field());
        assertEquals("offset 1: tcp.options.mss.length: length 5 (expected: 4); kept as an unknown option (RFC 9293 §3.2)",
                e.getMessage());
    }

    @Test
    void emptyAreaIsAnEmptyList() {
        assertEquals(List.of(), TcpOptionCodec.decode(new byte[0], 0, 0, Diagnostics.strict()));
    }

    @Test
    void lengthsAreRangeChecked() {
        assertEquals("length: 256 (expected: 0..255)",
                assertThrows(IllegalArgumentException.class, () -> Mss.of(1460).withLength(256)).getMessage());
        assertEquals("mss: 65536 (expected: 0..65535)",
                assertThrows(IllegalArgumentException.class, () -> Mss.of(65536)).getMessage());
        assertEquals("shift: -1 (expected: 0..255)",
                assertThrows(IllegalArgumentException.class, () -> WindowScale.of(-1)).getMessage());
        assertEquals("tsVal: 4294967296 (expected: 0..4294967295)",
                assertThrows(IllegalArgumentException.class, () -> Timestamps.of(1L << 32, 0)).getMessage());
        assertEquals("kind: 35 (expected: 34 or 254)",
                assertThrows(IllegalArgumentException.class, () -> new FastOpen(35, Field.AUTO, Bytes.EMPTY)).getMessage());
        assertEquals("kind: 256 (expected: 0..255)",
                assertThrows(IllegalArgumentException.class, () -> UnknownOption.of(256, Bytes.EMPTY)).getMessage());
        assertEquals("bytes: 0 bytes (expected: 1..40)",
                assertThrows(IllegalArgumentException.class, () -> new RawOptionBytes(Bytes.EMPTY)).getMessage());
        assertEquals("left: -1 (expected: 0..4294967295)",
                assertThrows(IllegalArgumentException.class, () -> new Sack.Block(-1, 0)).getMessage());
    }
}
