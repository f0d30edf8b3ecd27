package org.mptcpkit.wire;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MptcpOption;
import org.mptcpkit.packet.UnknownMptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Malformed kind-30 options: lenient decoding keeps them raw with the reason and one diagnostic
 * (offset, field, what is wrong, which RFC section), strict decoding throws with the same facts,
 * and encoding reproduces the bytes.
 */
class MptcpMalformedTest {
    /** Decodes {@code hex} as the TCP option parser would hand it over: {@code given} bytes at offset 5. */
    private static void malformed(String hex, Diagnostic expected) {
        Bytes wire = Bytes.fromHex(hex);
        byte[] buf = new byte[wire.length() + 9];
        wire.copyTo(buf, 5);
        Diagnostics lenient = Diagnostics.lenient();
        MptcpOption o = MptcpCodec.decode(buf, 5, wire.length(), lenient);
        // Offsets count from the start of the caller's buffer.
        Diagnostic at5 = new Diagnostic(expected.offset() + 5, expected.field(), expected.message(), expected.reference());
        assertEquals(List.of(at5), lenient.list(), hex);
        UnknownMptcp u = assertInstanceOf(UnknownMptcp.class, o, hex);
        assertEquals(wire, u.raw());
        assertEquals(expected.message(), u.reason());
        assertEquals(wire, MptcpCodec.encode(u, Bytes.EMPTY));
        DecodeException e = assertThrows(DecodeException.class, () -> MptcpCodec.decode(buf, 5, wire.length(),
                Diagnostics.strict()));
        assertEquals(at5, e.diagnostic());
    }

    @Test
    void cutShortBeforeTheSubtype() {
        malformed("1e", new Diagnostic(1, "mptcp.length", "cut short after the kind byte (expected: a length byte)",
                "RFC 8684 §3"));
        malformed("1e 02", new Diagnostic(1, "mptcp.length", "length 2 (expected: at least 3: kind, length, subtype)",
                "RFC 8684 §3"));
        malformed("1e 14", new Diagnostic(1, "mptcp.length", "length 20 but only 2 bytes before the end of the header",
                "RFC 8684 §3"));
    }

    @Test
    void truncatedByTheEndOfTheHeader() {
        // An MP_CAPABLE ACK whose last 14 bytes are beyond the header: kept raw.
        malformed("1e 14 01 01 87 7f", new Diagnostic(1, "mptcp.length",
                "length 20 but only 6 bytes before the end of the header", "RFC 8684 §3"));
        // A length byte below 3 with more bytes handed over.
        malformed("1e 01 01 01", new Diagnostic(1, "mptcp.length",
                "length 1 (expected: at least 3: kind, length, subtype)", "RFC 8684 §3"));
        malformed("1e 04 01 01 00 00", new Diagnostic(1, "mptcp.length",
                "length 4 but the TCP option parser gave 6 bytes", "RFC 8684 §3"));
    }

