package org.mptcpkit.format;

/**
 * tshark's {@code -x} layout: a 4-digit hex offset, two spaces, 16 bytes in hex, three spaces
 * and the printable ASCII ({@code .} for the rest), the last line padded so the text column lines
 * up:
 * <pre>
 * 0000  45 00 00 40 e6 91 40 00 40 06 3e 24 0a 00 01 01   E..@..@.@.&gt;$....
 * </pre>
 */
final class Hexdump {
    private Hexdump() {
    }

    static void append(StringBuilder sb, byte[] b, int off, int len) {
        for (int line = 0; line < len; line += 16) {
            int n = Math.min(16, len - line);
            if (line >= 0x10000) Text.hex(sb, line, line >= 0x100000 ? 8 : 5);
            else Text.hex(sb, line, 4);
            sb.append("  ");
            for (int i = 0; i < 16; i++) {
                if (i < n) {
                    int x = b[off + line + i] & 0xff;
                    sb.append(Text.hexDigit(x >>> 4)).append(Text.hexDigit(x));
                } else {
                    sb.append("  ");
                }
                if (i < 15) sb.append(' ');
            }
            sb.append("   ");
            for (int i = 0; i < n; i++) {
                int x = b[off + line + i] & 0xff;
                sb.append(x >= 0x20 && x < 0x7f ? (char) x : '.');
            }
            sb.append('\n');
        }
    }
}
