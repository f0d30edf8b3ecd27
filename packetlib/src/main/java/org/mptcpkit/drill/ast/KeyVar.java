package org.mptcpkit.drill.ast;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A key variable: {@code skey} or {@code ckey=2} in {@code key[ckey=2, skey]}.
 *
 * <p>Bound by position, not by name: the fork queues every variable use in script order and the
 * executor pops them as it handles each packet's options. {@code NAME=INT} defines the value on
 * first use; the fork copies the integer into the key's memory, so on x86 {@code skey=2} goes on
 * the wire as {@code 02 00 00 00 00 00 00 00} (reference §7 quirk 1; the executor reproduces it).
 *
 * @param value the integer written after {@code =} as 64 unsigned bits, if any
 */
public record KeyVar(String name, OptionalLong value) {
    public KeyVar {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public static KeyVar of(String name) {
        return new KeyVar(name, OptionalLong.empty());
    }
}