    @Test
    void lengthsThatFitNoForm() {
        malformed("1e 08 01 01 00 00 00 00", new Diagnostic(1, "mptcp.mpCapable.length",
                "length 8 fits no MP_CAPABLE form (expected: 4, 12, 20, 22 or 24)", "RFC 8684 §3.1"));
        malformed("1e 0d 11 02 83 f7 21 3a a8 86 82 67 00", new Diagnostic(1, "mptcp.mpJoin.length",
                "length 13 fits no MP_JOIN form (expected: 12, 16 or 24)", "RFC 8684 §3.2"));
        malformed("1e 0a 20 01 00 00 00 00 00 00", new Diagnostic(1, "mptcp.dss.length",
                "length 10 does not match flags 0x1 (expected: 8)", "RFC 8684 §3.3"));
        malformed("1e 0b 20 05  00 00 00 00 00 00 00",
                new Diagnostic(1, "mptcp.dss.length",
                        "length 11 does not match flags 0x5 (expected: 18 or 20 with checksum)", "RFC 8684 §3.3"));
        malformed("1e 0c 30 01 0a 00 02 02 00 00 00 00", new Diagnostic(1, "mptcp.addAddr.length",
                "length 12 fits no ADD_ADDR form (expected: 8, 10, 16, 18, 20, 22, 28 or 30)", "RFC 8684 §3.4.1"));
        malformed("1e 05 51 00 00", new Diagnostic(1, "mptcp.mpPrio.length",
                "length 5 fits no MP_PRIO form (expected: 3 or 4)", "RFC 8684 §3.3.8"));
        malformed("1e 0b 60 00 00 00 00 00 00 00 00", new Diagnostic(1, "mptcp.mpFail.length",
                "length 11 fits no MP_FAIL form (expected: 12)", "RFC 8684 §3.7"));
        malformed("1e 0d 70 00 00 00 00 00 00 00 00 00 00", new Diagnostic(1, "mptcp.mpFastclose.length",
                "length 13 fits no MP_FASTCLOSE form (expected: 12)", "RFC 8684 §3.5"));
        malformed("1e 03 20", new Diagnostic(1, "mptcp.dss.length",
                "length 3 fits no DSS form (expected: at least 4, as the flags say)", "RFC 8684 §3.3"));
        malformed("1e 03 00", new Diagnostic(1, "mptcp.mpCapable.length",
                "length 3 fits no MP_CAPABLE form (expected: 4, 12, 20, 22 or 24)", "RFC 8684 §3.1"));
        malformed("1e 03 30", new Diagnostic(1, "mptcp.addAddr.length",
                "length 3 fits no ADD_ADDR form (expected: 8, 10, 16, 18, 20, 22, 28 or 30)", "RFC 8684 §3.4.1"));
        malformed("1e 03 80", new Diagnostic(1, "mptcp.mpTcpRst.length",
                "length 3 fits no MP_TCPRST form (expected: 4)", "RFC 8684 §3.6"));
    }

    @Test
    void unassignedSubtypesAreReportedAtTheSubtypeByte() {
        for (int s = 9; s <= 14; s++) {
            malformed("1e 03 " + Integer.toHexString(s) + "0", new Diagnostic(2, "mptcp.subtype",
                    "unassigned subtype 0x" + Integer.toHexString(s), "RFC 8684 §7.2"));
        }
    }

    @Test
    void aWrongLengthSetOnPurposeIsWrittenVerbatim() {
        // The length byte is derived: AUTO computes it, a set value goes on the wire as it is.
        assertEquals(Bytes.fromHex("1e 04 01 01"), MptcpCodec.encode(MpCapable.syn(), Bytes.EMPTY));
        Bytes wrong = MptcpCodec.encode(MpCapable.syn().withLength(99), Bytes.EMPTY);
        assertEquals(Bytes.fromHex("1e 63 01 01"), wrong);
        // Read back as the TCP option parser hands it over (4 bytes left in the header): kept raw.
        Diagnostics d = Diagnostics.lenient();
        assertEquals(new UnknownMptcp(wrong, "length 99 but only 4 bytes before the end of the header"),
                MptcpCodec.decode(wrong, d));
        assertEquals(1, d.list().size());
    }

    @Test
    void theCallersMistakesThrowInAnyMode() {
        assertThrows(IllegalArgumentException.class,
                () -> MptcpCodec.decode(new byte[] {2, 4, 5, (byte) 0xb4}, 0, 4, Diagnostics.lenient()));
        assertThrows(IllegalArgumentException.class, () -> MptcpCodec.decode(new byte[] {30}, 0, 0, Diagnostics.lenient()));
        assertThrows(IndexOutOfBoundsException.class, () -> MptcpCodec.decode(new byte[] {30, 4}, 0, 4, Diagnostics.lenient()));
        assertThrows(IndexOutOfBoundsException.class, () -> MptcpCodec.encode(MpCapable.syn(), new byte[3], 0, Bytes.EMPTY));
    }
}
