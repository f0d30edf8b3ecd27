package org.mptcpkit.wire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.MptcpOption;
import org.mptcpkit.packet.UnknownMptcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Property: for any kind-30 option bytes, random or mutated from real ones, lenient decoding does
 * not throw, the value encodes back to exactly the input, decoding that again gives the same
 * value, and strict decoding throws exactly when lenient decoding reported something, with the
 * same first diagnostic.
 */
class MptcpFuzzTest {
    private static final int CASES = 100_000;

    @Test
    void randomAndMutatedOptionsRoundTripExactly() throws IOException {
        long seed = 0x6d70746370L;
        SplittableRandom rnd = new SplittableRandom(seed);
        List<byte[]> seeds = new ArrayList<>();
        for (MptcpCaptureTest.Row r : MptcpCaptureTest.rows()) seeds.add(r.raw().toByteArray());
        for (String hex : List.of("1e0c0081a1b2c3d4e5f60718", "1e0e2004deadbeef0000000105dc", "1e0834050a000001",
                "1e163606fd0000000000000000000000000000011f90", "1e045107", "1e06f5deadbe", "1e0c6abc0000000000001000",
                "1e1e3007fd0000000000000000000000000000011f900102030405060708", "1e0590abcd", "1e03f0")) {
            seeds.add(Bytes.fromHex(hex).toByteArray());
        }
        int typed = 0;
        int raw = 0;
        int reported = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] b = (i & 1) == 0 ? random(rnd) : mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
            String ctx = "case " + i + " (seed " + seed + "): " + Bytes.wrap(b).hex();
            Diagnostics lenient = Diagnostics.lenient();
            MptcpOption o;
            try {
                o = MptcpCodec.decode(b, 0, b.length, lenient);
            } catch (RuntimeException e) {
                throw new AssertionError(ctx + ": lenient decode threw", e);
            }
            assertEquals(b.length, MptcpCodec.encodedLength(o), ctx);
            byte[] out = new byte[b.length + 2];
            assertEquals(b.length, MptcpCodec.encode(o, out, 1, Bytes.EMPTY), ctx);
            assertArrayEquals(b, Arrays.copyOfRange(out, 1, 1 + b.length), ctx + " -> " + o);
            assertEquals(0, out[0], ctx);
            assertEquals(0, out[b.length + 1], ctx);
            Diagnostics again = Diagnostics.lenient();
            assertEquals(o, MptcpCodec.decode(out, 1, b.length, again), ctx);
            assertEquals(lenient.list().size(), again.list().size(), ctx);
            try {
                MptcpOption s = MptcpCodec.decode(b, 0, b.length, Diagnostics.strict());
                assertTrue(lenient.isEmpty(), ctx + ": strict did not throw for " + lenient.list());
                assertEquals(o, s, ctx);
            } catch (DecodeException e) {
                assertEquals(lenient.list().getFirst(), e.diagnostic(), ctx);
            }
            if (o instanceof UnknownMptcp u) {
                raw++;
                // Unassigned subtypes and malformed options say why they were kept raw.
                assertTrue(!u.reason().isEmpty() && !lenient.isEmpty(), ctx);
            } else {
                typed++;
            }
            if (!lenient.isEmpty()) reported++;
        }
        // The generator must reach both the typed forms and the raw fallback a fair share of times.
        assertTrue(typed > CASES / 5 && raw > CASES / 5, "typed " + typed + ", raw " + raw + ", reported " + reported);
    }

    /** Valid lengths per subtype (DSS: computed from its random flags). */
    private static final int[][] LENGTHS = {
        {4, 12, 20, 22, 24}, {12, 16, 24}, {}, {8, 10, 16, 18, 20, 22, 28, 30}, {3, 4, 5, 6, 10},
        {3, 4}, {12}, {12}, {4},
    };

    /**
     * Random bytes after kind 30: half of them well-formed (a valid length for a random subtype,
     * every other bit random), half anything, with a mostly consistent length byte.
     */
    private static byte[] random(SplittableRandom rnd) {
        if (rnd.nextBoolean()) {
            int subtype = rnd.nextInt(10) == 0 ? 15 : rnd.nextInt(9);
            int flags = rnd.nextInt(256);
            int len = switch (subtype) {
                case 2 -> 4 + ((flags & 1) != 0 ? ((flags & 2) != 0 ? 8 : 4) : 0)
                        + ((flags & 4) != 0 ? ((flags & 8) != 0 ? 8 : 4) + 6 + (rnd.nextBoolean() ? 2 : 0) : 0);
                case 15 -> 3 + rnd.nextInt(20);
                default -> LENGTHS[subtype][rnd.nextInt(LENGTHS[subtype].length)];
            };
            byte[] b = new byte[len];
            for (int i = 2; i < len; i++) b[i] = (byte) rnd.nextInt(256);
            b[0] = 30;
            b[1] = (byte) len;
            b[2] = (byte) (subtype << 4 | (b[2] & 0xf));
            if (len > 3) b[3] = (byte) flags;
            return b;
        }
        int len = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(255) : 1 + rnd.nextInt(40);
        byte[] b = new byte[len];
        for (int i = 1; i < len; i++) b[i] = (byte) rnd.nextInt(256);
        b[0] = 30;
        if (len >= 2 && rnd.nextInt(4) != 0) b[1] = (byte) len;
        if (len >= 3 && rnd.nextInt(4) != 0) {
            int subtype = rnd.nextInt(10) == 0 ? 15 : rnd.nextInt(9);
            b[2] = (byte) (subtype << 4 | (rnd.nextInt(3) == 0 ? rnd.nextInt(16) : 0));
        }
        return b;
    }

    /** A real option with bit flips, a truncation, a wrong length byte or extra bytes. */
    private static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        switch (rnd.nextInt(5)) {
            case 0 -> {
                for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                    int i = 1 + rnd.nextInt(b.length - 1);
                    b[i] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, 1 + rnd.nextInt(b.length)); // cut short, length byte kept
            case 2 -> b[1] = (byte) rnd.nextInt(256);
            case 3 -> {
                int extra = 1 + rnd.nextInt(8);
                b = Arrays.copyOf(b, b.length + extra);
                for (int i = seed.length; i < b.length; i++) b[i] = (byte) rnd.nextInt(256);
                if (rnd.nextBoolean()) b[1] = (byte) b.length;
            }
            case 4 -> {
                // Flip the low nibble of the subtype byte and the flags byte: versions, reserved
                // bits, ADD_ADDR's E/IPVer, DSS flags.
                if (b.length > 2) b[2] ^= (byte) rnd.nextInt(16);
                if (b.length > 3) b[3] ^= (byte) rnd.nextInt(256);
            }
            default -> fail();
        }
        b[0] = 30;
        return b;
    }
}
