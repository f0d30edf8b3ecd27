package org.mptcpkit.shell;

import org.mptcpkit.packet.Bytes;

/**
 * The classic hexdump: offset, 16 bytes in hex split 8+8, then the printable ASCII, the layout of
 * {@code tcpdump -X}, {@code xxd} and scapy's {@code hexdump()}, so a reader can compare them.
 *
 * <pre>
 * 0000  45 00 00 3c 1c 46 40 00  40 06 b1 e6 0a 00 00 01   E..&lt;.F@.@.......
 * </pre>
 */
final class HexDump {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private HexDump() {
    }

    static String format(Bytes bytes) {
        int n = bytes.length();
        StringBuilder sb = new StringBuilder((n / 16 + 1) * 76);
        // Four offset digits as tcpdump prints them, eight once the offsets need them.
        int top = n > 0x10000 ? 28 : 12;
        for (int row = 0; row < n; row += 16) {
            if (row > 0) sb.append('\n');
            for (int shift = top; shift >= 0; shift -= 4) sb.append(DIGITS[(row >>> shift) & 0xf]);
            sb.append(' ');
            for (int i = 0; i < 16; i++) {
                sb.append(i == 8 ? "  " : " ");
                if (row + i < n) {
                    int b = bytes.u8(row + i);
                    sb.append(DIGITS[b >>> 4]).append(DIGITS[b & 0xf]);
                } else {
                    sb.append("  ");
                }
            }
            sb.append("   ");
            for (int i = 0; i < 16 && row + i < n; i++) {
                int b = bytes.u8(row + i);
                sb.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
        }
        return sb.toString();
    }
}
