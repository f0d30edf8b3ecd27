package org.mptcpkit.packet;

/**
 * The nine TCP control bits (RFC 9293 §3.1, with AE from RFC 9768 §3.1, formerly NS):
 *
 * <pre>
 *   byte 12 (low bit)   byte 13
 *  +----+    +-----+-----+-----+-----+-----+-----+-----+-----+
 *  | AE |    | CWR | ECE | URG | ACK | PSH | RST | SYN | FIN |
 *  +----+    +-----+-----+-----+-----+-----+-----+-----+-----+
 *   0x100     0x80  0x40  0x20  0x10  0x08  0x04  0x02  0x01
 * </pre>
 *
 * <p>{@link #toString()} writes tcpdump's letters in tcpdump's order ({@code F S R P . U E W e},
 * {@code .} for ACK, {@code none} for no flag): a SYN-ACK is {@code "S."}, a data segment
 * {@code "P."}. {@link #parse} reads them back. All 512 values are cached, so {@link #of(int)}
 * never allocates.
 *
 * <p>Example: {@code TcpFlags.SYN.plus(TcpFlags.ACK)} equals {@code TcpFlags.parse("S.")}.
 */
public record TcpFlags(int bits) {
    public static final int FIN_BIT = 0x001;
    public static final int SYN_BIT = 0x002;
    public static final int RST_BIT = 0x004;
    public static final int PSH_BIT = 0x008;
    public static final int ACK_BIT = 0x010;
    public static final int URG_BIT = 0x020;
    public static final int ECE_BIT = 0x040;
    public static final int CWR_BIT = 0x080;
    public static final int AE_BIT = 0x100;

    private static final TcpFlags[] CACHE = new TcpFlags[512];

    static {
        for (int i = 0; i < CACHE.length; i++) CACHE[i] = new TcpFlags(i);
    }

    public static final TcpFlags NONE = CACHE[0];
    public static final TcpFlags FIN = CACHE[FIN_BIT];
    public static final TcpFlags SYN = CACHE[SYN_BIT];
    public static final TcpFlags RST = CACHE[RST_BIT];
    public static final TcpFlags PSH = CACHE[PSH_BIT];
    public static final TcpFlags ACK = CACHE[ACK_BIT];
    public static final TcpFlags URG = CACHE[URG_BIT];
    public static final TcpFlags ECE = CACHE[ECE_BIT];
    public static final TcpFlags CWR = CACHE[CWR_BIT];
    public static final TcpFlags AE = CACHE[AE_BIT];
    public static final TcpFlags SYN_ACK = CACHE[SYN_BIT | ACK_BIT];
    public static final TcpFlags PSH_ACK = CACHE[PSH_BIT | ACK_BIT];
    public static final TcpFlags FIN_ACK = CACHE[FIN_BIT | ACK_BIT];
    public static final TcpFlags RST_ACK = CACHE[RST_BIT | ACK_BIT];

    // tcpdump's print-tcp.c tcp_flag_values order.
    private static final int[] LETTER_BITS = {FIN_BIT, SYN_BIT, RST_BIT, PSH_BIT, ACK_BIT, URG_BIT, ECE_BIT, CWR_BIT, AE_BIT};
    private static final char[] LETTERS = {'F', 'S', 'R', 'P', '.', 'U', 'E', 'W', 'e'};

    public TcpFlags {
        Field.bits("flags", bits, 9);
    }

    /** The cached value of {@code bits} (0..511). */
    public static TcpFlags of(int bits) {
        Field.bits("flags", bits, 9);
        return CACHE[bits];
    }

    /** The union of {@code flags}. */
    public static TcpFlags of(TcpFlags... flags) {
        int bits = 0;
        for (TcpFlags f : flags) bits |= f.bits;
        return CACHE[bits];
    }

    /**
     * Reads tcpdump letters in any order: {@code F S R P . U E W e} ({@code A} is accepted for ACK
     * too). {@code ""} and {@code "none"} are no flags.
     */
    public static TcpFlags parse(String letters) {
        Field.nonNull("flags", letters);
        if (letters.equals("none")) return NONE;
        int bits = 0;
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
            int bit = c == 'A' ? ACK_BIT : 0;
            for (int j = 0; j < LETTERS.length && bit == 0; j++) {
                if (LETTERS[j] == c) bit = LETTER_BITS[j];
            }
            if (bit == 0) {
                throw new IllegalArgumentException("flags: '" + c + "' in \"" + letters
                        + "\" is no tcpdump flag letter (expected: F S R P . U E W e)");
            }
            bits |= bit;
        }
        return CACHE[bits];
    }

    public boolean has(TcpFlags flags) {
        return (bits & flags.bits) == flags.bits;
    }

    public TcpFlags plus(TcpFlags flags) {
        return CACHE[bits | flags.bits];
    }

    public TcpFlags minus(TcpFlags flags) {
        return CACHE[bits & ~flags.bits];
    }

    public boolean fin() {
        return (bits & FIN_BIT) != 0;
    }

    public boolean syn() {
        return (bits & SYN_BIT) != 0;
    }

    public boolean rst() {
        return (bits & RST_BIT) != 0;
    }

    public boolean psh() {
        return (bits & PSH_BIT) != 0;
    }

    public boolean ack() {
        return (bits & ACK_BIT) != 0;
    }

    public boolean urg() {
        return (bits & URG_BIT) != 0;
    }

    public boolean ece() {
        return (bits & ECE_BIT) != 0;
    }

    public boolean cwr() {
        return (bits & CWR_BIT) != 0;
    }

    public boolean ae() {
        return (bits & AE_BIT) != 0;
    }

    /** tcpdump's letters, e.g. {@code "S."}; {@code "none"} when no bit is set. */
    @Override
    public String toString() {
        if (bits == 0) return "none";
        StringBuilder sb = new StringBuilder(9);
        for (int j = 0; j < LETTERS.length; j++) {
            if ((bits & LETTER_BITS[j]) != 0) sb.append(LETTERS[j]);
        }
        return sb.toString();
    }
}
