package org.mptcpkit.drill.ast;

/**
 * A GRE header as written in {@code gre flags[checksum present] sum 0 off 0 key 1 seq 2 :}.
 *
 * @param flags    the flags word (host order): C {@code 0x8000}, K {@code 0x2000}, S {@code 0x1000}
 * @param checksum u16
 * @param offset   u16
 * @param key      u32
 * @param sequence u32
 */
public record GreHeader(int flags, int checksum, int offset, long key, long sequence) {
    public static final int FLAG_CHECKSUM = 0x8000;
    public static final int FLAG_KEY = 0x2000;
    public static final int FLAG_SEQUENCE = 0x1000;
}
